"""Consultations held in person: the MTGA records a workshop, staff enter the proposals
gathered there, which show their origin and follow the online flow."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.base.time import local_zone, utcnow
from participa.proposals.models import Proposal
from participa.workshops.models import Workshop

from ..factories import (
    audit_events,
    login_as,
    make_open_round,
    make_people_of_each_role,
    make_round,
)


@pytest.fixture
def people(app):
    with app.app_context():
        return make_people_of_each_role()


@pytest.fixture
def round_id(app):
    with app.app_context():
        return make_open_round().id


def _today():
    return utcnow().astimezone(local_zone()).date()


def workshop_form(**changes) -> dict:
    data = {
        "title": "Taller comunitario de Momostenango",
        "held_on": _today().isoformat(),
        "department_code": "08",
        "municipality_code": "0805",
        "place": "Salón comunal",
        "languages": ["es", "quc"],
        "facilitators": "Equipo de la MTGA",
        "total_ciudadania": "30",
        "women_ciudadania": "18",
        "men_ciudadania": "12",
        "total_sociedad_civil": "5",
    }
    data.update(changes)
    return data


def record(client, round_id, **changes):
    return client.post(f"/consultas/{round_id}/talleres/nuevo", data=workshop_form(**changes))


def test_the_mtga_records_a_workshop_audited(app, client, people, round_id):
    login_as(client, "moderator")
    response = record(client, round_id)
    assert response.status_code == 302
    with app.app_context():
        workshop = db.session.scalar(sa.select(Workshop))
        assert workshop.place_name == "Momostenango, Totonicapán"
        assert workshop.language_codes == ["es", "quc"]
        assert workshop.total_participants == 35
        lines = {line.sector.value: (line.total, line.women, line.men)
                 for line in workshop.participants}
        assert lines == {"ciudadania": (30, 18, 12), "sociedad_civil": (5, None, None)}
        assert [e.actor_id for e in audit_events("workshop.record")] == [people["moderator"]]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Momostenango, Totonicapán" in page
    assert "no se contó" in page
    listing = client.get(f"/consultas/{round_id}/talleres").get_data(as_text=True)
    assert "Taller comunitario de Momostenango" in listing


@pytest.mark.parametrize("who", ["participant", "unconfirmed"])
def test_participants_may_not_record_a_workshop(client, people, round_id, who):
    login_as(client, who)
    assert client.get(f"/consultas/{round_id}/talleres/nuevo").status_code == 403
    assert record(client, round_id).status_code == 403


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"municipality_code": "1301"}, "municipality_code", "no es del departamento"),
    ({"department_code": ""}, "department_code", "Elija el departamento"),
    ({"held_on": "next week"}, "held_on", "no puede ser futura"),
    ({"women_ciudadania": "25"}, "total_ciudadania", "suman más que el total"),
    ({"men_ciudadania": ""}, "women_ciudadania", "mujeres y hombres"),
    ({"languages": []}, "languages", "idiomas"),
    ({"total_ciudadania": "", "women_ciudadania": "", "men_ciudadania": "",
      "total_sociedad_civil": ""}, "total_ciudadania", "Cuente a las personas"),
    ({"total_ciudadania": "-3"}, "total_ciudadania", "Escriba un número"),
])
def test_bad_workshops_are_refused_on_their_field_keeping_what_was_typed(
        client, people, round_id, changes, field, message):
    login_as(client, "moderator")
    if changes.get("held_on") == "next week":
        changes = {"held_on": (_today() + timedelta(days=7)).isoformat()}
    response = record(client, round_id, **changes)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message.lower() in page.lower()
    assert 'value="Salón comunal"' in page


def _workshop(app, round_id, held_on=None) -> int:
    from participa.accounts.models import Sector, User
    from participa.consultations.models import ConsultationRound
    from participa.workshops.services import Count, record_workshop

    with app.test_request_context():
        staff = db.session.scalar(sa.select(User).where(User.is_moderator))
        workshop = record_workshop(
            staff=staff, round=db.session.get(ConsultationRound, round_id),
            title="Taller de Totonicapán", held_on=held_on or _today(),
            department_code="08", municipality_code="0801", place="Escuela",
            languages=["es", "quc"], counts=[Count(Sector.CIUDADANIA, 12)])
        db.session.commit()
        return workshop.id


def proposal_form(**changes) -> dict:
    data = {
        "title": "Agua potable con datos abiertos",
        "problem": "No se sabe cuánto se invierte.",
        "proposed_commitment": "Publicar los proyectos de agua.",
        "benefit": "La comunidad podría vigilarlos.",
        "institution": "INFOM",
        "values": ["transparencia"],
        "language": "es",
        "sector": "ciudadania",
    }
    data.update(changes)
    return data


def test_staff_enter_a_proposal_gathered_at_a_workshop(app, client, people, round_id):
    workshop_id = _workshop(app, round_id)
    login_as(client, "moderator")
    url = f"/talleres/{workshop_id}/propuestas/nueva"
    assert client.get(url).status_code == 200
    response = client.post(url, data=proposal_form())
    assert response.status_code == 302
    assert response.headers["Location"].endswith(url)  # ready for the next one
    with app.app_context():
        proposal = db.session.scalar(sa.select(Proposal))
        assert proposal.workshop_id == workshop_id
        assert proposal.workshop_sector.value == "ciudadania"
        assert proposal.author_id == people["moderator"]
        events = audit_events("proposal.enter_from_workshop")
        assert [(e.actor_id, e.target_id) for e in events] == [(people["moderator"],
                                                                 proposal.id)]
        proposal_id = proposal.id
    anonymous = app.test_client()
    page = anonymous.get(f"/propuestas/{proposal_id}").get_data(as_text=True)
    assert "Recogida en el taller" in page
    assert "Totonicapán" in page
    listing = anonymous.get(f"/consultas/{round_id}/propuestas").get_data(as_text=True)
    assert "Recogida en el taller" in listing
    workshop_page = anonymous.get(f"/talleres/{workshop_id}").get_data(as_text=True)
    assert "Agua potable con datos abiertos" in workshop_page


def test_the_origin_date_is_in_the_readers_language(app, client, people, round_id):
    from datetime import date

    with app.app_context():
        round_ = db.session.get(__import__("participa.consultations.models",
                                           fromlist=["ConsultationRound"]).ConsultationRound,
                                round_id)
        proposals_phase = round_.phases[0]
        held = proposals_phase.starts_at.astimezone(local_zone()).date()
    workshop_id = _workshop(app, round_id, held_on=held)
    login_as(client, "moderator")
    client.post(f"/talleres/{workshop_id}/propuestas/nueva", data=proposal_form())
    with app.app_context():
        proposal_id = db.session.scalar(sa.select(Proposal.id))
    anonymous = app.test_client()
    spanish = anonymous.get(f"/propuestas/{proposal_id}").get_data(as_text=True)
    english = anonymous.get(f"/propuestas/{proposal_id}?lang=en").get_data(as_text=True)
    assert isinstance(held, date)
    assert f"{held.day} de " in spanish
    assert "Gathered at the workshop" in english
    assert str(held.year) in english


def test_a_participant_may_not_enter_workshop_proposals(app, client, people, round_id):
    workshop_id = _workshop(app, round_id)
    login_as(client, "participant")
    response = client.post(f"/talleres/{workshop_id}/propuestas/nueva", data=proposal_form())
    assert response.status_code == 403


def test_a_workshop_held_outside_the_proposals_phase_takes_no_proposals(
        app, client, people):
    with app.app_context():
        # A round whose proposals phase starts tomorrow: a workshop held today is outside it.
        round_id = make_round().id
    workshop_id = _workshop(app, round_id)
    login_as(client, "moderator")
    response = client.post(f"/talleres/{workshop_id}/propuestas/nueva", data=proposal_form())
    assert response.status_code == 409


def test_entry_goes_on_after_the_phase_closed_for_a_workshop_held_in_it(
        app, client, people):
    from participa.consultations.models import PhaseKind

    with app.app_context():
        round_id = make_open_round(PhaseKind.REVIEW).id  # proposals closed a day ago
    held = _today() - timedelta(days=5)
    workshop_id = _workshop(app, round_id, held_on=held)
    login_as(client, "moderator")
    response = client.post(f"/talleres/{workshop_id}/propuestas/nueva", data=proposal_form())
    assert response.status_code == 302


def test_a_workshop_proposal_is_not_edited_or_withdrawn_online(app, client, people, round_id):
    workshop_id = _workshop(app, round_id)
    login_as(client, "moderator")
    client.post(f"/talleres/{workshop_id}/propuestas/nueva", data=proposal_form())
    with app.app_context():
        proposal_id = db.session.scalar(sa.select(Proposal.id))
    assert client.get(f"/propuestas/{proposal_id}/editar").status_code == 409
    assert client.get(f"/propuestas/{proposal_id}/retirar").status_code == 409


def test_bad_workshop_proposal_keeps_what_was_typed(app, client, people, round_id):
    workshop_id = _workshop(app, round_id)
    login_as(client, "moderator")
    response = client.post(f"/talleres/{workshop_id}/propuestas/nueva",
                           data=proposal_form(title="", sector="marciano"))
    assert response.status_code == 422
    assert "No se sabe cuánto se invierte." in response.get_data(as_text=True)


def test_the_printable_form_has_the_same_questions(app, client, people, round_id):
    workshop_id = _workshop(app, round_id)
    page = client.get(f"/talleres/{workshop_id}/formulario").get_data(as_text=True)
    for question in ("¿Qué problema atiende?", "¿Qué compromiso propone?",
                     "¿Cómo ayudaría a resolver el problema?",
                     "Institución que debería hacerse cargo", "Transparencia",
                     "Sector de quien propone"):
        assert question in page
    assert 'method="post"' not in page  # paper: nothing to send


def test_a_workshop_proposal_gets_a_response_like_any_other(app, client, people, round_id):
    from participa.accounts.models import User
    from participa.consolidation import services as consolidation
    from participa.consultations.models import ConsultationRound

    workshop_id = _workshop(app, round_id)
    login_as(client, "moderator")
    client.post(f"/talleres/{workshop_id}/propuestas/nueva", data=proposal_form())
    with app.test_request_context():
        proposal = db.session.scalar(sa.select(Proposal))
        moderator = db.session.get(User, people["moderator"])
        consolidation.prepare_response(actor=moderator, proposal=proposal,
                                       decision="fuera_de_alcance",
                                       reason="No es un compromiso del Ejecutivo.",
                                       commitment=None)
        consolidation.publish_responses(actor=moderator,
                                        round=db.session.get(ConsultationRound, round_id))
        db.session.commit()
    report = app.test_client().get(f"/consultas/{round_id}/informe")
    page = report.get_data(as_text=True)
    assert report.status_code == 200, page[:300]
    assert "Taller: Taller de Totonicapán" in page
    assert "No es un compromiso del Ejecutivo." in page
