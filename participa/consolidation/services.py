"""The MTGA's work on a round's proposals: consolidation into draft commitments, and the
reasoned response to every proposal. Services flush and write the audit event; the request
(or the command) commits. Refusals are ``base.errors`` errors: ``Invalid`` on a field for
what was typed, ``Conflict`` for a state that does not allow the change (someone else's
change to a response included), the rules of ``permissions`` enforced.

Consolidation only **links** a proposal to a commitment (``ProposalCommitment``, unique per
pair): the proposal keeps its text, author, supports and comments, and linking twice is
harmless. Rules (see docs/decisions.md, "Consolidation and responses"):

- drafts are made from, and proposals attached to, draft commitments of the proposals' own
  round;
- a response's commitment is one of the round's commitments; answering with a commitment the
  proposal is not linked to links it (an audited attach);
- a link may be removed while the proposal's response (prepared or published) does not name
  that commitment: to undo a published consolidation, correct the response first (the
  correction is audited and notified), then remove the link;
- a response never contradicts a link (issue 15): a proposal whose response, prepared or
  published, says "No incorporada" or "Fuera del alcance del plan" is not linked (409
  ``ResponseSaysOtherwise``: correct the response first, which notifies as any correction),
  and a response that says so removes the proposal's links in the same step (an audited
  detach, ``"via": "response"``);
- publishing sets ``published_at`` on every prepared, unpublished response of the round at
  once and notifies the author and the supporters of each proposal; correcting a published
  response notifies them again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..base.locking import inserted
from ..base.time import utcnow
from ..consultations.models import ConsultationRound
from ..content.language import checked_language
from ..content.text import checked
from ..content.visibility import is_public
from ..i18n.selection import language
from ..notifications import following
from ..notifications.services import notify, notify_each, path_for
from ..plans.models import Axis, Commitment, CommitmentStatus, CommitmentVersion
from ..plans.versions import LIMITS
from ..proposals.models import (
    Proposal,
    ProposalCommitment,
    Response,
    ResponseDecision,
    Support,
)
from . import permissions
from .queries import linked_commitment_ids, response_of, response_version

TITLE_MAX = 500  # Commitment.title and CommitmentVersion.title
REASON_MAX = 4000
# Attempts at a free commitment number when simultaneous drafts take the same one.
NUMBER_ATTEMPTS = 10

# Notification kinds (registered with their messages in ``notification_kinds``).
RESPONSE_PUBLISHED = "response_published"
RESPONSE_CORRECTED = "response_corrected"
PROPOSAL_CONSOLIDATED = "proposal_consolidated"


def _by_reference(proposals: Iterable[Proposal]) -> list[Proposal]:
    unique = {proposal.id: proposal for proposal in proposals}
    return sorted(unique.values(), key=lambda p: (p.reference_year, p.reference_number, p.id))


def _summary(proposals: Sequence[Proposal]) -> list[dict[str, Any]]:
    return [{"id": p.id, "reference": p.reference} for p in proposals]


def _commitment_params(commitment: Commitment | None) -> dict[str, Any] | None:
    if commitment is None:
        return None
    return {"id": commitment.id, "number": commitment.number, "title": commitment.title}


# Consolidation ------------------------------------------------------------------------------


def _check_proposals(round_id: int, proposals: Iterable[Proposal]) -> list[Proposal]:
    chosen = _by_reference(proposals)
    if not chosen:
        raise Conflict(_("Elija al menos una propuesta."))
    if any(proposal.round_id != round_id for proposal in chosen):
        raise Conflict(_("Solo puede consolidar propuestas de esta consulta."))
    return chosen


def _check_responses(proposals: Sequence[Proposal]) -> None:
    """Refuse to link proposals whose response says they fed no commitment (the responses
    are locked: a simultaneous answer waits for the link, then removes it)."""
    locked = {
        response.proposal_id: response
        for response in db.session.scalars(
            sa.select(Response)
            .where(Response.proposal_id.in_([p.id for p in proposals]))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    }
    enforce(permissions.link_refusal(proposals, locked))


def _unlink(*, actor: User, proposal: Proposal) -> None:
    """Remove every link of ``proposal`` (its response now says it fed no commitment): one
    audited ``consolidation.detach`` per commitment, ``"via": "response"``."""
    rows = db.session.execute(
        sa.select(ProposalCommitment, Commitment)
        .join(Commitment, Commitment.id == ProposalCommitment.commitment_id)
        .where(ProposalCommitment.proposal_id == proposal.id)
        .order_by(Commitment.number, Commitment.id)
        .with_for_update(of=ProposalCommitment)
    ).all()
    for link, commitment in rows:
        db.session.delete(link)
        db.session.flush()
        record(actor=actor, action="consolidation.detach", target=commitment,
               before={"proposals": _summary([proposal])},
               after={"proposals": [], "via": "response"})


def _link(*, actor: User, commitment: Commitment, proposals: Sequence[Proposal]) -> list[Proposal]:
    """Add the links that are missing; the proposals newly linked."""
    existing = set(db.session.scalars(
        sa.select(ProposalCommitment.proposal_id).where(
            ProposalCommitment.commitment_id == commitment.id,
            ProposalCommitment.proposal_id.in_([p.id for p in proposals]),
        )
    ))
    linked = []
    for proposal in proposals:
        if proposal.id in existing:
            continue
        link = ProposalCommitment(proposal_id=proposal.id, commitment_id=commitment.id,
                                  created_by_id=actor.id)
        # Not inserted: a simultaneous request linked the same pair, the link is there.
        if inserted(link):
            linked.append(proposal)
    _tell_followers(actor=actor, commitment=commitment, proposals=linked)
    return linked


def _tell_followers(*, actor: User, commitment: Commitment, proposals: Sequence[Proposal]
                    ) -> None:
    """The people following a proposal (its author and supporters among them, unless they
    stopped) hear that it went into a draft commitment; one e-mail per person."""
    db.session.flush()
    for proposal in proposals:
        notify_each(
            following.followers_of(following.PROPOSAL, proposal.id),
            kind=PROPOSAL_CONSOLIDATED, actor=actor,
            params={"proposal_id": proposal.id, "reference": proposal.reference,
                    "title": proposal.title,
                    "commitment": {"id": commitment.id, "number": commitment.number,
                                   "title": commitment.title}},
            link=path_for("plans.commitment", commitment_id=commitment.id),
        )


def _next_number(plan_id: int) -> int:
    highest = db.session.scalar(
        sa.select(sa.func.max(Commitment.number)).where(Commitment.plan_id == plan_id)
    )
    return (highest or 0) + 1


def _clean_title(title: str | None) -> str:
    return checked((title or "").strip(), field="title", maximum=TITLE_MAX)


# A draft's version 1 gathers these texts of its proposals: template field <- proposal field.
STARTING_TEXTS = (("problem", "problem"), ("commitment_text", "proposed_commitment"),
                  ("contribution", "benefit"))


def _common_axis(plan_id: int, proposals: Sequence[Proposal]) -> int | None:
    """The axis most of the proposals have (among the plan's axes); a tie goes to the axis
    of the proposal with the first code."""
    plan_axes = set(db.session.scalars(sa.select(Axis.id).where(Axis.plan_id == plan_id)))
    counts = Counter(p.axis_id for p in proposals if p.axis_id in plan_axes)
    if not counts:
        return None
    most = max(counts.values())
    return next(axis for axis, count in counts.items() if count == most)


def _starting_text(proposals: Sequence[Proposal], attribute: str, limit: int) -> str:
    """The proposals' texts one after the other, each after its code ("P-2026-0001: ..."),
    for the MTGA to rewrite; hidden or pending proposals lend none. Cut at ``limit``."""
    text = "\n\n".join(f"{p.reference}: {getattr(p, attribute).strip()}"
                        for p in proposals if is_public(p) and getattr(p, attribute).strip())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def create_draft(
    *, actor: User, round: ConsultationRound, proposals: Iterable[Proposal], title: str
) -> Commitment:
    """A draft commitment of the round's plan (the plan's next number) with its version 1,
    titled ``title``, linked to ``proposals``. It starts from them: the axis most of them
    have, and their problem, proposed commitment and benefit gathered into the template's
    problem, commitment and contribution, each source named (``STARTING_TEXTS``), for the
    MTGA to rewrite in the draft editor."""
    enforce(permissions.consolidate_refusal(actor, round))
    chosen = _check_proposals(round.id, proposals)
    _check_responses(chosen)
    title = _clean_title(title)
    references = [p.reference for p in chosen]
    # The change note is stored content, like the title: in Spanish, whatever the language
    # of the moderator's interface.
    with language("es"):
        note = _("Creado a partir de %(references)s.", references=", ".join(references))
    for _attempt in range(NUMBER_ATTEMPTS):
        commitment = Commitment(
            plan_id=round.plan_id, number=_next_number(round.plan_id), title=title,
            status=CommitmentStatus.DRAFT, round_id=round.id,
            axis_id=_common_axis(round.plan_id, chosen),
        )
        # Not inserted: a simultaneous draft took the number (UNIQUE(plan_id, number)).
        if inserted(commitment):
            break
    else:
        raise Conflict(
            _("Se están creando muchos borradores a la vez. Espere un momento e inténtelo de "
              "nuevo.")
        )
    db.session.add(CommitmentVersion(
        commitment_id=commitment.id, number=1, title=title, change_note=note,
        author_id=actor.id,
        **{field: _starting_text(chosen, source, LIMITS[field])
           for field, source in STARTING_TEXTS},
    ))
    _link(actor=actor, commitment=commitment, proposals=chosen)
    db.session.flush()
    record(
        actor=actor, action="draft.create", target=commitment,
        after={"round_id": round.id, "plan_id": round.plan_id, "number": commitment.number,
               "title": title, "axis_id": commitment.axis_id, "proposals": _summary(chosen)},
    )
    return commitment


def attach(*, actor: User, commitment: Commitment, proposals: Iterable[Proposal]) -> list[Proposal]:
    """Link ``proposals`` to an existing draft of their round; the proposals newly linked
    (those already linked are left as they are, and an attach that adds nothing writes no
    audit event)."""
    enforce(permissions.consolidate_refusal(actor))
    if commitment.round_id is None or commitment.status != CommitmentStatus.DRAFT:
        raise Invalid(
            _("Solo se pueden añadir propuestas a un borrador de compromiso de la consulta."),
            field="commitment",
        )
    chosen = _check_proposals(commitment.round_id, proposals)
    _check_responses(chosen)
    added = _link(actor=actor, commitment=commitment, proposals=chosen)
    if added:
        record(actor=actor, action="consolidation.attach", target=commitment,
               after={"proposals": _summary(added)})
    return added


def detach(*, actor: User, commitment: Commitment, proposal: Proposal) -> None:
    """Remove the link, unless the proposal's response names this commitment."""
    link = db.session.scalar(
        sa.select(ProposalCommitment)
        .where(ProposalCommitment.proposal_id == proposal.id,
               ProposalCommitment.commitment_id == commitment.id)
        .with_for_update()
    )
    if link is None:
        raise Conflict(_("La propuesta no está vinculada a este compromiso."))
    enforce(permissions.detach_refusal(actor, commitment, response_of(proposal, lock=True)))
    db.session.delete(link)
    db.session.flush()
    record(actor=actor, action="consolidation.detach", target=commitment,
           before={"proposals": _summary([proposal])}, after={"proposals": []})


