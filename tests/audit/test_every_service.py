"""The audit guarantee: no code path changes moderator or administrator state without
writing its event. Every service of a moderator or an administrator (found by looking for a
keyword-only ``actor`` or ``moderator`` in the modules below, so a new one cannot escape) is
called with a real setup, and the event with the right action and actor must appear."""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable, Iterator
from datetime import timedelta
from types import ModuleType

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from participa.accounts import services as accounts
from participa.assessments import services as assessments
from participa.assessments.models import AssessmentKind
from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consolidation import services as consolidation
from participa.consultations import publication
from participa.consultations import services as consultations
from participa.consultations.models import PhaseKind
from participa.content.visibility import ModerationState
from participa.moderation import services as moderation
from participa.moderation.models import ReasonTemplate, Report
from participa.organizations import services as organizations
from participa.organizations.models import OrganizationKind
from participa.plans import irm, versions
from participa.plans.models import CommitmentStatus, PlanStatus
from participa.recordings import services as recordings
from participa.recordings.models import Target
from participa.tracking import services as tracking

from ..factories import (
    PASSWORD,
    consecutive_phases,
    make_commitment,
    make_membership,
    make_open_round,
    make_organization,
    make_plan,
    make_proposal,
    make_user,
)
from ..files import samples
from ..tracking.tracked import setup as tracking_setup

MODULES: tuple[ModuleType, ...] = (
    accounts, organizations, consultations, publication, consolidation, versions, moderation,
    tracking, recordings, irm, assessments,
)
ACTOR_PARAMETERS = ("actor", "moderator")
# Services without an actor parameter that still change moderator or admin state.
EXTRA = {accounts.create_admin, moderation.report}


class Env:
    """People, a plan with a round in its publication phase (so every earlier phase is
    over), two proposals and an organisation."""

    def __init__(self) -> None:
        self.admin = make_user(is_admin=True, name="Admin")
        self.moderator = make_user(is_moderator=True, name="Moderadora")
        self.participant = make_user(name="Participante")
        self.author = make_user(name="Autora")
        self.plan = make_plan(status=PlanStatus.IN_CONSULTATION)
        self.round = make_open_round(PhaseKind.PUBLICATION, plan=self.plan)
        self.p1 = make_proposal(self.round, self.author, title="Compras abiertas")
        self.p2 = make_proposal(self.round, self.author, title="Presupuesto abierto")
        self.organization = make_organization(verified=False)

    def draft(self):
        return consolidation.create_draft(actor=self.moderator, round=self.round,
                                          proposals=[self.p1], title="Compras y presupuesto")

    def template(self):
        return moderation.create_template(moderator=self.moderator, title="Spam",
                                          body="Publicidad.")


Case = Callable[[Env], Iterator[None]]


# Each case prepares what the service needs, yields, then calls the service under test.


def _set_roles(env: Env):
    yield
    accounts.set_roles(actor=env.admin, user=env.participant, is_admin=False,
                       is_moderator=True)


def _create_admin(env: Env):
    from participa.accounts import passwords

    yield
    accounts.create_admin(name="Nueva Admin", email="nueva@example.org",
                          password_hash=passwords.hash_password(PASSWORD))


def _decide_membership(env: Env):
    # Someone answers its requests (an organisation without a manager takes none).
    make_membership(make_user(), env.organization, manager=True)
    membership = organizations.request_membership(user=env.participant,
                                                  organization=env.organization)
    yield
    organizations.decide_membership(actor=env.admin, membership=membership, accept=True)


def _add_manager(env: Env):
    yield
    organizations.add_manager(actor=env.admin, organization=env.organization,
                              user=env.participant)


def _create_organization(env: Env):
    yield
    organizations.create_organization(actor=env.admin, name="Acción Ciudadana",
                                      acronym="AC", kind=OrganizationKind.OSC, website=None)


def _update_organization(env: Env):
    yield
    organizations.update_organization(actor=env.admin, organization=env.organization,
                                      name="Otro nombre", acronym=None,
                                      kind=env.organization.kind, website=None)


def _set_verified(env: Env):
    yield
    organizations.set_verified(actor=env.admin, organization=env.organization, verified=True)


