"""Writing progress updates and deciding on them, naming a commitment's lead organisation,
and flagging overdue milestones. Services enforce the rules of ``permissions``, flush and
record every step in the audit log; they never commit.

Who is told what (``notifications``, kinds in ``notification_kinds``):

- an update sent for review: the MTGA;
- an update published: its author, the members of the commitment's lead institution and
  the commitment's followers (``notifications.following``: people who follow it, and those
  who commented on it, unless they stopped following), once each;
- an update returned: its author, with the note;
- a milestone overdue (``flag_overdue``, daily): the institution's members and the MTGA.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..content.text import checked, clean_paragraphs, without_controls
from ..files.services import Upload, store
from ..files.sniffing import FileKind
from ..notifications.following import COMMITMENT, followers_of
from ..notifications.services import notify, path_for
from ..organizations.links import is_web_url
from ..organizations.models import Organization
from ..plans.models import Commitment
from . import permissions, queries
from .models import (
    FILE_MAX_BYTES,
    FILES_MAX,
    LINK_MAX,
    LINK_TITLE_MAX,
    LINKS_MAX,
    NOTE_MAX,
    REASON_MAX,
    TEXT_MAX,
    CompletionStatus,
    Evidence,
    LeadOrganization,
    Link,
    MilestoneStatus,
    OverdueFlag,
    ProgressUpdate,
    UpdateState,
)

# The owner of evidence files in ``participa.files`` (``evidence_files`` answers who sees them).
FILE_OWNER = "progress"
FILE_KINDS = (FileKind.DOCUMENT, FileKind.SPREADSHEET, FileKind.IMAGE)

UPDATE_SUBMITTED = "progress_submitted"
UPDATE_PUBLISHED = "progress_published"
UPDATE_RETURNED = "progress_returned"
MILESTONE_OVERDUE = "milestone_overdue"


# Checks -------------------------------------------------------------------------------------


def _body(text: str | None) -> str:
    return checked(clean_paragraphs(text or ""), field="body", maximum=TEXT_MAX,
                   missing=_("Describa el avance del hito."))


def _status(value: CompletionStatus | str | None) -> CompletionStatus:
    try:
        return CompletionStatus(value)
    except ValueError:
        raise Invalid(_("Elija el estado del hito."), field="status") from None


def _reason(status: CompletionStatus, reason: str | None) -> str:
    text = clean_paragraphs(reason or "")
    if status != CompletionStatus.WITHDRAWN:
        return ""
    return checked(text, field="withdrawn_reason", maximum=REASON_MAX,
                   missing=_("Explique por qué se retira el hito."))


def _links(links: Sequence[Link]) -> list[Link]:
    if len(links) > LINKS_MAX:
        raise Invalid(_("Puede dar como mucho %(max)d enlaces.", max=LINKS_MAX), field="links")
    cleaned = []
    for link in links:
        url = without_controls(link.url).strip()
        title = " ".join(without_controls(link.title).split())
        if not url:
            continue
        if len(url) > LINK_MAX or not is_web_url(url):
            raise Invalid(_("«%(url)s» no es una dirección web válida: debe empezar por "
                            "https:// o http://.", url=url[:80]), field="links")
        if len(title) > LINK_TITLE_MAX:
            raise Invalid(_("El título de un enlace no puede tener más de %(max)d "
                            "caracteres.", max=LINK_TITLE_MAX), field="links")
        cleaned.append(Link(url, title))
    return cleaned


def _milestone(commitment: Commitment, number: int | None) -> queries.TrackedMilestone:
    milestone = (queries.tracked_milestone(commitment, number)
                 if number is not None else None)
    if milestone is None:
        raise Invalid(_("Elija uno de los hitos del compromiso."), field="milestone")
    return milestone


def _written(commitment: Commitment, *, milestone_number: int | None,
             status: CompletionStatus | str | None, body: str | None,
             withdrawn_reason: str | None, links: Sequence[Link]) -> tuple[dict, list[Link]]:
    """What the institution writes of an update, new or corrected, checked: the update's
    fields (milestone, status, withdrawal reason, text), and its links."""
    milestone = _milestone(commitment, milestone_number)
    status = _status(status)
    fields = {"milestone_number": milestone.number, "status": status,
              "withdrawn_reason": _reason(status, withdrawn_reason), "body": _body(body)}
    return fields, _links(links)


def _changed(update: ProgressUpdate, now: datetime) -> None:
    """Every change of an update: its moment, and the version a form must have read."""
    update.updated_at = now
    update.row_version += 1


def _reviewed(update: ProgressUpdate, state: UpdateState, actor: User, now: datetime) -> None:
    """The MTGA's decision on an update in review (published or returned), by ``actor``."""
    update.state = state
    update.reviewed_at = now
    update.reviewer = actor
    _changed(update, now)