# Responses ----------------------------------------------------------------------------------


def _check_response(
    proposal: Proposal,
    decision: ResponseDecision,
    reason: str,
    commitment: Commitment | None,
    linked: set[int],
) -> None:
    checked(reason, field="reason", maximum=REASON_MAX, missing=None if (
        decision == ResponseDecision.INCORPORATED
    ) else _("Explique el motivo: es obligatorio salvo cuando la propuesta se incorpora por "
             "completo."))
    if commitment is not None and commitment.round_id != proposal.round_id:
        raise Invalid(
            _("Elija uno de los compromisos de esta consulta."), field="commitment"
        )
    if decision in (ResponseDecision.NOT_INCORPORATED, ResponseDecision.OUT_OF_SCOPE):
        if commitment is not None:
            raise Invalid(
                _("Una propuesta que no se incorpora no nombra un compromiso."),
                field="commitment",
            )
    elif commitment is None:
        if decision == ResponseDecision.MERGED:
            raise Invalid(
                _("Elija el compromiso en el que se fusionó la propuesta."), field="commitment"
            )
        if linked:
            raise Invalid(
                _("Elija el compromiso que la incorpora: la propuesta está vinculada a un "
                  "borrador."),
                field="commitment",
            )


def _state(response: Response) -> dict[str, Any]:
    return {
        "decision": response.decision.value,
        "reason": response.reason,
        "commitment_id": response.commitment_id,
        "language": response.language,
    }


