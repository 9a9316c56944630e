"""A consultation held in person, in a real browser on SQLite and PostgreSQL, at phone and
desktop size (issue 19, "done means"): the MTGA records a workshop in Totonicapán and types
in five proposals gathered there, marked K'iche' and Spanish (their text is visibly fake test
text: nobody writes Mayan text here); they appear in the round's list with their origin, get
the MTGA's responses, and count in the round's statistics, whose charts pass axe at 360 px;
the forum's page shows a meeting with its minutes; the plan's repository lists the minutes
and the consideration report with their dates. axe, the Nu checker and the page weights are
checked on every page visited (conftest). The MTGA types in a comment gathered at the
workshop on the round's draft commitment with the keyboard only: its form, checked with axe
and the Nu checker like every page, is reached and filled by Tab and typing, and submitted
with Enter; the comment shows on the workshop's page with its origin."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from participa.base.extensions import db
from participa.base.time import local_zone, utcnow
from participa.comments.models import Comment
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.demo import proposal_data as demo_data
from participa.proposals.models import Proposal
from participa.workshops.models import Workshop

from ..voting.conftest import make_draft, round_in
from .keyboard import Keyboard
from .pages import menu

pytestmark = pytest.mark.browser

MODERATOR = "moderador@participa.example"
ROUND = demo_data.ROUND_TITLE
# (language, title): two marked K'iche', three Spanish; the text is test text, not K'iche'.
PROPOSALS = (
    ("quc", "[prueba quc] Propuesta uno"),
    ("quc", "[prueba quc] Propuesta dos"),
    ("es", "[prueba] Radio comunitaria con el presupuesto"),
    ("es", "[prueba] Asamblea para rendir cuentas de las obras"),
    ("es", "[prueba] Consultas por mensaje de texto"),
)


def flash(page: Page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def _round_id(server) -> int:
    with server.arrange():
        return db.session.scalar(
            sa.select(ConsultationRound.id).where(ConsultationRound.title == ROUND))


def record_workshop(page: Page, round_id: int, title: str) -> None:
    page.goto(f"/consultas/{round_id}/talleres")
    main = page.locator("#contenido")
    main.get_by_role("link", name="Registrar un taller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrar un taller")
    main = page.locator("#contenido")
    main.get_by_label("Nombre del taller").fill(title)
    main.get_by_label("Fecha").fill(utcnow().astimezone(local_zone()).date().isoformat())
    main.get_by_label("Departamento").select_option("08")
    main.get_by_label("Municipio", exact=True).select_option("0805")
    main.get_by_label("Lugar").fill("Salón comunal de la zona 1")
    main.get_by_label("Español").check()
    main.get_by_label("K'iche'").check()
    main.get_by_label("Facilitadoras y facilitadores").fill("[prueba] Equipo de la MTGA")
    main.get_by_label("Ciudadanía: total").fill("30")
    main.get_by_label("Ciudadanía: mujeres").fill("17")
    main.get_by_label("Ciudadanía: hombres").fill("13")
    main.get_by_role("button", name="Registrar el taller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#contenido")).to_contain_text("Momostenango, Totonicapán")


def enter_proposal(page: Page, language: str, title: str) -> None:
    main = page.locator("#contenido")
    main.get_by_label("Título").fill(title)
    main.get_by_label("¿Qué problema atiende?").fill(f"{title}: el problema anotado.")
    main.get_by_label("¿Qué compromiso propone?").fill(f"{title}: el compromiso anotado.")
    main.get_by_label("¿Cómo ayudaría a resolver el problema?").fill(f"{title}: el beneficio.")
    main.get_by_label("Idioma de la propuesta").select_option(language)
    main.get_by_label("Transparencia", exact=True).check()
    main.get_by_label("Eje temático").select_option(label=demo_data.PARTICIPATION)
    main.get_by_label("Institución que debería hacerse cargo").fill("Municipalidad")
    main.get_by_label("Sector de quien propone").select_option("ciudadania")
    main.get_by_role("button", name="Registrar la propuesta").click()
    flash(page, "quedó registrada con su origen en el taller")


def answer(page: Page, reference: str) -> None:
    page.get_by_role("link", name=f"Responder {reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Respuesta a {reference}")
    page.get_by_label("Fuera del alcance del plan", exact=True).check()
    page.get_by_label("Motivo").fill("[prueba] Se trasladó a la municipalidad.")
    page.get_by_role("button", name="Guardar la respuesta").click()
    flash(page, f"Guardó la respuesta a {reference}")


def _number(cell: str) -> int:
    return int(re.sub(r"\D", "", cell))


def test_the_mtga_records_a_workshop_whose_proposals_follow_the_flow(site, server, unique):
    round_id = _round_id(server)
    title = f"Taller comunitario de Momostenango {unique}"
    page = site.signed_in_page(MODERATOR, server.demo_password)
    record_workshop(page, round_id, title)
    page.locator("#contenido").get_by_role(
        "link", name="Registrar una propuesta recogida aquí").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registrar una propuesta recogida en un taller")
    for language, proposal in PROPOSALS:
        enter_proposal(page, language, f"{proposal} {unique}")
    with server.arrange():
        entered = [(p.reference, p.language) for p in db.session.scalars(
            sa.select(Proposal).join(Workshop, Workshop.id == Proposal.workshop_id)
            .where(Workshop.title == title).order_by(Proposal.id))]
    assert [language for _reference, language in entered] == [p[0] for p in PROPOSALS]

    # In the round's list, with their origin in place of an author.
    page.goto(f"/consultas/{round_id}/propuestas?q={unique}")
    listing = page.locator("#contenido")
    for _language, proposal in PROPOSALS:
        expect(listing.get_by_role("link", name=f"{proposal} {unique}")).to_be_visible()
    expect(listing.get_by_text("Recogida en el taller").first).to_be_visible()
    expect(listing.get_by_text(title).first).to_be_visible()
    expect(listing.get_by_role("heading", name=f"{PROPOSALS[0][1]} {unique}")).to_have_attribute(
        "lang", "quc")  # marked K'iche' on the page (its text is test text)

    # The MTGA answers them and publishes the answers.
    menu(page, "Moderación").click()
    page.get_by_role("link", name=ROUND).click()
    page.get_by_label("Buscar en las propuestas").fill(unique)
    page.get_by_role("button", name="Filtrar").click()
    for reference, _language in entered:
        answer(page, reference)
    page.get_by_role("link", name="Publicar las respuestas preparadas").click()
    page.get_by_role("button", name="Publicar las respuestas").click()
    flash(page, re.compile(r"Publicó \d+ respuestas"))

    # They count in the round's statistics (origin, language, responses).
    page.goto(f"/consultas/{round_id}/estadisticas")
    main = page.locator("#contenido")
    origin = main.locator("#grafico-origen").get_by_role("row", name=re.compile("En talleres"))
    assert _number(origin.get_by_role("cell").inner_text()) >= len(PROPOSALS) + 4
    language = main.locator("#grafico-idioma").get_by_role("row", name=re.compile("K.iche"))
    assert _number(language.get_by_role("cell").inner_text()) >= 2
    responses = main.locator("#grafico-respuestas").get_by_role(
        "row", name=re.compile("Fuera del alcance"))
    assert _number(responses.get_by_role("cell").inner_text()) >= len(PROPOSALS)
    expect(main.locator("#grafico-origen svg[role=img] title")).to_have_text(
        "Propuestas por origen")

    # The forum's page shows a meeting with its minutes.
    page.goto("/mesa-tecnica")
    page.locator("#contenido").get_by_text("Acta", exact=True).first.click()
    expect(page.locator("#contenido").get_by_text(
        "Sesión virtual. Se presentó el informe de los talleres")).to_be_visible()

    # The plan's repository lists the minutes and the consideration report, with dates.
    page.goto(f"/consultas/{round_id}")
    page.locator("#contenido").get_by_role("link", name=demo_data.PLAN_TITLE).first.click()
    page.locator("#contenido").get_by_role(
        "link", name="Repositorio de documentos y evidencias del plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Repositorio del plan")
    minutes = page.get_by_role("region", name="Actas de la Mesa Técnica")
    expect(minutes.get_by_role("link", name=re.compile("^Acta de la reunión del"))).to_have_count(2)
    expect(minutes.locator("time[datetime]").first).to_be_visible()
    reports = page.get_by_role("region", name="Informes de consideración de las propuestas")
    expect(reports.get_by_role("row").filter(has_text=ROUND)).to_be_visible()
    expect(reports.locator("time[datetime]").first).to_be_visible()


def test_the_mtga_types_in_a_workshops_comment_with_the_keyboard(site, server, unique):
    """A round of the demo plan in its comments phase, with a draft; a workshop held today,
    recorded in the browser; its comment typed in with the keyboard only."""
    with server.arrange():
        plan = db.session.get(ConsultationRound, _round_id(server)).plan
        round_ = round_in(PhaseKind.COMMENTS, plan, title=f"Consulta con talleres {unique}")
        draft = make_draft(round_, title=f"Compras publicadas en la radio {unique}")
        round_id, draft_id, option = round_.id, draft.id, f"{draft.number}. {draft.title}"
    title = f"Taller de comentarios en Momostenango {unique}"
    said = f"[prueba] En el taller pidieron anunciar cada compra en la radio {unique}."
    page = site.signed_in_page(MODERATOR, server.demo_password)
    record_workshop(page, round_id, title)
    keys = Keyboard(page)
    keys.focus(page.locator("#contenido").get_by_role(
        "link", name="Registrar un comentario recogido aquí"))
    keys.press("Enter", navigates=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registrar un comentario recogido en un taller")
    keys.survey()
    main = page.locator("#contenido")
    keys.focus(main.get_by_label("Borrador de compromiso"))
    keys.type(option)  # a closed menu selects the option its first letters name
    expect(main.get_by_label("Borrador de compromiso")).to_have_value(str(draft_id))
    keys.focus(main.get_by_label("Postura (opcional)"))
    keys.type("A favor")
    expect(main.get_by_label("Postura (opcional)")).to_have_value("a_favor")
    keys.focus(main.get_by_label("Comentario, tal como se recogió"))
    keys.type(said)
    keys.focus(main.get_by_role("button", name="Registrar el comentario"))
    keys.press("Enter", navigates=True)
    flash(page, "El comentario quedó registrado con su origen en el taller")
    main = page.locator("#contenido")
    expect(main.get_by_label("Comentario, tal como se recogió")).to_have_value("")
    keys.survey()
    assert keys.problems == [], "\n".join(keys.problems)

    # On the workshop's page, and on the draft's version discussed there.
    keys.focus(main.get_by_role("link", name=title))
    keys.press("Enter", navigates=True)
    expect(page.locator("#contenido").get_by_text(said)).to_be_visible()
    with server.arrange():
        (comment,) = db.session.scalars(sa.select(Comment).join(
            Workshop, Workshop.id == Comment.workshop_id).where(Workshop.title == title))
        assert (comment.body, comment.stance.value, comment.version.commitment_id) == (
            said, "a_favor", draft_id)
