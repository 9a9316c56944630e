"""Publishing the plan ("Publicar el plan"): the service, the administrators' page, and the
plan's printable document."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from participa import ROOT
from participa.accounts.models import User
from participa.base.errors import Conflict, NotAllowed
from participa.base.extensions import db
from participa.consultations import publication
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.consultations.phases import PhaseClosed
from participa.plans.models import ActionPlan, Commitment, CommitmentStatus, PlanStatus
from participa.plans.template_sections import SECTIONS

from ..factories import audit_events, login_as, make_proposal, make_user
from ..pages import html
from .conftest import add_version, ended_round, link, make_draft, round_in

PUBLICATION = PhaseKind.PUBLICATION


def _world(round_: ConsultationRound) -> dict:
    """Four drafts in the round: A (final v2), B (final v2, then a draft v3), C (no final
    version), D (final, renamed in its version); two proposals behind A, one behind B."""
    a = make_draft(round_, title="Archivos abiertos", versions=2, final=True)
    b = make_draft(round_, title="Borrador B", versions=2, final=True)
    add_version(b, title="Borrador B, tercera versión", problem="Problema de la v3 sin final.")
    c = make_draft(round_, title="Compromiso sin versión final", versions=1)
    d = make_draft(round_, title="Datos abiertos municipales", final=True)
    d.title = "Título viejo del registro"
    db.session.commit()
    # The proposals phase of the round, for the proposals' reference codes.
    authors = [make_user(name=f"Autora {n}") for n in range(2)]
    first = make_proposal(round_, authors[0], title="Publicar los archivos municipales")
    second = make_proposal(round_, authors[1], title="Un portal de datos abiertos")
    link(first, a)
    link(second, a)
    link(second, b)
    return {"round": round_.id, "plan": round_.plan_id, "a": a.id, "b": b.id, "c": c.id,
            "d": d.id, "first": first.id, "second": second.id,
            "first_ref": first.reference, "second_ref": second.reference}


@pytest.fixture
def world(app, people):
    with app.app_context():
        return {**people, **_world(round_in(PUBLICATION, title="Consulta del Sexto Plan"))}


def _state(app, world) -> tuple:
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        plan = db.session.get(ActionPlan, world["plan"])
        statuses = tuple(
            db.session.get(Commitment, world[k]).status.value for k in "abcd")
        return (round_.published_at, plan.status.value, statuses,
                len(audit_events("round.publish")))


# The service ----------------------------------------------------------------------------------


def test_drafts_without_a_final_version_block_publication(db_session, world):
    round_ = db.session.get(ConsultationRound, world["round"])
    admin = db.session.get(User, world["admin"])
    with pytest.raises(Conflict) as caught:
        publication.publish_plan(actor=admin, round=round_)
    assert str(caught.value).startswith("Un borrador de compromiso no tiene versión final.")
    db.session.rollback()
    assert db.session.get(ConsultationRound, world["round"]).published_at is None
    assert audit_events("round.publish") == []


def test_publish(db_session, world):
    round_ = db.session.get(ConsultationRound, world["round"])
    admin = db.session.get(User, world["admin"])
    state = publication.publish_plan(actor=admin, round=round_, omit_unfinished=True)
    db.session.commit()
    assert [c.id for c, _v in state.ready] == [world["a"], world["b"], world["d"]]
    assert [v.number for _c, v in state.ready] == [2, 2, 1]  # B: its newest *final* version
    assert [c.id for c in state.unfinished] == [world["c"]]
    statuses = {k: db.session.get(Commitment, world[k]).status for k in "abcd"}
    assert statuses == {"a": CommitmentStatus.ACTIVE, "b": CommitmentStatus.ACTIVE,
                        "c": CommitmentStatus.DRAFT, "d": CommitmentStatus.ACTIVE}
    # The published commitment carries its final version's title.
    assert db.session.get(Commitment, world["d"]).title == "Datos abiertos municipales"
    assert db.session.get(Commitment, world["b"]).title == "Borrador B"
    round_ = db.session.get(ConsultationRound, world["round"])
    assert round_.published_at is not None
    assert round_.plan.status == PlanStatus.IN_IMPLEMENTATION
    [event] = audit_events("round.publish")
    assert (event.actor_id, event.target_type, event.target_id) == (
        world["admin"], "consultation_rounds", world["round"])
    assert event.target_label == "Consulta del Sexto Plan"
    assert event.before == {"published_at": None, "plan_status": "en_consulta"}
    assert event.after["plan_status"] == "en_implementacion"
    assert event.after["published_at"] == round_.published_at.isoformat()
    assert [(c["id"], c["version"]) for c in event.after["commitments"]] == [
        (world["a"], 2), (world["b"], 2), (world["d"], 1)]
    assert [c["id"] for c in event.after["omitted"]] == [world["c"]]
    # Once only.
    with pytest.raises(Conflict, match="Este plan ya se publicó el"):
        publication.publish_plan(actor=admin, round=round_, omit_unfinished=True)


def test_not_before_the_publication_phase(db_session, people):
    round_ = round_in(PhaseKind.VOTE)
    make_draft(round_, final=True)
    admin = db.session.get(User, people["admin"])
    assert not publication.can_publish(admin, round_)
    with pytest.raises(PhaseClosed):
        publication.publish_plan(actor=admin, round=round_)
    # From the start of the publication phase, and after it.
    start = next(p for p in round_.phases if p.kind == PUBLICATION).starts_at
    assert publication.can_publish(admin, round_, now=start)
    state = publication.publish_plan(actor=admin, round=round_, now=start + timedelta(days=30))
    assert len(state.ready) == 1


def test_a_round_without_a_publication_phase_publishes_once_over(db_session, people):
    admin = db.session.get(User, people["admin"])
    under_way = round_in(PhaseKind.VOTE)
    under_way.phases = [p for p in under_way.phases if p.kind != PUBLICATION]
    db.session.commit()
    make_draft(under_way, final=True)
    with pytest.raises(Conflict,
                       match="El plan se puede publicar cuando termine la consulta"):
        publication.publish_plan(actor=admin, round=under_way)
    db.session.rollback()
    over = ended_round()
    over.phases = [p for p in over.phases if p.kind != PUBLICATION]
    db.session.commit()
    make_draft(over, final=True)
    assert publication.can_publish(admin, over)
    assert len(publication.publish_plan(actor=admin, round=over).ready) == 1


def test_nothing_final_nothing_to_publish(db_session, people):
    admin = db.session.get(User, people["admin"])
    round_ = round_in(PUBLICATION)
    make_draft(round_)
    with pytest.raises(Conflict, match="no hay nada que publicar"):
        publication.publish_plan(actor=admin, round=round_, omit_unfinished=True)


def test_the_mtga_publishes(db_session, world):
    """Its moderators and administrators (issue 15, item 6); the service refuses others."""
    round_ = db.session.get(ConsultationRound, world["round"])
    for who in ("participant", "unconfirmed"):
        assert not publication.can_publish(db.session.get(User, world[who]), round_)
        with pytest.raises(NotAllowed):
            publication.publish_plan(actor=db.session.get(User, world[who]), round=round_,
                                     omit_unfinished=True)
    assert not publication.can_publish(None, round_)
    assert publication.can_publish(db.session.get(User, world["admin"]), round_)
    assert publication.can_publish(db.session.get(User, world["moderator"]), round_)


# The administrators' page ---------------------------------------------------------------------


def test_the_publication_page(client, app, world):
    login_as(client, "admin")
    url = f"/admin/consultas/{world['round']}/publicar"
    page = html(client.get(url))
    assert "3 compromisos con versión final" in page
    assert "1 borrador sin versión final" in page
    assert "Compromiso sin versión final" in page
    assert 'name="omit_unfinished"' in page
    before = _state(app, world)

    response = client.post(url)
    assert response.status_code == 409
    assert "Un borrador de compromiso no tiene versión final." in html(response)
    assert _state(app, world) == before

    response = client.post(url, data={"omit_unfinished": "y"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/planes/{world['plan']}/documento"
    published_at, plan_status, statuses, events = _state(app, world)
    assert published_at is not None and plan_status == "en_implementacion"
    assert statuses == ("activo", "activo", "borrador", "activo")
    assert events == 1
    page = html(client.get(f"/planes/{world['plan']}/documento"))
    assert "Se publicó el plan" in page

    page = html(client.get(url))
    assert "Este plan se publicó el" in page
    assert ">Publicar el plan</button>" not in page
    response = client.post(url, data={"omit_unfinished": "y"})
    assert response.status_code == 409
    assert "Este plan ya se publicó el" in html(response)
    assert _state(app, world)[3] == 1


def test_publishing_too_early_is_a_conflict(client, app, people):
    with app.app_context():
        round_ = round_in(PhaseKind.VOTE)
        make_draft(round_, final=True)
        round_id = round_.id
    login_as(client, "admin")
    page = html(client.get(f"/admin/consultas/{round_id}/publicar"))
    assert "El plan se puede publicar desde el inicio de la fase «Publicación del plan»" in page
    assert ">Publicar el plan</button>" not in page
    response = client.post(f"/admin/consultas/{round_id}/publicar")
    assert response.status_code == 409
    assert "Publicación del plan" in html(response)
    with app.app_context():
        assert db.session.get(ConsultationRound, round_id).published_at is None
        assert audit_events("round.publish") == []


def test_round_pages_link_to_publication(client, world):
    login_as(client, "admin")
    url = f'href="/admin/consultas/{world["round"]}/publicar"'
    assert url in html(client.get(f"/admin/consultas/{world['round']}/editar"))
    assert url in html(client.get(f"/consultas/{world['round']}"))


# The document ---------------------------------------------------------------------------------


def _publish(app, world) -> None:
    with app.app_context():
        publication.publish_plan(
            actor=db.session.get(User, world["admin"]),
            round=db.session.get(ConsultationRound, world["round"]), omit_unfinished=True)
        db.session.commit()


def test_no_document_before_publication(client, app, world):
    response = client.get(f"/planes/{world['plan']}/documento")
    assert response.status_code == 404
    assert "Este plan todavía no se publicó." in html(response)
    assert "Archivos abiertos" not in html(response)
    assert "/documento" not in html(client.get(f"/planes/{world['plan']}"))
    assert client.get("/planes/999999/documento").status_code == 404


def test_the_document(client, app, world):
    _publish(app, world)
    plan_page = html(client.get(f"/planes/{world['plan']}"))
    assert f'href="/planes/{world["plan"]}/documento"' in plan_page
    response = client.get(f"/planes/{world['plan']}/documento")
    assert response.status_code == 200
    page = html(response)
    # Printable: the print stylesheet, on this page only.
    assert re.search(r'<link rel="stylesheet" href="/static/css/print.css\?v=[0-9a-f]{12}" '
                     r'media="print">', page)
    assert "print.css" not in plan_page
    assert "Co-creado en la consulta «Consulta del Sexto Plan» y publicado el" in page

    # Only the published commitments with their final versions.
    assert "Compromiso sin versión final" not in page
    assert "Compromiso 1: Archivos abiertos" in page
    assert "Compromiso 2: Borrador B" in page
    assert "tercera versión" not in page and "Problema de la v3 sin final." not in page
    assert "Compromiso 4: Datos abiertos municipales" in page
    assert page.index("Compromiso 1: ") < page.index("Compromiso 2: ") \
        < page.index("Compromiso 4: ")

    # Each commitment in the template's layout, sections in the template's order.
    first = page[page.index('id="compromiso-' + str(world["a"]) + '"'):
                 page.index('id="compromiso-' + str(world["b"]) + '"')]
    positions = [first.index(str(label)) for _key, label in SECTIONS]
    assert positions == sorted(positions)
    assert "Problema v2 de 1." in first and "Problema v1 de 1." not in first
    assert "De septiembre de 2026 al 30 de junio de 2028" in first
    assert "<li>Contraloría General de Cuentas</li>" in first
    assert "Hito 1 de v2" in first and "Hito 2 de v2" in first and "Hito 1 de v1" not in first
    assert '<td data-label="Nuevo o en curso">Nuevo</td>' in first
    assert '<td data-label="Nuevo o en curso">En curso</td>' in first
    assert "Contacto 0" in first and "contacto0@example.org" in first
    assert "Directora de Transparencia" in first
    assert "Registro Nacional de las Personas" in first and "Acción Ciudadana" in first
    assert "Observaciones v2." in first
    # The proposals behind it, with links, and its version history.
    assert world["first_ref"] in first and world["second_ref"] in first
    assert re.search(rf'href="http://[^"]+/propuestas/{world["first"]}"', first)
    assert "Publicar los archivos municipales" in first
    assert "Cambios de la versión 1" in first and "Cambios de la versión 2" in first
    assert first.count("<span class=\"badge ok\">Final</span>") == 1
    second = page[page.index('id="compromiso-' + str(world["b"]) + '"'):]
    assert world["second_ref"] in second
    # B's history lists its three versions, only the second of them final.
    history = second[second.index("Historial de versiones"):]
    history = history[:history.index("</table>")]
    assert re.findall(r"<tr><td data-label=\"Versión\">(\d)", history) == ["1", "2", "3"]
    assert "Cambios de la versión 3" in history


def test_the_print_stylesheet():
    css = (Path(ROOT) / "static" / "css" / "print.css").read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", css)
    assert re.search(r"@page\s*\{[^}]*margin:", css)
    hidden = css[:css.index("{display:none")]
    for selector in (".site-header", ".site-footer", ".flashes"):
        assert selector in hidden
    assert "break-before:page" in css
    assert 'attr(href)' in css


def test_the_document_escapes_user_text(client, app, people):
    xss = '<script>alert("x")</script>'
    with app.app_context():
        round_ = round_in(PUBLICATION)
        commitment = make_draft(round_, title=xss, final=False, versions=0)
        add_version(commitment, final=True, title=xss, problem=xss, observations=xss,
                    lead_institution=xss)
        publication.publish_plan(actor=db.session.get(User, people["admin"]), round=round_)
        db.session.commit()
        plan_id = round_.plan_id
    page = html(client.get(f"/planes/{plan_id}/documento"))
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;") >= 4


def test_historical_plans_have_no_document(client, app):
    with app.app_context():
        from ..factories import make_commitment, make_plan

        plan = make_plan()
        make_commitment(plan)
        plan_id = plan.id
    assert client.get(f"/planes/{plan_id}/documento").status_code == 404


def test_plan_is_published(app, world):
    with app.app_context():
        assert not publication.plan_is_published(world["plan"])
    _publish(app, world)
    with app.app_context():
        assert publication.plan_is_published(world["plan"])
