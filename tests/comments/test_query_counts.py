"""The comment threads run the same number of SQL statements with 5 comments as with 100
(different authors, organisations, replies, anchors and versions): one query loads a page's
comments (a proposal's page also counts them first), the trees are built in Python."""

from __future__ import annotations

import itertools
import re

from participa.accounts import passwords
from participa.accounts.models import Sector, User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment, Stance
from participa.organizations.models import Organization, OrganizationKind
from participa.plans.models import Commitment, CommitmentVersion

from ..factories import login_as
from ..querycount import count_queries
from .conftest import add_version, version_page_path

_serial = itertools.count(1)


def _people(n: int) -> list[int]:
    hashed = passwords.hash_password("una frase larga de prueba")
    users = [
        User(name=f"Autora {k}", email=f"autora{next(_serial)}@example.org",
             password_hash=hashed, sector=Sector.CIUDADANIA, email_confirmed_at=utcnow())
        for k in range(n)
    ]
    organizations = [
        Organization(name=f"Red {next(_serial)}", kind=OrganizationKind.OSC, is_verified=True,
                     verified_at=utcnow())
        for _k in range(n // 3 + 1)
    ]
    db.session.add_all(users + organizations)
    db.session.commit()
    return [u.id for u in users], [o.id for o in organizations]


def _comments(n: int, *, proposal_id=None, version_ids=(), milestones=(1, 2, 3)) -> None:
    """``n`` comments: a third top-level, the rest replies at depths 1 and 2; each by a
    different person, one in three for an organisation, anchors and versions varied."""
    authors, organizations = _people(n)
    stances = [None, *Stance]
    made: list[Comment] = []
    for k in range(n):
        parent = made[k // 2] if k >= 3 and made[k // 2].depth < 2 else None
        version_id = None
        if version_ids:
            version_id = parent.version_id if parent else version_ids[k % len(version_ids)]
        comment = Comment(
            proposal_id=proposal_id, version_id=version_id, parent=parent,
            depth=parent.depth + 1 if parent else 0, author_id=authors[k],
            organization_id=organizations[k // 3] if k % 3 == 0 else None,
            stance=stances[k % 4] if parent is None else None,
            section=("problem" if k % 5 == 1 else None) if version_ids else None,
            milestone_number=(milestones[k % len(milestones)] if k % 5 == 2 and version_ids
                              else None),
            body=f"Comentario {k} https://ejemplo.org/{k}", created_at=utcnow(),
            edited_at=utcnow() if k % 7 == 0 else None,
        )
        db.session.add(comment)
        db.session.flush()
        made.append(comment)
    db.session.commit()


def _count(client, app, path: str, *, statements: int = 1) -> int:
    """``statements`` reading comments: the draft's one, or a proposal's count and page."""
    with count_queries(app) as queries:
        response = client.get(path)
    assert response.status_code == 200
    # Every comment of the page, with its author and organisation, in one statement.
    from_comments = [s for s in queries.statements if " FROM comments " in s]
    assert len(from_comments) == statements, queries
    assert "JOIN users" in from_comments[-1] and "JOIN organizations" in from_comments[-1]
    return queries.count, response.get_data(as_text=True)


def test_proposal_page_queries_do_not_grow_with_comments(app, client, world, capsys):
    results = {}
    # Anonymous on one proposal; then signed in (with an organisation to speak for, so the
    # form has its menu) on another.
    for who, key in (("anonymous", "proposal"), ("member", "review_proposal")):
        login_as(client, who)
        path = f"/propuestas/{world[key]}"
        with app.app_context():
            _comments(5, proposal_id=world[key])
        small, page = _count(client, app, path, statements=2)
        assert page.count('<article class="comment"') == 5
        with app.app_context():
            _comments(95, proposal_id=world[key])
        large, page = _count(client, app, path, statements=2)
        # Every comment is on the page, or counted in its thread's link to the rest.
        behind = sum(int(n) for n in re.findall(r"Ver las (\d+) respuestas más", page))
        assert page.count('<article class="comment"') + behind == 100
        results[who] = (small, large)
    with capsys.disabled():
        print(f"\nproposal page, SQL statements (5 -> 100 comments): {results}")
    for small, large in results.values():
        assert small == large, results


def test_draft_thread_queries_do_not_grow_with_comments_or_versions(app, client, world,
                                                                     capsys):
    with app.app_context():
        commitment = db.session.get(Commitment, world["draft"])
        add_version(commitment, 2)
        add_version(commitment, 3, (1, 2, 4))
        version_ids = [v.id for v in db.session.scalars(
            db.select(CommitmentVersion).where(CommitmentVersion.commitment_id == commitment.id)
        )]
    path = version_page_path(world["draft"], 3)
    login_as(client, "member")
    with app.app_context():
        _comments(5, version_ids=version_ids)
    small, _page = _count(client, app, path)
    with app.app_context():
        _comments(95, version_ids=version_ids)
    large, page = _count(client, app, path)
    assert page.count('<article class="comment"') == 100
    assert "sobre la versión 1" in page and "sobre la versión 2" in page
    with capsys.disabled():
        print(f"\ndraft page, SQL statements (5 -> 100 comments): {small} -> {large}")
    assert small == large
