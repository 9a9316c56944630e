"""Keys and shared limits for Flask-Limiter beyond the client address.

Participation (publishing a proposal, commenting, supporting, voting, reporting) is limited
twice: per person (``user:<id>``) and per address, each with its own configurable limit
(``RATELIMIT_<KIND>`` and ``RATELIMIT_<KIND>_PER_ADDRESS`` in ``participa/base/config.py``), read
at every request so an instance or a test can change it. Beyond a limit the request answers
429 with the translated error page.

    from ..ratelimits import participation_limits

    @bp.route("/denunciar", methods=["POST"])
    @login_required
    @participation_limits("reports")
    def report(): ...
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from ..base.extensions import limiter

KINDS = ("proposals", "comments", "supports", "votes", "reports")

F = TypeVar("F", bound=Callable)


def email_key() -> str:
    """The e-mail address posted in the form (hashed: the key store holds no addresses)."""
    email = (request.form.get("email") or "").strip().lower()
    return "email:" + hashlib.sha256(email.encode("utf-8")).hexdigest()[:32]


def user_key() -> str:
    """Per person when signed in (many people may share one address), else the address."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return "address:" + get_remote_address()


def address_key() -> str:
    return "address:" + get_remote_address()


def _configured(name: str) -> Callable[[], str]:
    def limit() -> str:
        return current_app.config[name]

    return limit


def participation_limits(
    kind: str, *, methods: tuple[str, ...] = ("POST",),
    exempt_when: Callable[[], bool] | None = None,
) -> Callable[[F], F]:
    """Both limits of ``kind`` (one of ``KINDS``) on a view; views decorated with the same
    kind share the budget (supporting and withdrawing a support, for instance)."""
    if kind not in KINDS:
        raise ValueError(f"unknown participation kind {kind!r}")
    name = f"RATELIMIT_{kind.upper()}"
    per_person = limiter.shared_limit(
        _configured(name), scope=f"{kind}-person", key_func=user_key,
        methods=list(methods), exempt_when=exempt_when,
    )
    per_address = limiter.shared_limit(
        _configured(f"{name}_PER_ADDRESS"), scope=f"{kind}-address", key_func=address_key,
        methods=list(methods), exempt_when=exempt_when,
    )

    def decorate(view: F) -> F:
        return per_person(per_address(view))

    return decorate
