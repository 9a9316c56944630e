"""Who still reads hidden and pending content: its author (with a notice saying what the
moderation did) and the moderators (the workspace lists everything, with a badge)."""

from __future__ import annotations

import re

from participa.base.extensions import db
from participa.comments.models import Comment
from participa.content.visibility import ModerationState, can_see_item, can_see_text

from ..factories import login_as
from ..pages import html
from .conftest import HIDDEN, HIDDEN_REASON, PENDING


def test_the_author_reads_the_hidden_proposal_with_a_notice(client, world):
    login_as(client, "author")
    response = client.get(f"/propuestas/{world['hidden']}")
    assert response.status_code == 200
    page = html(response)
    assert f"Problema {HIDDEN}" in page and f"Compromiso {HIDDEN}" in page
    assert f"Oculto por moderación: {HIDDEN_REASON}" in page
    assert "Usted sigue viendo el texto porque es su autor; el público ve solo este aviso." in page
    # A hidden proposal is not edited any more.
    assert f"/propuestas/{world['hidden']}/editar" not in page
    response = client.get(f"/propuestas/{world['hidden']}/editar")
    assert response.status_code == 409
    assert "La moderación ocultó la propuesta: ya no se puede modificar." in html(response)


def test_the_author_reads_the_pending_proposal_and_may_still_correct_it(client, world):
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{world['pending']}"))
    assert f"Problema {PENDING}" in page
    assert "Su propuesta espera la aprobación de la moderación." in page
    assert "Nadie más la ve hasta que la aprueben." in page
    assert client.get(f"/propuestas/{world['pending']}/editar").status_code == 200


def test_mi_participacion_shows_the_authors_own_with_their_state(client, world):
    login_as(client, "author")
    page = html(client.get("/mi-participacion"))
    own = re.search(r'<section aria-labelledby="mis-propuestas">.*?</section>', page, re.S)[0]
    assert f"Reparar el alcantarillado municipal {HIDDEN}" in own
    assert f"Reparar el alcantarillado municipal {PENDING}" in own
    assert "Oculto por moderación" in own and "Esperando aprobación" in own


def test_moderators_read_everything_and_the_workspace_lists_everything(client, world):
    login_as(client, "moderator")
    page = html(client.get(f"/propuestas/{world['hidden']}"))
    assert f"Problema {HIDDEN}" in page
    assert "Usted ve el texto porque modera; el público ve solo este aviso." in page
    page = html(client.get(f"/propuestas/{world['pending']}"))
    assert f"Problema {PENDING}" in page
    assert "Esta propuesta espera la aprobación de la moderación." in page
    workspace = html(client.get(f"/moderacion/consultas/{world['round']}"))
    assert "Publicar las compras municipales" in workspace
    assert f"municipal {HIDDEN}</a>" in workspace and f"municipal {PENDING}</a>" in workspace
    assert 'class="badge moderation-hidden">Oculto por moderación' in workspace
    assert 'class="badge moderation-pending">Esperando aprobación' in workspace


def test_the_comment_author_reads_their_hidden_and_pending_comments(client, world):
    login_as(client, "commenter")
    page = html(client.get(f"/propuestas/{world['visible']}"))
    hidden = re.search(rf'id="comentario-{world["hidden_comment"]}">.*?</article>', page, re.S)[0]
    assert f"Comentario {HIDDEN}" in hidden
    assert f"Comentario oculto por moderación: {HIDDEN_REASON}" in hidden
    assert "El público ve solo este aviso." in hidden
    pending = re.search(rf'id="comentario-{world["pending_comment"]}">.*?</article>', page,
                        re.S)[0]
    assert f"Comentario {PENDING}" in pending
    assert "Esperando aprobación" in pending
    assert "Su comentario espera la aprobación de la moderación" in pending
    # No reply under either; the hidden one is not edited.
    assert f"/comentarios/{world['hidden_comment']}/responder" not in page
    assert f"/comentarios/{world['pending_comment']}/responder" not in page
    assert client.get(f"/comentarios/{world['hidden_comment']}/editar").status_code == 409
    assert client.post(f"/comentarios/{world['hidden_comment']}/responder",
                       data={"body": "Respondo"}).status_code == 409


def test_moderators_see_pending_comments_in_the_thread(client, world):
    login_as(client, "moderator")
    page = html(client.get(f"/propuestas/{world['visible']}"))
    assert f"Comentario {PENDING}" in page
    assert f"Comentario {HIDDEN}" in page
    assert 'Comentarios <span class="count">(4)</span>' in page


def test_replies_to_a_pending_comment_keep_a_placeholder_for_the_public(client, app, world):
    """A pending comment that someone (a moderator, say) already answered stays in the
    thread as a placeholder, so the answer is not orphaned."""
    with app.app_context():
        parent = db.session.get(Comment, world["pending_comment"])
        db.session.add(Comment(proposal_id=parent.proposal_id, parent_id=parent.id, depth=1,
                               author_id=world["moderator"], body="Respuesta de la mesa."))
        db.session.commit()
    page = html(client.get(f"/propuestas/{world['visible']}"))
    assert PENDING not in page
    assert "Comentario en espera de aprobación." in page
    assert "Respuesta de la mesa." in page


def test_the_rule_itself(app, world):
    with app.app_context():
        from participa.accounts.models import User
        from participa.proposals.models import Proposal

        hidden = db.session.get(Proposal, world["hidden"])
        pending = db.session.get(Proposal, world["pending"])
        visible = db.session.get(Proposal, world["visible"])
        author, other, moderator = (db.session.get(User, world[k])
                                    for k in ("author", "other", "moderator"))
        assert hidden.moderation_state == ModerationState.HIDDEN
        for item in (visible, hidden, pending):
            assert can_see_text(author, item) and can_see_text(moderator, item)
        assert can_see_text(other, visible)
        assert not can_see_text(other, hidden) and not can_see_text(other, pending)
        assert not can_see_text(None, hidden)
        assert can_see_item(other, hidden) and not can_see_item(other, pending)
