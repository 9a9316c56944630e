"""The public pages: the list of rounds and a round's page."""

from __future__ import annotations

import re
from datetime import timedelta

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations.models import PhaseKind

from ..factories import (
    _plan_for_round,
    login_as,
    make_open_round,
    make_organization,
    make_round,
    make_user,
)
from ..pages import html, interface_language
from .conftest import utc
from .test_queries import make_proposal

# Fixed dates, all past: 09:00 in Guatemala is 15:00 UTC.
HISTORY = {
    PhaseKind.PROPOSALS: (utc(2026, 3, 15, 15), utc(2026, 5, 1, 5, 59)),
    PhaseKind.REVIEW: (utc(2026, 5, 1, 6), utc(2026, 5, 31, 6)),
    PhaseKind.PUBLICATION: (utc(2026, 6, 1, 6), utc(2026, 6, 15, 6)),
}


def test_nav_links_to_the_rounds(client):
    page = html(client.get("/"))
    assert 'href="/consultas/"' in page
    assert 'href="/consultas/" aria-current="page"' in html(client.get("/consultas/"))


def test_empty_list(client):
    page = html(client.get("/consultas/"))
    assert "Todavía no hay consultas." in page


def test_list_open_ones_first(client, app):
    with app.app_context():
        past = make_round(phases=HISTORY, title="Consulta pasada").id
        upcoming = make_round(title="Consulta próxima").id
        open_ = make_open_round(title="Consulta abierta").id
    page = html(client.get("/consultas/"))
    positions = [page.index(f'href="/consultas/{i}"') for i in (open_, upcoming, past)]
    assert positions == sorted(positions)
    assert page.index("Abiertas ahora") < page.index("Próximas") < page.index("Terminadas")
    assert "Terminó el <time datetime=\"2026-06-15T06:00:00Z\">15 de junio de 2026, " \
           "00:00</time>." in page
    assert "Fase «Propuestas», hasta el" in page


def test_round_page_in_guatemala_time(client, app):
    with app.app_context():
        plan = _plan_for_round()
        round = make_round(plan, HISTORY, title="Consulta del Quinto Plan",
                           description="Primer párrafo.\r\n\r\nSegundo <b>párrafo</b>.")
        round_id, plan_id, plan_title = round.id, plan.id, plan.title
    response = client.get(f"/consultas/{round_id}")
    assert response.status_code == 200
    page = html(response)
    assert '<h1 lang="es">Consulta del Quinto Plan</h1>' in page
    assert f'<a href="/planes/{plan_id}">{plan_title}</a>' in page
    assert "<p>Primer párrafo.</p>" in page
    assert "Segundo &lt;b&gt;párrafo&lt;/b&gt;." in page
    # The timeline, in order, in Guatemala time.
    timeline = page[page.index('<ol class="timeline">'):page.index("</ol>")]
    assert [m for m in re.findall(r"<strong>([^<]+)</strong>", timeline)] == [
        "Propuestas", "Revisión y consolidación de la MTGA", "Publicación del plan"]
    assert ">15 de marzo de 2026, 09:00</time>" in timeline
    assert ">30 de abril de 2026, 23:59</time>" in timeline
    assert "aria-current" not in timeline
    assert timeline.count("Terminada") == 3
    assert "Esta consulta terminó el 15 de junio de 2026, 00:00." in page
    assert "Para participar" not in page


def test_round_page_while_proposals_are_open(client, app, people):
    with app.app_context():
        round = make_open_round()
        round_id = round.id
        ends = round.phases[0].ends_at
    page = html(client.get(f"/consultas/{round_id}"))
    timeline = page[page.index('<ol class="timeline">'):page.index("</ol>")]
    steps = re.findall(r"<li[^>]*>", timeline)
    assert steps[0] == '<li class="open" aria-current="step">'
    assert all("aria-current" not in step for step in steps[1:])
    assert "En curso" in timeline and timeline.count("Próximamente") == 4
    with app.test_request_context():
        from participa.i18n.dates import format_local

        until = format_local(ends)
    assert f"Puede enviar propuestas y apoyar las de otras personas hasta el {until}." in page
    # Anonymous visitors are shown how to take part.
    assert "Para participar necesita una cuenta." in page
    assert f'href="/cuenta/entrar?next=/consultas/{round_id}"' in page
    assert 'href="/cuenta/registro"' in page

    login_as(client, "unconfirmed")
    page = html(client.get(f"/consultas/{round_id}"))
    assert "Para participar, confirme su correo electrónico." in page
    assert "/cuenta/entrar?next" not in page
    client.post("/cuenta/salir")

    login_as(client, "participant")
    page = html(client.get(f"/consultas/{round_id}"))
    assert "Para participar" not in page
    assert "Editar la consulta" not in page
    client.post("/cuenta/salir")

    login_as(client, "admin")
    page = html(client.get(f"/consultas/{round_id}"))
    assert f'href="/admin/consultas/{round_id}/editar"' in page


