"""Comments on draft commitments gathered at a workshop (issue 19, item 2): staff type them
in on the workshop's behalf; they go on the version discussed there, show their origin,
name the typist in the audit log, and follow the online flow (replies, moderation, the
consideration report's counts, the open data)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.base.time import local_zone, utcnow
from participa.comments.models import Comment
from participa.consultations.models import PhaseKind
from participa.plans.models import CommitmentStatus, CommitmentVersion
from participa.workshops.models import Workshop

from ..factories import (
    audit_events,
    login_as,
    make_commitment,
    make_open_round,
    make_people_of_each_role,
)


def _today():
    return utcnow().astimezone(local_zone()).date()


@pytest.fixture
def people(app):
    with app.app_context():
        return make_people_of_each_role()


def _draft(round_, title="Compras públicas abiertas", *, created=None):
    commitment = make_commitment(round_.plan, title=title, status=CommitmentStatus.DRAFT)
    commitment.round_id = round_.id
    db.session.add(CommitmentVersion(
        commitment=commitment, number=1, title=title, problem="El problema.",
        commitment_text="Publicar las compras.", change_note="Versión 1",
        created_at=created or utcnow()))
    db.session.flush()
    return commitment


@pytest.fixture
def world(app):
    """A round in its comments phase (open since yesterday) with a draft at version 1 saved
    two days ago, a workshop held yesterday in Momostenango, and a draft of another round."""
    with app.app_context():
        round_ = make_open_round(PhaseKind.COMMENTS, title="Consulta con talleres")
        draft = _draft(round_, created=utcnow() - timedelta(days=2))
        other = _draft(make_open_round(PhaseKind.COMMENTS, plan=round_.plan),
                       "Borrador de otra consulta")
        workshop = Workshop(round=round_, title="Taller comunitario de Momostenango",
                            department_code="08", municipality_code="0805",
                            place="Salón comunal", languages="es quc",
                            held_on=_today() - timedelta(days=1))
        db.session.add(workshop)
        db.session.commit()
        return {"round": round_.id, "draft": draft.id, "other": other.id,
                "workshop": workshop.id}


def form(world, **changes) -> dict:
    data = {"commitment": str(world["draft"]), "anchor": "seccion:problem",
            "stance": "a_favor", "language": "es",
            "body": "[prueba] En la comunidad piden que las compras se publiquen en el idioma "
                    "del municipio."}
    data.update(changes)
    return data


def enter(client, world, **changes):
    return client.post(f"/comentarios/talleres/{world['workshop']}/nuevo",
                       data=form(world, **changes))


def test_staff_enter_a_comment_gathered_at_a_workshop(app, client, people, world):
    login_as(client, "moderator")
    page = client.get(f"/comentarios/talleres/{world['workshop']}/nuevo")
    assert page.status_code == 200
    assert "Borrador de otra consulta" not in page.get_data(as_text=True)
    response = enter(client, world)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/comentarios/talleres/{world['workshop']}/nuevo")
    with app.app_context():
        (comment,) = db.session.scalars(sa.select(Comment))
        assert comment.workshop_id == world["workshop"]
        assert comment.author_id == people["moderator"]
        assert comment.section == "problem" and comment.stance.value == "a_favor"
        assert comment.moderation_state.value == "visible"
        (event,) = audit_events("comment.enter_from_workshop")
        assert event.actor_id == people["moderator"]
        assert event.after["workshop_id"] == world["workshop"]
        comment_id, day = comment.id, comment.workshop.held_on
    public = app.test_client()
    shown = public.get(f"/planes/compromisos/{world['draft']}").get_data(as_text=True)
    assert "Recogido en el taller" in shown and "Momostenango, Totonicapán" in shown
    assert str(day.year) in shown.split("Recogido en el taller")[1][:400]
    assert f'id="comentario-{comment_id}"' in shown
    workshop_page = public.get(f"/talleres/{world['workshop']}").get_data(as_text=True)
    assert "Comentarios a los borradores recogidos en el taller" in workshop_page
    assert "piden que las compras" in workshop_page
    assert "Registrar un comentario recogido aquí" not in workshop_page  # not staff
    (listed,) = public.get(f"/api/v1/comments?commitment={world['draft']}").get_json()["data"]
    assert listed["workshop_id"] == world["workshop"]


def test_the_comment_goes_on_the_version_discussed_at_the_workshop(app, client, people, world):
    with app.app_context():
        first = db.session.scalar(sa.select(CommitmentVersion).where(
            CommitmentVersion.commitment_id == world["draft"]))
        db.session.add(CommitmentVersion(
            commitment_id=world["draft"], number=2, title=first.title, problem="Mejor dicho.",
            commitment_text=first.commitment_text, change_note="Versión 2"))
        db.session.commit()
    login_as(client, "moderator")
    assert enter(client, world).status_code == 302
    with app.app_context():
        comment = db.session.scalar(sa.select(Comment))
        assert comment.version.number == 1  # version 2 did not exist on the workshop's day


def test_only_the_mtga_enters_them(app, client, people, world):
    path = f"/comentarios/talleres/{world['workshop']}/nuevo"
    assert client.get(path).status_code in (302, 401)
    login_as(client, "participant")
    assert client.get(path).status_code == 403
    assert enter(client, world).status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0


def test_refusals_keep_what_was_typed(app, client, people, world):
    login_as(client, "moderator")
    refused = enter(client, world, commitment=str(world["other"]))
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "piden que las compras" in page
    empty = enter(client, world, body="   ")
    assert empty.status_code == 422
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0
        # a workshop held before the comments phase takes none
        workshop = db.session.get(Workshop, world["workshop"])
        workshop.held_on = _today() - timedelta(days=30)
        db.session.commit()
    assert enter(client, world).status_code == 409


def test_it_follows_the_online_flow(app, client, people, world):
    """The MTGA answers it in its thread, the typist cannot edit it online, the moderation
    hides it, and the consideration report counts it while it is visible."""
    login_as(client, "moderator")
    enter(client, world)
    with app.app_context():
        comment_id = db.session.scalar(sa.select(Comment.id))
    assert client.post(f"/comentarios/{comment_id}/editar",
                       data={"body": "otro texto", "language": "es"}).status_code == 409
    reply = client.post(f"/comentarios/{comment_id}/responder",
                        data={"body": "Gracias: lo llevamos a la próxima versión.",
                              "language": "es"})
    assert reply.status_code in (302, 303)
    with app.app_context():
        answer = db.session.scalar(sa.select(Comment).where(Comment.parent_id == comment_id))
        assert answer is not None and answer.workshop_id is None
    report = client.get(f"/consultas/{world['round']}/informe").get_data(as_text=True)
    draft = report.split(f'id="borrador-{world["draft"]}"')[1]
    assert "2 comentarios" in draft
    with app.app_context():
        from participa.accounts.models import User
        from participa.moderation.services import hide

        hide(moderator=db.session.get(User, people["moderator"]),
             target=db.session.get(Comment, comment_id), reason="prueba")
        db.session.commit()
    public = app.test_client()
    shown = public.get(f"/planes/compromisos/{world['draft']}").get_data(as_text=True)
    assert "piden que las compras" not in shown
    workshop_page = public.get(f"/talleres/{world['workshop']}").get_data(as_text=True)
    assert "piden que las compras" not in workshop_page
