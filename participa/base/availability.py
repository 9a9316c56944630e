"""Whether the database answers, as far as this request knows (issue 15, item 18).

When a request meets a database that does not answer (``UNAVAILABLE``), the error handler
(``web.errors``) declares it for the rest of the request; what the answer needs besides (the
language, the signed-in person, the live catalogs) then comes from the session and from what
this process already holds, never from the database again."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, has_app_context

# What a database that is down, unreachable or out of connections raises: its driver's
# OperationalError or InterfaceError (wrapped by SQLAlchemy), a dropped pooled connection,
# or the pool's own time-out. A deadlock or a statement time-out is an OperationalError too:
# the server answered, but the answer is the same, "try again in a moment".
UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError,
               sa.exc.TimeoutError)


def declare_unavailable() -> None:
    g.database_unavailable = True


def database_unavailable() -> bool:
    return has_app_context() and bool(g.get("database_unavailable"))


def unreachable(error: BaseException) -> bool:
    """True when the database was not reached at all (no connection, or it was lost), as
    opposed to a server that answered with an error (which then has a SQLSTATE)."""
    if isinstance(error, sa.exc.DisconnectionError | sa.exc.TimeoutError):
        return True
    if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
        return True
    original = getattr(error, "orig", None)
    return getattr(original, "sqlstate", None) is None


def summary(error: BaseException) -> str:
    """The driver's own first line about the failure, bounded: what the log keeps."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    text = lines[0] if lines else ""
    return f"{type(original).__name__}: {text[:300]}"
