"""Proposal and support operations. They flush; views and commands commit.

Counting follows SECURITY.md: a support is one row under ``UNIQUE(proposal_id, user_id)``,
inserted first (``ON CONFLICT DO NOTHING``: a conflict means "already supported"), and the
denormalised ``support_count`` moves by SQL increments in the same transaction. The
per-round limit is checked with the round's row locked (``FOR UPDATE`` on PostgreSQL; on
SQLite every write transaction is ``BEGIN IMMEDIATE``, which already serialises writers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value

from ..accounts.models import Sector, User
from ..audit.services import record
from ..base.counts import recount, remove_own_row
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..base.locking import locked
from ..base.time import local_zone, utcnow
from ..consultations.models import ConsultationRound
from ..content.abuse import link_limit_problem
from ..content.language import checked_language
from ..content.text import checked
from ..content.visibility import ModerationState, initial_state
from ..notifications import following
from ..notifications.services import notify_each, path_for
from ..organizations.models import Organization
from ..organizations.permissions import acting_for_refusal
from ..plans.models import Axis
from ..workshops.models import Workshop
from . import list_version, permissions
from .models import (
    TEXT_FIELDS,
    WITHDRAWAL_REASON_MAX,
    OgpValue,
    Proposal,
    ProposalStatus,
    ReceivedAs,
    Support,
)

# Attempts at a free reference number when concurrent submissions take the same one.
REFERENCE_ATTEMPTS = 10
# The notification to its followers that a proposal was withdrawn (notification_kinds).
PROPOSAL_WITHDRAWN = "proposal_withdrawn"
# Advisory lock keys for numbering proposals: this base plus the year.
ADVISORY_REFERENCE_KEY = 73_100_000

VALUE_COLUMNS = {
    OgpValue.TRANSPARENCY: "serves_transparency",
    OgpValue.PARTICIPATION: "serves_participation",
    OgpValue.ACCOUNTABILITY: "serves_accountability",
    OgpValue.TECHNOLOGY: "serves_technology",
}


# Checks shared by submission and edition --------------------------------------------------


def _clean(value: str | None) -> str:
    return (value or "").strip()


def check_links(user: User, fields: dict[str, str | None], now: datetime | None = None) -> None:
    """Refuse more links than a new account may post (``participa.content.abuse``), on the field
    where the limit was passed. The proposal view calls it before the preview too."""
    problem = link_limit_problem(
        user, [(name, fields.get(name)) for name in TEXT_FIELDS], now
    )
    if problem is not None:
        field, message = problem
        raise Invalid(message, field=field)


def _check_axis(round: ConsultationRound, axis: Axis | None) -> None:
    if axis is None:
        if round.plan.axes:
            raise Invalid(_l("Elija el eje temático de su propuesta."), field="axis")
        return
    if axis.plan_id != round.plan_id:
        raise Invalid(_l("Elija uno de los ejes de este plan."), field="axis")


def _values(values: Iterable[OgpValue | str]) -> set[OgpValue]:
    chosen = {OgpValue(value) for value in values}
    if not chosen:
        raise Invalid(_l("Elija al menos un valor de Gobierno Abierto."), field="values")
    return chosen


def _fill(proposal: Proposal, *, axis: Axis | None, organization: Organization | None,
          values: set[OgpValue], language: str | None, **texts: str) -> None:
    proposal.axis = axis
    proposal.organization = organization
    if language is not None:
        proposal.language = language
    for name, text in texts.items():
        setattr(proposal, name, text)
    for value, column in VALUE_COLUMNS.items():
        setattr(proposal, column, value in values)


def _validated(*, user: User, round: ConsultationRound, axis: Axis | None,
               organization: Organization | None, values: Iterable[OgpValue | str],
               texts: dict[str, str], language: str | None) -> dict:
    """The proposal's fields, checked: ``texts`` holds exactly the ``TEXT_FIELDS``;
    ``language``, one of the enabled languages, or None (not said, or left as it was)."""
    if texts.keys() != TEXT_FIELDS.keys():
        raise TypeError(f"a proposal's texts are {', '.join(TEXT_FIELDS)}")
    cleaned = {name: _clean(texts[name]) for name in TEXT_FIELDS}
    for name, maximum in TEXT_FIELDS.items():
        checked(cleaned[name], field=name, maximum=maximum)
    chosen = _values(values)
    _check_axis(round, axis)
    enforce(acting_for_refusal(user, organization))
    check_links(user, cleaned)
    if language is not None:
        language = checked_language(language)
    return {**cleaned, "axis": axis, "organization": organization, "values": chosen,
            "language": language}


# Submission -------------------------------------------------------------------------------


def reference_year(moment: datetime) -> int:
    """The year of the reference code: the submission's year in Guatemala."""
    return moment.astimezone(local_zone()).year


