"""Pages read on a 360-px phone: wide tables read as stacked cards (each value under its
column's name), the printable plan fits the screen, the moderators' tabs and the
OGP-values checkboxes keep their labels beside them. The ``site`` fixture checks that no
page visited here scrolls sideways and runs axe-core on each."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from participa.accounts.services import find_by_email
from participa.consolidation.services import prepare_response, publish_responses
from participa.consultations import publication
from participa.consultations.models import PhaseKind
from participa.demo import proposal_data as demo_data
from participa.proposals.models import ResponseDecision

from ..factories import PASSWORD, make_proposal, make_user
from ..voting.conftest import link, make_draft, round_in
from .pages import menu

pytestmark = pytest.mark.browser

MODERATOR = "moderador@participa.example"
CSO_MEMBER = "osc@participa.example"
ROUND = demo_data.ROUND_TITLE
ADMIN = "admin@participa.example"
REASON = ("La Mesa Técnica de Gobierno Abierto consideró que la propuesta ya está cubierta "
          "por la Ley de Acceso a la Información Pública y por el compromiso vigente.")
PHONE = [pytest.param("telefono", id="telefono")]


def arrange_published_plan(server, unique: str) -> dict:
    """A plan published from a round of its own: a final draft with milestones and contacts,
    two proposals of one author with published responses (one incorporated into the draft,
    one not, with a long reason)."""
    with server.arrange():
        moderator, admin = find_by_email(MODERATOR), find_by_email(ADMIN)
        round_ = round_in(PhaseKind.PUBLICATION, title=f"Consulta publicada {unique}")
        draft = make_draft(round_, title=f"Compras abiertas {unique}", final=True,
                           milestones=3)
        author = make_user(name=f"Autora {unique}", email_address=f"autora-{unique}@example.org")
        taken = make_proposal(round_, author, title=f"Compras en 48 horas {unique}")
        left = make_proposal(round_, author, title=f"Otra ley {unique}")
        link(taken, draft)
        prepare_response(actor=moderator, proposal=taken,
                         decision=ResponseDecision.INCORPORATED, reason="", commitment=draft)
        prepare_response(actor=moderator, proposal=left,
                         decision=ResponseDecision.NOT_INCORPORATED, reason=REASON,
                         commitment=None)
        publish_responses(actor=moderator, round=round_)
        publication.publish_plan(actor=admin, round=round_)
        return {"round": round_.id, "plan": round_.plan_id, "draft": draft.id,
                "author": author.email, "left": left.reference}


def label_of(page: Page, selector: str) -> str:
    """The text a card shows before a cell's value (its ::before), '' when none."""
    return page.eval_on_selector(
        selector,
        "cell => getComputedStyle(cell, '::before').content.replace(/^\"|\"$/g, '')"
        ".split('\" / \"')[0]")


def expect_card(page: Page, cell: str, label: str) -> None:
    """The cell sits within the screen, as wide as most of it, under its column's name."""
    box = page.locator(cell).first.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (cell, box)
    assert box["width"] >= 250, (cell, box)
    assert label_of(page, cell).startswith(label), (cell, label_of(page, cell))


@pytest.mark.parametrize("viewport", PHONE)
def test_wide_tables_read_as_cards_on_a_phone(site, server, unique):
    world = arrange_published_plan(server, unique)
    page = site.new_page(javascript=False)
    page.goto(f"/consultas/{world['round']}/informe")
    row = page.get_by_role("row").filter(has_text=world["left"])
    expect(row.get_by_role("cell").filter(has_text="No incorporada")).to_be_visible()
    expect_card(page, "table.report tbody tr:first-child td:nth-child(5)", "Decisión")
    expect_card(page, "table.report tbody tr:last-child td:nth-child(6)", "Motivo")
    # Still a table for a screen reader (Chromium's accessibility tree): rows, cells and
    # column headers, and the cards' labels are not read a second time.
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    seen = [(n["role"]["value"], n.get("name", {}).get("value", ""))
            for n in nodes if not n.get("ignored")]
    assert {"table", "row", "cell", "columnheader"} <= {role for role, _ in seen}
    assert ("columnheader", "Motivo") in seen
    assert ("cell", "No incorporada") in seen

    page.goto(f"/planes/compromisos/{world['draft']}")
    expect_card(page, "table.milestones tbody tr:first-child td:nth-last-child(1)",
                "Fecha de término")

    page = site.signed_in_page(world["author"], PASSWORD, javascript=False)
    page.goto("/mi-participacion")
    expect_card(page, "#mis-propuestas + .table-wrap tbody tr:first-child td:last-child",
                "Qué pasó con ella")


@pytest.mark.parametrize("viewport", PHONE)
def test_the_printable_plan_fits_a_phone_and_numbers_its_contents_once(site, server, unique):
    world = arrange_published_plan(server, unique)
    page = site.new_page(javascript=False)
    page.goto(f"/planes/{world['plan']}/documento")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, width
    entry = page.locator(".document-toc li").first
    # The list numbers each entry with its commitment's number; the text does not repeat it.
    expect(entry).to_have_text(f"Compras abiertas {unique}")
    expect(entry).to_have_attribute("value", "1")
    assert page.eval_on_selector(".document-toc", "l => getComputedStyle(l).listStyleType") \
        != "none"
    page.emulate_media(media="print")
    assert page.eval_on_selector(".document-toc", "l => getComputedStyle(l).listStyleType") \
        != "none"
    expect(entry).to_have_text(f"Compras abiertas {unique}")


def boxes_overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


@pytest.mark.parametrize("viewport", PHONE)
def test_moderation_tabs_and_value_checkboxes_keep_their_labels_clear(site, server):
    page = site.signed_in_page(MODERATOR, server.demo_password, javascript=False)
    page.goto("/moderacion/contenido/denuncias")
    tabs = page.get_by_role("navigation", name="Moderación de contenido").get_by_role("listitem")
    assert tabs.count() == 6
    boxes = []
    for n in range(tabs.count()):
        # No bullet (it stood over the end of the label before it when the tabs wrapped).
        assert tabs.nth(n).evaluate("li => getComputedStyle(li).listStyleType") == "none"
        box = tabs.nth(n).get_by_role("link").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        boxes.append(box)
    assert not any(boxes_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])

    page = site.signed_in_page(CSO_MEMBER, server.demo_password, javascript=False)
    menu(page, "Consultas").click()
    page.get_by_role("link", name=ROUND).click()
    page.get_by_role("link", name="Enviar una propuesta").click()
    values = page.get_by_role("group", name="Valores de Gobierno Abierto que promueve")
    for name in ("Transparencia", "Participación ciudadana",
                 "Tecnología e innovación para la apertura"):
        box = values.get_by_label(name, exact=True).bounding_box()
        label = values.locator("label", has_text=name).bounding_box()
        assert box is not None and label is not None
        middle = box["y"] + box["height"] / 2
        # On the checkbox's line, to its right.
        assert label["y"] <= middle <= label["y"] + label["height"], (name, box, label)
        assert label["x"] > box["x"] + box["width"] - 1, (name, box, label)
