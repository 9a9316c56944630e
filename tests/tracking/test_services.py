"""The services of implementation tracking: who drafts, who reviews, what is audited, what
the roll-ups count, who is told, and the overdue flags."""

from __future__ import annotations

from datetime import date

import pytest

from participa.base.errors import Conflict, Invalid, NotAllowed
from participa.base.extensions import db
from participa.notifications.following import COMMITMENT, set_following
from participa.tracking import queries, services
from participa.tracking.models import (
    CompletionStatus,
    MilestoneStatus,
    OverdueFlag,
    ProgressUpdate,
    UpdateState,
)

from ..factories import audit_events, make_membership, make_user, notifications_of, the
from .tracked import setup

pytestmark = pytest.mark.usefixtures("db_session")


def _draft(s, number=2, status=CompletionStatus.COMPLETE, **kwargs):
    return services.draft_update(
        author=s.reporter, commitment=s.commitment, milestone_number=number, status=status,
        body="Se publicaron los informes.",
        links=[services.Link("https://minfin.gob.gt/informe", "Informe")], **kwargs)


def test_the_whole_cycle_is_audited_and_sets_the_milestone_status():
    s = setup()
    update = _draft(s)
    assert update.state == UpdateState.DRAFT
    assert [e.url for e in update.evidence] == ["https://minfin.gob.gt/informe"]
    services.submit_update(actor=s.reporter, update=update, row_version=update.row_version)
    assert update.state == UpdateState.IN_REVIEW
    assert [n.kind for n in notifications_of(s.mtga.id)] == [services.UPDATE_SUBMITTED]
    services.return_update(actor=s.mtga, update=update, note="Falta el enlace al acta.")
    assert update.state == UpdateState.RETURNED
    assert [n.kind for n in notifications_of(s.reporter.id)] == [services.UPDATE_RETURNED]
    services.edit_update(editor=s.reporter, update=update, milestone_number=2,
                         status=CompletionStatus.COMPLETE, body="Con el acta.",
                         links=[services.Link("https://minfin.gob.gt/acta", "Acta")])
    services.submit_update(actor=s.reporter, update=update)
    services.publish_update(actor=s.mtga, update=update)
    db.session.commit()
    stored = the(ProgressUpdate, update.id)
    assert stored.state == UpdateState.PUBLISHED and stored.published_at is not None
    assert [e.url for e in stored.evidence] == ["https://minfin.gob.gt/acta"]
    status = db.session.get(MilestoneStatus, (s.commitment.id, 2))
    assert status.status == CompletionStatus.COMPLETE
    assert [e.action for e in audit_events() if e.action.startswith("progress.")] == [
        "progress.draft", "progress.submit", "progress.return", "progress.edit",
        "progress.submit", "progress.publish"]
    publish = audit_events("progress.publish")[0]
    assert publish.actor_id == s.mtga.id
    assert publish.before["milestone_status"] == "no_iniciado"
    assert publish.after["milestone_status"] == "completo"


def test_only_the_institution_drafts_and_only_the_mtga_reviews():
    s = setup()
    with pytest.raises(NotAllowed):
        services.draft_update(author=s.cso, commitment=s.commitment, milestone_number=1,
                              status="limitado", body="No soy de la institución.")
    with pytest.raises(NotAllowed):  # a pending member is not a member
        other = make_user()
        from participa.organizations.models import MembershipStatus
        make_membership(other, s.institution, status=MembershipStatus.PENDING)
        services.draft_update(author=other, commitment=s.commitment, milestone_number=1,
                              status="limitado", body="Pendiente.")
    update = _draft(s)
    with pytest.raises(NotAllowed):
        services.submit_update(actor=s.cso, update=update)
    with pytest.raises(Conflict):  # not in review yet
        services.publish_update(actor=s.mtga, update=update)
    services.submit_update(actor=s.reporter, update=update)
    with pytest.raises(NotAllowed):
        services.publish_update(actor=s.reporter, update=update)
    with pytest.raises(Conflict):  # sent: no more corrections until it is returned
        services.edit_update(editor=s.reporter, update=update, milestone_number=2,
                             status="completo", body="Otra vez.")


def test_bad_input_is_refused_on_its_field():
    s = setup()
    cases = [
        ({"milestone_number": 9}, "milestone"),
        ({"status": "casi"}, "status"),
        ({"body": "  "}, "body"),
        ({"status": "retirado", "withdrawn_reason": ""}, "withdrawn_reason"),
        ({"links": [services.Link("javascript:alert(1)")]}, "links"),
    ]
    for change, field in cases:
        values = {"author": s.reporter, "commitment": s.commitment, "milestone_number": 1,
                  "status": "limitado", "body": "Texto.", **change}
        with pytest.raises(Invalid) as caught:
            services.draft_update(**values)
        assert caught.value.field == field


