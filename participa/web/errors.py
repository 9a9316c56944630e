"""Translated error pages; JSON for JSON clients. One handler answers every domain error
(``base.errors``): it rolls back and answers with the error's status, title and message.
A query parameter at fault (``web.args.InvalidParameter``) is named in JSON answers when its
name is plain; any other is not repeated. A refusal's page leads back to what the request was
about (a proposal, a round: ``back_link``, registered by the features), not only home.

A database that does not answer (``base.availability``) gets a 503 that needs no database:
the person is not read again (the page shows as to a visitor, in the language her session
remembers), and the log gets one line per failed request instead of its tracebacks."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import Flask, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from ..base import availability
from ..base.errors import DomainError
from ..base.extensions import db, login_manager
from ..i18n.selection import interface_language
from .args import InvalidParameter

log = logging.getLogger(__name__)

TITLES = {
    400: _l("Solicitud no válida"),
    401: _l("Inicie sesión para continuar"),
    403: _l("No tiene permiso para ver esta página"),
    404: _l("Página no encontrada"),
    405: _l("Esa acción no está permitida aquí"),
    409: _l("Alguien más cambió esto"),
    413: _l("Lo que envió es demasiado grande"),
    422: _l("Revise los datos del formulario"),
    429: _l("Demasiados intentos"),
    500: _l("Algo salió mal de nuestro lado"),
    503: _l("Participa no está disponible por un momento"),
}

EXPLANATIONS = {
    400: _l("No pudimos entender lo que envió. Vuelva a la página anterior e inténtelo de nuevo."),
    401: _l("Para hacer esto necesita iniciar sesión."),
    403: _l(
        "Su cuenta no tiene permiso para hacer esto. "
        "Si cree que es un error, escriba a la Mesa Técnica de Gobierno Abierto."
    ),
    404: _l(
        "La dirección no existe o la página fue retirada. "
        "Revise el enlace o vuelva al inicio."
    ),
    405: _l("Esta dirección no acepta ese tipo de solicitud. Vuelva a la página anterior."),
    409: _l(
        "Otra persona guardó cambios antes que usted. "
        "Sus cambios no se perdieron: revíselos y vuelva a guardar."
    ),
    413: _l(
        "El envío supera el tamaño permitido. "
        "Reduzca el texto o el archivo e inténtelo de nuevo."
    ),
    422: _l("Algunos datos no son válidos. Corríjalos e inténtelo de nuevo."),
    429: _l(
        "Hizo demasiadas solicitudes en poco tiempo. "
        "Espere unos minutos e inténtelo de nuevo."
    ),
    500: _l("Ocurrió un error inesperado. Ya quedó registrado. Inténtelo de nuevo más tarde."),
    503: _l(
        "Tenemos un problema técnico pasajero y no pudimos atender su solicitud. "
        "Inténtelo de nuevo en unos minutos."
    ),
}

# Seconds a client is asked to wait before trying again while the database does not answer.
RETRY_AFTER = 30

CSRF_EXPLANATION = _l(
    "El formulario caducó o no se envió desde esta página. Vuelva atrás, recargue la página e "
    "inténtelo de nuevo."
)


# (view argument, endpoint, link text): a refusal of a request whose address names the view
# argument leads back to that endpoint's page, the first registered that fits.
_BACK_LINKS: list[tuple[str, str, object]] = []


def back_link(view_arg: str, endpoint: str, text: object) -> None:
    """Register where a refusal's page leads back to when the request's address has
    ``view_arg`` (the endpoint takes the same argument): ``back_link("round_id",
    "consultations.show", _l("Volver a la consulta"))``."""
    _BACK_LINKS.append((view_arg, endpoint, text))


def _back() -> tuple[str, str] | None:
    view_args = request.view_args or {}
    for name, endpoint, text in _BACK_LINKS:
        if name in view_args:
            return url_for(endpoint, **{name: view_args[name]}), str(text)
    return None


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, explanation: object | None = None, *, title: object | None = None,
                 back: tuple[str, str] | None = None):
    title = str(title or TITLES.get(code, TITLES[400]))
    text = str(explanation or EXPLANATIONS.get(code, EXPLANATIONS[400]))
    if wants_json():
        return {"error": code, "title": title, "message": text}, code
    return render_template("errors/error.html", code=code, title=title, explanation=text,
                           back=back), code


def register(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        back = _back() if error.status in (403, 409, 422) else None
        return render_error(error.status, str(error), title=error.title, back=back)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # noqa: ARG001
        return render_error(400, CSRF_EXPLANATION)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if code < 400:
            return error
        explanation = error.explanation if isinstance(error, InvalidParameter) else None
        if isinstance(error, InvalidParameter) and error.parameter and wants_json():
            body, status = render_error(400, explanation or _(
                "El parámetro «%(name)s» no es válido aquí o su valor no es válido.",
                name=error.parameter,
            ))
            return {**body, "parameter": error.parameter}, status
        if explanation is not None:
            return render_error(400, explanation)
        response = render_error(code if code in TITLES else 400)
        if code == 405 and getattr(error, "valid_methods", None):
            body, status = response
            return body, status, {"Allow": ", ".join(error.valid_methods)}
        return response

    for unavailable in availability.UNAVAILABLE:
        app.register_error_handler(unavailable, database_unavailable)

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):
        original = getattr(error, "original_exception", None)
        if original is not None:
            log.exception("unhandled error", exc_info=original)
        db.session.rollback()
        return render_error(500)


def database_unavailable(error: sa.exc.SQLAlchemyError):
    """A 503 rendered without the database: the signed-in person is not read again (her row,
    expired by the rollback, would be), so the page shows as to a visitor, in her language
    (``i18n.selection`` remembers it in the session). One line in the log when the database
    was not reached; a server's own error (a deadlock, a time-out) keeps its traceback."""
    availability.declare_unavailable()
    g._login_user = login_manager.anonymous_user()
    try:
        db.session.rollback()
    except sa.exc.SQLAlchemyError:
        pass
    if availability.unreachable(error):
        log.error("database unavailable: %s %s: %s", request.method, request.path,
                  availability.summary(error))
    else:
        log.error("database error: %s %s", request.method, request.path, exc_info=error)
    headers = {"Retry-After": str(RETRY_AFTER), "Cache-Control": "no-store"}
    try:
        body, status = render_error(503)
    except sa.exc.SQLAlchemyError:
        # Whatever the page asked for met the database again: the bare message, still in the
        # person's language and in the client's format.
        title, text = str(TITLES[503]), str(EXPLANATIONS[503])
        if wants_json():
            body, status = {"error": 503, "title": title, "message": text}, 503
        else:
            body = (f'<!doctype html><html lang="{escape(interface_language())}">'
                    f"<title>{escape(title)}</title><h1>{escape(title)}</h1>"
                    f"<p>{escape(text)}</p></html>")
            status = 503
    return body, status, headers