def _next_reference_number(year: int) -> int:
    highest = db.session.scalar(
        sa.select(sa.func.max(Proposal.reference_number)).where(Proposal.reference_year == year)
    )
    return (highest or 0) + 1


def _serialise_numbering(year: int) -> None:
    """On PostgreSQL, submissions of one year take their number one at a time (a
    transaction-scoped advisory lock); SQLite's BEGIN IMMEDIATE already serialises writers.
    The UNIQUE constraint and the retry below stay as the guarantee."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(
            sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_REFERENCE_KEY + year}
        )


def submit_proposal(
    *,
    author: User,
    round: ConsultationRound,
    axis: Axis | None,
    organization: Organization | None,
    values: Iterable[OgpValue | str],
    language: str | None = None,
    now: datetime | None = None,
    **texts: str,
) -> Proposal:
    """Publish a proposal in the round's open proposals phase, with the next reference code
    of the year (P-2026-0042). When the round's pre-moderation applies to the author
    (``visibility.initial_state``), it is created ``pendiente``: only its author and the
    moderators see it until a moderator approves it.

    Two simultaneous submissions may read the same highest number; the UNIQUE constraint on
    (reference_year, reference_number) refuses the second insert, which is retried with the
    next number inside a savepoint, so neither the session nor the other work is lost."""
    now = now or utcnow()
    enforce(permissions.submit_refusal(author, round, now))
    data = _validated(user=author, round=round, axis=axis, organization=organization,
                      values=values, texts=texts, language=language)
    return _numbered(round=round, author=author, now=now,
                     moderation_state=initial_state(author, round, now), data=data)


def _numbered(*, round: ConsultationRound, author: User, now: datetime,
              moderation_state: ModerationState, data: dict, **extra) -> Proposal:
    """Add the proposal with the next reference number of its year (see submit_proposal)."""
    year = reference_year(now)
    _serialise_numbering(year)
    for _attempt in range(REFERENCE_ATTEMPTS):
        proposal = Proposal(
            round=round,
            author=author,
            reference_year=year,
            reference_number=_next_reference_number(year),
            status=ProposalStatus.PUBLISHED,
            moderation_state=moderation_state,
            support_count=0,
            created_at=now,
            updated_at=now,
            **extra,
        )
        _fill(proposal, **data)
        try:
            with db.session.begin_nested():
                db.session.add(proposal)
        except sa.exc.IntegrityError:
            # The savepoint's rollback expunged the pending proposal; try the next number.
            continue
        _follow(author, proposal)
        return proposal
    raise Conflict(
        _l("Hay muchas propuestas llegando a la vez. Espere un momento y vuelva a enviarla.")
    )


def enter_workshop_proposal(
    *,
    staff: User,
    workshop: Workshop,
    sector: Sector | str | None,
    axis: Axis | None,
    values: Iterable[OgpValue | str],
    language: str | None = None,
    now: datetime | None = None,
    audited: bool = True,
    **texts: str,
) -> Proposal:
    """A proposal gathered at ``workshop``, typed in by ``staff`` on the workshop's behalf:
    the same checks and the same flow as one sent online (responses, consolidation, the
    report), published at once (the MTGA typed it), its proposer's sector as written on
    paper, and the staff member who typed it in the audit log."""
    now = now or utcnow()
    enforce(permissions.workshop_entry_refusal(staff, workshop))
    try:
        sector = Sector(sector) if sector else None
    except ValueError:
        raise Invalid(_l("Elija uno de los sectores de la lista."), field="sector") from None
    round = workshop.round
    data = _validated(user=staff, round=round, axis=axis, organization=None, values=values,
                      texts=texts, language=language)
    proposal = _numbered(round=round, author=staff, now=now,
                         moderation_state=ModerationState.VISIBLE, data=data,
                         workshop=workshop, workshop_sector=sector)
    if audited:  # the demo's rows are not (nobody acted)
        record(actor=staff, action="proposal.enter_from_workshop", target=proposal, after={
            "workshop_id": workshop.id, "reference": proposal.reference,
            "sector": sector.value if sector else None, "language": proposal.language,
        })
    return proposal


def check_recorded(*, author: User, round: ConsultationRound, title: str,
                   axis: Axis | None, language: str, now: datetime | None = None
                   ) -> tuple[str, str]:
    """The checked title and language of a proposal sent as a recording (the rules of
    ``submit_recorded_proposal``), asked before its file is read."""
    enforce(permissions.submit_refusal(author, round, now or utcnow()))
    title = _clean(title)
    checked(title, field="title", maximum=TEXT_FIELDS["title"])
    language = checked_language(language, field="idioma_grabacion")
    if axis is not None:
        _check_axis(round, axis)
    check_links(author, {"title": title})
    return title, language


def submit_recorded_proposal(*, author: User, round: ConsultationRound, title: str,
                             axis: Axis | None, language: str,
                             now: datetime | None = None) -> Proposal:
    """A proposal received as a recording in ``language`` with a short title (issue 18, item
    4): every rule of a written proposal but the written fields, which stay empty (its
    recording, attached by ``recordings``, says them), the Open Government values and the
    axis, which are optional. Always pre-moderated: it waits for the MTGA's approval whatever
    the round's setting, since nobody can read it at a glance."""
    now = now or utcnow()
    title, language = check_recorded(author=author, round=round, title=title, axis=axis,
                                     language=language, now=now)
    data = {"title": title, "problem": "", "proposed_commitment": "", "benefit": "",
            "institution": "", "axis": axis, "organization": None, "values": set(),
            "language": language}
    return _numbered(round=round, author=author, now=now,
                     moderation_state=ModerationState.PENDING, data=data,
                     received_as=ReceivedAs.RECORDING)