def _snapshot(update: ProgressUpdate) -> dict:
    return {
        "state": update.state.value,
        "milestone": update.milestone_number,
        "status": update.status.value,
        "withdrawn_reason": update.withdrawn_reason,
        "body": update.body,
        "links": [{"url": e.url, "title": e.title} for e in update.evidence if e.url],
        "files": [{"file_id": e.file_id, "title": e.title}
                  for e in update.evidence if e.file_id is not None],
    }


def _set_links(update: ProgressUpdate, links: list[Link], now: datetime) -> None:
    """An unpublished update's links are replaced (they were never public; the audit log
    keeps each version sent)."""
    for evidence in [e for e in update.evidence if e.url is not None]:
        update.evidence.remove(evidence)
        db.session.delete(evidence)
    for position, link in enumerate(links):
        update.evidence.append(Evidence(url=link.url, title=link.title, position=position,
                                        created_at=now))


def _locked(update: ProgressUpdate, row_version: int | None) -> ProgressUpdate:
    """The update re-read under a row lock (PostgreSQL; SQLite serialises writers), then
    the optimistic check of the form's version."""
    db.session.scalars(
        sa.select(ProgressUpdate).where(ProgressUpdate.id == update.id)
        .with_for_update(of=ProgressUpdate)
        .execution_options(populate_existing=True)
    ).one()
    enforce(permissions.stale_refusal(update, row_version))
    return update


# Writing ------------------------------------------------------------------------------------


def draft_update(
    *,
    author: User,
    commitment: Commitment,
    milestone_number: int | None,
    status: CompletionStatus | str | None,
    body: str | None,
    withdrawn_reason: str | None = None,
    links: Sequence[Link] = (),
    now: datetime | None = None,
) -> ProgressUpdate:
    """A new draft update of one milestone, by a member of the commitment's institution."""
    organization = queries.lead_organization(commitment.id)
    enforce(permissions.report_refusal(author, commitment, organization))
    now = now or utcnow()
    fields, links = _written(commitment, milestone_number=milestone_number, status=status,
                             body=body, withdrawn_reason=withdrawn_reason, links=links)
    update = ProgressUpdate(
        commitment=commitment,
        **fields,
        state=UpdateState.DRAFT,
        author=author,
        organization=organization,
        created_at=now,
        updated_at=now,
    )
    db.session.add(update)
    _set_links(update, links, now)
    db.session.flush()
    record(actor=author, action="progress.draft", target=update, after=_snapshot(update))
    return update


def edit_update(
    *,
    editor: User,
    update: ProgressUpdate,
    milestone_number: int | None,
    status: CompletionStatus | str | None,
    body: str | None,
    withdrawn_reason: str | None = None,
    links: Sequence[Link] = (),
    row_version: int | None = None,
    now: datetime | None = None,
) -> ProgressUpdate:
    """Correct a draft or a returned update (it stays as it was: a draft, or returned with
    its note, until it is sent)."""
    organization = queries.lead_organization(update.commitment_id)
    enforce(permissions.edit_refusal(editor, update, organization))
    _locked(update, row_version)
    enforce(permissions.edit_refusal(editor, update, organization))
    now = now or utcnow()
    before = _snapshot(update)
    fields, links = _written(update.commitment, milestone_number=milestone_number,
                             status=status, body=body, withdrawn_reason=withdrawn_reason,
                             links=links)
    for name, value in fields.items():
        setattr(update, name, value)
    _set_links(update, links, now)
    _changed(update, now)
    db.session.flush()
    record(actor=editor, action="progress.edit", target=update, before=before,
           after=_snapshot(update))
    return update


