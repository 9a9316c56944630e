"""What the author is told: the message of each kind for a proposal, a comment on a
proposal and a comment on a draft, rendered in the reader's language when shown; e-mail only
for people who want it; never who reported."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.comments.models import Comment
from participa.i18n.selection import language
from participa.moderation import services
from participa.notifications.services import message_for
from participa.plans.models import CommitmentStatus, CommitmentVersion
from participa.proposals.models import Proposal

from ..factories import body, login_as, mails, make_commitment, notifications_of
from .test_decisions import PROPOSAL_PAGE, load


@pytest.fixture
def draft_comment(app, world) -> int:
    with app.app_context():
        proposal = db.session.get(Proposal, world["proposal"])
        commitment = make_commitment(proposal.round.plan, title="Compras abiertas",
                                     status=CommitmentStatus.DRAFT)
        version = CommitmentVersion(commitment_id=commitment.id, number=1,
                                    title="Compras abiertas", change_note="Versión 1")
        db.session.add(version)
        db.session.flush()
        comment = Comment(version_id=version.id, author_id=world["commenter"],
                          body="Un comentario sobre el borrador.")
        db.session.add(comment)
        db.session.commit()
        return comment.id


def test_the_messages_of_every_kind(app, world, draft_comment):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        proposal = db.session.get(Proposal, world["proposal"])
        on_proposal = db.session.get(Comment, world["comment"])
        on_draft = db.session.get(Comment, draft_comment)
        for target in (proposal, on_proposal, on_draft):
            services.hide(moderator=moderator, target=target, reason="Fuera de tema.")
            services.restore(moderator=moderator, target=target, note="Revisado.")
            target.moderation_state = target.moderation_state.PENDING
            services.approve(moderator=moderator, target=target)
        commenter = db.session.get(User, world["commenter"])
        services.block_user(moderator=moderator, user=commenter, reason="Insultos.",
                            until=datetime(2099, 1, 2, 16, 30, tzinfo=UTC))
        services.unblock_user(moderator=moderator, user=commenter)
        services.block_user(moderator=moderator, user=commenter, reason="Otra vez.")
        db.session.commit()
        with language("es"):
            # The approved comment also tells the proposal's author it is public
            # (comments.tell_published; tests/notifications/test_mail_gaps.py): the
            # moderation's own messages are the subject here.
            texts = [message_for(n.kind, n.params)
                     for n in notifications_of(world["author"]) + notifications_of(
                         world["commenter"]) if n.kind != "proposal_comment"]
    reference = texts[0].split("propuesta ")[1].split(" ")[0]
    assert texts == [
        f"La Mesa Técnica de Gobierno Abierto ocultó su propuesta {reference} «Compras "
        "municipales abiertas». Usted todavía la puede leer. Motivo: Fuera de tema.",
        f"La Mesa Técnica de Gobierno Abierto revisó su propuesta {reference} «Compras "
        "municipales abiertas» y la volvió a mostrar. Nota: Revisado.",
        f"La Mesa Técnica de Gobierno Abierto aprobó su propuesta {reference} «Compras "
        "municipales abiertas»: ya es pública.",
        f"La Mesa Técnica de Gobierno Abierto ocultó su comentario en la propuesta "
        f"{reference} «Compras municipales abiertas». Usted todavía lo puede leer. Motivo: "
        "Fuera de tema.",
        f"La Mesa Técnica de Gobierno Abierto revisó su comentario en la propuesta "
        f"{reference} «Compras municipales abiertas» y lo volvió a mostrar. Nota: Revisado.",
        f"La Mesa Técnica de Gobierno Abierto aprobó su comentario en la propuesta "
        f"{reference} «Compras municipales abiertas»: ya es público.",
        "La Mesa Técnica de Gobierno Abierto ocultó su comentario en el borrador «Compras "
        "abiertas». Usted todavía lo puede leer. Motivo: Fuera de tema.",
        "La Mesa Técnica de Gobierno Abierto revisó su comentario en el borrador «Compras "
        "abiertas» y lo volvió a mostrar. Nota: Revisado.",
        "La Mesa Técnica de Gobierno Abierto aprobó su comentario en el borrador «Compras "
        "abiertas»: ya es público.",
        "La Mesa Técnica de Gobierno Abierto bloqueó su cuenta hasta el 2 de enero de 2099, "
        "10:30: mientras tanto no puede publicar propuestas, comentar, apoyar, votar ni "
        "denunciar. Motivo: Insultos.",
        "La Mesa Técnica de Gobierno Abierto desbloqueó su cuenta: ya puede volver a "
        "participar.",
        "La Mesa Técnica de Gobierno Abierto bloqueó su cuenta: no puede publicar "
        "propuestas, comentar, apoyar, votar ni denunciar hasta que la desbloquee. Motivo: "
        "Otra vez.",
    ]


def test_the_automatic_hide_message(app, world, draft_comment):
    with app.app_context():
        on_draft = db.session.get(Comment, draft_comment)
        params = {**services.content_params(on_draft), "automatic": True}
        with language("es"):
            assert message_for("content_hidden", params) == (
                "Su comentario en el borrador «Compras abiertas» quedó oculto automáticamente "
                "tras varias denuncias, hasta que la Mesa Técnica de Gobierno Abierto lo "
                "revise.")
            # Params of an unexpected shape give the generic text, never an error.
            assert message_for("content_hidden", {"target": "otro"}) == (
                "Tiene un aviso nuevo en Participa.")


def test_email_only_for_people_who_want_it(client, app, world):
    with app.app_context():
        author = db.session.get(User, world["author"])
        author.notify_by_email = False
        db.session.commit()
    login_as(client, "moderator")
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                data={"reason": "Fuera de tema.", "state": state})
    with app.app_context():
        assert [n.kind for n in notifications_of(world["author"])] == ["content_hidden"]
    assert [m for m in mails(app) if m["To"] == "author@example.org"] == []


def test_a_refused_decision_mails_nobody(client, app, world):
    login_as(client, "moderator")
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"reason": "Fuera de tema.", "state": "0000000000000000"})
    assert response.status_code == 409
    assert mails(app) == []
    with app.app_context():
        assert notifications_of(world["author"]) == []


def test_the_email_subject_counts_the_decisions(app, world):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        services.hide(moderator=moderator, target=db.session.get(Comment, world["comment"]),
                      reason="Uno.")
        services.hide(moderator=moderator, target=db.session.get(Comment, world["comment"]),
                      reason="Dos.")
        db.session.commit()
    [message] = [m for m in mails(app) if m["To"] == "commenter@example.org"]
    assert message["Subject"] == ("La Mesa Técnica de Gobierno Abierto revisó 2 de sus "
                                  "aportes")
    assert "Uno." in body(message) and "Dos." in body(message)


def test_the_automatic_reason_is_stored_as_its_source(app):
    with app.test_request_context(), language("es"):
        assert str(services.AUTO_HIDE_REASON) == services.AUTO_HIDE_SOURCE
        assert services.reason_text(services.AUTO_HIDE_SOURCE) == services.AUTO_HIDE_SOURCE
        assert services.reason_text("Otro motivo.") == "Otro motivo."
        assert services.reason_text(None) == ""


def test_the_mailed_links_are_on_the_sites_address_whatever_the_host(client, app, world):
    """A decision posted naming another host (its Host header) mails links to the site's
    configured address (BASE_URL), never to that host."""
    app.config["BASE_URL"] = "https://participa.example.gt"
    client.environ_base["HTTP_HOST"] = "evil.example"  # every request names that host
    login_as(client, "moderator")
    state = load(client, PROPOSAL_PAGE.format(world["proposal"]))
    response = client.post(f"/moderacion/contenido/propuestas/{world['proposal']}/ocultar",
                           data={"reason": "Fuera de tema.", "state": state})
    assert response.status_code == 303
    [message] = [m for m in mails(app) if m["To"] == "author@example.org"]
    links = [word for word in body(message).split() if "://" in word]
    # The item, the notifications, the profile, the preferences and the stop.
    assert len(links) == 5
    assert all(link.startswith("https://participa.example.gt/") for link in links)
    assert "evil.example" not in body(message)
