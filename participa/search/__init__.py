"""The site-wide search (issue 17, item 5): proposals of every round, commitments, plans and
organisations, with one box in every page's header. Above every feature: it reads their
models and visibility rules; nothing imports it."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from . import views  # noqa: E402,F401
