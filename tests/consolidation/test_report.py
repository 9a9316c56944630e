"""The public report "how every input was considered": every proposal with its published
response and its commitments, as a page and as CSV; unpublished responses are pending in
both. The report and the workspace run a constant number of SQL statements."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consolidation import services
from participa.consultations.models import ConsultationRound
from participa.plans.models import Commitment, CommitmentStatus
from participa.proposals.models import Proposal, ProposalCommitment, Response, ResponseDecision

from ..pages import html
from ..proposals.listing_data import bulk_proposals, bulk_users, make_listing_round
from ..querycount import count_queries


@pytest.fixture
def published(app, world) -> int:
    """A draft from P1 and P2; P1 merged (published), P2 incorporated (published), P3 not
    incorporated (prepared only, with a reason nobody may read yet)."""
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first, second, third = (db.session.get(Proposal, pid) for pid in world["proposals"][:3])
        draft = services.create_draft(actor=moderator, round=round_, proposals=[first, second],
                                      title="Compras y presupuesto abiertos")
        services.prepare_response(actor=moderator, proposal=first, decision="fusionada",
                                  reason="=Se fusionó con la de presupuesto.", commitment=draft)
        services.prepare_response(actor=moderator, proposal=second, decision="incorporada",
                                  reason="", commitment=draft)
        services.publish_responses(actor=moderator, round=round_)
        services.prepare_response(actor=moderator, proposal=third, decision="no_incorporada",
                                  reason="Razón todavía secreta.", commitment=None)
        db.session.commit()
        return draft.id


def test_the_report_page(client, app, world, published):
    response = client.get(f"/consultas/{world['round']}/informe")
    assert response.status_code == 200
    page = html(response)
    assert "Cómo se consideró cada aporte" in page
    assert "<li>5 aportes</li>" in page and "<li>1 compromiso</li>" in page
    assert "<li>Fusionada en un compromiso: 1</li>" in page
    assert "<li>Incorporada: 1</li>" in page
    assert "<li>No incorporada: 0</li>" in page
    assert "<li>Respuesta pendiente: 3</li>" in page
    assert "Se fusionó con la de presupuesto." in page
    assert "Razón todavía secreta." not in page  # prepared, not published
    assert page.count('<td data-label="Decisión">Respuesta pendiente</td>') == 3
    # Two proposals fed it (the drafts' part below links each draft once more).
    responses = page.split('id="comentarios-borradores"')[0]
    assert responses.count(f'href="/planes/compromisos/{published}"') == 2
    assert '<td data-label="Enviada por">Ana Autora</td>' in page
    assert f'href="/consultas/{world["round"]}/informe.csv"' in page
    # Linked from the round page.
    assert f'href="/consultas/{world["round"]}/informe"' in html(
        client.get(f"/consultas/{world['round']}"))
    assert client.get("/consultas/999999/informe").status_code == 404
    assert client.get("/consultas/999999/informe.csv").status_code == 404


def test_the_report_as_csv(client, app, world, published):
    response = client.get(f"/consultas/{world['round']}/informe.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 5
    with app.app_context():
        references = [db.session.get(Proposal, pid).reference for pid in world["proposals"]]
    by_reference = {row["reference"]: row for row in rows}
    first = by_reference[references[0]]
    assert first["decision"] == "fusionada"
    assert first["decision_label"] == "Fusionada en un compromiso"
    assert first["reason"] == "'=Se fusionó con la de presupuesto."  # no formula in a sheet
    assert first["commitments"] == "1. Compras y presupuesto abiertos"
    assert first["author"] == "Ana Autora" and first["support_count"] == "3"
    assert first["response_published_at"].endswith("Z")
    assert first["url"] == f"http://localhost/propuestas/{world['proposals'][0]}"
    assert by_reference[references[1]]["decision"] == "incorporada"
    third = by_reference[references[2]]
    assert (third["decision"], third["decision_label"], third["reason"]) == (
        "pendiente", "Respuesta pendiente", "")
    assert "secreta" not in response.get_data(as_text=True)
    assert "@" not in response.get_data(as_text=True)  # no e-mail addresses


def _bulk_round(app, count: int):
    """A round with ``count`` proposals; a third linked to one of two drafts, half answered
    (half of those published)."""
    with app.app_context():
        round_, axes = make_listing_round()
        authors = bulk_users(50)
        bulk_proposals(round_.id, count, author_ids=authors, axis_ids=[a.id for a in axes])
        moderator = User(email="mod-bulk@example.org", name="Moderación", password_hash="!",
                         sector="ciudadania", is_moderator=True, email_confirmed_at=utcnow())
        db.session.add(moderator)
        drafts = [Commitment(plan_id=round_.plan_id, number=n, title=f"Borrador {n}",
                             status=CommitmentStatus.DRAFT, round_id=round_.id)
                  for n in (1, 2)]
        db.session.add_all(drafts)
        db.session.commit()
        ids = list(db.session.scalars(
            sa.select(Proposal.id).where(Proposal.round_id == round_.id).order_by(Proposal.id)))
        db.session.execute(sa.insert(ProposalCommitment), [
            {"proposal_id": pid, "commitment_id": drafts[i % 2].id, "created_at": utcnow()}
            for i, pid in enumerate(ids) if i % 3 == 0])
        decisions = list(ResponseDecision)
        db.session.execute(sa.insert(Response), [
            {"proposal_id": pid, "decision": decisions[i % len(decisions)],
             "reason": f"Motivo {i}", "prepared_at": utcnow(),
             "published_at": utcnow() if i % 4 == 0 else None}
            for i, pid in enumerate(ids) if i % 2 == 0])
        db.session.commit()
        return round_.id, moderator.email


def _add(app, round_id: int, count: int) -> None:
    with app.app_context():
        authors = bulk_users(50)
        bulk_proposals(round_id, count, author_ids=authors)


WORKSPACE_QUERIES = [
    {"per_page": "200"},
    {"per_page": "200", "sort": "most_supported", "q": "transparencia"},
    {"per_page": "200", "response": "sin_respuesta", "linked": "no", "min_supports": "1",
     "max_supports": "400", "institution": "institucion"},
    {"per_page": "50", "response": "publicada"},
]


def _measure(client, app, round_id: int) -> dict[str, int]:
    counts = {}
    for n, args in enumerate(WORKSPACE_QUERIES):
        with count_queries(app) as queries:
            response = client.get(f"/moderacion/consultas/{round_id}", query_string=args)
        assert response.status_code == 200
        counts[f"workspace {n}"] = queries.count
    anonymous = app.test_client()
    for name, path in (("report", "informe"), ("csv", "informe.csv")):
        with count_queries(app) as queries:
            response = anonymous.get(f"/consultas/{round_id}/{path}")
        assert response.status_code == 200
        counts[name] = queries.count
    return counts


def test_query_counts_do_not_grow_with_the_proposals(client, app, capsys):
    round_id, moderator = _bulk_round(app, 20)
    with app.app_context():
        from participa.accounts import passwords

        user = db.session.scalar(sa.select(User).where(User.email == moderator))
        user.password_hash = passwords.hash_password("una frase larga de prueba")
        db.session.commit()
        dialect = db.engine.dialect.name
    client.post("/cuenta/entrar", data={"email": moderator,
                                        "password": "una frase larga de prueba"})
    small = _measure(client, app, round_id)
    _add(app, round_id, 180)
    large = _measure(client, app, round_id)
    report = "\n".join(f"  {key}: {small[key]} -> {large[key]}" for key in small)
    with capsys.disabled():
        print(f"\nSQL queries per request [{dialect}] (20 -> 200 proposals):\n{report}")
    assert small == large, report
    begin = 1 if dialect == "sqlite" else 0
    # The report: the round, the proposals with their published responses, the links, the
    # commitment count (plus BEGIN on SQLite); one more, when some were received in another
    # language than Spanish, for their translations (issue 18: none here).
    assert small["csv"] == 4 + begin, report
    # The page adds the drafts' part: the round's commitments, their versions (with their
    # milestones and contacts when it has any) and the grouped comment counts.
    assert small["report"] == 7 + begin, report
    # The workspace, for a signed-in moderator: the user with the nav's unread count (one
    # statement, issue 20), the round, its axes, COUNT, the page, its links, its responses,
    # the page's Spanish translations (issue 18), the summary, the round's commitments.
    assert small["workspace 0"] == 10 + begin, report