def _schedule():
    return consecutive_phases(utcnow() + timedelta(days=30), kinds=[PhaseKind.PROPOSALS])


def _create_round(env: Env):
    yield
    consultations.create_round(actor=env.admin, plan=env.plan, title="Nueva consulta",
                               description=None, max_supports_per_user=None,
                               phases=_schedule())


def _update_round(env: Env):
    round_ = consultations.create_round(actor=env.admin, plan=env.plan, title="Consulta",
                                        description=None, max_supports_per_user=None,
                                        phases=_schedule())
    yield
    consultations.update_round(actor=env.admin, round=round_, plan=env.plan,
                               title="Consulta, con otro título", description=None,
                               max_supports_per_user=None, phases=_schedule())


def _publish_plan(env: Env):
    draft = env.draft()
    versions.mark_final(actor=env.moderator, version=draft.versions[-1])
    yield
    publication.publish_plan(actor=env.admin, round=env.round)


def _create_draft(env: Env):
    yield
    env.draft()


def _attach(env: Env):
    draft = env.draft()
    yield
    consolidation.attach(actor=env.moderator, commitment=draft, proposals=[env.p2])


def _detach(env: Env):
    draft = env.draft()
    yield
    consolidation.detach(actor=env.moderator, commitment=draft, proposal=env.p1)


def _prepare_response(env: Env):
    yield
    consolidation.prepare_response(actor=env.moderator, proposal=env.p2,
                                   decision="no_incorporada", reason="Ya existe.",
                                   commitment=None)


def _correct_response(env: Env):
    consolidation.prepare_response(actor=env.moderator, proposal=env.p2,
                                   decision="no_incorporada", reason="Ya existe.",
                                   commitment=None)
    consolidation.publish_responses(actor=env.moderator, round=env.round)
    yield
    consolidation.prepare_response(actor=env.moderator, proposal=env.p2,
                                   decision="fuera_de_alcance", reason="No es del plan.",
                                   commitment=None)


def _publish_responses(env: Env):
    consolidation.prepare_response(actor=env.moderator, proposal=env.p2,
                                   decision="no_incorporada", reason="Ya existe.",
                                   commitment=None)
    yield
    consolidation.publish_responses(actor=env.moderator, round=env.round)


def _save_version(env: Env):
    draft = env.draft()
    yield
    versions.save_version(actor=env.moderator, commitment=draft, base_number=1,
                          fields={"title": "Compras y presupuesto abiertos"}, milestones=(),
                          contacts=(), change_note="Otro título.")


def _mark_final(env: Env):
    draft = env.draft()
    yield
    versions.mark_final(actor=env.moderator, version=draft.versions[-1])


def _hide(env: Env):
    yield
    moderation.hide(moderator=env.moderator, target=env.p1, reason="Fuera de tema.")


def _auto_hide(env: Env):
    db.session.add_all([Report(reporter_id=make_user().id, proposal_id=env.p1.id,
                               reason="spam") for _ in range(2)])
    yield
    moderation.report(reporter=env.participant, target=env.p1, reason="spam")


def _restore(env: Env):
    moderation.hide(moderator=env.moderator, target=env.p1, reason="Fuera de tema.")
    yield
    moderation.restore(moderator=env.moderator, target=env.p1)


def _dismiss(env: Env):
    moderation.report(reporter=env.participant, target=env.p1, reason="spam")
    yield
    moderation.dismiss_reports(moderator=env.moderator, target=env.p1)


def _approve(env: Env):
    env.p1.moderation_state = ModerationState.PENDING
    yield
    moderation.approve(moderator=env.moderator, target=env.p1)


def _block(env: Env):
    yield
    moderation.block_user(moderator=env.moderator, user=env.author, reason="Insultos.")


def _unblock(env: Env):
    moderation.block_user(moderator=env.moderator, user=env.author, reason="Insultos.")
    yield
    moderation.unblock_user(moderator=env.moderator, user=env.author)


def _create_template(env: Env):
    yield
    env.template()


def _update_template(env: Env):
    template = env.template()
    yield
    moderation.update_template(moderator=env.moderator, template=template, title="Spam",
                               body="Publicidad no solicitada.", is_active=True)


def _delete_template(env: Env):
    template = env.template()
    yield
    moderation.delete_template(moderator=env.moderator, template=template)


