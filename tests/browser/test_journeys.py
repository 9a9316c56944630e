"""User journeys in a real browser, each at phone size (360 x 740) and desktop size, on
SQLite and PostgreSQL: what a person does, by the labels and roles they see. Every page a
journey visits is checked afterwards by the ``site`` fixture (axe-core, page weight, no
request to another host, no server or console error)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from participa.base.extensions import db
from participa.comments.services import post_comment
from participa.consultations.models import ConsultationRound
from participa.demo import proposal_data as demo_data
from participa.plans.models import Commitment, CommitmentVersion
from participa.proposals.models import OgpValue, Proposal
from participa.proposals.services import submit_proposal

from ..factories import PASSWORD, make_user
from .keyboard import Keyboard
from .pages import log_in, menu, open_menu
from .server import DRAFTS_ROUND

pytestmark = pytest.mark.browser

ROUND = demo_data.ROUND_TITLE
MODERATOR = "moderador@participa.example"
CSO_MEMBER = "osc@participa.example"
JAVASCRIPT = [pytest.param(True, id="con-js"), pytest.param(False, id="sin-js")]


def flash(page: Page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def signed_in(page: Page) -> None:
    """«Cerrar sesión» is in the header's menu (folded on a phone)."""
    expect(page.get_by_role("button", name="Cerrar sesión", include_hidden=True)) \
        .to_be_attached()


def menu_by_keyboard(page: Page, keys: Keyboard, name: str, *, backwards: bool = False):
    """A link of the main menu, the menu unfolded with the keyboard where it is folded."""
    toggle = page.get_by_role("banner").get_by_text("Menú", exact=True)
    if toggle.is_visible() and not toggle.evaluate("s => s.parentElement.open"):
        keys.focus(toggle, backwards=backwards)
        keys.press("Enter")
    return menu(page, name)


def go_to_round(page: Page, title: str = ROUND) -> None:
    menu(page, "Consultas").click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


# 1. and 6. A visitor reads a round in K'iche' ----------------------------------------------


@pytest.mark.parametrize("javascript", JAVASCRIPT)
def test_visitor_switches_to_kiche_and_reads_a_round(site, javascript):
    page = site.new_page(javascript=javascript)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    open_menu(page)
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="K'iche'").click()
    # The page says K'iche' is its language (the html element keeps the language most of its
    # text is in: Spanish while few messages are translated).
    current = page.locator('header .lang a[aria-current="true"]')
    expect(current).to_have_attribute("hreflang", "quc")
    go_to_round(page)
    expect(current).to_have_attribute("hreflang", "quc")
    # The verified K'iche' terms of the catalog: "Acerca de", "Privacidad".
    expect(page.get_by_role("link", name="Chi rij")).to_be_visible()
    expect(page.get_by_role("link", name="Echeb'alil")).to_be_visible()
    expect(page.get_by_role("heading", name="Calendario")).to_be_visible()


# 2. and 6. Sign up, confirm, log in, propose with preview, support, "Mi participación" -------


def sign_up_and_confirm(page: Page, server, *, name: str, email: str) -> None:
    page.goto("/")
    menu(page, "Registrarse").click()
    page.get_by_label("Nombre").fill(name)
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_label("Sector").select_option(label="Sociedad civil")
    page.get_by_role("button", name="Registrarse").click()
    expect(page.get_by_role("heading", name="Revise su correo electrónico")).to_be_visible()
    (message,) = server.mails_to(email)
    page.goto(server.link_in(message))
    page.get_by_role("button", name="Confirmar").click()
    flash(page, "Su correo electrónico quedó confirmado")
    # Confirming signs her in (issue 15, item 11): no log-in form in between.
    signed_in(page)


