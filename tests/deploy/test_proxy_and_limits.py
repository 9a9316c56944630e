"""Production settings around the rate limits. Behind a reverse proxy (PROXY_COUNT) the
client's address is the one the proxy puts in X-Forwarded-For, so per-address limits apply
to each client and not to the proxy; without a proxy the header is ignored, so a client
cannot choose its own address. A Redis that stops answering does not take the site down."""

from __future__ import annotations

import socket

import pytest

from participa.base.extensions import limiter

SIGNUP_LIMIT = 10  # sign-up posts per address and hour (participa/accounts/views.py)
PROXY = {"REMOTE_ADDR": "127.0.0.1"}


def _signup(client, address: str) -> int:
    return client.post("/cuenta/registro", data={}, headers={"X-Forwarded-For": address},
                       environ_base=PROXY).status_code


@pytest.mark.parametrize("app_config", [{"PROXY_COUNT": 1}])
def test_behind_a_proxy_each_client_has_its_own_limit(client):
    assert [_signup(client, "203.0.113.7") for _ in range(SIGNUP_LIMIT)] == [422] * SIGNUP_LIMIT
    assert _signup(client, "203.0.113.7") == 429
    assert _signup(client, "198.51.100.20") == 422


def test_without_a_proxy_the_header_is_ignored(client):
    for _ in range(SIGNUP_LIMIT):
        _signup(client, "203.0.113.7")
    assert _signup(client, "198.51.100.20") == 429


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down():
    """The limiter is one object for every app of the test session: put back its state."""
    yield
    limiter._storage_dead = False


@pytest.mark.parametrize("app_config", [
    {"RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{_closed_port()}/0"}])
def test_a_redis_that_stops_answering_does_not_take_the_site_down(client, redis_down):
    statuses = [client.post("/cuenta/registro", data={}).status_code
                for _ in range(SIGNUP_LIMIT + 1)]
    # Counted in memory meanwhile: the limit still holds.
    assert statuses == [422] * SIGNUP_LIMIT + [429]