def _irm_review(env: Env):
    commitment = make_commitment(env.plan, status=CommitmentStatus.ACTIVE)
    yield
    irm.record_review(actor=env.admin, commitment=commitment, values=irm.IrmValues(),
                      source_url="https://www.opengovpartnership.org/")


# service -> [(case, expected action, who acts: an Env attribute, or None for the system)]
def _tracked_update(*, submitted: bool):
    s = tracking_setup()
    update = tracking.draft_update(author=s.reporter, commitment=s.commitment,
                                   milestone_number=1, status="limitado", body="Avance.")
    if submitted:
        tracking.submit_update(actor=s.reporter, update=update)
    return s, update


def _submit_update(env: Env):
    s, update = _tracked_update(submitted=False)
    env.reporter = s.reporter  # a member of the lead institution
    yield
    tracking.submit_update(actor=s.reporter, update=update)


def _publish_update(env: Env):
    _s, update = _tracked_update(submitted=True)
    yield
    tracking.publish_update(actor=env.moderator, update=update)


def _return_update(env: Env):
    _s, update = _tracked_update(submitted=True)
    yield
    tracking.return_update(actor=env.moderator, update=update, note="Falta el acta.")


def _set_lead_organization(env: Env):
    s = tracking_setup()
    other = make_organization(kind=OrganizationKind.INSTITUCION_PUBLICA)
    yield
    tracking.set_lead_organization(actor=env.moderator, commitment=s.commitment,
                                   organization=other)


def _recording(env: Env):
    return recordings.attach_recording(
        actor=env.moderator, target=Target.COMMITMENT, target_id=env.draft().id, language="es",
        transcript="", upload=FileStorage(stream=io.BytesIO(samples.wav()), filename="a.wav"))


def _attach_recording(env: Env):
    env.draft()
    yield
    _recording(env)


def _hide_recording(env: Env):
    recording = _recording(env)
    yield
    recordings.hide_recording(moderator=env.moderator, recording=recording, reason="Prueba.")


def _assessment(env: Env, *, state: str = "borrador"):
    assessment = assessments.open_assessment(actor=env.moderator, plan=env.plan,
                                             kind=AssessmentKind.MID_TERM, narratives={})
    if state != "borrador":
        assessments.open_comments(actor=env.moderator, assessment=assessment, days=7,
                                  now=utcnow() - timedelta(days=8))
    return assessment


def _open_assessment(env: Env):
    yield
    assessments.open_assessment(actor=env.moderator, plan=env.plan,
                                kind=AssessmentKind.END_OF_TERM, narratives={})


def _save_assessment(env: Env):
    assessment = _assessment(env)
    yield
    assessments.save_version(actor=env.moderator, assessment=assessment, base_number=1,
                             narratives={"lessons": "Lecciones."})


def _open_assessment_comments(env: Env):
    assessment = _assessment(env)
    yield
    assessments.open_comments(actor=env.moderator, assessment=assessment, days=30)


def _publish_assessment(env: Env):
    assessment = _assessment(env, state="en_comentarios")
    yield
    assessments.publish(actor=env.moderator, assessment=assessment)


