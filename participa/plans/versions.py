"""Versions of a draft commitment in the official template.

Every save adds an immutable version (its fields, and copies of its milestones and
contacts) with a change note, author and date; nothing updates or deletes a version (the ORM
refuses: ``models.VersionsAreImmutable``), except marking one final. Concurrent edits are
optimistic: the editor says which version they started from (``base_number``); if another
version was saved meanwhile, ``StaleVersion`` (the view answers 409 with the text kept). The
commitment's row is locked while the next number is chosen (PostgreSQL; SQLite's write lock
is taken at BEGIN IMMEDIATE), and the UNIQUE (commitment_id, number) refuses a duplicate
anyway.

Services flush and never commit; they write the audit event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Conflict, Invalid, enforce
from ..base.extensions import db
from ..base.time import utcnow
from ..content.language import checked_language
from ..notifications import following
from ..notifications.services import notify_each, path_for
from .models import Axis, Commitment, CommitmentVersion, Contact, Milestone
from .permissions import draft_state_refusal

# The template's fields of a version, in the order of the template.
VERSION_FIELDS = (
    "title",
    "start_date",
    "end_date",
    "lead_institution",
    "supporting_institutions",
    "problem",
    "commitment_text",
    "contribution",
    "ogp_relevance",
    "additional_information",
    "other_actors_public",
    "other_actors_civil",
    "observations",
)
DATE_FIELDS = ("start_date", "end_date")
TEXT_MAX = 10_000  # each long text of the template
CHANGE_NOTE_MAX = 2_000
MAX_MILESTONES = 50
MAX_CONTACTS = 30

# The notification of a draft's new version to its followers (notification_kinds).
DRAFT_VERSION = "draft_version"


def _length(attribute: Any) -> int | None:
    return getattr(attribute.property.columns[0].type, "length", None)


# Column lengths (None for TEXT, limited to TEXT_MAX).
LIMITS = {name: _length(getattr(CommitmentVersion, name)) or TEXT_MAX
          for name in VERSION_FIELDS if name not in DATE_FIELDS}
MILESTONE_LIMITS = {"description": TEXT_MAX, "responsible": _length(Milestone.responsible)}
CONTACT_LIMITS = {name: _length(getattr(Contact, name))
                  for name in ("name", "institution_post", "email", "phone")}


@dataclass(frozen=True)
class MilestoneData:
    number: int
    description: str
    responsible: str = ""
    is_new: bool = True
    start_date: date | None = None
    end_date: date | None = None

    @classmethod
    def of(cls, milestone: Milestone) -> MilestoneData:
        return cls(milestone.number, milestone.description, milestone.responsible,
                   milestone.is_new, milestone.start_date, milestone.end_date)


@dataclass(frozen=True)
class ContactData:
    name: str
    institution_post: str = ""
    email: str = ""
    phone: str = ""

    @classmethod
    def of(cls, contact: Contact) -> ContactData:
        return cls(contact.name, contact.institution_post, contact.email, contact.phone)


@dataclass(frozen=True)
class Classification:
    """Where a commitment sits in its plan: its thematic axis (one of the plan's, or None)
    and its policy area (free text, "" for none). They belong to the commitment, not to the
    template's sections: the plan's lists, the open-data API and the printed plan group by
    them. The draft's form edits them with the template, and a save that changes them makes
    a version like any other edit (audited with their values before and after)."""

    axis_id: int | None = None
    policy_area: str = ""

    @classmethod
    def of(cls, commitment: Commitment) -> Classification:
        return cls(commitment.axis_id, commitment.policy_area or "")


POLICY_AREA_MAX = _length(Commitment.policy_area)


# Refusals ----------------------------------------------------------------------------------


class StaleVersion(Conflict):
    """Someone saved a version after the one the editor started from: the message names both
    numbers, and the view starts the editor again from ``latest``."""

    def __init__(self, *, base: int, latest: int) -> None:
        super().__init__(_(
            "Mientras usted editaba, se guardó la versión %(latest)d de este compromiso "
            "(usted partió de la versión %(base)d). Sus cambios no se perdieron: están en el "
            "formulario. Revise las diferencias y, si guarda de nuevo, su texto será la "
            "versión %(next)d.", latest=latest, base=base, next=latest + 1,
        ))
        self.base = base
        self.latest = latest


# Reading -----------------------------------------------------------------------------------


def latest_number(commitment: Commitment) -> int:
    """The number of the commitment's newest version in the database (0 if none)."""
    return db.session.scalar(
        sa.select(sa.func.max(CommitmentVersion.number))
        .where(CommitmentVersion.commitment_id == commitment.id)
    ) or 0


def get_version(commitment: Commitment, number: int) -> CommitmentVersion | None:
    """Version ``number`` with its milestones and contacts (two more queries)."""
    return db.session.scalar(
        sa.select(CommitmentVersion)
        .where(CommitmentVersion.commitment_id == commitment.id,
               CommitmentVersion.number == number)
        .options(selectinload(CommitmentVersion.milestones),
                 selectinload(CommitmentVersion.contacts))
    )


def version_values(version: CommitmentVersion | None) -> dict[str, Any]:
    """The template's fields of ``version`` (empty ones for None)."""
    if version is None:
        return {name: None if name in DATE_FIELDS else "" for name in VERSION_FIELDS}
    return {name: getattr(version, name) for name in VERSION_FIELDS}


def changed_fields(version: CommitmentVersion | None, values: Mapping[str, Any],
                   milestones: Iterable[MilestoneData],
                   contacts: Iterable[ContactData]) -> list[str]:
    """The names of the fields (and "milestones", "contacts") that differ from ``version``."""
    before = version_values(version)
    changed = [name for name in VERSION_FIELDS if before[name] != values[name]]
    old_milestones = [MilestoneData.of(m) for m in version.milestones] if version else []
    old_contacts = [ContactData.of(c) for c in version.contacts] if version else []
    if sorted(old_milestones, key=lambda m: m.number) != sorted(milestones,
                                                                 key=lambda m: m.number):
        changed.append("milestones")
    if old_contacts != list(contacts):
        changed.append("contacts")
    return changed


# Checking ----------------------------------------------------------------------------------


def _too_long(limit: int) -> str:
    return _("No puede tener más de %(max)d caracteres.", max=limit)


def check_version(values: Mapping[str, Any], milestones: Iterable[MilestoneData],
                  contacts: Iterable[ContactData], change_note: str) -> None:
    """``Invalid`` for what the form refuses too (the form shows each problem
    beside its field; this guards commands, tests and other features)."""
    unknown = set(values) - set(VERSION_FIELDS)
    if unknown:
        raise ValueError(f"unknown version fields: {sorted(unknown)}")
    if not (values.get("title") or "").strip():
        raise Invalid(_("Escriba el nombre del compromiso."), field="title")
    for name, limit in LIMITS.items():
        if len(values.get(name) or "") > limit:
            raise Invalid(_too_long(limit), field=name)
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise Invalid(_("La fecha de término debe ser posterior a la de inicio."),
                      field="end_date")
    milestones, contacts = list(milestones), list(contacts)
    if len(milestones) > MAX_MILESTONES or len(contacts) > MAX_CONTACTS:
        raise Invalid(_("Demasiadas filas."))
    numbers = [m.number for m in milestones]
    if len(set(numbers)) != len(numbers) or any(n < 1 for n in numbers):
        raise Invalid(_("Cada hito necesita un número distinto, mayor que cero."),
                             field="milestones")
    for milestone in milestones:
        if not milestone.description.strip():
            raise Invalid(_("Describa el hito %(number)d.", number=milestone.number),
                                 field="milestones")
        if any(len(getattr(milestone, name) or "") > limit
               for name, limit in MILESTONE_LIMITS.items()):
            raise Invalid(_("Un hito tiene un texto demasiado largo."),
                                 field="milestones")
        if milestone.start_date and milestone.end_date and (
            milestone.end_date < milestone.start_date
        ):
            raise Invalid(_("El hito %(number)d termina antes de empezar.",
                                   number=milestone.number), field="milestones")
    for contact in contacts:
        if not contact.name.strip():
            raise Invalid(_("Cada contacto necesita un nombre."), field="contacts")
        if any(len(getattr(contact, name) or "") > limit
               for name, limit in CONTACT_LIMITS.items()):
            raise Invalid(_("Un contacto tiene un dato demasiado largo."),
                                 field="contacts")
    if not change_note.strip():
        raise Invalid(_("Explique qué cambió en esta versión."), field="change_note")
    if len(change_note) > CHANGE_NOTE_MAX:
        raise Invalid(_too_long(CHANGE_NOTE_MAX), field="change_note")


def check_classification(commitment: Commitment, classification: Classification) -> None:
    """``Invalid`` for an axis of another plan or a policy area too long."""
    if classification.axis_id is not None and db.session.scalar(
        sa.select(Axis.plan_id).where(Axis.id == classification.axis_id)
    ) != commitment.plan_id:
        raise Invalid(_("Elija uno de los ejes temáticos del plan."), field="axis_id")
    if len(classification.policy_area) > POLICY_AREA_MAX:
        raise Invalid(_too_long(POLICY_AREA_MAX), field="policy_area")


# Writing -----------------------------------------------------------------------------------


def add_version(*, commitment: Commitment, number: int, values: Mapping[str, Any],
                milestones: Iterable[MilestoneData], contacts: Iterable[ContactData],
                change_note: str, author: User | None, is_final: bool = False,
                created_at: datetime | None = None, language: str = "es"
                ) -> CommitmentVersion:
    """Insert version ``number`` with copies of the milestones and contacts, and flush. No
    checks and no audit event: ``save_version`` (and the demo and seed loaders) call it."""
    version = CommitmentVersion(
        commitment_id=commitment.id,
        number=number,
        change_note=change_note,
        author_id=author.id if author is not None else None,
        is_final=is_final,
        created_at=created_at or utcnow(),
        language=language,
        **{name: values[name] for name in VERSION_FIELDS},
    )
    db.session.add(version)
    db.session.flush()
    for milestone in sorted(milestones, key=lambda m: m.number):
        db.session.add(Milestone(
            version_id=version.id, number=milestone.number,
            description=milestone.description, responsible=milestone.responsible,
            is_new=milestone.is_new, start_date=milestone.start_date,
            end_date=milestone.end_date,
        ))
    for position, contact in enumerate(contacts, start=1):
        db.session.add(Contact(
            version_id=version.id, position=position, name=contact.name,
            institution_post=contact.institution_post, email=contact.email,
            phone=contact.phone,
        ))
    db.session.flush()
    return version


def _lock_draft(commitment: Commitment) -> None:
    """Lock the commitment's row (PostgreSQL) and check, on the locked row, that it is
    still a draft."""
    status = db.session.scalar(
        sa.select(Commitment.status).where(Commitment.id == commitment.id).with_for_update()
    )
    enforce(draft_state_refusal(status))


def save_version(
    *,
    actor: User,
    commitment: Commitment,
    base_number: int,
    fields: Mapping[str, Any],
    milestones: Iterable[MilestoneData],
    contacts: Iterable[ContactData],
    change_note: str,
    classification: Classification | None = None,
    language: str | None = None,
) -> CommitmentVersion:
    """Add the next version of a draft commitment, made from version ``base_number`` (0 when
    it had none). ``fields`` holds the template's fields (``VERSION_FIELDS``; one left out
    keeps the base's value). The commitment's title and lead institution follow the new
    version, so lists show the current text. ``classification`` (None: unchanged) sets the
    commitment's axis and policy area; changing them alone makes a version too.
    ``language`` (an enabled one; None: the base's, Spanish for a first version) is the
    language its texts are written in; changing it alone makes a version too.

    Raises ``Conflict`` (not a draft), ``StaleVersion`` (another version was saved after the
    base) and ``Invalid`` (what the form refuses too, or nothing changed). Audit event
    ``commitment.version``: before ``{"version": base}``, after ``{"version": new,
    "changed": [field names]}``."""
    _lock_draft(commitment)
    latest = latest_number(commitment)
    if base_number != latest:
        raise StaleVersion(base=base_number, latest=latest)
    base = get_version(commitment, latest) if latest else None
    values = {**version_values(base), **fields}
    milestones, contacts = tuple(milestones), tuple(contacts)
    check_version(values, milestones, contacts, change_note)
    changed = changed_fields(base, values, milestones, contacts)
    base_language = base.language if base is not None else "es"
    language = checked_language(language) if language is not None else base_language
    if base is not None and language != base_language:
        changed.append("language")
    before_class = Classification.of(commitment)
    if classification is not None:
        classification = Classification(classification.axis_id,
                                        (classification.policy_area or "").strip())
        check_classification(commitment, classification)
        changed += [name for name, old, new in (
            ("axis", before_class.axis_id, classification.axis_id),
            ("policy_area", before_class.policy_area, classification.policy_area),
        ) if old != new]
    if not changed:
        raise Invalid(_("No hay cambios respecto de la versión %(number)d: no se guardó "
                        "una versión nueva.", number=latest))
    try:
        with db.session.begin_nested():
            version = add_version(
                commitment=commitment, number=latest + 1, values=values,
                milestones=milestones, contacts=contacts, change_note=change_note,
                author=actor, language=language,
            )
    except sa.exc.IntegrityError:
        # A simultaneous save took the number (only possible without the row lock).
        raise StaleVersion(base=base_number, latest=latest + 1) from None
    commitment.title = version.title
    commitment.lead_institution = version.lead_institution or None
    before: dict[str, Any] = {"version": latest or None}
    after: dict[str, Any] = {"version": version.number, "changed": changed}
    if classification is not None and classification != before_class:
        commitment.axis_id = classification.axis_id
        commitment.policy_area = classification.policy_area or None
        before.update(axis_id=before_class.axis_id,
                      policy_area=before_class.policy_area or None)
        after.update(axis_id=commitment.axis_id, policy_area=commitment.policy_area)
    db.session.flush()
    db.session.expire(commitment, ["versions"])
    record(actor=actor, action="commitment.version", target=commitment, before=before,
           after=after)
    # Who writes a version follows the draft, unless she stopped; the draft's followers
    # (those who commented on it among them) hear of the new version, not its author.
    following.follow_automatically(user=actor, target_type=following.COMMITMENT,
                                   target_id=commitment.id)
    notify_each(following.followers_of(following.COMMITMENT, commitment.id),
                kind=DRAFT_VERSION, actor=actor,
                params={"commitment_id": commitment.id, "number": version.number,
                        "title": version.title},
                link=path_for("plans.commitment", commitment_id=commitment.id,
                              version=version.number))
    return version


def mark_final(*, actor: User, version: CommitmentVersion) -> CommitmentVersion:
    """Mark the newest version of a draft commitment final (the draft is no longer shown as
    "BORRADOR"). Raises ``Conflict``: not a draft, not the newest version, already final.
    Audit event ``commitment.final``."""
    commitment = version.commitment
    _lock_draft(commitment)
    latest = latest_number(commitment)
    if version.number != latest:
        raise Conflict(_("Solo la versión más reciente (la %(latest)d) se puede marcar como "
                         "definitiva.", latest=latest))
    db.session.refresh(version)
    if version.is_final:
        raise Conflict(_("La versión %(number)d ya está marcada como definitiva.",
                         number=version.number))
    version.is_final = True
    db.session.flush()
    record(
        actor=actor, action="commitment.final", target=commitment,
        before={"version": version.number, "is_final": False},
        after={"version": version.number, "is_final": True},
    )
    return version
