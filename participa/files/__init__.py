"""Uploaded files (evidence of a commitment's progress, the MTGA's documents, recordings):
stored once per content in the database, typed from their bytes, served with ranges to
whoever the owning feature lets see them. See models, sniffing, services, registry, views."""

from flask import Blueprint

bp = Blueprint("files", __name__)

from . import views  # noqa: E402, F401  (its routes)
