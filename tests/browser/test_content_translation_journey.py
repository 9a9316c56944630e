"""Issue 18's journey in a real browser, on SQLite and PostgreSQL, at phone and desktop
size: a participant writes a proposal marked as K'iche'; the MTGA asks for its Spanish
translation; a translator takes the request and delivers it, another approves it; the MTGA
reads it in Spanish beside the original, answers in Spanish and asks for the answer in
K'iche'; it is translated and approved; the author, with the K'iche' interface, reads the
answer beside the original (side by side on a wide screen, stacked at 360 px) and is told.

Every text "in K'iche'" is visibly fake (``[prueba quc] ...``), as is the Spanish
translation (``[prueba es] ...``): nothing here is Mayan text.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from participa.demo import proposal_data as demo_data
from participa.demo.organizations import REVIEWER_EMAIL, TRANSLATOR_EMAIL

from ..factories import PASSWORD, make_user
from .pages import menu

pytestmark = pytest.mark.browser

MODERATOR = "moderador@participa.example"


def flash(page: Page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def write_kiche_proposal(page: Page, title: str) -> str:
    """The proposal's path."""
    menu(page, "Consultas").click()
    page.get_by_role("link", name=demo_data.ROUND_TITLE).click()
    page.get_by_role("link", name="Enviar una propuesta").click()
    page.get_by_label("Título").fill(title)
    page.get_by_label("¿Qué problema atiende?").fill("[prueba quc] Problema de la aldea.")
    page.get_by_label("¿Qué compromiso propone?").fill("[prueba quc] Compromiso propuesto.")
    page.get_by_label("¿Cómo ayudaría a resolver el problema?").fill(
        "[prueba quc] Beneficio para la aldea.")
    page.get_by_label("Transparencia", exact=True).check()
    page.get_by_label("Eje temático").select_option(label="Transparencia fiscal")
    page.get_by_label("Institución que debería hacerse cargo").fill(
        "Ministerio de Finanzas Públicas")
    page.get_by_label("Idioma de la propuesta").select_option(label="K'iche'")
    page.get_by_role("button", name="Vista previa").click()
    page.get_by_role("button", name="Publicar").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(title)
    expect(heading).to_have_attribute("lang", "quc")
    return re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]


def ask_for(page: Page, link: str, language: str) -> None:
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Traducciones")
    page.get_by_label("Idioma al que se traduce").select_option(label=language)
    page.get_by_role("button", name="Pedir la traducción").click()
    flash(page, "Pidió la traducción")


def take_and_deliver(page: Page, unique: str, texts: dict[str, str]) -> None:
    """From the K'iche' workspace: the open request of this journey, taken and delivered."""
    page.goto("/traduccion/")
    page.get_by_role("main").get_by_role("link", name="K'iche'").first.click()
    page.get_by_role("link", name="Textos por traducir").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Textos por traducir")
    card = page.get_by_role("listitem").filter(has_text=unique).filter(
        has=page.get_by_role("button", name="Tomar este pedido"))
    card.get_by_role("button", name="Tomar este pedido").click()
    flash(page, "Tomó el pedido")
    for label, text in texts.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Entregar la traducción").click()
    flash(page, "Entregó la traducción")


def approve(page: Page, unique: str) -> None:
    page.goto("/traduccion/quc/contenido")
    page.get_by_role("region", name="Traducciones por revisar").get_by_role(
        "link").filter(has_text=unique).first.click()
    pending = page.get_by_role("article").filter(has_text="Por revisar")
    pending.get_by_role("button", name="Aprobar").click()
    flash(page, "Aprobada")


def side_by_side(page: Page, translation: str, original: str, viewport: str) -> None:
    """Beside each other on a wide screen, one above the other on a phone."""
    first = page.locator(translation).bounding_box()
    second = page.locator(original).bounding_box()
    if viewport == "telefono":
        assert first["y"] + first["height"] <= second["y"] + 1, (first, second)
    else:
        assert first["x"] + first["width"] <= second["x"] + 1, (first, second)
        assert abs(first["y"] - second["y"]) < 80, (first, second)