# Edition and withdrawal -------------------------------------------------------------------


def edit_proposal(
    *,
    editor: User,
    proposal: Proposal,
    axis: Axis | None,
    organization: Organization | None,
    values: Iterable[OgpValue | str],
    language: str | None = None,
    now: datetime | None = None,
    **texts: str,
) -> Proposal:
    """The author changes the proposal while the rule allows it (``edit_refusal``: the
    proposals phase is open and nobody has supported it yet). The rule is asked again once
    the row is locked: a support or a withdrawal may have arrived meanwhile."""
    now = now or utcnow()
    enforce(permissions.edit_refusal(editor, proposal, now))
    data = _validated(user=editor, round=proposal.round, axis=axis,
                      organization=organization, values=values, texts=texts,
                      language=language)
    proposal = locked(proposal)  # a support or a withdrawal arriving now waits
    enforce(permissions.edit_refusal(editor, proposal, now))
    _fill(proposal, **data)
    proposal.updated_at = now
    db.session.flush()
    return proposal


def withdraw_proposal(
    *, author: User, proposal: Proposal, reason: str, now: datetime | None = None
) -> Proposal:
    """The author withdraws the proposal while the proposals phase is open. It stays public,
    marked as withdrawn, with the reason and the date; its supports stay as they were."""
    now = now or utcnow()
    enforce(permissions.withdraw_refusal(author, proposal, now))
    reason = _clean(reason)
    checked(reason, field="reason", maximum=WITHDRAWAL_REASON_MAX)
    proposal = locked(proposal)  # a support or a withdrawal arriving now waits
    enforce(permissions.withdraw_refusal(author, proposal, now))
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.withdrawn_at = now
    proposal.withdrawal_reason = reason
    proposal.updated_at = now
    db.session.flush()
    # Its supporters and followers hear of it (not its author, who did it).
    notify_each(
        following.followers_of(following.PROPOSAL, proposal.id), kind=PROPOSAL_WITHDRAWN,
        actor=author, link=path_for("proposals.show", proposal_id=proposal.id),
        params={"proposal_id": proposal.id, "reference": proposal.reference,
                "title": proposal.title, "reason": reason},
    )
    return proposal


# Supports ---------------------------------------------------------------------------------


def has_supported(user: object, proposal: Proposal) -> bool:
    if not isinstance(user, User) or proposal.id is None:
        return False
    return db.session.scalar(
        sa.select(Support.id).where(Support.proposal_id == proposal.id,
                                    Support.user_id == user.id)
    ) is not None


def supports_given(user: User, round: ConsultationRound) -> int:
    """The person's supports that count towards the round's limit: those on proposals that
    were not withdrawn (a withdrawal must not use up the supporters' allowance)."""
    return db.session.scalar(
        sa.select(sa.func.count(Support.id))
        .join(Proposal, Proposal.id == Support.proposal_id)
        .where(
            Support.user_id == user.id,
            Proposal.round_id == round.id,
            Proposal.status == ProposalStatus.PUBLISHED,
        )
    ) or 0


