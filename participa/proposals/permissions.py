"""Who may do what with proposals: each rule once, as a function of the user, the proposal
(or round) and the time that answers the refusal (a ``base.errors`` instance: its status and
the one copy of its message) or None. Views ask them (to refuse, or to show or hide a button:
``can_*`` below); services ``enforce`` the same functions.

    submit      propose in a round
    edit        change one's proposal
    withdraw    withdraw one's proposal
    support     support a proposal
    unsupport   take one's support back

The per-person limit of supports of a round needs the round's row locked: the supports
service counts under that lock and asks ``support_limit_refusal``; the pages ask it with the
count they read, to state the limit and offer no button past it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..base.errors import Conflict, DomainError, NotAllowed, allows
from ..consultations.models import ConsultationRound, PhaseKind
from ..consultations.permissions import can_participate, participation_refusal
from ..consultations.phases import SUBMIT_PHASE, SUPPORT_PHASE, closed_refusal, is_open
from ..content.visibility import is_hidden, is_public
from ..workshops.models import Workshop
from ..workshops.permissions import entry_refusal
from .models import Proposal

NOT_THE_AUTHOR = _l("Solo la persona que envió la propuesta puede modificarla o retirarla.")
CANNOT_CHANGE = _l("La propuesta ya no se puede cambiar")  # the title of the refusals below
WITHDRAWN_NO_CHANGE = _l("La propuesta fue retirada: ya no se puede modificar.")
HIDDEN_NO_CHANGE = _l("La moderación ocultó la propuesta: ya no se puede modificar.")
RECORDED_NO_CHANGE = _l(
    "Una propuesta recibida como grabación no se modifica: puede retirarla y enviar otra.")
SUPPORTED_NO_CHANGE = _l(
    "La propuesta ya recibió apoyos: ya no se puede modificar, para que quienes la apoyaron "
    "sigan apoyando lo que leyeron. Puede retirarla y enviar otra."
)
OWN_PROPOSAL = _l("No puede apoyar su propia propuesta.")
WITHDRAWN_NO_SUPPORT = _l("La propuesta fue retirada: ya no recibe apoyos.")
NOT_PUBLIC = _l(
    "La propuesta no está publicada (la moderación la ocultó o todavía no la aprobó): no "
    "recibe apoyos."
)
WITHDRAWN_SUPPORTS_KEPT = _l("La propuesta fue retirada: sus apoyos ya no cambian.")
LIMIT_REACHED = _l("Ya dio todos sus apoyos en esta consulta")  # the title of its refusal
FROM_WORKSHOP_NO_CHANGE = _l(
    "La propuesta se recogió en un taller: no se modifica ni se retira en línea. La MTGA "
    "corrige un error de transcripción con la moderación."
)
WORKSHOP_OUTSIDE_PROPOSALS = _l(
    "El taller no se hizo durante la fase de propuestas de la consulta: sus propuestas no "
    "entran en ella."
)
ROUND_PUBLISHED = _l("El plan de esta consulta ya se publicó: no entran más propuestas.")


def supports_open(round: ConsultationRound, now: datetime | None = None) -> bool:
    return is_open(round, SUPPORT_PHASE, now)


def is_author(user: object, proposal: Proposal) -> bool:
    return can_participate(user) and user.id == proposal.author_id  # type: ignore[union-attr]


# The rules ----------------------------------------------------------------------------------


def submit_refusal(
    user: object, round: ConsultationRound, now: datetime | None = None
) -> DomainError | None:
    """Anyone who may participate, while the round's proposals phase is open."""
    return participation_refusal(user) or closed_refusal(round, SUBMIT_PHASE, now)


def workshop_entry_refusal(user: object, workshop: Workshop) -> DomainError | None:
    """The MTGA enters a workshop's proposals when the workshop was held during the round's
    proposals phase, until the round's plan is published
    (``workshops.permissions.entry_refusal``)."""
    return entry_refusal(user, workshop, PhaseKind.PROPOSALS,
                         published=ROUND_PUBLISHED, outside=WORKSHOP_OUTSIDE_PROPOSALS)


def _author_refusal(user: object, proposal: Proposal, now: datetime | None) -> DomainError | None:
    """The author (who may still participate), on a proposal not withdrawn, while the
    proposals phase is open."""
    if proposal.workshop_id is not None:
        return Conflict(FROM_WORKSHOP_NO_CHANGE, title=CANNOT_CHANGE)
    if not is_author(user, proposal):
        if getattr(user, "id", None) == proposal.author_id:
            return participation_refusal(user)  # the author, blocked or unconfirmed
        return NotAllowed(NOT_THE_AUTHOR)
    if proposal.is_withdrawn:
        return Conflict(WITHDRAWN_NO_CHANGE, title=CANNOT_CHANGE)
    return closed_refusal(proposal.round, SUBMIT_PHASE, now)