def attach_file(*, editor: User, update: ProgressUpdate, upload: Upload | None,
                title: str | None = None, now: datetime | None = None) -> Evidence:
    """Add an uploaded file (a document, a spreadsheet or an image, read from its content,
    at most ``FILE_MAX_BYTES``) to the evidence of a draft or returned update."""
    organization = queries.lead_organization(update.commitment_id)
    enforce(permissions.edit_refusal(editor, update, organization))
    _locked(update, None)
    enforce(permissions.edit_refusal(editor, update, organization))
    if sum(1 for e in update.evidence if e.file_id is not None) >= FILES_MAX:
        raise Invalid(_("Un avance puede llevar como mucho %(max)d archivos.", max=FILES_MAX),
                      field="file")
    title = " ".join(without_controls(title or "").split())
    if len(title) > LINK_TITLE_MAX:
        raise Invalid(_("El título no puede tener más de %(max)d caracteres.",
                        max=LINK_TITLE_MAX), field="title")
    now = now or utcnow()
    stored = store(upload, kinds=FILE_KINDS, max_bytes=FILE_MAX_BYTES, user=editor,
                   owner=FILE_OWNER, field="file")
    before = _snapshot(update)
    evidence = Evidence(file_id=stored.id, title=title or stored.name, created_at=now,
                        position=len(update.evidence))
    update.evidence.append(evidence)
    _changed(update, now)
    db.session.flush()
    record(actor=editor, action="progress.attach", target=update, before=before,
           after={**_snapshot(update), "file": {"id": stored.id, "name": stored.name,
                                                "media_type": stored.media_type,
                                                "size": stored.size, "sha256": stored.sha256}})
    return evidence


def submit_update(*, actor: User, update: ProgressUpdate, row_version: int | None = None,
                  now: datetime | None = None) -> ProgressUpdate:
    """Send a draft (or a corrected returned update) to the MTGA for review."""
    organization = queries.lead_organization(update.commitment_id)
    enforce(permissions.edit_refusal(actor, update, organization))
    _locked(update, row_version)
    enforce(permissions.edit_refusal(actor, update, organization))
    now = now or utcnow()
    before = {"state": update.state.value}
    update.state = UpdateState.IN_REVIEW
    update.submitted_at = now
    _changed(update, now)
    db.session.flush()
    record(actor=actor, action="progress.submit", target=update, before=before,
           after=_snapshot(update))
    params = _params(update)
    link = _update_link(update)
    for reviewer in queries.reviewers():
        if reviewer.id != actor.id:
            notify(user=reviewer, kind=UPDATE_SUBMITTED, params=params, link=link)
    db.session.flush()
    return update


def publish_update(*, actor: User, update: ProgressUpdate, row_version: int | None = None,
                   now: datetime | None = None) -> ProgressUpdate:
    """The MTGA publishes an update in review: it enters the commitment's public timeline
    and sets its milestone's status."""
    enforce(permissions.review_refusal(actor, update))
    _locked(update, row_version)
    enforce(permissions.review_refusal(actor, update))
    now = now or utcnow()
    before = {"state": update.state.value}
    _reviewed(update, UpdateState.PUBLISHED, actor, now)
    update.published_at = now
    status = db.session.get(MilestoneStatus, (update.commitment_id, update.milestone_number))
    previous = status.status.value if status is not None else CompletionStatus.NOT_STARTED.value
    if status is None:
        status = MilestoneStatus(commitment_id=update.commitment_id,
                                 milestone_number=update.milestone_number)
        db.session.add(status)
    status.status = update.status
    status.withdrawn_reason = update.withdrawn_reason
    status.update_id = update.id
    status.changed_at = now
    db.session.flush()
    record(actor=actor, action="progress.publish", target=update,
           before={**before, "milestone_status": previous},
           after={**_snapshot(update), "milestone_status": update.status.value})
    _notify_published(update, actor)
    return update


def return_update(*, actor: User, update: ProgressUpdate, note: str | None,
                  row_version: int | None = None, now: datetime | None = None
                  ) -> ProgressUpdate:
    """The MTGA returns an update in review to its institution with a note saying what to
    correct."""
    enforce(permissions.review_refusal(actor, update))
    text = checked(clean_paragraphs(note or ""), field="note", maximum=NOTE_MAX,
                   missing=_("Diga a la institución qué debe corregir."))
    _locked(update, row_version)
    enforce(permissions.review_refusal(actor, update))
    now = now or utcnow()
    before = {"state": update.state.value, "review_note": update.review_note}
    _reviewed(update, UpdateState.RETURNED, actor, now)
    update.review_note = text
    db.session.flush()
    record(actor=actor, action="progress.return", target=update, before=before,
           after={"state": update.state.value, "review_note": text})
    if not update.author.is_deleted:
        notify(user=update.author, kind=UPDATE_RETURNED, params=_params(update),
               link=_update_link(update))
    db.session.flush()
    return update


def _update_link(update: ProgressUpdate) -> str:
    return path_for("plans.commitment", commitment_id=update.commitment_id,
                    _anchor=f"avance-{update.id}")