def _check_limit(user: User, round: ConsultationRound) -> None:
    limit = round.max_supports_per_user
    if limit is None:
        return
    # Serialise this person's (and everyone's) supports in the round while we count: on
    # PostgreSQL the round's row lock, on SQLite the write lock taken at BEGIN IMMEDIATE.
    db.session.execute(
        sa.select(ConsultationRound.id)
        .where(ConsultationRound.id == round.id)
        .with_for_update()
    )
    enforce(permissions.support_limit_refusal(limit, supports_given(user, round)))


def _insert_support(user: User, proposal: Proposal) -> bool:
    """Insert the person's support unless it exists: ``INSERT ... ON CONFLICT DO NOTHING``
    on the UNIQUE (proposal_id, user_id), so the constraint decides even between two
    simultaneous requests, in one statement (no savepoint). True if a row was added."""
    dialect = db.session.get_bind(mapper=sa.inspect(Support)).dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    statement = (insert(Support).values(proposal_id=proposal.id, user_id=user.id)
                 .on_conflict_do_nothing(index_elements=["proposal_id", "user_id"])
                 .returning(Support.id))
    return db.session.execute(statement).first() is not None


def _change_count(proposal: Proposal, step: int, *conditions: sa.ColumnElement[bool]
                  ) -> int | None:
    """``support_count = support_count + step`` in SQL, under ``conditions``; the new count
    (also put on ``proposal``), or None when no row matched."""
    count = db.session.execute(
        sa.update(Proposal)
        .where(Proposal.id == proposal.id, *conditions)
        .values(support_count=Proposal.support_count + step)
        .returning(Proposal.support_count)
        .execution_options(synchronize_session=False, **{list_version.BUMPED: True})
    ).scalar()
    if count is not None:
        set_committed_value(proposal, "support_count", count)
        list_version.bump_round(db.session, proposal.round_id)  # the list shows the count
    return count


def _follow(user: User, proposal: Proposal) -> None:
    """Who writes or supports a proposal follows it and its round, unless she stopped."""
    following.follow_automatically(user=user, target_type=following.PROPOSAL,
                                   target_id=proposal.id)
    following.follow_automatically(user=user, target_type=following.ROUND,
                                   target_id=proposal.round_id)


def support_proposal(
    *, user: User, proposal: Proposal, now: datetime | None = None
) -> bool:
    """Support the proposal; True if a support was added, False if it already had the
    person's support (two clicks, two tabs). Refused outside the proposals phase, on a
    withdrawn proposal, by its author, and past the round's limit. Afterwards
    ``proposal.support_count`` is the count this transaction wrote (or read)."""
    round = proposal.round
    enforce(permissions.support_refusal(user, proposal, now))
    if round.max_supports_per_user is not None:
        # Under a limit, a repeated support must not count against it.
        if has_supported(user, proposal):
            return False
        _check_limit(user, round)
    if not _insert_support(user, proposal):
        return False  # already supported (perhaps by a simultaneous request)
    # The increment also re-checks the status and the moderation state: if the author
    # withdrew the proposal, or a moderator hid it, in the meantime, no row matches
    # (PostgreSQL re-evaluates the WHERE after the row lock).
    if _change_count(proposal, 1, Proposal.status == ProposalStatus.PUBLISHED,
                     Proposal.moderation_state == ModerationState.VISIBLE) is None:
        db.session.expire(proposal, ["status", "moderation_state"])
        enforce(permissions.support_refusal(user, proposal, now))
        raise Conflict(permissions.NOT_PUBLIC)  # the rule and the row disagree: refuse
    _follow(user, proposal)
    return True


def withdraw_support(
    *, user: User, proposal: Proposal, now: datetime | None = None
) -> bool:
    """Take the person's support back; True if there was one. Only while the proposals phase
    is open, and not from a withdrawn proposal (its count stays as it was)."""
    enforce(permissions.unsupport_refusal(user, proposal, now))
    if not remove_own_row(Support.user_id, Support.proposal_id, owner_id=user.id,
                          parent_id=proposal.id):
        return False
    _change_count(proposal, -1)
    return True


def recount_supports() -> int:
    """Re-derive every ``support_count`` from COUNT(*) of its supports; the number of
    proposals whose count was wrong."""
    wrong = recount(Proposal.support_count, Support.proposal_id)
    if wrong:
        list_version.changed(db.session, None)
    return wrong
