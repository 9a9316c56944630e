"""Reads skip Flask-Limiter except on the endpoints limited on reads
(``extensions.READ_LIMITED_ENDPOINTS``): that list must name exactly the views whose limits
apply to GET, or a limit added on a read would silently never apply."""

from __future__ import annotations

from flask_limiter.util import get_qualified_name

from participa.base.extensions import READ_LIMITED_ENDPOINTS, db, limiter

from .factories import make_open_round


def _limits_on_reads(app) -> set[str]:
    manager = limiter.limit_manager
    by_name = {get_qualified_name(view): endpoint
               for endpoint, view in app.view_functions.items()}
    endpoints = set()
    for name, limits in manager._decorated_limits.items():
        if any(not limit.methods or "get" in limit.methods for limit in limits):
            endpoints.add(by_name[name])
    return endpoints


def test_the_read_limited_endpoints_are_exactly_those_with_limits_on_get(app):
    assert _limits_on_reads(app) == READ_LIMITED_ENDPOINTS
    # Limits that would apply to every view: the filter would skip them on reads.
    assert not limiter.limit_manager.default_limits
    assert not limiter.limit_manager.application_limits
    assert not any(limiter.limit_manager._blueprint_limits.values())


def test_the_read_limited_endpoint_is_still_limited(app, client):
    with app.app_context():
        round_id = make_open_round().id
        db.session.commit()
    url = f"/consultas/{round_id}/propuestas/similares?titulo=agua"
    answers = [client.get(url).status_code for _ in range(121)]
    assert answers[:120] == [200] * 120
    assert answers[120] == 429