def prepare_response(
    *,
    actor: User,
    proposal: Proposal,
    decision: ResponseDecision | str,
    reason: str | None,
    commitment: Commitment | None,
    expected_version: str | None = None,
    now: datetime | None = None,
    language: str | None = None,
) -> Response:
    """Prepare (create or change) the response to ``proposal``, written in ``language`` (an
    enabled one; None: as it was, Spanish for a new one). Until publication nobody
    outside the MTGA sees it. When it is already published, this is a **correction**: it
    is shown at once, audited as ``response.correct`` with before and after, and the author
    and supporters are notified again. Saving what the response already says changes
    nothing. ``expected_version`` (from ``response_version`` when the form was loaded)
    refuses to overwrite someone else's change."""
    enforce(permissions.respond_refusal(actor, proposal))
    now = now or utcnow()
    decision = ResponseDecision(decision)
    reason = (reason or "").strip()
    # The response first, then the links: a simultaneous link waits for this lock.
    response = response_of(proposal, lock=True)
    linked = linked_commitment_ids(proposal)
    _check_response(proposal, decision, reason, commitment, linked)
    if expected_version is not None and expected_version != response_version(response):
        raise Conflict(
            _("Otra persona cambió esta respuesta mientras usted la editaba. Revise la "
              "respuesta actual: lo que usted escribió sigue en el formulario.")
        )
    language = checked_language(language) if language is not None else (
        response.language if response is not None else "es")
    after = {"decision": decision.value, "reason": reason,
             "commitment_id": commitment.id if commitment else None, "language": language}
    before = _state(response) if response is not None else None
    if before == after:
        return response  # type: ignore[return-value]

    if decision in permissions.NO_COMMITMENT and linked:
        # The response says the proposal fed no commitment: its links go in the same step.
        _unlink(actor=actor, proposal=proposal)
    if commitment is not None and commitment.id not in linked:
        added = _link(actor=actor, commitment=commitment, proposals=[proposal])
        if added:
            record(actor=actor, action="consolidation.attach", target=commitment,
                   after={"proposals": _summary(added), "via": "response"})

    label = proposal.label
    if response is None:
        response = Response(proposal_id=proposal.id)
        _fill(response, actor=actor, decision=decision, reason=reason, commitment=commitment,
              now=now, language=language)
        if not inserted(response):
            raise Conflict(
                _("Otra persona preparó una respuesta a esta propuesta mientras usted la "
                  "escribía. Revise la respuesta actual: lo que usted escribió sigue en el "
                  "formulario.")
            )
    else:
        _fill(response, actor=actor, decision=decision, reason=reason, commitment=commitment,
              now=now, language=language)
    db.session.flush()

    if response.is_published:
        record(actor=actor, action="response.correct", target=response, label=label,
               before=before, after=after)
        _notify(responses=[response], kind=RESPONSE_CORRECTED, actor=actor)
    else:
        record(actor=actor, action="response.prepare", target=response, label=label,
               before=before, after=after)
    return response