def _params(update: ProgressUpdate) -> dict:
    commitment = update.commitment
    return {
        "update_id": update.id,
        "commitment_id": commitment.id,
        "commitment": commitment.title,
        "code": commitment.ogp_code or "",
        "milestone": update.milestone_number,
        "status": update.status.value,
    }


def published_audience(update: ProgressUpdate) -> list[User]:
    """Who is told of a published update: its author, the members of the commitment's
    lead institution and its followers; once each, living accounts only."""
    commitment = update.commitment
    people: dict[int, User] = {}
    candidates: list[User] = [update.author]
    organization = queries.lead_organization(commitment.id)
    if organization is not None:
        candidates += queries.institution_members([organization.id])
    candidates += followers_of(COMMITMENT, commitment.id)
    for user in candidates:
        if not user.is_deleted:
            people.setdefault(user.id, user)
    return list(people.values())


def _notify_published(update: ProgressUpdate, actor: User) -> None:
    params = _params(update)
    link = path_for("plans.commitment", commitment_id=update.commitment_id,
                    _anchor=f"avance-{update.id}")
    for user in published_audience(update):
        if user.id != actor.id:
            notify(user=user, kind=UPDATE_PUBLISHED, params=params, link=link)
    db.session.flush()


# The MTGA names the institution's organisation --------------------------------------------


def set_lead_organization(*, actor: User, commitment: Commitment,
                          organization: Organization, now: datetime | None = None) -> bool:
    """Name the organisation in Participa of a published commitment's lead institution (or
    another one instead); whether anything changed."""
    enforce(permissions.link_organization_refusal(actor))
    if not permissions.is_published(commitment):
        raise Invalid(permissions.NOT_PUBLISHED, field="organization")
    link = db.session.get(LeadOrganization, commitment.id)
    if link is not None and link.organization_id == organization.id:
        return False
    before = {"organization_id": link.organization_id if link is not None else None}
    if link is None:
        link = LeadOrganization(commitment_id=commitment.id)
        db.session.add(link)
    link.organization_id = organization.id
    link.set_at = now or utcnow()
    link.set_by_id = actor.id
    db.session.flush()
    record(actor=actor, action="commitment.lead_organization", target=commitment,
           before=before, after={"organization_id": organization.id,
                                 "organization": organization.name})
    return True


# Overdue milestones -------------------------------------------------------------------------


def flag_overdue(*, today: date, now: datetime | None = None) -> list[OverdueFlag]:
    """Flag every milestone now overdue that was not flagged for its end date yet, and tell
    the institution's members and the MTGA (one notification per person and milestone).
    Run daily (``flask tracking flag-overdue``); a second run the same day flags nothing."""
    now = now or utcnow()
    overdue = queries.overdue_milestones(today)
    if not overdue:
        return []
    flagged = {
        (row.commitment_id, row.milestone_number, row.end_date)
        for row in db.session.scalars(sa.select(OverdueFlag).where(
            OverdueFlag.commitment_id.in_({m.commitment_id for m in overdue})))
    }
    new = [m for m in overdue if (m.commitment_id, m.number, m.end_date) not in flagged]
    if not new:
        return []
    commitments = {c.id: c for c in db.session.scalars(
        sa.select(Commitment).where(Commitment.id.in_({m.commitment_id for m in new})))}
    organizations = queries.lead_organizations(commitments)
    members: dict[int, list[User]] = {}
    for organization in {o.id: o for o in organizations.values()}.values():
        members[organization.id] = queries.institution_members([organization.id])
    mtga = queries.reviewers()
    flags = []
    for milestone in new:
        flag = OverdueFlag(commitment_id=milestone.commitment_id,
                           milestone_number=milestone.number, end_date=milestone.end_date,
                           flagged_at=now)
        db.session.add(flag)
        flags.append(flag)
        commitment = commitments[milestone.commitment_id]
        params = {
            "commitment_id": commitment.id, "commitment": commitment.title,
            "code": commitment.ogp_code or "", "milestone": milestone.number,
            "end_date": milestone.end_date.isoformat(), "status": milestone.status.value,
        }
        link = path_for("plans.commitment", commitment_id=commitment.id,
                        _anchor=f"hito-{milestone.number}")
        organization = organizations.get(commitment.id)
        people = {u.id: u for u in members.get(organization.id, [])} if organization else {}
        people.update({u.id: u for u in mtga})
        for user in people.values():
            notify(user=user, kind=MILESTONE_OVERDUE, params=params, link=link)
    db.session.flush()
    return flags
