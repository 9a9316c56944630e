"""The demo's notifications (issue 17): a conversation that notifies, so that ``make run``
shows the list, the e-mails the worker writes to ``instance/mail/`` and the preferences.

The demo participant comments on the first proposal of the demo round (its author hears of
it) and the CSO member replies (the participant hears of it); the CSO member follows the
demo draft, and the participant chose the daily digest for drafts' new versions. Run again,
it adds nothing.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..accounts.services import find_by_email
from ..base.errors import DomainError
from ..base.extensions import db
from ..comments.models import Comment
from ..comments.services import post_comment, post_reply
from ..consultations.models import ConsultationRound
from ..notifications import following
from ..notifications.models import Delivery
from ..notifications.services import set_deliveries
from ..plans.models import Commitment
from ..proposals.models import Proposal
from . import proposal_data as round_data
from .organizations import CSO_MEMBER_EMAIL

PARTICIPANT_EMAIL = "participante@participa.example"
QUESTION = "¿Quién publicaría los datos de las compras cada semana?"
ANSWER = "Lo propone la Contraloría, con una hoja de cálculo abierta cada viernes."


def load_notifications() -> int:
    """The demo's conversation and choices; how many comments it added."""
    participant = find_by_email(PARTICIPANT_EMAIL)
    member = find_by_email(CSO_MEMBER_EMAIL)
    round_ = db.session.scalar(
        sa.select(ConsultationRound).where(ConsultationRound.title == round_data.ROUND_TITLE))
    if participant is None or member is None or round_ is None:
        return 0
    proposal = db.session.scalar(sa.select(Proposal).where(Proposal.round_id == round_.id)
                                 .order_by(Proposal.id).limit(1))
    draft = db.session.scalar(sa.select(Commitment).where(Commitment.round_id == round_.id)
                              .order_by(Commitment.id).limit(1))
    if draft is not None:
        following.set_following(user=member, target_type=following.COMMITMENT,
                                target_id=draft.id, active=True)
    set_deliveries(user_id=participant.id, choices={"draft_version": Delivery.DIGEST})
    if proposal is None or db.session.scalar(
            sa.select(Comment.id).where(Comment.author_id == participant.id,
                                        Comment.body == QUESTION)) is not None:
        return 0
    try:
        question = post_comment(author=participant, body=QUESTION, proposal=proposal)
        post_reply(author=member, parent=question, body=ANSWER)
    except DomainError:
        return 0  # the demo round's phase takes no comments today
    return 2
