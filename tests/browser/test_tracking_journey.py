"""Implementation tracking in a real browser (issue 16, done means), one journey: a member of
the lead institution reports milestone 2 of a published commitment as complete with a PDF as
evidence; the MTGA publishes the update and the commitment's follower hears of it (by the
real mail worker's e-mail and in the app); a CSO member comments on it; the plan's page
shows the commitment's completion and its axis's roll-up; the MTGA opens the mid-term
self-assessment, whose draft lists the update, and its .docx and .odt, downloaded from the
page, open in LibreOffice (headless, to PDF, read by pdftotext) with the commitment's
fields. On SQLite and PostgreSQL; every page is checked by the ``site`` fixture (axe,
weight, HTML)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from participa.base.extensions import db
from participa.demo.pdf import text_pdf
from participa.organizations.models import Organization
from participa.plans.models import ActionPlan, Axis, Commitment, CommitmentStatus, PlanStatus
from participa.plans.versions import ContactData, MilestoneData, add_version, version_values
from participa.tracking.models import LeadOrganization

from ..documents.conftest import office_text
from ..factories import PASSWORD, make_user
from .test_journeys import CSO_MEMBER, MODERATOR, flash

pytestmark = pytest.mark.browser

INSTITUTION_MEMBER = "enlace@participa.example"  # the demo's member of GPAT
GPAT = "Comisión Presidencial de Gestión Pública Abierta y Transparencia"


def printed_in_order(field: str, printed: str) -> bool:
    """Every word of ``field`` printed, in its order: pdftotext reads a table row line by
    line, so a cell's lines come between those of the cell beside it (the update's text
    and its evidence's titles)."""
    words = iter(printed.split())
    return all(any(word == seen for seen in words) for word in field.split())


def tiny_pdf(text: str) -> bytes:
    """A small valid PDF of one page saying ``text`` (the demo's generator)."""
    return text_pdf([text])


def arrange_published_commitment(server, unique: str) -> tuple[int, int, str, str]:
    """A plan in implementation with an axis and a published commitment of three
    milestones, whose lead institution is GPAT; (plan id, commitment id, title, axis)."""
    title = f"Datos abiertos de compras públicas ({unique})"
    axis_name = f"Transparencia fiscal ({unique})"
    with server.arrange():
        number = (db.session.scalar(sa.select(sa.func.max(ActionPlan.number))) or 0) + 1
        plan = ActionPlan(number=number, title=f"Plan en implementación ({unique})",
                          start_year=2100 + number, end_year=2102 + number,
                          status=PlanStatus.IN_IMPLEMENTATION)
        db.session.add(plan)
        db.session.flush()
        axis = Axis(plan_id=plan.id, name=axis_name, position=1)
        db.session.add(axis)
        db.session.flush()
        commitment = Commitment(plan_id=plan.id, number=1, title=title, axis_id=axis.id,
                                lead_institution=GPAT, status=CommitmentStatus.ACTIVE)
        db.session.add(commitment)
        db.session.flush()
        add_version(
            commitment=commitment, number=1, author=None, is_final=True,
            values={**version_values(None), "title": title, "lead_institution": GPAT},
            milestones=[MilestoneData(n, f"Hito de compras {n}.", GPAT) for n in (1, 2, 3)],
            contacts=[ContactData("Enlace de GPAT")], change_note="Versión final.",
        )
        gpat = db.session.scalar(sa.select(Organization).where(Organization.name == GPAT))
        db.session.add(LeadOrganization(commitment_id=commitment.id, organization_id=gpat.id))
        db.session.commit()
        return plan.id, commitment.id, title, axis_name


