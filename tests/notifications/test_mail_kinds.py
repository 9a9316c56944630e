"""The notifications people expect (issue 17, item 1), in the app and by e-mail through a real
SMTP server (aiosmtpd on loopback) sent by the outbox's worker, each preference (item 3) and
the digest, the one-click stop (RFC 8058), and the outbox's promises (item 4)."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import services as comments
from participa.consolidation import services as consolidation
from participa.consultations.models import Phase, PhaseKind
from participa.consultations.openings import notify_openings
from participa.consultations.publication import publish_plan
from participa.notifications import following, outbox
from participa.notifications import services as notifications
from participa.notifications.models import Delivery, Notification, OutboxMessage, OutboxStatus
from participa.organizations import services as organizations
from participa.organizations.models import MembershipStatus
from participa.proposals import services as proposals

from ..factories import (
    login,
    make_membership,
    make_open_round,
    make_organization,
    make_proposal,
    make_user,
    send_outbox,
)
from ..plans.drafts import draft_with_versions, save
from ..test_mail import Collector, _free_port
from ..voting.conftest import make_draft, round_in


def _to(collector: Collector, address: str) -> list:
    return [m for m in collector.messages if m["To"] == address]


def _person(name: str, **kwargs) -> User:
    return make_user(name=name, email_address=f"{name.lower()}@example.org", **kwargs)


def _only_mail(collector: Collector, address: str):
    [message] = _to(collector, address)
    assert message["List-Unsubscribe"].startswith("<http://localhost/notificaciones/baja/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Content-Language"] == "es"
    return message


def _kinds(user_id: int) -> list[str]:
    return list(db.session.scalars(
        sa.select(Notification.kind).where(Notification.user_id == user_id)
        .order_by(Notification.id)))


# Each kind, through the real SMTP server ------------------------------------------------------


def test_a_reply_to_my_comment_and_a_comment_on_my_proposal(app, smtp):
    with app.app_context():
        author, commenter, replier = _person("Ana"), _person("Beto"), _person("Carla")
        proposal = make_proposal(author=author)
        comment = comments.post_comment(author=commenter, body="Buena idea.", proposal=proposal)
        comments.post_reply(author=replier, parent=comment, body="Estoy de acuerdo.")
        # Her own reply tells nobody: she acted.
        comments.post_reply(author=commenter, parent=comment, body="Gracias.")
        db.session.commit()
        assert _kinds(author.id) == ["proposal_comment"]
        assert _kinds(commenter.id) == ["comment_reply"]
        assert _kinds(replier.id) == []
    assert smtp.messages == [], "nothing is sent in the transaction of the event"
    assert send_outbox(app) == 2
    to_author = _only_mail(smtp, "ana@example.org").get_content()
    assert "Beto comentó su propuesta" in to_author
    assert "Carla respondió a su comentario." in _only_mail(smtp, "beto@example.org").get_content()
    assert _to(smtp, "carla@example.org") == []


def test_a_new_version_of_a_draft_i_follow_or_commented_on(app, smtp):
    with app.app_context():
        round_ = make_open_round(PhaseKind.COMMENTS)
        for phase in round_.phases:  # its opening was told already
            phase.opening_notified_at = utcnow()
        draft = draft_with_versions(1, plan=round_.plan, round_=round_)
        follower, commenter, editor = _person("Dora"), _person("Eva"), _person("Fer",
                                                                              is_moderator=True)
        following.set_following(user=follower, target_type=following.COMMITMENT,
                                target_id=draft.id, active=True)
        comments.post_comment(author=commenter, body="Falta un hito.",
                              version=draft.versions[-1])
        db.session.commit()
        save(draft, actor=editor, fields={"problem": "Otro problema."})
        assert _kinds(editor.id) == []
    send_outbox(app)
    for address in ("dora@example.org", "eva@example.org"):
        assert "Hay una versión nueva (2) del borrador" in _only_mail(smtp,
                                                                      address).get_content()
    assert _to(smtp, "fer@example.org") == []


def test_a_phase_opening_is_told_once_to_those_who_took_part(app, smtp):
    with app.app_context():
        round_ = make_open_round(PhaseKind.COMMENTS)
        participant, stranger = _person("Gabi"), _person("Hugo")
        following.follow_automatically(user=participant, target_type=following.ROUND,
                                       target_id=round_.id)
        db.session.commit()
        # The worker's round notices the opening, once however often it runs.
        assert notify_openings(utcnow()) == 1
        assert notify_openings(utcnow()) == 0
        phase = db.session.scalar(sa.select(Phase).where(Phase.round_id == round_.id,
                                                         Phase.kind == PhaseKind.COMMENTS))
        assert phase.opening_notified_at is not None
        assert _kinds(stranger.id) == []
    send_outbox(app)
    assert "Se abrió «Comentarios a los borradores»" in _only_mail(
        smtp, "gabi@example.org").get_content()
    assert len(smtp.messages) == 1


def test_the_worker_notices_openings_itself(app, smtp, runner):
    with app.app_context():
        round_ = make_open_round(PhaseKind.VOTE)
        following.set_following(user=_person("Iris"), target_type=following.ROUND,
                                 target_id=round_.id, active=True)
        db.session.commit()
    result = runner.invoke(args=["mail", "worker", "--once"])
    assert "1 correos enviados" in result.output, result.output
    assert "«Votación de priorización»" in _only_mail(smtp, "iris@example.org").get_content()
    runner.invoke(args=["mail", "worker", "--once"])
    assert len(smtp.messages) == 1


def test_the_plan_published(app, smtp):
    with app.app_context():
        round_ = round_in(PhaseKind.PUBLICATION)
        make_draft(round_, final=True)
        participant, moderator = _person("Juan"), _person("Karen", is_moderator=True)
        for person in (participant, moderator):
            following.follow_automatically(user=person, target_type=following.ROUND,
                                           target_id=round_.id)
        publish_plan(actor=moderator, round=round_)
        db.session.commit()
    send_outbox(app)
    assert "Se publicó el plan" in _only_mail(smtp, "juan@example.org").get_content()
    assert _to(smtp, "karen@example.org") == []


def test_a_proposal_i_support_withdrawn_or_taken_into_a_commitment(app, smtp):
    with app.app_context():
        round_ = make_open_round()
        author, supporter = _person("Luis"), _person("Marta")
        withdrawn = proposals.submit_proposal(
            author=author, round=round_, axis=None, organization=None,
            values=["transparencia"], title="Agua limpia", problem="No hay agua.",
            proposed_commitment="Publicar los datos.", benefit="Salud.", institution="MSPAS")
        kept = make_proposal(round_, title="Presupuesto abierto")
        proposals.support_proposal(user=supporter, proposal=withdrawn)
        proposals.support_proposal(user=supporter, proposal=kept)
        db.session.commit()
        proposals.withdraw_proposal(author=author, proposal=withdrawn, reason="Ya se resolvió.")
        moderator = _person("Nora", is_moderator=True)
        draft = make_draft(round_)
        consolidation.attach(actor=moderator, commitment=draft, proposals=[kept])
        db.session.commit()
        assert _kinds(supporter.id) == ["proposal_withdrawn", "proposal_consolidated"]
        assert _kinds(author.id) == []
    send_outbox(app)
    texts = [m.get_content() for m in _to(smtp, "marta@example.org")]
    assert len(texts) == 2, "one e-mail per event"
    assert any("Se retiró la propuesta" in t and "Ya se resolvió." in t for t in texts)
    assert any("llevó la propuesta" in t and "Presupuesto abierto" in t for t in texts)


def test_a_request_to_join_my_organisation_and_the_answer_to_mine(app, smtp):
    with app.app_context():
        organization = make_organization(name="Acción Ciudadana")
        manager, requester = _person("Olga"), _person("Pablo")
        make_membership(manager, organization, manager=True)
        membership = organizations.request_membership(user=requester,
                                                      organization=organization)
        db.session.commit()
        send_outbox(app)
        assert "Pablo pidió unirse a «Acción Ciudadana»." in _only_mail(
            smtp, "olga@example.org").get_content()
        organizations.decide_membership(actor=manager, membership=membership, accept=True)
        db.session.commit()
        assert membership.status == MembershipStatus.ACCEPTED
    send_outbox(app)
    assert "aceptó su solicitud" in _only_mail(smtp, "pablo@example.org").get_content()
    assert len(_to(smtp, "olga@example.org")) == 1


def test_one_event_one_mail_per_person(app, smtp):
    """A person told several things of one kind by one event (two of her comments answered
    in one transaction) gets one e-mail listing both."""
    with app.app_context():
        author, replier = _person("Quique"), _person("Rosa")
        proposal = make_proposal()
        first = comments.post_comment(author=author, body="Uno.", proposal=proposal)
        second = comments.post_comment(author=author, body="Dos.", proposal=proposal)
        db.session.commit()
        comments.post_reply(author=replier, parent=first, body="Respuesta uno.")
        comments.post_reply(author=replier, parent=second, body="Respuesta dos.")
        db.session.commit()
    send_outbox(app)
    message = _only_mail(smtp, "quique@example.org")
    assert message.get_content().count("Rosa respondió a su comentario.") == 2
    assert message["Subject"] == "Participa: 2 avisos de Respuestas a mis comentarios"


# Preferences and the digest ---------------------------------------------------------------


def _two_replies(app, *, delivery: Delivery | None) -> int:
    with app.app_context():
        author, replier = _person("Sara"), _person("Tomás")
        if delivery is not None:
            notifications.set_deliveries(user_id=author.id,
                                         choices={"comment_reply": delivery})
        proposal = make_proposal(author=author)
        comment = comments.post_comment(author=author, body="Uno.", proposal=proposal)
        db.session.commit()
        for text in ("Primera.", "Segunda."):
            comments.post_reply(author=replier, parent=comment, body=text)
            db.session.commit()
        return author.id


def test_at_once_is_the_default(app, smtp):
    _two_replies(app, delivery=None)
    send_outbox(app)
    assert len(_to(smtp, "sara@example.org")) == 2


def test_no_email_keeps_the_list_in_the_app(app, smtp, runner):
    author_id = _two_replies(app, delivery=Delivery.NONE)
    send_outbox(app)
    runner.invoke(args=["mail", "digest"])
    assert _to(smtp, "sara@example.org") == []
    with app.app_context():
        assert _kinds(author_id) == ["comment_reply", "comment_reply"]
        statuses = set(db.session.scalars(sa.select(OutboxMessage.status)))
        assert statuses == {OutboxStatus.SKIPPED}


def test_the_daily_digest_gathers_everything_in_one_mail(app, smtp, runner):
    author_id = _two_replies(app, delivery=Delivery.DIGEST)
    send_outbox(app)
    assert _to(smtp, "sara@example.org") == [], "kept for the digest"
    result = runner.invoke(args=["mail", "digest"])
    assert "1 resúmenes preparados; 1 correos enviados" in result.output, result.output
    [digest] = _to(smtp, "sara@example.org")
    assert digest["Subject"] == "Participa: su resumen del día, 2 avisos"
    assert digest.get_content().count("Tomás respondió a su comentario.") == 2
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    result = runner.invoke(args=["mail", "digest"])
    assert "0 resúmenes preparados; 0 correos enviados" in result.output
    assert len(_to(smtp, "sara@example.org")) == 1
    with app.app_context():
        assert all(n.emailed_at is not None for n in db.session.scalars(
            sa.select(Notification).where(Notification.user_id == author_id)))


def test_the_settings_page_sets_each_kind(app, client):
    with app.app_context():
        author_id = _person("Ursula").id
    login(client, "ursula@example.org")
    page = client.get("/cuenta/").get_data(as_text=True)
    assert 'name="kind-comment_reply" value="al_momento" checked' in page
    assert "Respuestas a mis comentarios" in page
    data = {f"kind-{kind.name}": "al_momento" for kind in notifications.emailed_kinds()}
    data["kind-comment_reply"] = "resumen"
    data["next"] = "/cuenta/"
    answer = client.post("/notificaciones/preferencias", data=data)
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/cuenta/")
    with app.app_context():
        assert notifications.delivery_of(author_id, "comment_reply") == Delivery.DIGEST
    data["kind-comment_reply"] = "cada hora"
    answer = client.post("/notificaciones/preferencias", data=data)
    assert answer.status_code == 422
    assert 'name="kind-comment_reply" value="resumen" checked' not in answer.get_data(
        as_text=True)
    with app.app_context():
        assert notifications.delivery_of(author_id, "comment_reply") == Delivery.DIGEST


# The one-click stop -----------------------------------------------------------------------


def test_the_mails_link_stops_its_kind_without_logging_in(app, smtp, client):
    _two_replies(app, delivery=None)
    send_outbox(app)
    first = _to(smtp, "sara@example.org")[0]
    link = first["List-Unsubscribe"].strip("<>")
    # As written on the wire: the link itself in angle brackets, not an encoded word.
    raw = smtp.envelopes[smtp.messages.index(first)].content.decode()
    assert f"List-Unsubscribe: <{link}>\r\n" in raw
    assert link in first.get_content()
    path = link.removeprefix("http://localhost")
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store", "its address holds her token"
    assert "Respuestas a mis comentarios" in page.get_data(as_text=True)
    # The mail program's one click: a POST without a CSRF token, the signature suffices.
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}, csrf=False
                       ).status_code == 200
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "sara@example.org"))
        assert notifications.delivery_of(user.id, "comment_reply") == Delivery.NONE
        assert notifications.delivery_of(user.id, "proposal_comment") == Delivery.NOW
        comments.post_reply(author=_person("Victor"), parent=db.session.scalar(
            sa.select(comments.Comment).where(comments.Comment.author_id == user.id)),
            body="Tercera.")
        db.session.commit()
    send_outbox(app)
    assert len(_to(smtp, "sara@example.org")) == 2, "no mail of that kind any more"


def test_a_forged_or_altered_link_is_refused(app, client):
    with app.app_context():
        user = _person("Wendy")
        token = outbox.unsubscribe_token(user.id, ["comment_reply"])
        user_id = user.id
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    for bad in (tampered, "nada", token.replace(".", "")):
        assert client.get(f"/notificaciones/baja/{bad}").status_code == 404
        assert client.post(f"/notificaciones/baja/{bad}", csrf=False).status_code == 404
    with app.app_context():
        assert notifications.delivery_of(user_id, "comment_reply") == Delivery.NOW


# The outbox -------------------------------------------------------------------------------


def test_nothing_is_lost_while_the_server_is_down_and_retries_back_off(app, runner):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port(),
                      MAIL_TIMEOUT=2, MAIL_RETRY_SECONDS=60, MAIL_RETRY_MAX_SECONDS=3600)
    _two_replies(app, delivery=None)
    result = runner.invoke(args=["mail", "worker", "--once"])
    assert "0 correos enviados; 2 por enviar." in result.output, result.output
    with app.app_context():
        rows = db.session.scalars(sa.select(OutboxMessage)).all()
        assert [row.attempts for row in rows] == [1, 1]
        assert all(row.last_error and row.claimed_by is None for row in rows)
        waits = [row.available_at - utcnow() for row in rows]
        assert all(timedelta(seconds=30) < wait <= timedelta(seconds=60) for wait in waits)
        # Later attempts wait twice as long each time, up to the cap.
        assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 8)] == [60, 120, 240,
                                                                             3600]
    result = runner.invoke(args=["mail", "worker", "--once"])
    assert "0 correos enviados; 2 por enviar." in result.output
    with app.app_context():
        assert [row.attempts for row in db.session.scalars(sa.select(OutboxMessage))] == [1, 1]


def test_two_workers_never_claim_the_same_message(app):
    _two_replies(app, delivery=None)
    with app.app_context():
        now = utcnow()
        first = outbox.claim(worker="a", now=now, batch=1)
        second = outbox.claim(worker="b", now=now, batch=10)
        assert len(first) == 1 and len(second) == 1 and set(first).isdisjoint(second)
        assert outbox.claim(worker="c", now=now) == []
        # A worker that died: its lease ends, and another takes its messages.
        later = now + outbox.LEASE + timedelta(seconds=1)
        assert sorted(outbox.claim(worker="c", now=later)) == sorted(first + second)
        assert outbox.send_one(first[0], worker="a") is None, "no longer a's"


def test_a_rolled_back_event_leaves_no_mail(app, smtp):
    with app.app_context():
        author, replier = _person("Xavi"), _person("Yola")
        comment = comments.post_comment(author=author, body="Uno.",
                                        proposal=make_proposal(author=author))
        db.session.commit()
        comments.post_reply(author=replier, parent=comment, body="Respuesta.")
        db.session.flush()
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    assert send_outbox(app) == 0 and smtp.messages == []


def test_the_mail_is_in_the_recipients_language(app, smtp):
    with app.app_context():
        author = _person("Zoe", preferred_language="en")
        comment = comments.post_comment(author=author, body="Uno.",
                                        proposal=make_proposal(author=author))
        db.session.commit()
        comments.post_reply(author=_person("Abel"), parent=comment, body="Respuesta.")
        db.session.commit()
    send_outbox(app)
    [message] = _to(smtp, "zoe@example.org")
    assert message["Content-Language"] == "en"
    assert re.search(r"Abel \S+", message.get_content())
    assert "Hola" not in message.get_content()


def test_unconfirmed_or_unsubscribed_people_get_no_mail(app, smtp):
    with app.app_context():
        unconfirmed = _person("Bea", confirmed=False)
        quiet = _person("Cris")
        quiet.notify_by_email = False
        commenter = _person("Dario")
        for person in (unconfirmed, quiet):
            comments.post_comment(author=commenter, body="Uno.",
                                  proposal=make_proposal(author=person))
        db.session.commit()
        assert _kinds(quiet.id) == ["proposal_comment"]
        assert _kinds(unconfirmed.id) == ["proposal_comment"]
    send_outbox(app)
    assert smtp.messages == []
