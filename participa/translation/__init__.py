"""Translation in the app (issue 14): translators and reviewers per language, the workspace
where they suggest and review, the glossary, the translation memory, and the live catalogs
that show an approved text on the next page load of every server."""

from flask import Blueprint

from . import catalog

bp = Blueprint("translation", __name__, url_prefix="/traduccion")

# Approved texts reach every page through i18n's live catalogs.
catalog.provide()