def test_a_kiche_proposal_translated_answered_and_the_answer_translated(
        site, server, unique, viewport):
    email = f"ixchel-{unique}@example.org"
    with server.arrange():
        make_user(name=f"Ixchel Tzoc {unique}", email_address=email)
    title = f"[prueba quc] Ja' {unique}"

    # The participant writes her proposal in K'iche'.
    author = site.signed_in_page(email, PASSWORD)
    path = write_kiche_proposal(author, title)

    # The MTGA asks for it in Spanish.
    mtga = site.signed_in_page(MODERATOR, server.demo_password)
    mtga.goto(path)
    ask_for(mtga, "Traducciones de esta propuesta", "Español")

    # A translator of K'iche' delivers it; the reviewer approves it.
    translator = site.signed_in_page(TRANSLATOR_EMAIL, server.demo_password)
    take_and_deliver(translator, unique, {
        "Título": f"[prueba es] Agua {unique}",
        "¿Qué problema atiende?": "[prueba es] Problema de la aldea.",
        "¿Qué compromiso propone?": "[prueba es] Compromiso propuesto.",
        "¿Cómo ayudaría a resolver el problema?": "[prueba es] Beneficio para la aldea.",
    })
    reviewer = site.signed_in_page(REVIEWER_EMAIL, server.demo_password)
    approve(reviewer, unique)

    # The MTGA reads it in Spanish beside the original, and is told it is ready.
    mtga.goto(path)
    translation = mtga.get_by_role("region", name="Traducción al español")
    expect(translation).to_contain_text("[prueba es] Problema de la aldea.")
    expect(translation).to_contain_text("Traducción de Traducción (demostración), revisada "
                                        "por Revisión de traducciones (demostración).")
    expect(translation.locator('p[lang="es"]').first).to_be_visible()
    expect(mtga.locator('#original p[lang="quc"]').first).to_have_text(
        "[prueba quc] Problema de la aldea.")
    side_by_side(mtga, "#traduccion", "#original", viewport)
    # The notice names the proposal by its Spanish title, the MTGA's language (issue 18,
    # item 5).
    mtga.goto("/notificaciones/")
    expect(mtga.get_by_role("main").get_by_role("link").filter(
        has_text=f"[prueba es] Agua {unique}").first).to_contain_text(
        "Está lista la traducción que pidió")

    # The MTGA answers in Spanish, publishes, and asks for the answer in K'iche'.
    mtga.goto(path)
    mtga.get_by_role("link", name="Preparar la respuesta").click()
    mtga.get_by_label("No incorporada", exact=True).check()
    mtga.get_by_label("Motivo", exact=True).fill(
        f"La MTGA no la incorpora: ya existe un compromiso de agua ({unique}).")
    mtga.get_by_label("Idioma de la respuesta").select_option(label="Español")
    mtga.get_by_role("button", name="Guardar la respuesta").click()
    flash(mtga, "Guardó la respuesta")
    menu(mtga, "Moderación").click()
    mtga.get_by_role("link", name=demo_data.ROUND_TITLE).click()
    mtga.get_by_role("link", name="Publicar las respuestas preparadas").click()
    mtga.get_by_role("button", name="Publicar las respuestas").click()
    flash(mtga, re.compile(r"Publicó \d+ respuesta"))
    mtga.goto(path)
    ask_for(mtga, "Traducciones de esta respuesta", "K'iche'")

    take_and_deliver(translator, unique, {
        "Razones de la respuesta": f"[prueba quc] Respuesta de la MTGA ({unique}).",
    })
    approve(reviewer, unique)

    # The author, with the K'iche' interface, reads the answer beside the original.
    author.goto(f"{path}?lang=quc")
    expect(author.locator("#respuesta-traducida")).to_contain_text(
        f"[prueba quc] Respuesta de la MTGA ({unique}).")
    expect(author.locator("#respuesta-traducida p[lang='quc']").first).to_be_visible()
    expect(author.locator("#respuesta-original p[lang='es']")).to_contain_text(
        "ya existe un compromiso de agua")
    side_by_side(author, "#respuesta-traducida", "#respuesta-original", viewport)
    author.get_by_role("link", name=re.compile("Leer el original")).last.click()
    expect(author).to_have_url(re.compile("#respuesta-original$"))

    # She is told, and the notice gives the answer in K'iche'.
    author.goto("/notificaciones/")
    expect(author.get_by_role("main")).to_contain_text(
        f"[prueba quc] Respuesta de la MTGA ({unique}).")
