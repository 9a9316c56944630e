"""The glossary of each language: a Spanish term, how the language renders it, a note, and its
status (preferred, forbidden: flagged in a suggestion, withheld: a source offers it and we
decided not to use it). Reviewers of the language add and edit terms (audited); nothing is
deleted, a term that should no longer be used changes status. ``seed`` fills it from the
register of verified terms (``i18n.verified_terms``), idempotently: ``flask translate sync``
and ``flask demo load`` run it, so a fresh machine shows it."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..content.text import fold
from ..i18n import verified_terms
from . import checks, permissions
from .models import GlossaryTerm, TermStatus

TERM_MAX = 200
SOURCE_MAX = 300


def terms_of(language: str) -> list[GlossaryTerm]:
    """The language's terms, alphabetically (accents aside)."""
    rows = db.session.scalars(
        sa.select(GlossaryTerm).where(GlossaryTerm.language == language)
        .order_by(GlossaryTerm.term, GlossaryTerm.id)
    ).all()
    return sorted(rows, key=lambda row: (fold(row.term), row.id))


def terms_in(text: str, terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """The terms whose Spanish appears in ``text`` (whole words, case and accents aside)."""
    return [term for term in terms if checks.contains_term(text, term.term)]


def _values(term: str, translation: str, note: str, source: str) -> dict[str, str]:
    values = {"term": (term or "").strip(), "translation": (translation or "").strip(),
              "note": (note or "").strip(), "source": (source or "").strip()}
    if not values["term"]:
        raise Invalid(_("Escriba el término en español."), field="term")
    if not values["translation"]:
        raise Invalid(_("Escriba la traducción del término."), field="translation")
    for name in ("term", "translation"):
        if len(values[name]) > TERM_MAX:
            raise Invalid(_("No puede tener más de %(max)d caracteres.", max=TERM_MAX),
                          field=name)
    if len(values["source"]) > SOURCE_MAX:
        raise Invalid(_("No puede tener más de %(max)d caracteres.", max=SOURCE_MAX),
                      field="source")
    return values


def _same(language: str, term: str, translation: str, *, other_than: int | None = None
          ) -> GlossaryTerm | None:
    statement = sa.select(GlossaryTerm).where(
        GlossaryTerm.language == language, GlossaryTerm.term == term,
        GlossaryTerm.translation == translation)
    if other_than is not None:
        statement = statement.where(GlossaryTerm.id != other_than)
    return db.session.scalar(statement.limit(1))


def _snapshot(term: GlossaryTerm) -> dict[str, str]:
    return {"term": term.term, "translation": term.translation, "note": term.note,
            "status": term.status.value, "source": term.source}


def add_term(*, actor: User, language: str, term: str, translation: str, note: str = "",
             status: TermStatus, source: str = "") -> GlossaryTerm:
    enforce(permissions.glossary_refusal(actor, language))
    values = _values(term, translation, note, source)
    if _same(language, values["term"], values["translation"]) is not None:
        raise Conflict(_("El glosario ya tiene ese término con esa traducción."),
                       field="translation")
    row = GlossaryTerm(language=language, status=status, created_by_id=actor.id, **values)
    db.session.add(row)
    db.session.flush()
    record(actor=actor, action="translation.glossary_add", target=row, after=_snapshot(row))
    return row


def edit_term(*, actor: User, row: GlossaryTerm, term: str, translation: str, note: str = "",
              status: TermStatus, source: str = "") -> GlossaryTerm:
    enforce(permissions.glossary_refusal(actor, row.language))
    values = _values(term, translation, note, source)
    if _same(row.language, values["term"], values["translation"],
             other_than=row.id) is not None:
        raise Conflict(_("El glosario ya tiene ese término con esa traducción."),
                       field="translation")
    before = _snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    row.status = status
    db.session.flush()
    if _snapshot(row) != before:
        record(actor=actor, action="translation.glossary_edit", target=row, before=before,
               after=_snapshot(row))
    return row


def seed() -> int:
    """The verified terms' register in the glossaries: applied terms preferred, with their
    source; withheld ones withheld, with why as the note. Adds only what is missing (by
    language, term and translation), so it can run at every sync; flushes."""
    existing = set(db.session.execute(
        sa.select(GlossaryTerm.language, GlossaryTerm.term, GlossaryTerm.translation)).all())
    added = 0
    for terms, status in ((verified_terms.APPLIED, TermStatus.PREFERRED),
                          (verified_terms.WITHHELD, TermStatus.WITHHELD)):
        for found in terms:
            key = (found.language, found.msgid, found.msgstr)
            if key in existing:
                continue
            source = verified_terms.SOURCES[found.source]
            db.session.add(GlossaryTerm(
                language=found.language, term=found.msgid, translation=found.msgstr,
                note=found.note, status=status,
                source=f"{source.name} ({source.licence})"[:SOURCE_MAX]))
            existing.add(key)
            added += 1
    db.session.flush()
    return added
