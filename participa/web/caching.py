"""What a proxy and a browser may keep of an answer to a visitor who has not signed in
(issue 20; SECURITY.md "Anonymous caching").

A page read with GET by someone not signed in is the same for every visitor who asks the same
address in the same language, unless something of hers went into it or with it: a session
written (a form's CSRF secret, a message flashed for her, a session that timed out), a CSRF
token in the page, or a cookie set. Those answers are ``private, no-store``; the others are
``public, max-age=PUBLIC_CACHE_SECONDS`` with an ``ETag`` (a digest of the page) and a
``Last-Modified``, and a revalidation that matches gets ``304 Not Modified`` without the
page. Signed-in answers stay ``no-store`` (``security``), and a view or blueprint that set its
own ``Cache-Control`` (``security.never_cache``) keeps it.

The ETag decides a revalidation (If-None-Match is compared before If-Modified-Since). The
app does not know when what a page shows last changed, so Last-Modified is the second the
page was made: a revalidation by date alone is answered 304 only for a copy made that same
second, within the lifetime the answer allowed anyway."""

from __future__ import annotations

from flask import Response, current_app, g, request, session

from ..base.time import utcnow
from ..i18n.selection import sets_language_cookie

READ_METHODS = frozenset({"GET", "HEAD"})
PRIVATE = "private, no-store"


def is_personal(response: Response) -> bool:
    """Whether this answer holds or sets something of the visitor who asked."""
    return bool(session.modified or g.get("csrf_token") is not None
                or sets_language_cookie() or response.headers.getlist("Set-Cookie"))


def is_public(response: Response) -> bool:
    """Whether ``response`` (already through ``for_anonymous``) may be kept by a proxy."""
    return "public" in response.headers.get("Cache-Control", "")


def for_anonymous(response: Response) -> None:
    """The cache headers of an answer to a visitor who has not signed in."""
    if request.method not in READ_METHODS or "Cache-Control" in response.headers:
        return
    if is_personal(response):
        response.headers["Cache-Control"] = PRIVATE
        return
    if response.status_code != 200 or response.is_streamed or response.direct_passthrough:
        return
    seconds = int(current_app.config["PUBLIC_CACHE_SECONDS"])
    if seconds > 0:
        response.headers["Cache-Control"] = f"public, max-age={seconds}"
    else:
        response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    response.last_modified = utcnow().replace(microsecond=0)
    response.make_conditional(request)