CASES: dict[Callable, list[tuple[Case, str, str | None]]] = {
    assessments.open_assessment: [(_open_assessment, "assessment.open", "moderator")],
    assessments.save_version: [(_save_assessment, "assessment.version", "moderator")],
    assessments.open_comments: [(_open_assessment_comments, "assessment.comments",
                                 "moderator")],
    assessments.publish: [(_publish_assessment, "assessment.publish", "moderator")],
    accounts.set_roles: [(_set_roles, "user.roles", "admin")],
    accounts.create_admin: [(_create_admin, "user.create_admin", None)],
    organizations.decide_membership: [(_decide_membership, "membership.accept", "admin")],
    organizations.add_manager: [(_add_manager, "membership.manager", "admin")],
    organizations.create_organization: [(_create_organization, "organization.create",
                                         "admin")],
    organizations.update_organization: [(_update_organization, "organization.update",
                                         "admin")],
    organizations.set_verified: [(_set_verified, "organization.verify", "admin")],
    consultations.create_round: [(_create_round, "round.create", "admin")],
    consultations.update_round: [(_update_round, "round.update", "admin")],
    publication.publish_plan: [(_publish_plan, "round.publish", "admin")],
    consolidation.create_draft: [(_create_draft, "draft.create", "moderator")],
    consolidation.attach: [(_attach, "consolidation.attach", "moderator")],
    consolidation.detach: [(_detach, "consolidation.detach", "moderator")],
    consolidation.prepare_response: [
        (_prepare_response, "response.prepare", "moderator"),
        (_correct_response, "response.correct", "moderator"),
    ],
    consolidation.publish_responses: [(_publish_responses, "responses.publish", "moderator")],
    versions.save_version: [(_save_version, "commitment.version", "moderator")],
    versions.mark_final: [(_mark_final, "commitment.final", "moderator")],
    irm.record_review: [(_irm_review, "commitment.irm", "admin")],
    moderation.hide: [(_hide, "moderation.hide", "moderator")],
    moderation.report: [(_auto_hide, "moderation.auto_hide", None)],
    moderation.restore: [(_restore, "moderation.restore", "moderator")],
    moderation.dismiss_reports: [(_dismiss, "moderation.dismiss", "moderator")],
    moderation.approve: [(_approve, "moderation.approve", "moderator")],
    moderation.block_user: [(_block, "user.block", "moderator")],
    moderation.unblock_user: [(_unblock, "user.unblock", "moderator")],
    moderation.create_template: [(_create_template, "reason_template.create", "moderator")],
    moderation.update_template: [(_update_template, "reason_template.update", "moderator")],
    moderation.delete_template: [(_delete_template, "reason_template.delete", "moderator")],
    tracking.submit_update: [(_submit_update, "progress.submit", "reporter")],
    tracking.publish_update: [(_publish_update, "progress.publish", "moderator")],
    tracking.return_update: [(_return_update, "progress.return", "moderator")],
    tracking.set_lead_organization: [(_set_lead_organization, "commitment.lead_organization",
                                      "moderator")],
    recordings.attach_recording: [(_attach_recording, "recording.attach", "moderator")],
    recordings.hide_recording: [(_hide_recording, "recording.hide", "moderator")],
}


def moderator_and_admin_services() -> set[Callable]:
    """Every public function of MODULES with a keyword-only actor or moderator."""
    found = set()
    for module in MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = inspect.signature(function).parameters
            if any(name in parameters
                   and parameters[name].kind == inspect.Parameter.KEYWORD_ONLY
                   for name in ACTOR_PARAMETERS):
                found.add(function)
    return found | EXTRA


def test_every_service_is_in_the_table():
    found = moderator_and_admin_services()
    assert consolidation.publish_responses in found and moderation.hide in found
    missing = {f"{f.__module__}.{f.__name__}" for f in found} - {
        f"{f.__module__}.{f.__name__}" for f in CASES}
    assert not missing, f"add these services to CASES: {sorted(missing)}"


PARAMS = [
    pytest.param(case, action, actor, id=f"{service.__module__.split('.')[-2]}."
                                         f"{service.__name__}:{action}")
    for service, cases in CASES.items()
    for case, action, actor in cases
]


@pytest.mark.parametrize("case, action, actor", PARAMS)
def test_the_service_writes_its_event(db_session, case, action, actor):
    env = Env()
    steps = case(env)
    next(steps)  # what the service needs
    db.session.commit()
    last = db.session.scalar(sa.select(sa.func.max(AuditEvent.id))) or 0
    with pytest.raises(StopIteration):
        next(steps)  # the service under test
    db.session.commit()
    written = list(db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id)))
    assert action in [event.action for event in written], [e.action for e in written]
    event = next(event for event in written if event.action == action)
    expected_actor = getattr(env, actor).id if actor else None
    assert event.actor_id == expected_actor
    assert event.target_type and event.target_id is not None
    assert event.before is not None or event.after is not None


def test_an_unchanged_template_writes_nothing(db_session):
    env = Env()
    template = env.template()
    db.session.commit()
    before = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)))
    assert not moderation.update_template(moderator=env.moderator, template=template,
                                          title="Spam", body="Publicidad.", is_active=True)
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == before
    assert db.session.get(ReasonTemplate, template.id).body == "Publicidad."
