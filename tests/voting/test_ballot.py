"""The ballot is fixed when the vote opens (issue 15, item 3): the round's first vote stores
it (``ballot_entries``), and a draft created afterwards (consolidation goes on during the
vote) is not a votable option under people who already voted."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.errors import Conflict
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.plans.models import Commitment
from participa.voting import services
from participa.voting.models import BallotEntry

from ..factories import login_as
from ..pages import html
from .conftest import make_draft, round_in, vote_rows


@pytest.fixture
def world(app, people):
    with app.app_context():
        round_ = round_in(PhaseKind.VOTE, title="Priorización")
        drafts = [make_draft(round_, title=f"Borrador número {n}") for n in (1, 2)]
        return {**people, "round": round_.id, "drafts": [d.id for d in drafts]}


def _entries(app, round_id: int) -> list[int]:
    with app.app_context():
        return sorted(db.session.scalars(
            sa.select(BallotEntry.commitment_id).where(BallotEntry.round_id == round_id)))


def test_a_draft_created_during_the_vote_is_not_on_the_ballot(client, app, world):
    round_id, (first, second) = world["round"], world["drafts"]
    assert _entries(app, round_id) == []  # nobody voted: the ballot is the round's drafts
    login_as(client, "participant")
    assert client.post(f"/consultas/{round_id}/priorizacion/{first}/votar").status_code == 303
    assert _entries(app, round_id) == [first, second]

    with app.app_context():  # the MTGA creates a draft while the vote is open
        late = make_draft(db.session.get(ConsultationRound, round_id),
                          title="Borrador tardío").id
    page = html(client.get(f"/consultas/{round_id}/priorizacion"))
    assert "Borrador número 2" in page
    assert "Borrador tardío" not in page
    assert f"/priorizacion/{late}/votar" not in page

    response = client.post(f"/consultas/{round_id}/priorizacion/{late}/votar")
    assert response.status_code == 409
    assert "no está entre las opciones de esta votación" in html(response)
    with app.app_context():
        assert vote_rows(late) == 0
    assert _entries(app, round_id) == [first, second]

    box = html(client.get(f"/planes/compromisos/{late}"))
    assert "no está entre las opciones de esta votación" in box
    assert f"/priorizacion/{late}/votar" not in box
    assert f"/priorizacion/{second}/votar" in html(client.get(f"/planes/compromisos/{second}"))
    # The drafts on the ballot stay votable, by anyone.
    assert client.post(f"/consultas/{round_id}/priorizacion/{second}/votar").status_code == 303


def test_the_first_vote_fixes_the_ballot_once(db_session, world):
    round_ = db.session.get(ConsultationRound, world["round"])
    participant = db.session.get(User, world["participant"])
    moderator = db.session.get(User, world["moderator"])
    first, second = (db.session.get(Commitment, i) for i in world["drafts"])
    assert services.ballot_ids(round_) is None
    assert services.cast_vote(user=participant, round=round_, commitment=first)
    late = make_draft(round_, title="Borrador tardío")
    assert services.ballot_ids(round_) == set(world["drafts"])
    assert services.cast_vote(user=moderator, round=round_, commitment=second)
    with pytest.raises(Conflict, match="no está entre las opciones"):
        services.cast_vote(user=moderator, round=round_, commitment=late)
    assert services.ballot_ids(round_) == set(world["drafts"])
    assert [c.id for c in services.ballot(round_, by_votes=False,
                                          fixed=services.ballot_ids(round_))] == world["drafts"]
