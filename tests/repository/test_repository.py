"""The OGP repository of a plan (issue 19, item 5): what it lists (and what it leaves out:
hidden, pending, draft), its dates, JSON, CSV, the Atom feed, the plan page's link, and a
fixed number of statements whatever the number of documents."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from xml.etree import ElementTree as ET

import sqlalchemy as sa

from participa.assessments.models import AssessmentKind, SelfAssessment
from participa.assessments.services import open_assessment
from participa.base.extensions import db
from participa.base.time import local_zone, utcnow
from participa.plans.models import CommitmentVersion
from participa.proposals.models import Response, ResponseDecision
from participa.workshops.models import Workshop

from ..factories import make_commitment, make_open_round, make_proposal, make_user
from ..querycount import count_queries

ATOM = "{http://www.w3.org/2005/Atom}"


def _world(app, *, commitments: int = 1, proposals: int = 1) -> dict:
    with app.app_context():
        round_ = make_open_round(title="Consulta de prueba")
        plan = round_.plan
        now = utcnow()
        for n in range(commitments):
            commitment = make_commitment(plan, title=f"Compromiso {n}")
            for number in (1, 2):
                db.session.add(CommitmentVersion(
                    commitment=commitment, number=number, title=f"Compromiso {n} v{number}",
                    created_at=now - timedelta(days=10 - number)))
        for n in range(proposals):
            proposal = make_proposal(round_)
            db.session.flush()
            db.session.add(Response(proposal_id=proposal.id,
                                    decision=ResponseDecision.NOT_INCORPORATED, reason="r",
                                    published_at=now - timedelta(days=3, minutes=n)))
        # A hidden proposal's later response leaves the report's date alone.
        hidden = make_proposal(round_)
        hidden.hide("spam", now)
        db.session.flush()
        db.session.add(Response(proposal_id=hidden.id, decision=ResponseDecision.OUT_OF_SCOPE,
                                reason="r", published_at=now - timedelta(days=1)))
        db.session.add(Workshop(round=round_, title="Taller en Totonicapán",
                                department_code="08", municipality_code="0801",
                                place="Escuela", languages="es quc",
                                held_on=(now - timedelta(days=5)).astimezone(local_zone()).date()))
        # A draft self-assessment is not public: not listed.
        open_assessment(actor=make_user(is_admin=True), plan=plan,
                        kind=AssessmentKind.MID_TERM, narratives={})
        db.session.commit()
        return {"plan": plan.id, "round": round_.id}


def test_page_lists_public_documents_with_dates(app, client):
    ids = _world(app)
    page = client.get(f"/planes/{ids['plan']}/repositorio")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Consulta de prueba" in html  # the call
    assert f"/consultas/{ids['round']}/informe" in html  # the consideration report
    assert "Compromiso 0 v1" in html and "Compromiso 0 v2" in html  # every version
    assert "Taller en Totonicapán" in html
    assert "Autoevaluación de medio término" not in html  # a draft
    assert "Última actualización" in html and "<time datetime=" in html
    assert f"/planes/{ids['plan']}/repositorio" in client.get(
        f"/planes/{ids['plan']}").get_data(as_text=True)


def test_json_and_csv(app, client):
    ids = _world(app)
    data = client.get(f"/api/v1/plans/{ids['plan']}/repository").get_json()
    kinds = {entry["kind"] for entry in data["data"]}
    assert {"convocatorias", "informes", "compromisos", "talleres"} <= kinds
    assert "autoevaluaciones" not in kinds
    dates = [entry["date"] for entry in data["data"]]
    assert dates == sorted(dates, reverse=True) and data["updated_at"] == dates[0]
    report = next(entry for entry in data["data"] if entry["kind"] == "informes")
    with app.app_context():
        visible = db.session.get(Response, 1).published_at
    assert report["date"] == visible.strftime("%Y-%m-%dT%H:%M:%SZ")  # not the hidden one's
    answer = client.get(f"/api/v1/plans/{ids['plan']}/repository.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["key"] for row in rows] == [entry["key"] for entry in data["data"]]
    assert client.get("/api/v1/plans/999999/repository").status_code == 404
    assert client.get(f"/api/v1/plans/{ids['plan']}/repository?x=1").status_code == 400


def test_atom_feed_parses_and_has_its_elements(app, client):
    ids = _world(app)
    answer = client.get(f"/planes/{ids['plan']}/repositorio.atom")
    assert answer.status_code == 200 and answer.mimetype == "application/atom+xml"
    feed = ET.fromstring(answer.get_data())  # noqa: S314 - our own answer, the standard parser
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 5
    ids_seen = set()
    for entry in entries:
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}updated").text.endswith("Z")
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        ids_seen.add(entry.find(f"{ATOM}id").text)
    assert len(ids_seen) == len(entries)
    assert feed.find(f"{ATOM}updated").text == entries[0].find(f"{ATOM}updated").text


def test_fixed_number_of_statements(app, client):
    small = _world(app)
    large = _world(app, commitments=12, proposals=15)
    counts = []
    for ids in (small, large):
        for path in (f"/planes/{ids['plan']}/repositorio",
                     f"/planes/{ids['plan']}/repositorio.atom",
                     f"/api/v1/plans/{ids['plan']}/repository",
                     f"/api/v1/plans/{ids['plan']}/repository.csv"):
            client.get(path)  # warm
            with count_queries(app) as queries:
                assert client.get(path).status_code == 200
            counts.append(len(queries))
    assert counts[:4] == counts[4:], counts
    print("statements", counts[:4])


def test_recordings_evidence_document_and_assessments_only_when_public(app, client):
    from participa.assessments.models import AssessmentState
    from participa.consultations.models import ConsultationRound
    from participa.files.services import store_bytes
    from participa.files.sniffing import sniff
    from participa.recordings.models import OWNER, Recording, Target
    from participa.tracking.models import (
        CompletionStatus,
        Evidence,
        ProgressUpdate,
        UpdateState,
    )

    from ..factories import make_organization

    ids = _world(app)
    with app.app_context():
        now = utcnow()
        commitment_id = db.session.scalar(
            sa.select(CommitmentVersion.commitment_id).limit(1))
        for name, hidden in (("visible.ogg", False), ("oculta.ogg", True)):
            data = b"OggS" + name.encode()
            audio = store_bytes(data, sniff(data) or sniff(name.encode()), name=name, user=None,
                                owner=OWNER)
            recording = Recording(file=audio, target=Target.COMMITMENT, target_id=commitment_id,
                                  language="es", transcript="", duration_seconds=3)
            if hidden:
                recording.hide("spam", now)
            db.session.add(recording)
        author, organization = make_user(), make_organization(name="Institución")
        for title, state in (("Acta publicada", UpdateState.PUBLISHED),
                             ("Acta en revisión", UpdateState.DRAFT)):
            update = ProgressUpdate(
                commitment_id=commitment_id, milestone_number=1,
                status=list(CompletionStatus)[0], body="avance", state=state,
                author_id=author.id, organization_id=organization.id,
                published_at=now if state == UpdateState.PUBLISHED else None)
            db.session.add(update)
            db.session.flush()
            db.session.add(Evidence(update_id=update.id, url="https://example.org/acta",
                                    title=title))
        db.session.get(ConsultationRound, ids["round"]).published_at = now - timedelta(hours=1)
        assessment = db.session.scalar(sa.select(SelfAssessment))
        assessment.state = AssessmentState.IN_COMMENTS
        db.session.commit()
    data = client.get(f"/api/v1/plans/{ids['plan']}/repository").get_json()["data"]
    titles = {entry["title"] for entry in data}
    assert any(t.startswith("visible") for t in titles)
    assert not any(t.startswith("oculta") for t in titles)
    assert "Acta publicada" in titles and "Acta en revisión" not in titles
    assert "Documento del plan (docx)" in titles and "Documento del plan (odt)" in titles
    assert "Autoevaluación de medio término" in titles
    for entry in data:  # every address answers
        path = entry["url"].split("//", 1)[1].split("/", 1)[1]
        assert client.get(f"/{path}").status_code == 200, entry
