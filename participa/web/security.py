"""Security headers (a CSP without nonces: every script and style is a file of ours, so a
page is the same for every visitor and a proxy may keep it), session timeouts, safe
redirects, and the reverse proxies trusted for the client's address."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, g, request, session
from flask_login import current_user, logout_user
from werkzeug.middleware.proxy_fix import ProxyFix

from . import caching
from .request import Request

SESSION_STARTED = "_started"
SESSION_SEEN = "_seen"


# SECURITY.md "Headers". No nonce: a nonce differs in each answer, and a page that a proxy
# keeps for every visitor must be the same for all (SECURITY.md "Anonymous caching"). Our
# scripts and styles are files (``'self'``); an inline one would need its hash here.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)

# No page uses the camera, the microphone, the position or payments; the forms that take a
# recording let this site use the microphone (``MICROPHONE_POLICY``, recordings).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
MICROPHONE_POLICY = "camera=(), microphone=(self), geolocation=(), payment=()"


def safe_next(target: str | None, default: str) -> str:
    """Only a path of our own site: no scheme, no host, no protocol-relative or backslash
    tricks, no control characters."""
    if not target or len(target) > 2000:
        return default
    if any(ord(ch) < 32 or ch == "\\" for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


def never_cache(bp: Blueprint) -> None:
    """Every answer of ``bp`` is never stored by a browser or a proxy (pages that hold
    unpublished work, reports or hidden content), signed in or not."""
    bp.after_request(_no_store)


def register(app: Flask) -> None:
    app.request_class = Request
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        # Behind nginx (and perhaps a load balancer): the client's address (rate limits, the
        # audit log) and the scheme come from the proxies' X-Forwarded-For and -Proto, trusted
        # for that many hops only, so a client cannot pick its own address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    @app.before_request
    def refuse_malformed_query() -> None:
        """The query string must be UTF-8 (``web.request.Request`` tells when a raw byte was
        not), and no query parameter may carry a NUL: PostgreSQL refuses it in any string."""
        if getattr(request, "malformed_query", False):
            abort(400)
        if any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
            abort(400)

    @app.before_request
    def enforce_session_timeouts() -> None:
        if not current_user.is_authenticated:
            return
        now = int(time.time())
        started = session.get(SESSION_STARTED)
        seen = session.get(SESSION_SEEN)
        too_old = started is not None and now - started > app.config["SESSION_ABSOLUTE_SECONDS"]
        too_idle = seen is not None and now - seen > app.config["SESSION_IDLE_SECONDS"]
        if too_old or too_idle:
            logout_user()
            session.clear()
            g.session_expired = True
            return
        session.setdefault(SESSION_STARTED, now)
        if seen is None or now - seen > 60:
            session[SESSION_SEEN] = now

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if "Permissions-Policy" not in headers:  # a page that records sets its own
            headers["Permissions-Policy"] = PERMISSIONS_POLICY
        if app.config["PRODUCTION"]:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if request.endpoint == "static":
            return response  # our own files, the same for everyone: see static_files.py
        if response.cache_control.public:
            # A view that declared its answer public (a public uploaded file: files.views)
            # answers the same to everyone, signed in or not, whatever the cookie says.
            return response
        if current_user and current_user.is_authenticated:
            headers["Cache-Control"] = "no-store"
        else:
            caching.for_anonymous(response)
        # The language (its cookie, else Accept-Language) and the signed-in state (the
        # session and remember cookies) change the page: HTTP names no single cookie.
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
        return response
