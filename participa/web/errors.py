"""Translated error pages; JSON for JSON clients. One handler answers every domain error
(``base.errors``): it rolls back and answers with the error's status, title and message.
A query parameter at fault (``web.args.InvalidParameter``) is named in JSON answers when its
name is plain; any other is not repeated."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..base.errors import DomainError
from ..base.extensions import db
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
}

CSRF_EXPLANATION = _l(
    "El formulario caducó o no se envió desde esta página. Vuelva atrás, recargue la página e "
    "inténtelo de nuevo."
)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(code: int, explanation: object | None = None, *, title: object | None = None):
    title = str(title or TITLES.get(code, TITLES[400]))
    text = str(explanation or EXPLANATIONS.get(code, EXPLANATIONS[400]))
    if wants_json():
        return {"error": code, "title": title, "message": text}, code
    return render_template("errors/error.html", code=code, title=title, explanation=text), code


def register(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        return render_error(error.status, str(error), title=error.title)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # noqa: ARG001
        return render_error(400, CSRF_EXPLANATION)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if code < 400:
            return error
        if isinstance(error, InvalidParameter) and error.parameter and wants_json():
            body, status = render_error(400, _(
                "El parámetro «%(name)s» no es válido aquí o su valor no es válido.",
                name=error.parameter,
            ))
            return {**body, "parameter": error.parameter}, status
        response = render_error(code if code in TITLES else 400)
        if code == 405 and getattr(error, "valid_methods", None):
            body, status = response
            return body, status, {"Allow": ", ".join(error.valid_methods)}
        return response

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError):
        original = getattr(error, "original_exception", None)
        if original is not None:
            log.exception("unhandled error", exc_info=original)
        db.session.rollback()
        return render_error(500)