def test_a_stale_form_is_a_conflict():
    s = setup()
    update = _draft(s)
    version = update.row_version
    services.edit_update(editor=s.reporter, update=update, milestone_number=2,
                         status="completo", body="Primera corrección.", row_version=version)
    with pytest.raises(Conflict):
        services.submit_update(actor=s.reporter, update=update, row_version=version)


def test_rollup_counts_milestones_as_the_irm_does():
    s = setup(count=4)
    for number, status in ((1, "completo"), (2, "completo"), (3, "retirado")):
        update = services.draft_update(
            author=s.reporter, commitment=s.commitment, milestone_number=number,
            status=status, body="Avance.", withdrawn_reason="Ya no aplica.")
        services.submit_update(actor=s.reporter, update=update)
        services.publish_update(actor=s.mtga, update=update)
    rollup = queries.rollups(queries.tracked_milestones([s.commitment.id]),
                             date(2026, 1, 1))[s.commitment.id]
    assert rollup.total == 4 and rollup.withdrawn == 1 and rollup.countable == 3
    assert rollup.complete == 2 and rollup.percent == 67
    assert rollup.level == CompletionStatus.SUBSTANTIAL


@pytest.mark.parametrize(("statuses", "level"), [
    ((), CompletionStatus.NOT_STARTED),
    (("limitado",), CompletionStatus.LIMITED),
    (("sustancial", "sustancial", "sustancial"), CompletionStatus.SUBSTANTIAL),
    (("completo", "completo", "completo"), CompletionStatus.COMPLETE),
    (("retirado", "retirado", "retirado"), None),
])
def test_rollup_levels(statuses, level):
    from participa.tracking.queries import Rollup

    rollup = Rollup()
    for status in statuses:
        rollup.counts[CompletionStatus(status)] += 1
    rollup.counts[CompletionStatus.NOT_STARTED] += 3 - len(statuses)
    assert rollup.level == level


def test_a_published_update_tells_the_institution_and_the_followers():
    s = setup()
    colleague = make_user()
    make_membership(colleague, s.institution)
    listener, stopped = make_user(), make_user()
    set_following(user=listener, target_type=COMMITMENT, target_id=s.commitment.id,
                  active=True)
    set_following(user=stopped, target_type=COMMITMENT, target_id=s.commitment.id,
                  active=False)
    update = _draft(s)
    services.submit_update(actor=s.reporter, update=update)
    services.publish_update(actor=s.mtga, update=update)
    db.session.commit()
    for person in (s.reporter, colleague, listener):
        assert services.UPDATE_PUBLISHED in [n.kind for n in notifications_of(person.id)]
    assert services.UPDATE_PUBLISHED not in [n.kind for n in notifications_of(s.mtga.id)]
    assert notifications_of(stopped.id) == []


def test_overdue_milestones_are_flagged_once():
    s = setup(count=3, ended=2)
    update = services.draft_update(author=s.reporter, commitment=s.commitment,
                                   milestone_number=1, status="completo", body="Hecho.")
    services.submit_update(actor=s.reporter, update=update)
    services.publish_update(actor=s.mtga, update=update)
    flags = services.flag_overdue(today=date(2026, 1, 1))
    db.session.commit()
    assert [(f.milestone_number, f.end_date) for f in flags] == [(2, date(2020, 1, 1))]
    assert services.MILESTONE_OVERDUE in [n.kind for n in notifications_of(s.reporter.id)]
    assert services.MILESTONE_OVERDUE in [n.kind for n in notifications_of(s.mtga.id)]
    assert services.flag_overdue(today=date(2026, 1, 2)) == []
    assert db.session.query(OverdueFlag).count() == 1


def test_the_flag_command_runs(app, runner):
    with app.app_context():
        setup(count=2, ended=1)
    result = runner.invoke(args=["tracking", "flag-overdue", "--today", "2026-01-01"])
    assert result.exit_code == 0, result.output
    assert "1 overdue" in result.output


def test_every_notification_reads_well(app):
    from participa.notifications.services import message_for

    params = {"update_id": 1, "commitment_id": 1, "commitment": "Presupuesto abierto",
              "code": "", "milestone": 2, "status": "completo", "end_date": "2020-01-01"}
    with app.test_request_context("/"):
        texts = {kind: message_for(kind, params) for kind in (
            services.UPDATE_SUBMITTED, services.UPDATE_PUBLISHED, services.UPDATE_RETURNED,
            services.MILESTONE_OVERDUE)}
    assert all("Presupuesto abierto" in text and "2" in text for text in texts.values())
    assert "1 de enero de 2020" in texts[services.MILESTONE_OVERDUE]
    assert "Completo" in texts[services.UPDATE_PUBLISHED]
