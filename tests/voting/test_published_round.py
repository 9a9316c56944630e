"""A round whose plan is published is a record: its phases cannot be reopened or moved (only
its title and description may be corrected, audited), and no phase of participation opens
again, whatever its dates say."""

from __future__ import annotations

from datetime import timedelta

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import to_local, utcnow
from participa.consultations import publication
from participa.consultations.models import ConsultationRound, PhaseKind

from ..client import form_values
from ..factories import audit_events, login_as
from ..pages import html
from .conftest import make_draft, round_in

PUBLICATION = PhaseKind.PUBLICATION


def _local(value) -> str:
    return to_local(value).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def published(app, people):
    """A round whose plan was published (one draft in the plan, one left out)."""
    with app.app_context():
        round_ = round_in(PUBLICATION, title="Consulta publicada")
        make_draft(round_, title="Compromiso publicado", final=True)
        make_draft(round_, title="Borrador que quedó fuera")
        publication.publish_plan(actor=db.session.get(User, people["admin"]), round=round_,
                                 omit_unfinished=True)
        db.session.commit()
        return {**people, "round": round_.id, "plan": round_.plan_id}


def _form(app, round_id: int, **changes) -> dict:
    """What the edit form sends for the round as it is, with ``changes``."""
    with app.app_context():
        round_ = db.session.get(ConsultationRound, round_id)
        data = {
            "plan": str(round_.plan_id), "title": round_.title,
            "description": round_.description or "",
            "max_supports_per_user": str(round_.max_supports_per_user or ""),
            "max_votes_per_user": str(round_.max_votes_per_user),
            "results_visibility": round_.results_visibility.value,
            "premoderation_account_days": str(round_.premoderation_account_days or ""),
        }
        for phase in round_.phases:
            data[f"{phase.kind.value}_starts_at"] = _local(phase.starts_at)
            data[f"{phase.kind.value}_ends_at"] = _local(phase.ends_at)
    data.update(changes)
    return data


def _schedule(app, round_id: int) -> list[tuple]:
    with app.app_context():
        round_ = db.session.get(ConsultationRound, round_id)
        return sorted((p.kind.value, p.starts_at, p.ends_at) for p in round_.phases)


def test_the_phases_of_a_published_round_cannot_reopen(client, app, published):
    login_as(client, "admin")
    url = f"/admin/consultas/{published['round']}/editar"
    before = _schedule(app, published["round"])
    with app.app_context():
        updates = len(audit_events("round.update"))
    # The proposals phase moved to end in the future, the others shifted after it.
    future = utcnow() + timedelta(days=30)
    shifted = {
        "propuestas_ends_at": _local(future),
        "revision_starts_at": _local(future),
        "revision_ends_at": _local(future + timedelta(days=1)),
        "comentarios_starts_at": _local(future + timedelta(days=1)),
        "comentarios_ends_at": _local(future + timedelta(days=2)),
        "priorizacion_starts_at": _local(future + timedelta(days=2)),
        "priorizacion_ends_at": _local(future + timedelta(days=3)),
        "publicacion_starts_at": _local(future + timedelta(days=3)),
        "publicacion_ends_at": _local(future + timedelta(days=4)),
    }
    response = client.post(url, data=_form(app, published["round"], **shifted))
    assert response.status_code == 422
    page = html(response)
    assert "El plan de esta consulta ya se publicó el" in page
    assert 'id="propuestas_ends_at-error"' in page
    assert form_values(page)["propuestas_ends_at"] == shifted["propuestas_ends_at"]
    assert _schedule(app, published["round"]) == before
    # Neither may a phase be dropped, nor the rules the vote was held under change.
    for change in ({"priorizacion_starts_at": "", "priorizacion_ends_at": ""},
                   {"max_votes_per_user": "5"}):
        assert client.post(url, data=_form(app, published["round"], **change)).status_code == 422
    assert _schedule(app, published["round"]) == before
    with app.app_context():
        assert len(audit_events("round.update")) == updates
    assert client.get(f"/consultas/{published['round']}/propuestas/nueva").status_code == 409

    # The title and the description may still be corrected, audited; the dates stay.
    response = client.post(url, data=_form(app, published["round"], title="Consulta 2026"))
    assert response.status_code == 302
    assert _schedule(app, published["round"]) == before
    with app.app_context():
        [event] = audit_events("round.update")[updates:]
        assert (event.actor_id, event.before["title"], event.after["title"]) == (
            published["admin"], "Consulta publicada", "Consulta 2026")
        assert event.before["phases"] == event.after["phases"]


def test_no_phase_of_participation_opens_after_publication(client, app, published):
    """Dates moved before the rule existed (or straight in the database) reopen nothing."""
    with app.app_context():
        round_ = db.session.get(ConsultationRound, published["round"])
        now = utcnow()
        for phase in round_.phases:
            if phase.kind == PhaseKind.PROPOSALS:
                phase.ends_at = now + timedelta(days=1)
            else:
                phase.starts_at = now + timedelta(days=1 + phase.kind.order)
                phase.ends_at = now + timedelta(days=2 + phase.kind.order)
        db.session.commit()
    login_as(client, "participant")
    response = client.get(f"/consultas/{published['round']}/propuestas/nueva")
    assert response.status_code == 409
    assert "El plan de esta consulta se publicó el" in html(response)


def test_the_round_page_after_publication(client, app, published):
    """The round page says the plan was published, links it, and marks the drafts left out
    of it as not included (instead of "Borrador" and the MTGA "preparing" the plan)."""
    page = html(client.get(f"/consultas/{published['round']}"))
    assert "prepara la publicación" not in page
    assert "el plan de acción se publicó el" in page
    assert f'href="/planes/{published["plan"]}/documento"' in page
    published_item = next(line for line in page.splitlines() if "Compromiso publicado" in line)
    assert "Activo" in published_item
    left_out = next(line for line in page.splitlines() if "Borrador que quedó fuera" in line)
    assert "No se incluyó en el plan" in left_out
    assert ">Borrador<" not in left_out
    # The calendar: the publication is done, no phase is "in progress".
    assert "En curso" not in page and 'aria-current="step"' not in page
    assert "Plan publicado el" in page


def test_the_round_page_before_publication(client, app, people):
    with app.app_context():
        round_ = round_in(PUBLICATION)
        make_draft(round_, title="Borrador en preparación", final=True)
        round_id, plan_id = round_.id, round_.plan_id
    page = html(client.get(f"/consultas/{round_id}"))
    assert "prepara la publicación del plan de acción" in page
    assert f'href="/planes/{plan_id}/documento"' not in page
    assert "No se incluyó en el plan" not in page
