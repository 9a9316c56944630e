"""The consideration report covers the comments on the round's drafts too (issue 17, item
7): per draft and section, how many public comments, whether the section changed after them
(taken into account) or not, or has no later version yet; and why, by the MTGA's change
notes. Hidden and pending comments are not counted."""

from __future__ import annotations

import re

import pytest

from participa.base.extensions import db
from participa.comments.models import Comment
from participa.plans.models import CommitmentVersion

from ..pages import html
from ..visibility.conftest import build_world


@pytest.fixture
def world(app) -> dict:
    with app.app_context():
        world = build_world()
        first = db.session.get(CommitmentVersion, world["draft_version"])
        for section in ("problem", "problem", "commitment_text"):
            db.session.add(Comment(version_id=first.id, author_id=world["commenter"],
                                   section=section, body=f"Sobre {section}."))
        db.session.add(CommitmentVersion(
            commitment_id=world["draft"], number=2, title=first.title,
            lead_institution=first.lead_institution, problem="El problema, mejor dicho.",
            commitment_text=first.commitment_text,
            change_note="Precisamos la problemática como pidieron los comentarios."))
        db.session.commit()
        second = db.session.scalar(db.select(CommitmentVersion.id).where(
            CommitmentVersion.commitment_id == world["draft"], CommitmentVersion.number == 2))
        db.session.add(Comment(version_id=second, author_id=world["other"], section="problem",
                               body="Sobre la nueva versión."))
        db.session.commit()
        return world


def _row(page: str, label: str) -> list[int]:
    found = re.search(rf"<th scope=\"row\"[^>]*>{re.escape(label)}</th>(.*?)</tr>", page, re.S)
    assert found, label
    return [int(n) for n in re.findall(r">(\d+)</td>", found.group(1))]


def test_comments_on_drafts_per_section_and_why(world, client):
    page = html(client.get(f"/consultas/{world['round']}/informe"))
    assert "Comentarios a los borradores" in page
    draft = page.split(f'id="borrador-{world["draft"]}"')[1]
    # comments, taken into account, unchanged, no later version yet
    assert _row(draft, "¿Cuál es la problemática que el compromiso aborda?") == [3, 2, 0, 1]
    assert _row(draft, "¿Cuál es el compromiso?") == [1, 0, 1, 0]
    # The world's visible comment on the whole draft: a section changed afterwards.
    assert _row(draft, "El borrador en general") == [1, 1, 0, 0]
    assert "5 comentarios" in draft  # the hidden and the pending one are not counted
    assert "Versión 2: Precisamos la problemática como pidieron los comentarios." in draft
    assert "XQOCULTA" not in page.split("Comentarios a los borradores")[1]


def test_a_round_without_drafts_says_so(app, client):
    from ..factories import make_open_round

    with app.app_context():
        round_id = make_open_round().id
    page = html(client.get(f"/consultas/{round_id}/informe"))
    assert "Esta consulta todavía no tiene borradores de compromiso." in page
