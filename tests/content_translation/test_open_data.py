"""The language of what people write in the open data and the lists (issue 18, items 1 and
3): the proposals' API field and filter, the list's filter, the translations' API with their
languages and credits, the consideration report's language and "read in translation"."""

from __future__ import annotations

import csv
import io

import pytest

from participa.base.extensions import db
from participa.consultations.models import PhaseKind
from participa.content_translation import services

from ..factories import login, make_open_round, make_proposal, make_user
from ..pages import html

FAKE = {"title": "=[prueba es] Título", "problem": "[prueba es] Problema",
        "proposed_commitment": "[prueba es] Compromiso", "benefit": "[prueba es] Beneficio"}


@pytest.fixture
def world(app):
    with app.app_context():
        round_ = make_open_round(PhaseKind.REVIEW)
        spanish = make_proposal(round_, title="Propuesta en español")
        kiche = make_proposal(round_, title="[prueba quc] Propuesta")
        kiche.language = "quc"
        db.session.commit()
        translator = make_user(name="Traductora", translates=("quc",))
        reviewer = make_user(name="Revisora", reviews=("quc",))
        translation = services.deliver_translation(
            translator=translator, kind="proposal", item_id=kiche.id, language="es",
            texts=FAKE)
        services.review_translation(reviewer=reviewer, translation=translation, approve=True)
        db.session.commit()
        make_user(email_address="mtga@example.org", is_moderator=True)
        return {"round": round_.id, "spanish": spanish.id, "kiche": kiche.id}


def test_the_proposals_api_says_and_filters_the_language(client, world):
    data = client.get(f"/api/v1/rounds/{world['round']}/proposals").get_json()["data"]
    assert {p["id"]: p["language"] for p in data} == {world["spanish"]: "es",
                                                      world["kiche"]: "quc"}
    only = client.get(f"/api/v1/rounds/{world['round']}/proposals?language=quc").get_json()
    assert [p["id"] for p in only["data"]] == [world["kiche"]]
    assert client.get(f"/api/v1/rounds/{world['round']}/proposals?language=xx"
                      ).status_code == 400
    text = client.get(f"/api/v1/rounds/{world['round']}/proposals.csv").get_data(as_text=True)
    assert "language" in text.splitlines()[0]


def test_the_list_filters_by_language(client, world):
    page = html(client.get(f"/consultas/{world['round']}/propuestas?language=quc"))
    assert "[prueba quc] Propuesta" in page and "Propuesta en español" not in page
    assert '<label for="language">Idioma en que se escribió</label>' in page


def test_the_mtga_workspace_filters_by_language(client, world):
    login(client, "mtga@example.org")
    page = html(client.get(f"/moderacion/consultas/{world['round']}?language=quc"))
    assert "[prueba quc] Propuesta" in page and "Propuesta en español" not in page
    assert "traducida al español" in page


def test_the_translations_api_with_languages_and_credits(client, world):
    [row] = client.get("/api/v1/translations").get_json()["data"]
    assert row["kind"] == "proposal" and row["item_id"] == world["kiche"]
    assert (row["source_language"], row["language"]) == ("quc", "es")
    assert (row["translator"], row["reviewer"]) == ("Traductora", "Revisora")
    assert row["texts"]["problem"] == "[prueba es] Problema"
    assert row["outdated"] is False
    assert client.get("/api/v1/translations?language=quc").get_json()["data"] == []
    assert client.get("/api/v1/translations?kind=nada").status_code == 400
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/v1/translations.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0]["translator"] == "Traductora"
    # The texts as one JSON object: a cell that never starts a formula, even when a text
    # starts with "=".
    assert rows[0]["texts"].startswith("{") and '"title": "=[prueba es]' in rows[0]["texts"]


def test_the_report_says_the_language_and_whether_the_mtga_read_it_in_translation(
        client, world):
    page = html(client.get(f"/consultas/{world['round']}/informe"))
    assert "La MTGA la leyó en traducción al español." in page
    rows = {r["reference"]: r for r in csv.DictReader(io.StringIO(
        client.get(f"/consultas/{world['round']}/informe.csv").get_data(as_text=True)
        .lstrip("\ufeff")))}
    assert sorted((r["language"], r["read_in_translation"]) for r in rows.values()) == [
        ("es", "false"), ("quc", "true")]
