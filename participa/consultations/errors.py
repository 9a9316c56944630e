"""A refused action outside its phase answers 409 with the translated reason (HTML or JSON),
wherever it is raised: the handler is registered on the app by the blueprint."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from ..extensions import db
from .phases import PhaseClosed

CONFLICT = 409


def phase_closed(error: PhaseClosed):
    db.session.rollback()
    title = _("Esta fase de la consulta no está abierta")
    message = str(error)
    if request.accept_mimetypes.best == "application/json":
        return {"error": CONFLICT, "title": title, "message": message}, CONFLICT
    return render_template(
        "errors/error.html", code=CONFLICT, title=title, explanation=message
    ), CONFLICT
