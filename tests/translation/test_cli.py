"""``flask translate grant | sync | export | import``: who translates, the template in the
database, a release carrying the approved texts with their translators credited, and a
catalog made offline taken as suggestions through the same checks."""

from __future__ import annotations

from io import BytesIO

import sqlalchemy as sa
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from participa.base.extensions import db
from participa.i18n import cli as translate_cli
from participa.translation import services
from participa.translation.models import Origin, Suggestion, SuggestionStatus, TranslatorRole
from tests.factories import make_user

from .helpers import message_for


def invoke(runner, *args):
    result = runner.invoke(args=["translate", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_grant_revoke_and_sync(app, runner, copy):
    with app.app_context():
        person_id = make_user(email_address="ana@example.org").id
    assert "quc (review)" in invoke(runner, "grant", "ana@example.org", "quc", "--review")
    assert "added" in invoke(runner, "sync")
    with app.app_context():
        role = db.session.scalar(sa.select(TranslatorRole).where(
            TranslatorRole.user_id == person_id))
        assert role.can_review and role.is_active
        assert message_for("Consultas").locations
    invoke(runner, "revoke", "ana@example.org", "quc")
    result = runner.invoke(args=["translate", "grant", "nadie@example.org", "quc"])
    assert result.exit_code != 0


def test_export_writes_approved_texts_with_credit_and_they_compile(app, runner, copy):
    invoke(runner, "sync")
    with app.app_context():
        admin = make_user(is_admin=True)
        translator = make_user(name="Ana Traductora")
        reviewer = make_user(name="Berta Revisora")
        services.grant(actor=admin, user=translator, language="quc")
        services.grant(actor=admin, user=reviewer, language="quc", can_review=True)
        suggestion = services.suggest(author=translator, message=message_for("Consultas"),
                                      language="quc", forms=["[quc] Consultas"])
        services.approve(reviewer=reviewer, suggestion=suggestion)
        db.session.commit()
    output = invoke(runner, "export", "--language", "quc")
    assert "1 approved texts written" in output
    text = translate_cli.catalog_path("quc").read_text(encoding="utf-8")
    assert "# - Ana Traductora" in text and "# - Berta Revisora" in text
    with translate_cli.catalog_path("quc").open("rb") as handle:
        entry = read_po(handle, locale="quc").get("Consultas")
    assert entry.string == "[quc] Consultas"
    assert entry.user_comments[-3].startswith(translate_cli.APPROVAL_TAG)
    assert entry.user_comments[-2:] == ["Traducción: Ana Traductora", "Revisión: Berta Revisora"]
    # A release keeps it: update re-applies the verified terms without touching it, compile
    # accepts it.
    invoke(runner, "update")
    with translate_cli.catalog_path("quc").open("rb") as handle:
        assert read_po(handle, locale="quc").get("Consultas").string == "[quc] Consultas"
    invoke(runner, "compile")


def _po(entries) -> bytes:
    catalog = Catalog(locale="quc")
    for msgid, string, flags in entries:
        catalog.add(msgid, string, flags=flags)
    buffer = BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def test_import_takes_a_po_file_as_suggestions_through_the_checks(app, runner, copy, tmp_path):
    with app.app_context():
        make_user(email_address="ana@example.org")
    invoke(runner, "grant", "ana@example.org", "quc")
    path = tmp_path / "quc-offline.po"
    path.write_bytes(_po([
        ("Consultas", "[quc] Consultas", ()),
        ("%(name)s quedó verificada.", "[quc] sin marcador", ()),
        ("Planes", "[quc] Planes", ("fuzzy",)),
        ("No existe en la plantilla", "[quc] x", ()),
    ]))
    output = invoke(runner, "import", str(path), "--language", "quc", "--as", "ana@example.org")
    assert "2 suggestions added" in output
    assert "1 not in the template" in output and "1 refused" in output
    with app.app_context():
        rows = db.session.scalars(sa.select(Suggestion).order_by(Suggestion.id)).all()
        assert [(r.forms, r.origin, r.origin_detail, r.status) for r in rows] == [
            (["[quc] Consultas"], Origin.FILE, "quc-offline.po", SuggestionStatus.PENDING),
            (["[quc] Planes"], Origin.FILE, "quc-offline.po", SuggestionStatus.PENDING),
        ]
        assert not rows[0].is_outdated and rows[1].is_outdated
    # Importing the same file again adds nothing.
    assert "0 suggestions added" in invoke(runner, "import", str(path), "--language", "quc",
                                           "--as", "ana@example.org")