def _fill(response: Response, *, actor: User, decision: ResponseDecision, reason: str,
          commitment: Commitment | None, now: datetime, language: str) -> None:
    response.decision = decision
    response.language = language
    response.reason = reason
    response.commitment = commitment
    response.prepared_by_id = actor.id
    response.prepared_at = now


def publish_responses(
    *, actor: User, round: ConsultationRound, now: datetime | None = None
) -> int:
    """Publish together every prepared, unpublished response of the round; how many. The
    author and the supporters of each proposal are notified (in the app, and by e-mail
    after the caller's commit). Publishing nothing writes no event."""
    enforce(permissions.respond_refusal(actor))
    now = now or utcnow()
    responses = db.session.scalars(
        sa.select(Response)
        .join(Proposal, Proposal.id == Response.proposal_id)
        .where(Proposal.round_id == round.id, Response.published_at.is_(None))
        .order_by(Proposal.reference_year, Proposal.reference_number, Proposal.id)
        # A simultaneous publication waits here and then finds nothing left to publish.
        .with_for_update(of=Response)
        .execution_options(populate_existing=True)
    ).all()
    if not responses:
        return 0
    for response in responses:
        response.published_at = now
        response.published_by_id = actor.id
    db.session.flush()
    _notify(responses=responses, kind=RESPONSE_PUBLISHED, actor=actor)
    record(
        actor=actor, action="responses.publish", target=round,
        after={
            "count": len(responses),
            "response_ids": [response.id for response in responses],
            "proposal_ids": [response.proposal_id for response in responses],
        },
    )
    return len(responses)


