"""Who may submit, support and manage rounds: role x account state x phase."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations.models import PhaseKind
from participa.consultations.permissions import (
    can_manage_rounds,
    can_participate,
    can_submit_proposal,
    can_support,
)

from ..factories import make_open_round, make_round

PEOPLE = ["anonymous", "participant", "unconfirmed", "deleted", "moderator", "admin"]
MAY_PARTICIPATE = {"participant", "moderator", "admin"}


def _user(who: str, people: dict):
    return AnonymousUserMixin() if who == "anonymous" else db.session.get(User, people[who])


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("open_kind", [PhaseKind.PROPOSALS, PhaseKind.REVIEW, None])
def test_submit_and_support(db_session, people, who, open_kind):
    round = make_open_round(open_kind) if open_kind else make_round()
    user = _user(who, people)
    expected = who in MAY_PARTICIPATE and open_kind == PhaseKind.PROPOSALS
    assert can_participate(user) == (who in MAY_PARTICIPATE)
    assert can_submit_proposal(user, round) == expected
    assert can_support(user, round) == expected


def test_permissions_take_now(db_session, people):
    round = make_open_round(PhaseKind.PROPOSALS)
    proposals = round.phases[0]
    user = _user("participant", people)
    assert can_submit_proposal(user, round, proposals.starts_at)
    assert not can_submit_proposal(user, round, proposals.ends_at)
    assert not can_support(user, round, proposals.ends_at)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_mtga_and_admins_manage_rounds(db_session, people, who):
    assert can_manage_rounds(_user(who, people)) == (who in ("admin", "moderator"))
