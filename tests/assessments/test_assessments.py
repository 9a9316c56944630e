"""Self-assessment reports (issue 16, item 5): the MTGA opens a mid-term draft built from
the tracking data, writes its narrative sections, opens it for public comment for a set
period, then publishes it; every step audited, every version kept; public page, documents
and open data."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from participa.assessments import services
from participa.assessments.models import (
    AssessmentKind,
    AssessmentState,
    AssessmentVersion,
    AssessmentVersionsAreImmutable,
)
from participa.base.errors import Conflict, Invalid, NotAllowed
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.demo.pdf import text_pdf
from participa.files.models import StoredFile
from participa.plans.models import PlanStatus
from participa.tracking import services as tracking
from participa.tracking.models import CompletionStatus

from ..factories import audit_events, login, make_plan
from ..querycount import count_queries
from ..security.inert import DOCX, document_text
from ..tracking.tracked import published_commitment, setup

pytestmark = pytest.mark.usefixtures("db_session")
NARRATIVES = {"implementation": "La MTGA revisó cada avance antes de publicarlo.",
              "co_creation": "Las organizaciones comentaron los avances en la plataforma.",
              "lessons": "Los hitos deben tener fechas verificables."}
EVIDENCE = "https://minfin.gob.gt/transparencia/informe-2026.pdf"
UPDATE = "Se publicaron los ocho documentos presupuestarios en datos abiertos."


def _published_update(s, number=2):
    update = tracking.draft_update(
        author=s.reporter, commitment=s.commitment, milestone_number=number,
        status=CompletionStatus.COMPLETE, body=UPDATE,
        links=[tracking.Link(EVIDENCE, "Informe de 2026")])
    tracking.attach_file(editor=s.reporter, update=update, title="Acta de entrega",
                         upload=SimpleNamespace(filename="acta.pdf", stream=io.BytesIO(
                             text_pdf(["Acta de entrega"]))))
    tracking.submit_update(actor=s.reporter, update=update)
    tracking.publish_update(actor=s.mtga, update=update)
    db.session.commit()
    return update


def _url(s, suffix=""):
    return f"/planes/{s.plan.id}/autoevaluaciones/medio_termino{suffix}"


def test_the_mid_term_draft_lists_a_published_update(app, client):
    s = setup(count=3)
    draft_only = tracking.draft_update(author=s.reporter, commitment=s.commitment,
                                       milestone_number=1, status="limitado",
                                       body="Un borrador que nadie publicó.")
    _published_update(s)
    assessment = services.open_assessment(actor=s.mtga, plan=s.plan,
                                          kind=AssessmentKind.MID_TERM, narratives=NARRATIVES)
    db.session.commit()
    entry = assessment.versions[0].tracking["commitments"][0]
    assert entry["completion"]["complete"] == 1 and entry["completion"]["milestones"] == 3
    assert [m["status"] for m in entry["milestones"]] == ["no_iniciado", "completo",
                                                          "no_iniciado"]
    (update,) = entry["updates"]
    (stored,) = db.session.scalars(sa.select(StoredFile)).all()
    file_url = f"{app.config['BASE_URL']}/archivos/{stored.id}"
    assert update["body"] == UPDATE and update["evidence"] == [
        {"url": EVIDENCE, "title": "Informe de 2026"},
        {"url": file_url, "title": "Acta de entrega"}]
    assert draft_only.body not in str(entry)
    page = client.get(_url(s)).text
    for text in (UPDATE, f'href="{EVIDENCE}"', "Informe de 2026", f'href="{file_url}"',
                 "Acta de entrega", "BORRADOR",
                 "Limitado: 1 de 3 hitos completos (33 %)", *NARRATIVES.values()):
        assert text in page, text
    assert f'href="/planes/{s.plan.id}/autoevaluaciones/medio_termino"' in client.get(
        f"/planes/{s.plan.id}").text
    text = document_text(client.get(_url(s, "/documento.docx")).data, DOCX)
    assert UPDATE in text and EVIDENCE in text and NARRATIVES["lessons"] in text
    assert file_url in text and "Acta de entrega" in text
    assert client.get(f"/archivos/{stored.id}").data.startswith(b"%PDF-")  # public: published


def test_versions_comment_period_and_publication_are_kept_and_audited():
    s = setup(count=2)
    assessment = services.open_assessment(actor=s.mtga, plan=s.plan,
                                          kind=AssessmentKind.MID_TERM, narratives={})
    with pytest.raises(Conflict):  # one of each kind per plan
        services.open_assessment(actor=s.mtga, plan=s.plan, kind=AssessmentKind.MID_TERM,
                                 narratives={})
    with pytest.raises(NotAllowed):
        services.save_version(actor=s.reporter, assessment=assessment, base_number=1,
                              narratives=NARRATIVES)
    _published_update(s, number=1)
    second = services.save_version(actor=s.mtga, assessment=assessment, base_number=1,
                                   narratives=NARRATIVES, change_note="Narrativa escrita.")
    # Saving rebuilt the tracking data; version 1 still says what it said.
    assert second.tracking["commitments"][0]["updates"]
    assert not assessment.versions[0].tracking["commitments"][0]["updates"]
    with pytest.raises(Conflict):  # started from version 1, but 2 exists
        services.save_version(actor=s.mtga, assessment=assessment, base_number=1,
                              narratives=NARRATIVES)
    with pytest.raises(Conflict):  # never opened for comment
        services.publish(actor=s.mtga, assessment=assessment)
    with pytest.raises(Invalid):
        services.open_comments(actor=s.mtga, assessment=assessment, days=3)
    now = utcnow()
    services.open_comments(actor=s.mtga, assessment=assessment, days=30, now=now)
    assert assessment.state == AssessmentState.IN_COMMENTS and assessment.comments_open(now)
    with pytest.raises(Conflict):  # the period runs
        services.publish(actor=s.mtga, assessment=assessment, now=now + timedelta(days=29))
    services.publish(actor=s.mtga, assessment=assessment, now=now + timedelta(days=31))
    assert assessment.state == AssessmentState.PUBLISHED and assessment.published_version == 2
    with pytest.raises(Conflict):
        services.save_version(actor=s.mtga, assessment=assessment, base_number=2,
                              narratives=NARRATIVES)
    db.session.commit()
    assert [e.action for e in audit_events() if e.action.startswith("assessment.")] == [
        "assessment.open", "assessment.version", "assessment.comments", "assessment.publish"]
    second.lessons = "Otra cosa."
    with pytest.raises(AssessmentVersionsAreImmutable):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(AssessmentVersion.id))) == 2


def test_the_mtga_forms(client):
    s = setup(count=1)
    db.session.commit()
    new = f"/planes/{s.plan.id}/autoevaluaciones/nueva"
    login(client, s.reporter.email)
    assert client.get(new).status_code == 403
    client.post("/cuenta/salir")
    login(client, s.mtga.email)
    assert client.get(new).status_code == 200
    response = client.post(new, data={"kind": "medio_termino", **NARRATIVES})
    assert response.status_code == 302 and response.location.endswith(_url(s))
    assert client.post(new, data={"kind": "medio_termino", **NARRATIVES}).status_code == 409
    page = client.get(_url(s, "/editar")).text
    assert NARRATIVES["lessons"] in page
    # A stale base: 409, and the text typed comes back.
    assert client.post(_url(s, "/editar"), data={
        "base_number": "1", **NARRATIVES, "lessons": "Primera edición."}).status_code == 302
    stale = client.post(_url(s, "/editar"), data={
        "base_number": "1", **NARRATIVES, "lessons": "Texto que no se pierde."})
    assert stale.status_code == 409 and "Texto que no se pierde." in stale.text
    refused = client.post(_url(s, "/comentarios"), data={"days": "500"})
    assert refused.status_code == 422
    assert client.post(_url(s, "/comentarios"), data={"days": "14"}).status_code == 302
    assert client.post(_url(s, "/publicar")).status_code == 409  # the period runs
    assert "Abierta a comentarios" in client.get(_url(s)).text
    assert client.get(_url(s, "?version=1")).status_code == 200
    assert client.get(_url(s, "?version=9")).status_code == 404
    assert client.get(f"/planes/{s.plan.id}/autoevaluaciones/fin_de_termino").status_code == 404


def test_open_data(client):
    s = setup(count=2)
    _published_update(s)
    services.open_assessment(actor=s.mtga, plan=s.plan, kind=AssessmentKind.MID_TERM,
                             narratives=NARRATIVES)
    db.session.commit()
    (item,) = client.get("/api/v1/self-assessments").get_json()["data"]
    assert (item["kind"], item["state"], item["version"], item["milestones"],
            item["milestones_complete"], item["updates"], item["lessons"]) == (
        "medio_termino", "borrador", 1, 2, 1, 1, NARRATIVES["lessons"])
    assert item["tracking"]["commitments"][0]["updates"][0]["evidence"][0]["url"] == EVIDENCE
    assert client.get(f"/api/v1/self-assessments?plan={s.plan.id + 1}").get_json()["data"] == []
    assert client.get("/api/v1/self-assessments?plan=x").status_code == 400
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/v1/self-assessments.csv").text.lstrip("\ufeff"))))
    assert rows[0]["percent"] == "50" and rows[0]["implementation"] == NARRATIVES["implementation"]


def test_the_page_runs_the_same_statements_for_3_and_30_commitments(app, client):
    s = setup(count=2)
    counts = {}
    for count in (3, 30):
        plan = s.plan if count == 3 else make_plan(status=PlanStatus.IN_IMPLEMENTATION)
        made = [published_commitment(plan, organization=s.institution, title=f"Compromiso {n}")
                for n in range(count - (1 if plan is s.plan else 0))]
        update = tracking.draft_update(author=s.reporter, commitment=made[-1],
                                       milestone_number=1, status="limitado", body=UPDATE)
        tracking.submit_update(actor=s.reporter, update=update)
        tracking.publish_update(actor=s.mtga, update=update)
        services.open_assessment(actor=s.mtga, plan=plan, kind=AssessmentKind.MID_TERM,
                                 narratives=NARRATIVES)
        db.session.commit()
        with count_queries(app) as queries:
            response = client.get(f"/planes/{plan.id}/autoevaluaciones/medio_termino")
        assert response.status_code == 200 and f"Compromiso {len(made) - 1}" in response.text
        counts[count] = queries
    assert len(counts[3]) == len(counts[30]), counts[30]
    print(f"self-assessment page statements: 3 -> {len(counts[3])}, 30 -> {len(counts[30])}")
