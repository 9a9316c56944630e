"""The open data added by issue 17, item 6: the rounds with their phases, the MTGA's
responses (JSON and CSV), each commitment's template versions with milestones and contacts,
and the public comments; on the visibility world, whose hidden and pending texts carry
markers that no answer may contain."""

from __future__ import annotations

import csv
import io

from participa.base.extensions import db
from participa.plans.models import Contact, Milestone
from participa.proposals.models import Response, ResponseDecision

from ..factories import make_proposal, the
from ..visibility.conftest import MARKERS


def _json(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_data(as_text=True)
    for marker in MARKERS:
        assert marker not in body, (path, marker)
    return response.get_json()


def _csv(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_rounds_with_their_phases(world, client):
    body = _json(client, "/api/v1/rounds")
    assert body["meta"]["total"] == 2
    first = next(item for item in body["data"] if item["id"] == world["round"])
    assert first["plan_id"] == world["plan"]
    kinds = [phase["kind"] for phase in first["phases"]]
    assert kinds[0] == "propuestas"
    starts = [phase["starts_at"] for phase in first["phases"]]
    assert starts == sorted(starts)
    assert all(phase["ends_at"].endswith("Z") for phase in first["phases"])


def test_responses_json_and_csv(world, client, app):
    with app.app_context():
        visible = the(__import__("participa.proposals.models", fromlist=["P"]).Proposal,
                      world["visible"])
        db.session.add(Response(proposal_id=visible.id, decision=ResponseDecision.OUT_OF_SCOPE,
                                reason="=HYPERLINK(\"http://x\") no cabe.",
                                published_at=visible.created_at))
        # Prepared, not published: never in the open data.
        other = make_proposal(visible.round, visible.author, title="Otra propuesta")
        db.session.add(Response(proposal_id=other.id, decision=ResponseDecision.INCORPORATED))
        db.session.commit()
    body = _json(client, f"/api/v1/rounds/{world['round']}/responses")
    # The hidden proposal's response stays (the MTGA's own text), marked; no title at all.
    assert {item["proposal_id"]: item["moderation"] for item in body["data"]} == {
        world["visible"]: "visible", world["hidden"]: "oculto"}
    hidden = next(item for item in body["data"] if item["proposal_id"] == world["hidden"])
    assert hidden["decision"] == "no_incorporada"
    assert hidden["reason"] == "No cabe en el plan."
    assert hidden["proposal_reference"] == world["hidden_ref"]
    rows = _csv(client, f"/api/v1/rounds/{world['round']}/responses.csv")
    assert [row["proposal_reference"] for row in rows] == [
        item["proposal_reference"] for item in body["data"]]
    formula = next(row for row in rows if row["decision"] == "fuera_de_alcance")
    assert formula["reason"].startswith("'=HYPERLINK")  # formula-safe
    assert client.get("/api/v1/rounds/999/responses").status_code == 404
    assert client.get(f"/api/v1/rounds/{world['round']}/responses.csv?page=1").status_code == 400


def test_template_versions_with_milestones_and_contacts(world, client, app):
    with app.app_context():
        version = the(__import__("participa.plans.models", fromlist=["C"]).CommitmentVersion,
                      world["draft_version"])
        db.session.add(Milestone(version_id=version.id, number=1, description="Publicar datos",
                                 responsible="MINFIN"))
        db.session.add(Contact(version_id=version.id, name="Ana Enlace",
                               institution_post="MINFIN, directora", email="ana@minfin.gob.gt",
                               phone="2222-0000"))
        db.session.commit()
    body = _json(client, f"/api/v1/commitments/{world['draft']}/versions")
    assert body["meta"]["total"] == 1
    item = body["data"][0]
    assert item["number"] == 1 and item["is_final"] is False
    assert item["lead_institution"] == "Ministerio de Finanzas Públicas"
    assert item["milestones"][0]["description"] == "Publicar datos"
    assert item["contacts"] == [{"name": "Ana Enlace", "institution_post": "MINFIN, directora",
                                 "email": "ana@minfin.gob.gt", "phone": "2222-0000"}]
    assert client.get("/api/v1/commitments/999/versions").status_code == 404


def test_public_comments_only(world, client):
    body = _json(client, "/api/v1/comments?per_page=500")
    ids = {item["id"] for item in body["data"]}
    assert world["comment"] in ids and world["reply"] in ids
    for key in ("hidden_comment", "pending_comment", "draft_hidden", "draft_pending"):
        assert world[key] not in ids, key
    reply = next(item for item in body["data"] if item["id"] == world["reply"])
    assert reply["parent_id"] == world["hidden_comment"]  # the id only, never its text
    on_draft = _json(client, f"/api/v1/comments?commitment={world['draft']}")["data"]
    assert [item["body"] for item in on_draft] == ["Comentario visible del borrador."]
    assert on_draft[0]["commitment_id"] == world["draft"]
    assert _json(client, f"/api/v1/comments?proposal={world['hidden']}")["data"] == []
    assert client.get("/api/v1/comments?proposal=abc").status_code == 400


def test_next_links_page_through_everything(world, client):
    seen, path = [], "/api/v1/comments?per_page=1"
    while path:
        body = _json(client, path)
        seen += [item["id"] for item in body["data"]]
        path = body["links"]["next"]
        assert path is None or "per_page=1" in path
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == body["meta"]["total"]
