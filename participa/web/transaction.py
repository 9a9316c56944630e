"""One transaction boundary for every request (after Indico's ``RH.process``).

Services flush and never commit. After a view returns, a request that may write (any method
but GET, HEAD and OPTIONS) commits when the answer is a success or a redirect, and rolls back
when it is an error (a form sent back with its errors, a refusal). A domain error raised
anywhere in the view is answered by the app-wide handler (``web.errors``), which rolls back.
A view commits early itself only where it must: before it sends an account's mail about what
it saved, or when it keeps something although it refuses (a failed log-in counts towards the
lock-out). Notification e-mail goes to the outbox in the same transaction
(``notifications.outbox``).
"""

from __future__ import annotations

from flask import Flask, request
from flask.typing import ResponseReturnValue

from ..base.extensions import db

READ_ONLY = frozenset({"GET", "HEAD", "OPTIONS"})


class Participa(Flask):
    def dispatch_request(self) -> ResponseReturnValue:  # type: ignore[override]
        response = self.make_response(super().dispatch_request())
        if request.method not in READ_ONLY:
            if response.status_code < 400:
                db.session.commit()
            else:
                db.session.rollback()
        return response
