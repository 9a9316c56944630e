"""Notifications the first pass left in the app only or told to too few, each through the real
SMTP server: implementation tracking's four kinds by e-mail and on the preferences page, a
pre-moderated comment told when a moderator approves it, and the published plan told to the
followers of its commitments too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from participa.base.errors import Conflict
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import services as comments
from participa.comments.models import Comment
from participa.consultations.models import PhaseKind
from participa.consultations.publication import publish_plan
from participa.content.visibility import ModerationState
from participa.moderation import services as moderation
from participa.notifications import following
from participa.notifications import services as notifications
from participa.notifications.models import Notification
from participa.tracking import services as tracking
from participa.tracking.models import CompletionStatus

from ..factories import login, make_open_round, make_proposal, send_outbox
from ..tracking.tracked import setup
from ..voting.conftest import make_draft, round_in
from .test_mail_kinds import _only_mail, _person, _to


def _kinds(user_id: int) -> list[str]:
    return list(db.session.scalars(
        sa.select(Notification.kind).where(Notification.user_id == user_id)
        .order_by(Notification.id)))


def _texts(smtp, address: str) -> list[str]:
    return [message.get_content() for message in _to(smtp, address)]


# Implementation tracking ------------------------------------------------------------------


TRACKING_KINDS = (tracking.UPDATE_SUBMITTED, tracking.UPDATE_RETURNED,
                  tracking.UPDATE_PUBLISHED, tracking.MILESTONE_OVERDUE)


def test_every_kind_a_person_expects_by_mail_is_mailed_and_chosen():
    """No registered kind is left in the app only: each has its e-mail and its label."""
    unmailed = [kind.name for kind in notifications.KINDS.values() if not kind.email_template]
    assert unmailed == []
    for name in TRACKING_KINDS:
        kind = notifications.KINDS[name]
        assert kind.email_template == "notification" and kind.label is not None


def test_the_cycle_of_a_progress_update_by_mail(app, smtp):
    with app.app_context():
        s = setup(count=3, ended=1)
        follower = _person("Fidel")
        following.set_following(user=follower, target_type=following.COMMITMENT,
                                target_id=s.commitment.id, active=True)
        db.session.commit()
        reporter, mtga = s.reporter.email, s.mtga.email
        update = tracking.draft_update(
            author=s.reporter, commitment=s.commitment, milestone_number=2,
            status=CompletionStatus.COMPLETE, body="Se publicaron los informes.")
        tracking.submit_update(actor=s.reporter, update=update)
        db.session.commit()
        assert send_outbox(app) == 1
        [to_review] = _texts(smtp, mtga)
        assert ("Un avance del hito 2 del compromiso «Presupuesto abierto» espera la revisión"
                in to_review)
        assert _to(smtp, reporter) == [], "the reporter sent it: she is not told"

        tracking.return_update(actor=s.mtga, update=update, note="Falta el acta.")
        db.session.commit()
        send_outbox(app)
        assert "le devolvió con observaciones su avance del hito 2" in _only_mail(
            smtp, reporter).get_content()

        tracking.submit_update(actor=s.reporter, update=update)
        tracking.publish_update(actor=s.mtga, update=update)
        db.session.commit()
        send_outbox(app)
        for address in (reporter, "fidel@example.org"):
            assert any("Se publicó un avance del hito 2" in text
                       for text in _texts(smtp, address))
        assert not any("Se publicó un avance" in text for text in _texts(smtp, mtga)), \
            "the MTGA published it"

        tracking.flag_overdue(today=date(2026, 1, 1))
        db.session.commit()
        tracking.flag_overdue(today=date(2026, 1, 2))
        db.session.commit()
        send_outbox(app)
    for address in (reporter, mtga):
        overdue = [t for t in _texts(smtp, address) if "El hito 1 del compromiso" in t]
        assert len(overdue) == 1, "flagged once, mailed once"
    assert not any("El hito 1" in text for text in _texts(smtp, "fidel@example.org"))


def test_the_preferences_page_offers_the_tracking_kinds_and_the_link_stops_one(
        app, smtp, client):
    with app.app_context():
        s = setup()
        reporter_id, address = s.reporter.id, s.reporter.email
        update = tracking.draft_update(author=s.reporter, commitment=s.commitment,
                                       milestone_number=1, status="completo", body="Hecho.")
        tracking.submit_update(actor=s.reporter, update=update)
        tracking.return_update(actor=s.mtga, update=update, note="Falta el acta.")
        db.session.commit()
    login(client, address)
    page = client.get("/notificaciones/preferencias").get_data(as_text=True)
    for name in TRACKING_KINDS:
        assert f'name="kind-{name}" value="al_momento" checked' in page
    assert "La MTGA devuelve con observaciones un avance que usted escribió" in page
    send_outbox(app)
    mail = _only_mail(smtp, address)
    link = mail["List-Unsubscribe"].strip("<>").removeprefix("http://localhost")
    assert client.post(link, data={"List-Unsubscribe": "One-Click"}, csrf=False
                       ).status_code == 200
    with app.app_context():
        assert notifications.delivery_of(reporter_id, tracking.UPDATE_RETURNED).value == \
            "ninguno"
        assert notifications.delivery_of(reporter_id, tracking.UPDATE_PUBLISHED).value == \
            "al_momento"


# A pre-moderated comment approved later ----------------------------------------------------


def test_an_approved_comment_is_told_at_approval_once_and_not_to_the_moderator(app, smtp):
    with app.app_context():
        ana, carla, beto = _person("Ana"), _person("Carla"), _person("Beto")
        moderator = _person("Mora", is_moderator=True)
        carla.created_at = utcnow() - timedelta(days=400)
        proposal = make_proposal(author=ana)
        round_ = proposal.round
        on_carla = comments.post_comment(author=carla, body="Buena idea.", proposal=proposal)
        db.session.commit()
        on_mora = comments.post_comment(author=moderator, body="Gracias.", proposal=proposal)
        round_.premoderation_account_days = 30  # Beto's account is a day old
        db.session.commit()
        assert _kinds(ana.id) == ["proposal_comment", "proposal_comment"]

        held = comments.post_comment(author=beto, body="Yo también.", proposal=proposal)
        to_carla = comments.post_reply(author=beto, parent=on_carla, body="De acuerdo.")
        to_mora = comments.post_reply(author=beto, parent=on_mora, body="Una pregunta.")
        db.session.commit()
        assert {c.moderation_state for c in (held, to_carla, to_mora)} == {
            ModerationState.PENDING}
        assert len(_kinds(ana.id)) == 2 and _kinds(carla.id) == []
        db.session.commit()  # the worker's session writes next
        send_outbox(app)
        assert len(_to(smtp, "ana@example.org")) == 2
        assert _to(smtp, "carla@example.org") == []

        for comment_id in (held.id, to_carla.id, to_mora.id):
            moderation.approve(moderator=moderator, target=db.session.get(Comment, comment_id))
        db.session.commit()
        assert _kinds(ana.id) == ["proposal_comment"] * 3
        assert _kinds(carla.id) == ["comment_reply"]
        assert _kinds(moderator.id) == [], "the moderator approved it: she is not told"
        assert _kinds(beto.id) == ["content_approved"] * 3
        # Approved once: a second approval is refused, and a hide and a restore tell the
        # proposal's author nothing more.
        comment = db.session.get(Comment, held.id)
        with pytest.raises(Conflict):
            moderation.approve(moderator=moderator, target=comment)
        db.session.rollback()
        comment = db.session.get(Comment, held.id)
        moderation.hide(moderator=moderator, target=comment, reason="Fuera de tema.")
        moderation.restore(moderator=moderator, target=comment, note="Revisado.")
        db.session.commit()
        assert _kinds(ana.id) == ["proposal_comment"] * 3
        assert _kinds(carla.id) == ["comment_reply"]
        db.session.commit()
        send_outbox(app)
    to_ana = _texts(smtp, "ana@example.org")
    assert len(to_ana) == 3
    assert sum(text.count("Beto comentó su propuesta") for text in to_ana) == 1
    [to_carla_mail] = _texts(smtp, "carla@example.org")
    assert "Beto respondió a su comentario." in to_carla_mail
    assert not any("respondió a su comentario" in text
                   for text in _texts(smtp, "mora@example.org"))


def test_a_held_comment_on_ones_own_proposal_tells_nobody_else(app, smtp):
    """Approval tells those the comment concerns, not its author about her own proposal
    (she hears of the approval itself)."""
    with app.app_context():
        author = _person("Nico")
        moderator = _person("Olga", is_moderator=True)
        round_ = make_open_round()
        proposal = make_proposal(round_, author=author)
        round_.premoderation_account_days = 30
        comment = comments.post_comment(author=author, body="Añado un dato.",
                                        proposal=proposal)
        db.session.commit()
        assert comment.moderation_state == ModerationState.PENDING
        moderation.approve(moderator=moderator, target=comment)
        db.session.commit()
        assert _kinds(author.id) == ["content_approved"]
    send_outbox(app)
    [mail] = _texts(smtp, "nico@example.org")
    assert "comentó su propuesta" not in mail


# The plan published --------------------------------------------------------------------------


def test_the_plan_published_reaches_the_followers_of_its_commitments_once(app, smtp):
    with app.app_context():
        round_ = round_in(PhaseKind.PUBLICATION)
        first, second = make_draft(round_, final=True), make_draft(round_, final=True)
        unfinished = make_draft(round_)
        both, of_round = _person("Dora"), _person("Eva")
        of_first, of_two = _person("Fabi"), _person("Gil")
        of_unfinished, stopped = _person("Hilda"), _person("Ivan")
        moderator = _person("Karen", is_moderator=True)
        follows = [
            (both, following.ROUND, round_.id), (both, following.COMMITMENT, first.id),
            (of_round, following.ROUND, round_.id),
            (of_first, following.COMMITMENT, first.id),
            (of_two, following.COMMITMENT, first.id), (of_two, following.COMMITMENT, second.id),
            (of_unfinished, following.COMMITMENT, unfinished.id),
            (moderator, following.COMMITMENT, second.id),
        ]
        for person, target_type, target_id in follows:
            following.set_following(user=person, target_type=target_type,
                                    target_id=target_id, active=True)
        following.set_following(user=stopped, target_type=following.COMMITMENT,
                                target_id=first.id, active=False)
        publish_plan(actor=moderator, round=round_, omit_unfinished=True)
        db.session.commit()
        for person in (both, of_round, of_first, of_two):
            assert _kinds(person.id) == ["plan_published"]
        for person in (of_unfinished, stopped, moderator):
            assert _kinds(person.id) == []
    send_outbox(app)
    for name in ("dora", "eva"):
        assert "en la que usted participó" in _only_mail(smtp, f"{name}@example.org"
                                                         ).get_content()
    for name in ("fabi", "gil"):
        text = _only_mail(smtp, f"{name}@example.org").get_content()
        assert "Se publicó el plan" in text and "con compromisos que usted sigue" in text
    for name in ("hilda", "ivan", "karen"):
        assert _to(smtp, f"{name}@example.org") == []
    assert len(smtp.messages) == 4


def test_the_plan_published_to_a_commitments_follower_in_her_language(app, smtp):
    """The follower of a commitment who reads English hears of the plan in English."""
    with app.app_context():
        round_ = round_in(PhaseKind.PUBLICATION)
        draft = make_draft(round_, final=True)
        member = _person("Lola", preferred_language="en")
        following.set_following(user=member, target_type=following.COMMITMENT,
                                target_id=draft.id, active=True)
        publish_plan(actor=_person("Mario", is_moderator=True), round=round_)
        db.session.commit()
    send_outbox(app)
    [mail] = _to(smtp, "lola@example.org")
    assert mail["Content-Language"] == "en"
    assert "Se publicó el plan" not in mail.get_content()
