"""A person's own data: "Descargar mis datos" on the account pages (ASVS 14.2.4)."""

from flask import Blueprint

bp = Blueprint("personal_data", __name__, url_prefix="/cuenta/mis-datos")

from . import views  # noqa: E402,F401