def test_round_page_between_phases(client, app):
    now = utcnow()
    with app.app_context():
        round_id = make_round(phases={
            PhaseKind.PROPOSALS: (now - timedelta(days=9), now - timedelta(days=1)),
            PhaseKind.VOTE: (utc(2030, 3, 1, 12), utc(2030, 3, 9, 12)),
        }).id
    page = html(client.get(f"/consultas/{round_id}"))
    assert ("Ahora no hay ninguna fase abierta. La fase «Votación de priorización» abre el "
            "1 de marzo de 2030, 06:00.") in page
    assert "aria-current" not in page[page.index('<ol class="timeline">'):]


def test_round_page_during_review(client, app):
    with app.app_context():
        round_id = make_open_round(PhaseKind.REVIEW).id
    page = html(client.get(f"/consultas/{round_id}"))
    assert "La Mesa Técnica de Gobierno Abierto revisa y consolida las propuestas" in page
    assert "Para participar" not in page  # nothing for visitors to do now


def test_counts_on_the_round_page(client, app):
    with app.app_context():
        round = make_open_round()
        author, supporter = make_user(), make_user()
        make_proposal(round, author, organization=make_organization(), supporters=[supporter])
        round_id = round.id
        empty_id = make_open_round().id
    page = html(client.get(f"/consultas/{round_id}"))
    assert "1 propuesta</li>" in page
    assert "2 participantes</li>" in page
    assert "1 organización</li>" in page
    page = html(client.get(f"/consultas/{empty_id}"))
    assert "0 propuestas</li>" in page and "0 participantes</li>" in page
    assert "0 organizaciones</li>" in page


def test_round_page_without_the_proposals_partial_still_renders(client, app):
    """The proposals feature adds templates/proposals/_round_actions.html; the page must not
    depend on it."""
    with app.app_context():
        round_id = make_open_round().id
    assert client.get(f"/consultas/{round_id}").status_code == 200


def test_user_text_is_escaped(client, app):
    with app.app_context():
        plan = _plan_for_round()
        plan.title = "<i>Plan</i>"
        db.session.commit()
        round_id = make_round(plan, title="<script>alert(1)</script>").id
    for url in ("/consultas/", f"/consultas/{round_id}"):
        page = html(client.get(url))
        assert "<script>alert(1)</script>" not in page and "<i>Plan</i>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_unknown_round(client):
    assert client.get("/consultas/999999").status_code == 404


def test_dates_keep_es_gt_formats_in_every_interface_language(client, app):
    with app.app_context():
        round_id = make_round(phases=HISTORY).id
    response = client.get(f"/consultas/{round_id}", headers={"Accept-Language": "quc"})
    assert response.status_code == 200
    assert interface_language(html(response)) == "quc"
    assert ">15 de marzo de 2026, 09:00</time>" in html(response)


def test_round_page_lists_its_draft_commitments(app, client):
    from participa.base.extensions import db
    from participa.plans.models import Commitment, CommitmentStatus

    from ..factories import make_open_round

    with app.app_context():
        round_ = make_open_round()
        db.session.add(Commitment(plan_id=round_.plan_id, number=7, title="Presupuesto <abierto>",
                                  status=CommitmentStatus.DRAFT, round_id=round_.id))
        db.session.commit()
        round_id = round_.id
    html = client.get(f"/consultas/{round_id}").get_data(as_text=True)
    assert "Compromisos de esta consulta" in html
    assert "7. Presupuesto &lt;abierto&gt;" in html and "Borrador" in html