def test_institution_reports_mtga_publishes_cso_comments(site, server, unique, tmp_path):
    plan_id, commitment_id, title, axis_name = arrange_published_commitment(server, unique)
    follower = f"sigue-avances-{unique}@example.org"
    with server.arrange():
        make_user(name=f"Vecina que sigue {unique}", email_address=follower)

    # A person follows the commitment with its button.
    page = site.signed_in_page(follower, PASSWORD)
    page.goto(f"/planes/compromisos/{commitment_id}")
    page.locator(f'form[action="/notificaciones/seguir/commitment/{commitment_id}"]') \
        .get_by_role("button").click()
    expect(page.locator(f'form[action="/notificaciones/dejar-de-seguir/commitment/'
                        f'{commitment_id}"]')).to_be_visible()
    page.close()
    pdf = tmp_path / "acta-de-cierre.pdf"
    pdf.write_bytes(tiny_pdf(f"Acta {unique}"))
    report = f"Se publicaron los datos de todas las compras del trimestre. ({unique})"

    # The institution reports milestone 2 as complete, with the PDF, and sends it.
    page = site.signed_in_page(INSTITUTION_MEMBER, server.demo_password)
    page.goto(f"/planes/compromisos/{commitment_id}")
    page.get_by_role("link", name="Informar el avance del hito 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informar un avance")
    page.get_by_label("Estado del hito").select_option(label="Completo")
    page.get_by_label("Avance", exact=True).fill(report)
    page.get_by_role("button", name="Guardar como borrador").click()
    flash(page, "El avance quedó guardado como borrador.")
    page.get_by_label("Archivo", exact=True).set_input_files(str(pdf))
    page.get_by_label("Título del archivo").fill("Acta de cierre del trimestre")
    page.get_by_role("button", name="Añadir el archivo").click()
    flash(page, "El archivo quedó añadido a la evidencia.")
    evidence = page.get_by_role("link", name="Acta de cierre del trimestre")
    expect(evidence).to_be_visible()
    assert page.request.get(evidence.get_attribute("href")).headers["content-type"] == \
        "application/pdf"
    page.get_by_role("button", name="Enviar a la MTGA").click()
    flash(page, "El avance quedó enviado a la MTGA para su revisión.")
    page.close()

    # The MTGA publishes it from its workspace.
    page = site.signed_in_page(MODERATOR, server.demo_password)
    page.goto("/seguimiento/")
    page.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avance del hito 2")
    page.get_by_role("button", name="Publicar el avance").click()
    flash(page, "El avance quedó publicado en la página del compromiso.")
    timeline = page.get_by_role("article").filter(has_text=report)
    expect(timeline).to_contain_text("Hito 2: Completo")
    expect(timeline.get_by_role("link", name="Acta de cierre del trimestre")).to_be_visible()
    page.close()

    # The follower hears of it: the mail worker's e-mail, and the app's notifications.
    server.run_mail_worker()
    told = f"Se publicó un avance del hito 2 del compromiso «{title}»: Completo."
    [message] = [m for m in server.mails_to(follower) if told in m.get_content()]
    assert f"/planes/compromisos/{commitment_id}" in message.get_content()
    page = site.signed_in_page(follower, PASSWORD)
    page.goto("/notificaciones/")
    expect(page.locator("#contenido")).to_contain_text(told)
    page.close()

    # A CSO member comments on the published update.
    page = site.signed_in_page(CSO_MEMBER, server.demo_password)
    page.goto(f"/planes/compromisos/{commitment_id}")
    update = page.get_by_role("article").filter(has_text=report)
    update.get_by_role("link", name="Comentar este avance").click()
    comment = f"¿Los datos incluyen las compras por excepción? ({unique})"
    page.get_by_label("Su comentario").fill(comment)
    page.get_by_role("button", name="Publicar el comentario").click()
    expect(page.get_by_role("article").filter(has_text=report)
           .get_by_role("article").filter(has_text=comment)).to_be_visible()

    # The plan's page: the commitment's completion and its axis's roll-up.
    page.goto(f"/planes/{plan_id}")
    by_commitment = page.get_by_role("group", name="Por compromiso").get_by_role(
        "row").filter(has_text=title)
    expect(by_commitment).to_contain_text("1 de 3 hitos completos (33 %)")
    expect(by_commitment).to_contain_text("Limitado")
    by_axis = page.get_by_role("group", name="Por eje").get_by_role("row").filter(
        has_text=axis_name)
    expect(by_axis).to_contain_text("1 de 3 hitos completos (33 %)")
    page.close()

    # The MTGA opens the mid-term self-assessment: its draft lists the update.
    page = site.signed_in_page(MODERATOR, server.demo_password)
    page.goto(f"/planes/{plan_id}")
    page.locator("#contenido").get_by_role("link", name="Abrir una autoevaluación").click()
    page.get_by_label("Autoevaluación", exact=True).select_option(
        label="Autoevaluación de medio término")
    lessons = f"Los hitos con acta se verifican mejor. ({unique})"
    page.get_by_label("Lecciones aprendidas").fill(lessons)
    page.get_by_role("button", name="Abrir la autoevaluación").click()
    flash(page, "Se abrió la autoevaluación, como borrador.")
    content = page.locator("#contenido")
    expect(page.get_by_role("heading", level=1)).to_have_text("Autoevaluación de medio término")
    expect(content).to_contain_text(report)
    expect(content).to_contain_text("1 de 3 hitos completos (33 %)")

    # Its .docx and .odt, downloaded from the page, open in LibreOffice with the fields.
    files = {}
    for name in ("Word (.docx)", "OpenDocument (.odt)"):
        with page.expect_download() as download:
            content.get_by_role("link", name=name).click()
        files[download.value.suggested_filename] = download.value.path().read_bytes()
    assert sorted(name.rsplit(".", 1)[1] for name in files) == ["docx", "odt"]
    assert all(name.startswith("autoevaluacion-medio-termino-plan-") for name in files)
    page.close()
    (tmp_path / "office").mkdir()
    texts = office_text(files, tmp_path / "office")
    for name, (printed, exported) in texts.items():
        for field in (title, GPAT, "Hito de compras 2.", "Completo", report, lessons,
                      "Limitado: 1 de 3 hitos completos (33 %)"):
            assert printed_in_order(field, printed), (name, field)
            assert field in exported, (name, field)

