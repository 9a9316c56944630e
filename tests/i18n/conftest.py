"""Compile the catalogs into place once per session, so the i18n tests do not depend on a
previous ``flask translate compile`` (``make test`` runs it too; the .mo files are ignored by
git)."""

from __future__ import annotations

import click
import pytest

from participa.base.config import Defaults
from participa.i18n import cli as translate_cli
from participa.i18n import languages

# The languages enabled by default, without Spanish (the source language): the catalogs.
CATALOG_LANGUAGES = [code for code in Defaults.LANGUAGES if code != "es"]
# Those Babel knows only as aliases of es_GT (every one but English): Guatemalan formats.
ALIAS_LANGUAGES = [code for code in CATALOG_LANGUAGES if languages.get(code).es_gt_alias]
# Those only verified terms and human translators fill (every one but English).
VERIFIED_ONLY_LANGUAGES = [code for code in CATALOG_LANGUAGES
                           if not languages.get(code).written_by_the_project]


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    for code in CATALOG_LANGUAGES:
        # A missing or broken catalog is reported by test_catalogs.py, one test at a time.
        if translate_cli.catalog_path(code).exists():
            try:
                translate_cli.compile_catalog(code)
            except click.ClickException:
                pass