def propose(page: Page, title: str) -> None:
    page.get_by_role("link", name="Enviar una propuesta").click()
    page.get_by_label("Título").fill(title)
    page.get_by_label("¿Qué problema atiende?").fill(
        "Las municipalidades publican sus compras meses después de hacerlas.")
    page.get_by_label("¿Qué compromiso propone?").fill(
        "Publicar cada compra municipal en Guatecompras dentro de las 48 horas.")
    page.get_by_label("¿Cómo ayudaría a resolver el problema?").fill(
        "Los vecinos podrían vigilar el gasto mientras todavía se puede corregir.")
    page.get_by_label("Transparencia", exact=True).check()
    page.get_by_label("Eje temático").select_option(label="Transparencia fiscal")
    page.get_by_label("Institución que debería hacerse cargo").fill(
        "Ministerio de Finanzas Públicas")
    page.get_by_role("button", name="Vista previa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vista previa de su propuesta")
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_role("button", name="Publicar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def support(page: Page, title: str) -> None:
    page.get_by_role("link", name="Todas las propuestas de la consulta").click()
    page.get_by_label("Buscar en las propuestas").fill(title)
    page.locator("#contenido").get_by_role("button", name="Buscar").click()
    page.get_by_role("link", name=title).click()
    page.get_by_role("button", name="Apoyar esta propuesta").click()
    expect(page.get_by_role("button", name="Retirar mi apoyo")).to_be_visible()


def expect_participation(page: Page, own: str, supported: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi participación")
    mine = page.get_by_role("region", name="Mis propuestas")
    expect(mine.get_by_role("link", name=own)).to_be_visible()
    theirs = page.get_by_role("region", name="Propuestas que apoyo")
    expect(theirs.get_by_role("link", name=supported)).to_be_visible()


@pytest.mark.parametrize("javascript", JAVASCRIPT)
def test_sign_up_propose_and_support(site, server, unique, javascript):
    page = site.new_page(javascript=javascript)
    email = f"ana-{unique}@example.org"
    sign_up_and_confirm(page, server, name="Ana Xoy", email=email)
    go_to_round(page)
    title = f"Compras municipales a la vista {unique}"
    propose(page, title)
    supported = demo_data.PROPOSALS[14].title
    support(page, supported)
    menu(page, "Mi participación").click()
    expect_participation(page, title, supported)


# 7. Journey 2 with the keyboard only ------------------------------------------------------


def test_sign_up_propose_and_support_with_the_keyboard(site, server, unique):
    page = site.new_page()
    keys = Keyboard(page)
    email = f"keyboard-{unique}@example.org"
    title = f"Rendición de cuentas municipal {unique}"
    supported = demo_data.PROPOSALS[18].title

    page.goto("/")
    keys.survey()
    keys.focus(menu_by_keyboard(page, keys, "Registrarse"))
    keys.press("Enter", navigates=True)
    keys.survey()
    for label, text in (("Nombre", "Tomás Ixcoy"), ("Correo electrónico", email),
                        ("Contraseña", PASSWORD)):
        keys.focus(page.get_by_label(label))
        keys.type(text)
    keys.focus(page.get_by_label("Sector"))
    keys.type("Acad")  # the menu starts on «Elija una opción», which the server refuses
    expect(page.get_by_label("Sector")).to_have_value("academia")
    keys.focus(page.get_by_role("button", name="Registrarse"))
    keys.press("Enter", navigates=True)
    expect(page.get_by_role("heading", name="Revise su correo electrónico")).to_be_visible()
    keys.survey()

    (message,) = server.mails_to(email)
    page.goto(server.link_in(message))
    keys.survey()
    keys.focus(page.get_by_role("button", name="Confirmar"))
    keys.press("Space", navigates=True)
    keys.survey()
    signed_in(page)

    keys.focus(menu_by_keyboard(page, keys, "Consultas"))
    keys.press("Enter", navigates=True)
    keys.focus(page.get_by_role("link", name=ROUND))
    keys.press("Enter", navigates=True)
    keys.survey()
    keys.focus(page.get_by_role("link", name="Enviar una propuesta"))
    keys.press("Enter", navigates=True)

    keys.survey()
    for label, text in (
        ("Título", title),
        ("¿Qué problema atiende?", "Nadie sabe en qué se gastan los fondos de desarrollo."),
        ("¿Qué compromiso propone?", "Informes trimestrales de cada municipalidad."),
        ("¿Cómo ayudaría a resolver el problema?", "Los consejos comunitarios los leerían."),
    ):
        keys.focus(page.get_by_label(label))
        keys.type(text)
    keys.focus(page.get_by_label("Rendición de cuentas", exact=True))
    keys.press("Space")
    expect(page.get_by_label("Rendición de cuentas", exact=True)).to_be_checked()
    keys.focus(page.get_by_label("Eje temático"))
    keys.type("Rendi")  # a closed menu selects the option its first letters name
    expect(page.get_by_label("Eje temático")).to_have_value(re.compile(r"\d+"))
    keys.focus(page.get_by_label("Institución que debería hacerse cargo"))
    keys.type("Contraloría General de Cuentas")
    keys.focus(page.get_by_role("button", name="Vista previa"))
    keys.press("Enter", navigates=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("Vista previa de su propuesta")
    keys.survey()
    keys.focus(page.get_by_role("button", name="Seguir editando"))
    keys.focus(page.get_by_role("button", name="Publicar"), backwards=True)
    keys.press("Enter", navigates=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    keys.survey()
    keys.focus(page.get_by_role("link", name="Todas las propuestas de la consulta"))
    keys.press("Enter", navigates=True)
    keys.focus(page.get_by_label("Buscar en las propuestas"))
    keys.type(supported)
    keys.focus(page.locator("#contenido").get_by_role("button", name="Buscar"))
    keys.press("Enter", navigates=True)
    keys.survey()
    keys.focus(page.get_by_role("link", name=supported))
    keys.press("Enter", navigates=True)
    keys.survey()
    keys.focus(page.get_by_role("button", name="Apoyar esta propuesta"))
    keys.press("Space")
    expect(page.get_by_role("button", name="Retirar mi apoyo")).to_be_visible()
    keys.focus(menu_by_keyboard(page, keys, "Mi participación", backwards=True))
    keys.press("Enter", navigates=True)
    expect_participation(page, title, supported)
    keys.survey()
    assert not keys.problems, "\n".join(keys.problems)


@pytest.mark.parametrize("viewport", ["escritorio"])
def test_similar_titles_keep_the_focused_field_on_the_screen(site, server):
    """The list of similar proposals appears above the fields; when it arrives while the
    person is already typing lower down, the field with the focus stays on the screen."""
    page = site.signed_in_page(CSO_MEMBER, server.demo_password)
    go_to_round(page)
    page.get_by_role("link", name="Enviar una propuesta").click()
    field = page.get_by_label("¿Qué compromiso propone?")
    bottom = field.evaluate("el => el.getBoundingClientRect().bottom")
    page.set_viewport_size({"width": 1280, "height": int(bottom) + 4})
    page.get_by_label("Título").fill(demo_data.PROPOSALS[18].title)
    field.focus()
    field.press_sequentially("Informes")
    expect(page.locator("#similares li").first).to_be_visible()
    rect = field.evaluate("el => { const r = el.getBoundingClientRect();"
                          " return {top: r.top, bottom: r.bottom, height: innerHeight}; }")
    # (within a pixel: scrolling snaps to whole pixels, the boxes need not)
    assert 0 <= rect["top"] and rect["bottom"] <= rect["height"] + 1, rect


# 3. Consolidation: a draft from three proposals, answers, a new version, the diff ---------


def arrange_three_proposals(server, unique: str) -> tuple[str, list[tuple[str, str]]]:
    """An author with three proposals in the demo round; their (reference, title)."""
    email = f"autora-{unique}@example.org"
    with server.arrange():
        author = make_user(name=f"Juana Batz {unique}", email_address=email)
        round_ = db.session.scalar(
            sa.select(ConsultationRound).where(ConsultationRound.title == ROUND))
        axis = round_.plan.axes[0]
        proposals = [
            submit_proposal(
                author=author, round=round_, axis=axis, organization=None,
                title=f"Archivo municipal abierto {unique} ({n})",
                problem="Los archivos municipales no se pueden consultar.",
                proposed_commitment="Digitalizar y publicar los archivos municipales.",
                benefit="Cualquier vecino podrá consultarlos.",
                institution="Archivo General de Centro América",
                values=[OgpValue.TRANSPARENCY],
            )
            for n in (1, 2, 3)
        ]
        chosen = [(p.reference, p.title) for p in proposals]
    return email, chosen


def answer(page: Page, reference: str, decision: str, reason: str, draft: str | None) -> None:
    page.get_by_role("link", name=f"Responder {reference}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Respuesta a {reference}")
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("Motivo").fill(reason)
    if draft:
        menu = page.get_by_label("Compromiso", exact=True)
        menu.select_option(label=menu.locator("option", has_text=draft).inner_text())
    page.get_by_role("button", name="Guardar la respuesta").click()
    flash(page, f"Guardó la respuesta a {reference}")


def test_moderator_consolidates_answers_and_revises_a_draft(site, server, unique):
    author_email, chosen = arrange_three_proposals(server, unique)
    page = site.signed_in_page(MODERATOR, server.demo_password)
    menu(page, "Moderación").click()
    page.get_by_role("link", name=ROUND).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consolidación y respuestas")
    page.get_by_label("Buscar en las propuestas").fill(unique)
    page.get_by_role("button", name="Filtrar").click()
    for reference, _title in chosen:
        page.get_by_label(f"Marcar {reference}").check()
    page.get_by_role("button", name="Crear un borrador con las marcadas").click()

    draft = f"Archivos municipales abiertos y digitales {unique}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Crear un borrador de compromiso")
    page.get_by_label("Título del borrador de compromiso").fill(draft)
    page.get_by_role("button", name="Crear el borrador").click()
    flash(page, "a partir de 3 propuestas")

    (first, _), (second, _), (third, _) = chosen
    answer(page, first, "Incorporada", "Es el núcleo del compromiso.", draft)
    answer(page, second, "Incorporada en parte",
           "Se incorpora la digitalización; la publicación queda para el próximo plan.", draft)
    answer(page, third, "Fusionada en un compromiso", "Repite la primera propuesta.", draft)
    page.get_by_role("link", name="Publicar las respuestas preparadas").click()
    page.get_by_role("button", name="Publicar las respuestas").click()
    flash(page, re.compile(r"Publicó \d+ respuestas"))

    page.get_by_role("link", name=draft).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(draft)
    page.get_by_role("link", name="Editar el borrador (nueva versión)").click()
    problem = f"Los archivos de {unique} municipalidades no están digitalizados."
    page.get_by_label("¿Cuál es la problemática que el compromiso aborda?").fill(problem)
    page.get_by_label("Nota de cambios").fill("Se describe la problemática.")
    page.get_by_role("button", name="Guardar una nueva versión").click()
    flash(page, "Se guardó la versión 2 del borrador.")
    page.get_by_role("link", name="Qué cambió desde la versión 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diferencias entre versiones")
    expect(page.locator("ins").filter(has_text=unique)).to_be_visible()

    author = site.new_page()
    log_in(author, author_email, PASSWORD)
    menu(author, "Mi participación").click()
    mine = author.get_by_role("region", name="Mis propuestas")
    expect(mine.get_by_role("row").filter(has_text=chosen[1][1])).to_contain_text(
        "Incorporada en parte")
    mine.get_by_role("link", name=chosen[1][1]).click()
    outcome = author.get_by_role("region", name="Qué pasó con esta propuesta")
    expect(outcome).to_contain_text("Incorporada en parte")
    expect(outcome).to_contain_text("la publicación queda para el próximo plan")
    expect(outcome.get_by_role("link", name=draft).first).to_be_visible()


# 4. A CSO member comments on a milestone of a draft and replies to a comment --------------


def arrange_comment_on_draft(server, unique: str) -> tuple[str, str]:
    """A comment by another person on the draft of the comments round; (draft, text)."""
    text = f"¿Quién verifica el hito 1? ({unique})"
    with server.arrange():
        round_ = db.session.scalar(
            sa.select(ConsultationRound).where(ConsultationRound.title == DRAFTS_ROUND))
        commitment = db.session.scalar(
            sa.select(Commitment).where(Commitment.round_id == round_.id))
        version = db.session.scalar(
            sa.select(CommitmentVersion).where(CommitmentVersion.commitment_id == commitment.id)
            .order_by(CommitmentVersion.number.desc()).limit(1))
        author = make_user(name=f"Pedro Cux {unique}")
        post_comment(author=author, body=text, version=version)
        draft = commitment.title
    return draft, text


def test_cso_member_comments_on_a_milestone_and_replies(site, server, unique):
    draft, their_comment = arrange_comment_on_draft(server, unique)
    page = site.signed_in_page(CSO_MEMBER, server.demo_password)
    go_to_round(page, DRAFTS_ROUND)
    page.get_by_role("link", name=draft).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(draft)

    part = page.get_by_label("¿Sobre qué parte del borrador?")
    milestone = part.locator("option", has_text=re.compile(r"^Hito 3")).inner_text()
    part.select_option(label=milestone)
    mine = f"El hito 3 necesita una fecha de verificación pública. ({unique})"
    page.get_by_label("Su comentario").fill(mine)
    page.get_by_label("¿En nombre de quién comenta?").select_option(label="Acción Ciudadana")
    page.get_by_role("button", name="Publicar el comentario").click()
    group = page.get_by_role("region", name=re.compile(r"^Hito 3"))
    expect(group.get_by_role("article").filter(has_text=mine)).to_contain_text(
        "en nombre de Acción Ciudadana")

    page.get_by_role("article").filter(has_text=their_comment).get_by_role(
        "link", name="Responder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Responder a un comentario")
    reply = f"Lo verificaría la Contraloría General de Cuentas. ({unique})"
    page.get_by_label("Su respuesta").fill(reply)
    page.get_by_role("button", name="Publicar la respuesta").click()
    thread = page.get_by_role("listitem").filter(
        has=page.get_by_role("article").filter(has_text=their_comment))
    expect(thread.get_by_role("list").get_by_role("article").filter(has_text=reply)).to_be_visible()


# 5. Three people report a comment; it is hidden; a moderator restores it -----------------


def arrange_comment_and_reporters(server, unique: str) -> tuple[int, str, str, list[str]]:
    title = demo_data.PROPOSALS[2].title
    text = f"Comentario que tres personas denuncian ({unique})."
    author_name = f"Rosa Cumes {unique}"
    with server.arrange():
        proposal = db.session.scalar(sa.select(Proposal).where(Proposal.title == title))
        post_comment(author=make_user(name=author_name), body=text, proposal=proposal)
        reporters = [make_user(email_address=f"denuncia{n}-{unique}@example.org").email
                     for n in (1, 2, 3)]
        proposal_id = proposal.id
    return proposal_id, text, author_name, reporters


def test_three_reports_hide_a_comment_and_a_moderator_restores_it(site, server, unique):
    proposal_id, text, author_name, reporters = arrange_comment_and_reporters(server, unique)
    for email in reporters:
        page = site.new_page()
        log_in(page, email, PASSWORD)
        page.goto(f"/propuestas/{proposal_id}")
        page.get_by_role("article").filter(has_text=text).get_by_role(
            "link", name="Denunciar", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Denunciar un comentario")
        page.get_by_label("Fuera de tema").check()
        page.get_by_role("button", name="Enviar la denuncia").click()
        flash(page, "Gracias. La moderación revisará su denuncia")

    visitor = site.new_page()
    visitor.goto(f"/propuestas/{proposal_id}")
    expect(visitor.get_by_text(text)).to_have_count(0)
    expect(visitor.get_by_text("Comentario oculto por moderación").first).to_be_visible()

    page = site.signed_in_page(MODERATOR, server.demo_password)
    menu(page, "Moderación de contenido").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Denuncias")
    item = page.get_by_role("region", name=f"Comentario de {author_name}")
    expect(item).to_contain_text("3 denuncias abiertas")
    item.get_by_role("link", name="Revisar y decidir").click()
    page.get_by_label("Nota (opcional)").fill("Revisado: no rompe las reglas.")
    page.get_by_role("button", name="Restaurar: mostrarlo de nuevo, intacto").click()

    visitor.reload()
    expect(visitor.get_by_text(text)).to_be_visible()
