"""The versions service: every save adds an immutable version with copies of the milestones
and contacts, an audit event, optimistic concurrency, and marking a version final."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from participa.base.errors import Conflict, Invalid
from participa.base.extensions import db
from participa.plans import versions
from participa.plans.models import (
    CommitmentStatus,
    CommitmentVersion,
    Contact,
    Milestone,
    VersionsAreImmutable,
)
from participa.plans.versions import ContactData, MilestoneData

from ..factories import audit_events
from .drafts import CONTACTS, FIELDS, MILESTONES, draft_with_versions, make_draft, moderator, save


def _snapshot(version: CommitmentVersion):
    return (
        {name: getattr(version, name) for name in versions.VERSION_FIELDS},
        version.change_note, version.author_id, version.created_at, version.is_final,
        [(m.id, MilestoneData.of(m)) for m in version.milestones],
        [(c.id, c.position, ContactData.of(c)) for c in version.contacts],
    )


def test_the_first_save_makes_version_1(db_session):
    commitment = make_draft(title="Título de la consolidación")
    editor = moderator()
    version = save(commitment, actor=editor, base=0, note="Primera redacción.")
    assert version.number == 1
    assert version.author_id == editor.id
    assert version.change_note == "Primera redacción."
    assert not version.is_final
    assert version.created_at is not None
    assert [MilestoneData.of(m) for m in version.milestones] == list(MILESTONES)
    assert [ContactData.of(c) for c in version.contacts] == list(CONTACTS)
    assert [c.position for c in version.contacts] == [1]
    # The commitment's title and lead institution follow the newest version.
    assert commitment.title == FIELDS["title"]
    assert commitment.lead_institution == FIELDS["lead_institution"]


def test_a_save_adds_a_version_and_leaves_the_earlier_ones_as_they_were(db_session):
    commitment = draft_with_versions(1)
    first = commitment.versions[0]
    before = _snapshot(first)
    new_milestones = (replace(MILESTONES[0], description="Otro texto."),
                      MilestoneData(3, "Un hito nuevo.", "INFOM", True, None, None))
    second = save(commitment, fields={"title": "Nuevo título"}, milestones=new_milestones,
                  contacts=(), note="Segunda.")
    assert second.number == 2
    db.session.expire_all()
    first = db.session.get(CommitmentVersion, first.id)
    assert _snapshot(first) == before
    second = db.session.get(CommitmentVersion, second.id)
    assert second.title == "Nuevo título"
    assert second.problem == FIELDS["problem"]
    assert [MilestoneData.of(m) for m in second.milestones] == list(new_milestones)
    assert second.contacts == []
    # Copies, not shared rows.
    assert not {m.id for m in first.milestones} & {m.id for m in second.milestones}
    assert db.session.scalar(sa.select(sa.func.count(Milestone.id))) == 4
    assert db.session.scalar(sa.select(sa.func.count(Contact.id))) == 1


def test_fields_left_out_keep_the_values_of_the_base(db_session):
    commitment = draft_with_versions(1)
    second = versions.save_version(
        actor=moderator(), commitment=commitment, base_number=1,
        fields={"observations": "Solo esto cambia."}, milestones=MILESTONES,
        contacts=CONTACTS, change_note="Parcial.",
    )
    assert second.problem == "Problema, versión 1."
    assert second.title == FIELDS["title"]
    assert second.observations == "Solo esto cambia."


def test_unchanged_milestones_are_copied_into_the_new_version(db_session):
    commitment = draft_with_versions(1)
    second = save(commitment, fields={"problem": "Otro problema."})
    first = commitment.versions[0]
    assert [MilestoneData.of(m) for m in second.milestones] == [
        MilestoneData.of(m) for m in first.milestones]
    assert [ContactData.of(c) for c in second.contacts] == [
        ContactData.of(c) for c in first.contacts]
    assert {m.version_id for m in second.milestones} == {second.id}


def test_the_audit_event_names_the_versions_and_the_changed_fields(db_session):
    commitment = draft_with_versions(1)
    editor = moderator()
    save(commitment, actor=editor, fields={"title": "Otro", "problem": "Otro problema."},
         milestones=MILESTONES[:1])
    [first, second] = audit_events("commitment.version")
    assert first.before == {"version": None}
    assert first.after["version"] == 1
    assert second.actor_id == editor.id
    assert second.target_type == "commitments" and second.target_id == commitment.id
    assert second.before == {"version": 1}
    assert second.after == {"version": 2, "changed": ["title", "problem", "milestones"]}


def test_a_stale_base_is_refused(db_session):
    commitment = draft_with_versions(2)
    with pytest.raises(versions.StaleVersion) as refused:
        save(commitment, base=1, fields={"problem": "Mi cambio."})
    assert (refused.value.base, refused.value.latest) == (1, 2)
    assert "versión 2" in str(refused.value)
    db.session.rollback()
    assert versions.latest_number(commitment) == 2
    assert len(audit_events("commitment.version")) == 2


def test_a_base_from_the_future_is_refused_too(db_session):
    commitment = draft_with_versions(1)
    with pytest.raises(versions.StaleVersion):
        save(commitment, base=5)


def test_a_save_without_changes_is_refused(db_session):
    commitment = draft_with_versions(1)
    with pytest.raises(Invalid, match="No hay cambios"):
        save(commitment, fields={"problem": "Problema, versión 1."}, note="Nada.")
    db.session.rollback()
    assert versions.latest_number(commitment) == 1


def test_milestone_order_does_not_count_as_a_change(db_session):
    commitment = draft_with_versions(1)
    with pytest.raises(Invalid, match="No hay cambios"):
        save(commitment, fields={"problem": "Problema, versión 1."},
             milestones=tuple(reversed(MILESTONES)))


@pytest.mark.parametrize(("change", "field"), [
    ({"fields": {"title": "   "}}, "title"),
    ({"fields": {"title": "x" * 501}}, "title"),
    ({"fields": {"start_date": date(2027, 1, 1), "end_date": date(2026, 1, 1)}}, "end_date"),
    ({"milestones": (MILESTONES[0], MILESTONES[0])}, "milestones"),
    ({"milestones": (replace(MILESTONES[0], number=0),)}, "milestones"),
    ({"milestones": (replace(MILESTONES[0], description=" "),)}, "milestones"),
    ({"milestones": (replace(MILESTONES[0], end_date=date(2020, 1, 1)),)}, "milestones"),
    ({"contacts": (ContactData(""),)}, "contacts"),
    ({"note": "  "}, "change_note"),
])
def test_invalid_versions_are_refused(db_session, change, field):
    commitment = draft_with_versions(1)
    with pytest.raises(Invalid) as refused:
        save(commitment, **change)
    assert refused.value.field == field


def test_unknown_fields_are_a_programming_error(db_session):
    commitment = draft_with_versions(1)
    with pytest.raises(ValueError, match="unknown version fields"):
        save(commitment, fields={"status": "activo"})


@pytest.mark.parametrize("status", [CommitmentStatus.ACTIVE, CommitmentStatus.INACTIVE])
def test_published_commitments_get_no_new_versions(db_session, status):
    commitment = make_draft(status=status)
    with pytest.raises(Conflict, match="ya no es un borrador"):
        save(commitment, base=0)


def test_mark_final(db_session):
    commitment = draft_with_versions(2)
    editor = moderator()
    latest = commitment.versions[-1]
    versions.mark_final(actor=editor, version=latest)
    db.session.commit()
    db.session.expire_all()
    assert [v.is_final for v in commitment.versions] == [False, True]
    [event] = audit_events("commitment.final")
    assert event.actor_id == editor.id and event.target_id == commitment.id
    assert event.before == {"version": 2, "is_final": False}
    assert event.after == {"version": 2, "is_final": True}
    # The commitment stays a draft until the plan is published; later versions are drafts.
    assert commitment.status == CommitmentStatus.DRAFT
    third = save(commitment, fields={"problem": "Después de la final."})
    assert not third.is_final


def test_only_the_newest_version_may_be_marked_final_and_only_once(db_session):
    commitment = draft_with_versions(2)
    first, second = commitment.versions
    with pytest.raises(Conflict, match="Solo la versión más reciente"):
        versions.mark_final(actor=moderator(), version=first)
    versions.mark_final(actor=moderator(), version=second)
    with pytest.raises(Conflict, match="ya está marcada como definitiva"):
        versions.mark_final(actor=moderator(), version=second)


def test_the_orm_refuses_to_change_or_delete_a_version(db_session):
    commitment = draft_with_versions(1)
    version = commitment.versions[0]
    version.problem = "Cambiado a escondidas."
    with pytest.raises(VersionsAreImmutable):
        db.session.flush()
    db.session.rollback()
    version.milestones[0].description = "Cambiado."
    with pytest.raises(VersionsAreImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(version.contacts[0])
    with pytest.raises(VersionsAreImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(version)
    with pytest.raises(VersionsAreImmutable):
        db.session.flush()
    db.session.rollback()
    version.is_final = True  # the one change allowed (through mark_final)
    db.session.flush()