def _notify(*, responses: Sequence[Response], kind: str, actor: User) -> None:
    """Notify the author and every supporter of each response's proposal (accounts that
    were deleted are left out): one notification per person and proposal."""
    proposal_ids = [response.proposal_id for response in responses]
    proposals = {
        proposal.id: proposal
        for proposal in db.session.scalars(
            sa.select(Proposal)
            .where(Proposal.id.in_(proposal_ids))
            .options(joinedload(Proposal.author))
        )
    }
    commitments = {
        commitment.id: commitment
        for commitment in db.session.scalars(
            sa.select(Commitment).where(
                Commitment.id.in_({r.commitment_id for r in responses if r.commitment_id})
            )
        )
    }
    supporters: dict[int, list[User]] = {}
    for proposal_id, user in db.session.execute(
        sa.select(Support.proposal_id, User)
        .join(User, User.id == Support.user_id)
        .where(Support.proposal_id.in_(proposal_ids), User.deleted_at.is_(None))
        .order_by(Support.proposal_id, Support.id)
    ):
        supporters.setdefault(proposal_id, []).append(user)

    for response in responses:
        proposal = proposals[response.proposal_id]
        params = {
            "proposal_id": proposal.id,
            "reference": proposal.reference,
            "title": proposal.title,
            "decision": response.decision.value,
            "commitment": _commitment_params(commitments.get(response.commitment_id)),
        }
        link = path_for("proposals.show", proposal_id=proposal.id, _anchor="respuesta")
        recipients = [] if proposal.author.is_deleted else [(proposal.author, "author")]
        recipients += [(user, "supporter") for user in supporters.get(proposal.id, [])
                       if user.id != proposal.author_id]
        for user, role in recipients:
            notify(user=user, kind=kind, params={**params, "role": role}, link=link,
                   actor=actor)
    db.session.flush()
