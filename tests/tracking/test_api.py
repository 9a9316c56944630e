"""The open data of tracking: only published updates and published commitments' milestones,
JSON and CSV alike; parameters from an allowlist; formula-safe CSV."""

from __future__ import annotations

from participa.accounts.models import User
from participa.base.extensions import db
from participa.plans.models import CommitmentStatus
from participa.tracking import services
from participa.tracking.models import ProgressUpdate

from ..factories import make_commitment
from .tracked import setup


def test_only_what_is_published(app, client):
    with app.app_context():
        s = setup()
        draft = services.draft_update(author=s.reporter, commitment=s.commitment,
                                      milestone_number=1, status="limitado",
                                      body="=HYPERLINK(\"http://x\") borrador")
        in_review = services.draft_update(author=s.reporter, commitment=s.commitment,
                                          milestone_number=2, status="completo",
                                          body="=1+1 en revisión")
        services.submit_update(actor=s.reporter, update=in_review)
        db.session.commit()
        make_commitment(s.plan, status=CommitmentStatus.DRAFT, title="Un borrador")
        commitment_id, draft_id, review_id = s.commitment.id, draft.id, in_review.id
        plan_id, mtga_id = s.plan.id, s.mtga.id
    assert client.get("/api/v1/progress-updates").get_json()["data"] == []
    assert "borrador" not in client.get("/api/v1/progress-updates.csv").get_data(as_text=True)
    with app.app_context():
        mtga = db.session.get(User, mtga_id)
        services.publish_update(actor=mtga, update=db.session.get(ProgressUpdate, review_id))
        db.session.commit()
    data = client.get("/api/v1/progress-updates").get_json()["data"]
    assert [item["milestone_number"] for item in data] == [2]
    assert draft_id not in [item["id"] for item in data]
    csv = client.get("/api/v1/progress-updates.csv").get_data(as_text=True)
    assert "'=1+1 en revisión" in csv
    milestones = client.get(f"/api/v1/milestones?plan={plan_id}").get_json()
    assert milestones["meta"]["total"] == 3
    assert [m["status"] for m in milestones["data"]] == ["no_iniciado", "completo",
                                                          "no_iniciado"]
    assert {m["commitment_id"] for m in milestones["data"]} == {commitment_id}
    assert client.get("/api/v1/milestones?anio=2020").status_code == 400
    assert client.get("/api/v1/milestones.csv?page=1").status_code == 400
    paged = client.get(f"/api/v1/milestones?plan={plan_id}&per_page=2&page=2").get_json()
    assert len(paged["data"]) == 1 and paged["links"]["next"] is None