def edit_refusal(
    user: object, proposal: Proposal, now: datetime | None = None
) -> DomainError | None:
    """The author, while the proposals phase is open, until the first support arrives (a
    supporter supported what they read); not once the moderation hid it (a pending proposal
    may still be corrected)."""
    refusal = _author_refusal(user, proposal, now)
    if refusal is not None:
        return refusal
    if is_hidden(proposal):
        return Conflict(HIDDEN_NO_CHANGE, title=CANNOT_CHANGE)
    if proposal.is_recorded:
        return Conflict(RECORDED_NO_CHANGE, title=CANNOT_CHANGE)
    if proposal.support_count > 0:
        return Conflict(SUPPORTED_NO_CHANGE, title=CANNOT_CHANGE)
    return None


def withdraw_refusal(
    user: object, proposal: Proposal, now: datetime | None = None
) -> DomainError | None:
    """The author, while the proposals phase is open (supported or not)."""
    return _author_refusal(user, proposal, now)


def support_refusal(
    user: object, proposal: Proposal, now: datetime | None = None
) -> DomainError | None:
    """Anyone who may participate, in the proposals phase, on a visible proposal not
    withdrawn and not their own (as in Decidim: an author's support would count themselves
    twice). Hidden and pending proposals take no supports."""
    refusal = participation_refusal(user) or closed_refusal(proposal.round, SUPPORT_PHASE, now)
    if refusal is not None:
        return refusal
    if proposal.author_id == user.id:  # type: ignore[attr-defined]
        return NotAllowed(OWN_PROPOSAL)
    if proposal.is_withdrawn:
        return Conflict(WITHDRAWN_NO_SUPPORT)
    if not is_public(proposal):
        return Conflict(NOT_PUBLIC)
    return None


def support_limit_refusal(limit: int | None, given: int) -> DomainError | None:
    """The round's limit of supports per person (None: no limit) against the supports the
    person has given in it (``services.supports_given``)."""
    if limit is None or given < limit:
        return None
    return Conflict(
        ngettext(
            "Ya dio el único apoyo que permite esta consulta. Puede retirarlo de otra "
            "propuesta para apoyar esta.",
            "Ya dio los %(num)d apoyos que permite esta consulta. Puede retirar uno de "
            "otra propuesta para apoyar esta.",
            limit,
        ),
        title=LIMIT_REACHED,
    )


def unsupport_refusal(
    user: object, proposal: Proposal, now: datetime | None = None
) -> DomainError | None:
    """Taking a support back follows the same phase; a withdrawn proposal's count is kept."""
    refusal = participation_refusal(user) or closed_refusal(proposal.round, SUPPORT_PHASE, now)
    if refusal is not None:
        return refusal
    if proposal.is_withdrawn:
        return Conflict(WITHDRAWN_SUPPORTS_KEPT)
    return None


# What the pages show or hide ----------------------------------------------------------------


can_submit = allows(submit_refusal)


can_edit_proposal = allows(edit_refusal)


can_withdraw_proposal = allows(withdraw_refusal)


can_support_proposal = allows(support_refusal)


can_withdraw_support = allows(unsupport_refusal)


@dataclass(frozen=True)
class ProposalRules:
    """What the proposal page shows or hides for one person, asked once by its view.
    ``supports_given``: the person's supports in the round when it has a limit (the view
    counts them); past the limit the page says so instead of offering the button."""

    can_support: bool
    can_unsupport: bool
    supports_open: bool
    can_edit: bool
    can_withdraw: bool
    is_author: bool
    limit_refusal: DomainError | None = None

    @classmethod
    def of(cls, user: object, proposal: Proposal, now: datetime | None = None, *,
           supports_given: int | None = None) -> ProposalRules:
        can_support = can_support_proposal(user, proposal, now)
        limit_refusal = (
            support_limit_refusal(proposal.round.max_supports_per_user, supports_given)
            if can_support and supports_given is not None else None
        )
        return cls(
            can_support=can_support and limit_refusal is None,
            limit_refusal=limit_refusal,
            can_unsupport=can_withdraw_support(user, proposal, now),
            supports_open=supports_open(proposal.round, now),
            can_edit=can_edit_proposal(user, proposal, now),
            can_withdraw=can_withdraw_proposal(user, proposal, now),
            is_author=is_author(user, proposal),
        )
