"""The pages of implementation tracking, through HTTP: the institution reports, the MTGA
publishes or returns, anyone signed in comments, the public pages show the milestones, the
timeline and the roll-ups; unpublished work is hidden from everyone else; the commitment and
plan pages run the same number of statements with 3 and with 30 commitments."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.comments.models import Comment
from participa.notifications.models import Notification
from participa.plans.models import PlanStatus
from participa.tracking import services
from participa.tracking.models import MilestoneStatus, ProgressUpdate, UpdateState

from ..factories import login, make_axis, make_plan, the
from ..pages import html
from ..querycount import count_queries
from .tracked import published_commitment, setup


def _report(client, commitment_id, *, send=True, milestone=2, status="completo"):
    data = {"milestone": str(milestone), "status": status,
            "body": "Se publicaron los informes trimestrales.",
            "links": "https://minfin.gob.gt/informe.pdf Informe trimestral\n"}
    if send:
        data["enviar"] = "1"
    return client.post(f"/seguimiento/compromisos/{commitment_id}/avances/nuevo", data=data)


def test_report_review_publish_comment(app, client):
    with app.app_context():
        s = setup()
        commitment_id, mtga_email = s.commitment.id, s.mtga.email
    login(client, "enlace@example.org")
    page = client.get(f"/planes/compromisos/{commitment_id}")
    assert f"/seguimiento/compromisos/{commitment_id}/avances/nuevo?hito=2" in html(page)
    answer = _report(client, commitment_id)
    assert answer.status_code == 303
    update_path = answer.headers["Location"]
    update_id = int(update_path.rsplit("/", 1)[1])
    # The public sees nothing of it yet.
    client.post("/cuenta/salir")
    assert client.get(update_path).status_code == 404
    assert "Informe trimestral" not in html(client.get(f"/planes/compromisos/{commitment_id}"))
    login(client, mtga_email)
    assert f"/seguimiento/avances/{update_id}" in html(client.get("/seguimiento/"))
    assert client.post(f"/seguimiento/avances/{update_id}/publicar").status_code == 303
    with app.app_context():
        assert the(ProgressUpdate, update_id).state == UpdateState.PUBLISHED
        assert db.session.get(MilestoneStatus, (commitment_id, 2)).status.value == "completo"
    client.post("/cuenta/salir")
    login(client, "osc@example.org")
    answer = client.post(f"/comentarios/avances/{update_id}/nuevo",
                         data={"body": "¿Dónde está el informe del segundo trimestre?",
                               "language": "es"})
    assert answer.status_code == 303, html(answer)
    with app.app_context():
        comment = db.session.scalar(sa.select(Comment).where(Comment.update_id == update_id))
        assert comment is not None and comment.version_id is not None
    page = html(client.get(f"/planes/compromisos/{commitment_id}"))
    assert "Informe trimestral" in page and "https://minfin.gob.gt/informe.pdf" in page
    assert "¿Dónde está el informe del segundo trimestre?" in page
    assert "1 de 3 hitos completos (33 %)" in page
    # The draft's own comments (on versions) do not show the update's comment twice.
    assert page.count("¿Dónde está el informe del segundo trimestre?") == 1
    with app.app_context():
        plan_id = the(ProgressUpdate, update_id).commitment.plan_id
    plan = html(client.get(f"/planes/{plan_id}"))
    assert "Avance de la implementación" in plan and "1 de 3 hitos completos (33 %)" in plan
    # A reply there: the page it returns to and the link of the notice its comment's author
    # gets are the same place, the commitment's page where the update's comments stand
    # (not the commitment at the version the update names).
    with app.app_context():
        comment_id = comment.id
        osc_id = comment.author_id
    client.post("/cuenta/salir")
    login(client, "enlace@example.org")
    # The reply form says what the comment is on: the commitment's progress update, not a
    # draft's version.
    with app.app_context():
        title = the(ProgressUpdate, update_id).commitment.title
    form = html(client.get(f"/comentarios/{comment_id}/responder"))
    assert f"Comentario sobre un informe de avance del compromiso «{title}»." in form
    assert "borrador" not in form.split("<main", 1)[1]
    answer = client.post(f"/comentarios/{comment_id}/responder",
                         data={"body": "Está en el portal de datos.", "language": "es"})
    assert answer.status_code == 303, html(answer)
    with app.app_context():
        reply_id = db.session.scalar(sa.select(Comment.id).where(Comment.parent_id == comment_id))
        notice = db.session.scalar(sa.select(Notification).where(
            Notification.user_id == osc_id, Notification.kind == "comment_reply"))
    place = f"/planes/compromisos/{commitment_id}#comentario-{reply_id}"
    assert answer.headers["Location"] == place
    assert notice is not None and notice.link == place


def test_returned_with_a_note_then_corrected(app, client):
    with app.app_context():
        s = setup()
        commitment_id = s.commitment.id
    login(client, "enlace@example.org")
    update_id = int(_report(client, commitment_id).headers["Location"].rsplit("/", 1)[1])
    client.post("/cuenta/salir")
    login(client, "mtga@example.org")
    answer = client.post(f"/seguimiento/avances/{update_id}/devolver", data={"note": ""})
    assert answer.status_code == 422  # the note is required; nothing changed
    answer = client.post(f"/seguimiento/avances/{update_id}/devolver",
                         data={"note": "Falta el acta firmada."})
    assert answer.status_code == 303
    client.post("/cuenta/salir")
    login(client, "enlace@example.org")
    page = html(client.get(f"/seguimiento/avances/{update_id}/editar"))
    assert "Falta el acta firmada." in page and "https://minfin.gob.gt/informe.pdf" in page
    answer = client.post(f"/seguimiento/avances/{update_id}/editar", data={
        "milestone": "2", "status": "completo", "body": "Con el acta.",
        "links": "javascript:alert(1)", "enviar": "1"})
    assert answer.status_code == 422 and "Con el acta." in html(answer)
    with app.app_context():
        assert the(ProgressUpdate, update_id).state == UpdateState.RETURNED


@pytest.mark.parametrize("who", ["anonymous", "osc@example.org", "mtga@example.org"])
def test_only_the_institution_reports(app, client, who):
    with app.app_context():
        s = setup()
        commitment_id = s.commitment.id
    if who != "anonymous":
        login(client, who)
    answer = _report(client, commitment_id)
    assert answer.status_code in (302, 403)  # the anonymous to the log-in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ProgressUpdate)) == 0


def test_the_mtga_names_the_lead_institution(app, client):
    with app.app_context():
        s = setup()
        commitment_id, institution_id = s.commitment.id, s.institution.id
        from participa.tracking.models import LeadOrganization
        db.session.delete(db.session.get(LeadOrganization, commitment_id))
        db.session.commit()
    login(client, "enlace@example.org")
    assert _report(client, commitment_id).status_code == 403
    client.post("/cuenta/salir")
    login(client, "mtga@example.org")
    answer = client.post(f"/seguimiento/compromisos/{commitment_id}/institucion",
                         data={"organization": str(institution_id)})
    assert answer.status_code == 303
    client.post("/cuenta/salir")
    login(client, "enlace@example.org")
    assert _report(client, commitment_id).status_code == 303


def _plan_with(s, count: int) -> tuple[int, int]:
    """A plan in implementation with ``count`` commitments on two axes, each with three
    milestones and one published update; (plan id, a commitment id)."""
    plan = make_plan(status=PlanStatus.IN_IMPLEMENTATION)
    axes = [make_axis(plan, name="Transparencia fiscal"), make_axis(plan, name="Participación")]
    commitments = [published_commitment(plan, axis=axes[n % 2], organization=s.institution)
                   for n in range(count)]
    for commitment in commitments:
        update = services.draft_update(author=s.reporter, commitment=commitment,
                                       milestone_number=1, status="sustancial", body="Avance.",
                                       links=[services.Link("https://example.org/a")])
        services.submit_update(actor=s.reporter, update=update)
        services.publish_update(actor=s.mtga, update=update)
    db.session.commit()
    return plan.id, commitments[0].id


@pytest.mark.parametrize("who", ["anonymous", "enlace@example.org", "mtga@example.org"])
def test_statement_counts_do_not_grow_with_the_plan(app, client, who):
    with app.app_context():
        s = setup()
        plans = {size: _plan_with(s, size) for size in (3, 30)}
    if who != "anonymous":
        login(client, who)
    counts = {}
    for size, (plan_id, commitment_id) in plans.items():
        with count_queries(app) as plan_queries:
            plan_page = client.get(f"/planes/{plan_id}")
        with count_queries(app) as commitment_queries:
            commitment_page = client.get(f"/planes/compromisos/{commitment_id}")
        assert plan_page.status_code == commitment_page.status_code == 200
        counts[size] = (plan_queries.count, commitment_queries.count)
        print(f"{who}, {size} commitments: plan page {len(plan_page.data)} bytes of HTML, "
              f"commitment page {len(commitment_page.data)}")
    assert counts[3] == counts[30], counts
    print(f"statements ({who}): plan, commitment page: 3 -> {counts[3]}, 30 -> {counts[30]}")


def test_a_pdf_as_evidence_is_private_until_published(app, client):
    from io import BytesIO

    from ..files.samples import pdf

    with app.app_context():
        s = setup()
        commitment_id = s.commitment.id
    login(client, "enlace@example.org")
    update_id = int(_report(client, commitment_id, send=False)
                    .headers["Location"].rsplit("/", 1)[1])
    answer = client.post(f"/seguimiento/avances/{update_id}/archivos", data={
        "title": "Acta", "archivo": (BytesIO(b"<html><script>x</script></html>"), "acta.pdf")},
        content_type="multipart/form-data")
    assert answer.status_code == 422 and "no es de un tipo aceptado" in html(answer)
    answer = client.post(f"/seguimiento/avances/{update_id}/archivos", data={
        "title": "Acta firmada", "archivo": (BytesIO(pdf()), "acta.pdf")},
        content_type="multipart/form-data")
    assert answer.status_code == 303, html(answer)
    with app.app_context():
        evidence = [e for e in the(ProgressUpdate, update_id).evidence if e.file_id]
        assert [e.title for e in evidence] == ["Acta firmada"]
        file_id = evidence[0].file_id
    assert client.get(f"/archivos/{file_id}").status_code == 200  # the institution
    client.post(f"/seguimiento/avances/{update_id}/enviar")
    client.post("/cuenta/salir")
    assert client.get(f"/archivos/{file_id}").status_code == 404  # not published yet
    login(client, "mtga@example.org")
    assert client.post(f"/seguimiento/avances/{update_id}/publicar").status_code == 303
    client.post("/cuenta/salir")
    served = client.get(f"/archivos/{file_id}")
    assert served.status_code == 200 and served.headers["Content-Type"] == "application/pdf"
    assert f"/archivos/{file_id}" in html(client.get(f"/planes/compromisos/{commitment_id}"))
    data = client.get(f"/api/v1/progress-updates?commitment={commitment_id}").get_json()
    [item] = data["data"]
    assert {e["kind"] for e in item["evidence"]} == {"enlace", "archivo"}
    assert any(e["media_type"] == "application/pdf" for e in item["evidence"])
    rows = client.get(f"/api/v1/milestones.csv?commitment={commitment_id}").get_data(
        as_text=True).splitlines()
    assert len(rows) == 4 and ",2," in rows[2] and "completo" in rows[2]
