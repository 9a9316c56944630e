"""Full-text search of proposals: accents, case and the three apostrophes do not matter, the
last word is a prefix, search syntax typed by a person is only text, the index follows every
change made through the ORM, and migrated databases search like created ones."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from participa.base.extensions import db
from participa.proposals.models import Proposal, ProposalStatus
from participa.proposals.queries import search

from ..conftest import DBS, create_pg_database, drop_pg_database, make_app
from ..factories import make_user
from .listing_data import make_listing_round, make_proposal_row


def found(round_, query_text: str, **where) -> set[int]:
    statement = sa.select(Proposal.id).where(Proposal.round_id == round_.id)
    for name, value in where.items():
        statement = statement.where(getattr(Proposal, name) == value)
    return set(db.session.scalars(search.matching(statement, query_text)))


def listed(client, round_id: int, **params) -> list[int]:
    response = client.get(f"/api/v1/rounds/{round_id}/proposals", query_string=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json["data"]]


# The query language we build -------------------------------------------------------------------


def test_words_are_folded_plain_words():
    assert search.words("  Información PÚBLICA, k'iche' ") == ["informacion", "publica", "kiche"]
    assert search.words('"NEAR( a* -b :c') == ["near", "a", "b", "c"]
    assert search.words("snake_case") == ["snake", "case"]
    assert search.words("") == []
    assert search.words(None) == []
    assert search.words("* - : ( ) \" ' ’ ʼ") == []
    assert len(search.words("palabra " * 50)) == search.MAX_WORDS


def test_every_word_is_quoted_and_the_last_is_a_prefix():
    assert search.fts5_query(["acceso", "informacion"]) == '"acceso" "informacion"*'
    assert search.fts5_query(["a", "b"], any_word=True, prefix="none") == '"a" OR "b"'
    assert search.fts5_query(["a", "b"], prefix="every") == '"a"* "b"*'
    assert search.tsquery(["acceso", "informacion"]) == "'acceso' & 'informacion':*"
    assert search.tsquery(["a", "b"], any_word=True, prefix="none") == "'a' | 'b'"
    assert search.tsquery(["a", "b"], prefix="every") == "'a':* & 'b':*"
    with pytest.raises(ValueError):
        search.fts5_query(["a"], prefix="yes")


# Matching ---------------------------------------------------------------------------------------


def test_accents_do_not_matter_either_way(db_session):
    round_, _axes = make_listing_round()
    accented = make_proposal_row(round_, title="Acceso a la información pública")
    plain = make_proposal_row(round_, title="Informacion municipal en linea")
    other = make_proposal_row(round_, title="Presupuesto abierto")
    assert found(round_, "informacion") == {accented.id, plain.id}
    assert found(round_, "información") == {accented.id, plain.id}
    assert found(round_, "publica") == {accented.id}
    assert found(round_, "MUNICIPAL en LÍNEA") == {plain.id}
    assert other.id not in found(round_, "información")


def test_case_does_not_matter(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(round_, title="TRANSPARENCIA en las Compras")
    assert found(round_, "transparencia") == {proposal.id}
    assert found(round_, "Transparencia COMPRAS") == {proposal.id}


APOSTROPHES = ["k'iche'", "k\u2019iche\u2019", "k\u02bciche\u02bc", "kiche"]


def test_the_three_apostrophes_and_none_match_each_other(db_session):
    round_, _axes = make_listing_round()
    ids = {
        make_proposal_row(round_, title=f"Traducción de trámites al {spelling}").id
        for spelling in APOSTROPHES
    }
    make_proposal_row(round_, title="Traducción de trámites al mam")
    for spelling in APOSTROPHES:
        assert found(round_, spelling) == ids, spelling
        assert found(round_, spelling.upper()) == ids, spelling


def test_apostrophes_in_the_body_texts_too(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(
        round_, title="Radios comunitarias", benefit="Llega a las comunidades q\u2019eqchi\u2019"
    )
    assert found(round_, "Q'eqchi'") == {proposal.id}
    assert found(round_, "qeqchi") == {proposal.id}


def test_the_last_word_is_a_prefix(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(round_, title="Transparencia presupuestaria municipal")
    assert found(round_, "transp") == {proposal.id}
    assert found(round_, "municipal presu") == {proposal.id}
    # Only the last word: the others are whole words.
    assert found(round_, "transp municipal") == set()


def test_every_word_must_match_and_every_text_is_searched(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(
        round_, title="Datos abiertos", problem="Nadie publica los contratos",
        proposed_commitment="Publicar en formato abierto", benefit="Vigilancia ciudadana",
        institution="Contraloría General de Cuentas",
    )
    make_proposal_row(round_, title="Datos de salud")
    for query_text in ("contratos", "formato", "vigilancia", "contraloria", "datos contratos"):
        assert found(round_, query_text) == {proposal.id}, query_text
    assert found(round_, "datos inexistente") == set()


def test_any_word_mode_for_suggestions(db_session):
    round_, _axes = make_listing_round()
    first = make_proposal_row(round_, title="Presupuesto abierto")
    second = make_proposal_row(round_, title="Compras abiertas")
    make_proposal_row(round_, title="Radios comunitarias")
    statement = sa.select(Proposal.id).where(Proposal.round_id == round_.id)
    ids = set(db.session.scalars(
        search.matching(statement, "presupuesto compras", any_word=True, prefix="none")
    ))
    assert ids == {first.id, second.id}
    # Stems: every word a prefix ("abiert" finds "abierto" and "abiertas").
    ids = set(db.session.scalars(search.matching(statement, "abiert", prefix="every")))
    assert ids == {first.id, second.id}
    ids = set(db.session.scalars(
        search.matching(statement, "presup compra radio", any_word=True, prefix="every")
    ))
    assert len(ids) == 3
    assert set(db.session.scalars(search.matching(statement, "abiert", prefix="none"))) == set()


def test_a_query_without_words_does_not_narrow(db_session):
    round_, _axes = make_listing_round()
    ids = {make_proposal_row(round_).id for _ in range(2)}
    for query_text in ("", "   ", '"', "*", "- : ( )", None):
        assert found(round_, query_text) == ids


def test_other_rounds_are_not_searched(db_session):
    round_, _axes = make_listing_round()
    other_round, _ = make_listing_round()
    mine = make_proposal_row(round_, title="Transparencia fiscal")
    make_proposal_row(other_round, title="Transparencia fiscal")
    assert found(round_, "transparencia") == {mine.id}


HOSTILE = [
    '"', '""', '"transparencia', "transparencia\"", "*", "transp*", "**", "AND", "OR", "NOT",
    "transparencia AND", "AND transparencia", "NEAR(", "NEAR(transparencia fiscal", "NEAR",
    "-", "-transparencia", "transparencia -fiscal", ":", "title:transparencia",
    "search_text:x", "^transparencia", "{title}: x", "(", ")", "()", "a & b | !c", ":*",
    "<->", "'", "''", "\\", "%", "_", "%_%", "'; DROP TABLE proposals; --",
    "' OR 1=1 --", "1) OR (1=1", "\" OR \"\"=\"", "proposals_fts", "rank", "MATCH",
    "\x00", "transparencia\x00fiscal", "\u202e", "🙂", "ß", "İstanbul", "٣", "x" * 200,
    " ".join(["a"] * 100),
]


@pytest.mark.parametrize("query_text", HOSTILE)
def test_search_syntax_is_only_text(db_session, query_text):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(round_, title="Transparencia fiscal")
    ids = found(round_, query_text)
    assert ids <= {proposal.id}


def test_search_syntax_never_reaches_the_user_as_an_error(app, client):
    with app.app_context():
        round_, _axes = make_listing_round()
        proposal = make_proposal_row(round_, title="Transparencia fiscal")
        round_id, proposal_id = round_.id, proposal.id
    for query_text in HOSTILE:
        if len(query_text) > 200:
            continue
        for path in (f"/consultas/{round_id}/propuestas",
                     f"/api/v1/rounds/{round_id}/proposals",
                     f"/api/v1/rounds/{round_id}/proposals.csv"):
            response = client.get(path, query_string={"q": query_text})
            # A NUL is refused before any view runs (PostgreSQL refuses it in any string).
            expected = 400 if "\x00" in query_text else 200
            assert response.status_code == expected, (path, query_text, response.status_code)
    # Operators are words: the quoted, starred or negated word still finds the proposal.
    for query_text in ('"transparencia"', "transparencia*", "-transparencia", "fiscal:",
                       "(transparencia", "transparencia)", "{transparencia}"):
        assert listed(client, round_id, q=query_text) == [proposal_id], query_text


def test_a_too_long_query_is_refused(client, app):
    with app.app_context():
        round_, _axes = make_listing_round()
        round_id = round_.id
    response = client.get(f"/consultas/{round_id}/propuestas", query_string={"q": "x" * 201})
    assert response.status_code == 400
    # It says what is wrong (not "No pudimos entender lo que envió"), in the page and in JSON.
    too_long = "La búsqueda es demasiado larga: escriba como mucho 200 caracteres."
    assert too_long in response.get_data(as_text=True)
    assert "No pudimos entender" not in response.get_data(as_text=True)
    response = client.get(f"/consultas/{round_id}/propuestas", query_string={"q": "x" * 201},
                          headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["message"] == too_long
    assert response.get_json()["parameter"] == "q"


# Search with the rest of the listing --------------------------------------------------------


def test_search_respects_the_filters(app, client):
    with app.app_context():
        round_, axes = make_listing_round()
        fiscal = make_proposal_row(round_, title="Transparencia fiscal", axis=axes[0])
        participation = make_proposal_row(round_, title="Transparencia local", axis=axes[1])
        withdrawn = make_proposal_row(round_, title="Transparencia retirada", axis=axes[0],
                                      status=ProposalStatus.WITHDRAWN)
        make_proposal_row(round_, title="Presupuesto", axis=axes[0])
        round_id, axis_id = round_.id, axes[0].id
        ids = fiscal.id, participation.id, withdrawn.id
    assert set(listed(client, round_id, q="transparencia")) == set(ids)
    assert set(listed(client, round_id, q="transparencia", axis=axis_id)) == {ids[0], ids[2]}
    assert listed(client, round_id, q="transparencia", axis=axis_id,
                  status="publicada") == [ids[0]]
    assert listed(client, round_id, q="transparencia", status="retirada") == [ids[2]]


def test_search_results_keep_the_chosen_order(app, client):
    with app.app_context():
        round_, _axes = make_listing_round()
        low = make_proposal_row(round_, title="Agua potable", support_count=1)
        high = make_proposal_row(round_, title="Agua limpia", support_count=9)
        round_id, ids = round_.id, (low.id, high.id)
    assert listed(client, round_id, q="agua", sort="most_supported") == [ids[1], ids[0]]
    assert listed(client, round_id, q="agua") == [ids[1], ids[0]]  # newest first


# The index follows the ORM -----------------------------------------------------------------------


def test_editing_finds_the_new_text_and_not_the_old(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(round_, title="Bibliotecas rurales",
                                 benefit="Lectura en comunidades")
    other = make_proposal_row(round_, title="Bibliotecas municipales")
    proposal.title = "Archivos históricos"
    proposal.benefit = "Memoria en kʼicheʼ"
    db_session.commit()
    assert found(round_, "bibliotecas") == {other.id}
    assert found(round_, "lectura") == set()
    assert found(round_, "archivos historicos") == {proposal.id}
    assert found(round_, "k'iche'") == {proposal.id}
    # Changes that do not touch the texts keep the index as it is.
    proposal.support_count = 5
    db_session.commit()
    assert found(round_, "archivos") == {proposal.id}


def test_a_sql_increment_of_the_count_keeps_the_index(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(round_, title="Consulta previa")
    db_session.execute(
        sa.update(Proposal).where(Proposal.id == proposal.id)
        .values(support_count=Proposal.support_count + 1)
    )
    db_session.commit()
    assert found(round_, "consulta previa") == {proposal.id}


def test_withdrawing_keeps_the_proposal_searchable(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(round_, title="Consulta previa")
    proposal.status = ProposalStatus.WITHDRAWN
    db_session.commit()
    assert found(round_, "consulta") == {proposal.id}


def test_a_deleted_proposal_leaves_the_index(db_session):
    round_, _axes = make_listing_round()
    proposal = make_proposal_row(round_, title="Consulta previa")
    kept = make_proposal_row(round_, title="Consulta ciudadana")
    db_session.delete(proposal)
    db_session.commit()
    assert found(round_, "consulta") == {kept.id}


def test_the_index_is_used(db_session):
    round_, _axes = make_listing_round()
    make_proposal_row(round_, title="Transparencia fiscal")
    statement = search.matching(sa.select(Proposal.id), "transparencia")
    compiled = statement.compile(db.engine)
    connection = db_session.connection()
    if db.engine.dialect.name == "sqlite":
        parameters = tuple(compiled.params[name] for name in compiled.positiontup)
        plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), parameters)
        details = [row[-1] for row in plan]
        assert any("proposals_fts VIRTUAL TABLE INDEX" in line for line in details), details
    else:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = connection.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params)
        details = [row[0] for row in plan]
        assert any("ix_proposals_search_text" in line for line in details), details
    db_session.rollback()


# Migrated databases ------------------------------------------------------------------------------


@pytest.fixture(params=DBS)
def migrated_app(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrated.db'}"
        admin_url = name = None
    else:
        admin_url = request.getfixturevalue("pg_admin_url")
        name = f"participa_search_{uuid.uuid4().hex[:8]}"
        url = create_pg_database(admin_url, name)
    app = make_app(url, tmp_path)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if admin_url:
        drop_pg_database(admin_url, name)


def test_a_migrated_database_searches_and_follows_edits(migrated_app):
    with migrated_app.app_context():
        names = set(sa.inspect(db.engine).get_table_names())
        if db.engine.dialect.name == "sqlite":
            assert "proposals_fts" in names
        else:
            indexes = {ix["name"] for ix in sa.inspect(db.engine).get_indexes("proposals")}
            assert "ix_proposals_search_text" in indexes
        round_, _axes = make_listing_round()
        proposal = make_proposal_row(round_, title="Información en kʼicheʼ",
                                     author=make_user())
        assert found(round_, "informacion k'iche'") == {proposal.id}
        proposal.title = "Archivos"
        db.session.commit()
        assert found(round_, "informacion") == set()
        assert found(round_, "archiv") == {proposal.id}
