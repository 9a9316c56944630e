"""The comment services: threads and their depth, anchors, organisations, stance, edits
with their revisions, and the phases, called directly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from participa.accounts.models import User
from participa.base.errors import Conflict, Invalid, NotAllowed
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments import permissions, services
from participa.comments.models import BODY_MAX, Comment, CommentRevision, Stance
from participa.consultations.phases import PhaseClosed
from participa.organizations.models import Organization
from participa.plans.models import Commitment, CommitmentVersion
from participa.proposals.models import Proposal

from .conftest import add_version, comments


def _get(model, key):
    return db.session.get(model, key)


def _post(world, who="other", body="Un comentario.", **kwargs) -> Comment:
    target = kwargs.pop("target", None)
    if target is None:
        kwargs.setdefault("proposal", _get(Proposal, world["proposal"]))
    comment = services.post_comment(author=_get(User, world[who]), body=body, **kwargs)
    db.session.commit()
    return comment


def _reply(world, parent, who="member", body="Una respuesta.", **kwargs) -> Comment:
    reply = services.post_reply(author=_get(User, world[who]), parent=parent, body=body,
                                **kwargs)
    db.session.commit()
    return reply


def test_replies_nest_three_levels_and_deeper_ones_attach_beside(db_session, world):
    root = _post(world)
    first = _reply(world, root)
    second = _reply(world, first, who="other")
    third = _reply(world, second, who="third", body="Respuesta a la respuesta de la respuesta.")
    assert (root.depth, first.depth, second.depth, third.depth) == (0, 1, 2, 2)
    assert first.parent_id == root.id
    assert second.parent_id == first.id
    # A reply to a depth-2 comment attaches to that comment's parent, beside it.
    assert third.parent_id == first.id
    assert services.reply_parent(second).id == first.id
    assert services.reply_parent(first).id == first.id
    assert all(c.proposal_id == world["proposal"] for c in (first, second, third))
    assert max(c.depth for c in comments()) == permissions.MAX_DEPTH


def test_replies_take_no_stance_and_keep_their_parents_anchor(db_session, world):
    version = _get(CommitmentVersion, world["version1"])
    root = _post(world, target="version", version=version, milestone_number=2,
                 stance=Stance.AGAINST)
    reply = _reply(world, root)
    assert reply.version_id == version.id and reply.proposal_id is None
    assert reply.milestone_number == 2 and reply.section is None
    assert reply.stance is None
    assert root.stance == Stance.AGAINST


def test_body_is_cleaned_and_checked(db_session, world):
    comment = _post(world, body="  Uno\r\ndos\x00\x07\x9b tres\t\x85cuatro\x80  ")
    assert comment.body == "Uno\ndos tres\t\ncuatro"
    for body in ("", "   \n  ", "\x00", "\x9f\x85"):
        with pytest.raises(Invalid) as error:
            _post(world, body=body)
        assert error.value.field == "body"
    db.session.rollback()
    assert len(_post(world, body="x" * BODY_MAX).body) == BODY_MAX
    with pytest.raises(Invalid, match="4000"):
        _post(world, body="x" * (BODY_MAX + 1))


def test_stance_is_optional(db_session, world):
    assert _post(world).stance is None
    assert _post(world, stance="a_favor").stance == Stance.FOR
    assert _post(world, stance=Stance.NEUTRAL).stance == Stance.NEUTRAL
    with pytest.raises(ValueError):
        _post(world, stance="quizas")


def test_on_behalf_of_an_organisation_only_with_can_act_for(db_session, world):
    cso = _get(Organization, world["cso"])
    comment = _post(world, who="member", organization=cso)
    assert comment.organization_id == cso.id
    reply = _reply(world, comment, who="member", organization=cso)
    assert reply.organization_id == cso.id
    for who, key in [("member", "unverified"), ("member", "pending"),
                     ("member", "stranger_org"), ("other", "cso")]:
        with pytest.raises(Invalid) as error:
            _post(world, who=who, organization=_get(Organization, world[key]))
        assert error.value.field == "organization"
        db.session.rollback()


def test_anchors_on_a_draft(db_session, world):
    version = _get(CommitmentVersion, world["version1"])
    section = _post(world, target="version", version=version, section="problem")
    milestone = _post(world, target="version", version=version, milestone_number=3)
    general = _post(world, target="version", version=version)
    assert (section.section, section.milestone_number) == ("problem", None)
    assert (milestone.section, milestone.milestone_number) == (None, 3)
    assert (general.section, general.milestone_number) == (None, None)
    for kwargs in ({"section": "no_existe"}, {"milestone_number": 9},
                   {"section": "problem", "milestone_number": 1}):
        with pytest.raises(Invalid) as error:
            _post(world, target="version", version=version, **kwargs)
        assert error.value.field == "anchor"
        db.session.rollback()
    with pytest.raises(Invalid):
        _post(world, section="problem")  # a proposal has no sections


def test_new_comments_go_on_the_newest_version_and_replies_stay_on_theirs(
    db_session, world
):
    commitment = _get(Commitment, world["draft"])
    first = _get(CommitmentVersion, world["version1"])
    root = _post(world, target="version", version=first, milestone_number=2)
    add_version(commitment, 2)
    with pytest.raises(Conflict, match="versión 2"):
        _post(world, target="version", version=first)
    db.session.rollback()
    reply = _reply(world, _get(Comment, root.id))
    assert reply.version_id == first.id


def test_proposal_comments_follow_the_proposals_and_review_phases(db_session, world):
    assert _post(world, proposal=_get(Proposal, world["proposal"]))
    assert _post(world, proposal=_get(Proposal, world["review_proposal"]))
    for key in ("future_proposal", "draft_proposal"):
        with pytest.raises(PhaseClosed) as error:
            _post(world, proposal=_get(Proposal, world[key]))
        assert isinstance(error.value, permissions.ProposalCommentsClosed)
        assert "Propuestas" in str(error.value) and "Revisión" in str(error.value)
        db.session.rollback()
    with pytest.raises(Conflict, match="retirada"):
        _post(world, proposal=_get(Proposal, world["withdrawn"]))


def test_draft_comments_only_in_the_comments_phase_and_on_drafts(db_session, world):
    for key in ("future_draft", "vote_draft"):
        version = _get(Commitment, world[key]).versions[0]
        with pytest.raises(PhaseClosed):
            _post(world, target="version", version=version)
        db.session.rollback()
    active = _get(Commitment, world["active"]).versions[0]
    with pytest.raises(Conflict, match="borradores"):
        _post(world, target="version", version=active)
    db.session.rollback()
    outside = _get(Commitment, world["draft"])
    outside.round_id = None
    db.session.commit()
    with pytest.raises(Conflict, match="consulta"):
        _post(world, target="version", version=outside.versions[0])


def test_replies_follow_the_phase_of_their_page(db_session, world):
    root = _post(world)
    later = utcnow() + timedelta(days=60)
    with pytest.raises(PhaseClosed):
        services.post_reply(author=_get(User, world["member"]), parent=root, body="Tarde.",
                            now=later)


def test_unconfirmed_and_deleted_people_cannot_comment(db_session, world):
    with pytest.raises(NotAllowed, match="Confirme"):
        _post(world, who="unconfirmed")
    db.session.rollback()
    deleted = _get(User, world["other"])
    deleted.deleted_at = utcnow()
    db.session.commit()
    with pytest.raises(NotAllowed, match="eliminada"):
        _post(world, who="other")


def test_edit_keeps_every_earlier_text(db_session, world):
    comment = _post(world, body="Primera redacción.")
    written = comment.created_at
    editor = _get(User, world["other"])
    assert services.edit_comment(editor=editor, comment=comment, body="Segunda redacción.")
    db.session.commit()
    first_edit = comment.edited_at
    assert services.edit_comment(editor=editor, comment=comment, body="Tercera redacción.")
    db.session.commit()
    assert comment.body == "Tercera redacción."
    revisions = db.session.scalars(
        db.select(CommentRevision).order_by(CommentRevision.id)
    ).all()
    assert [r.body for r in revisions] == ["Primera redacción.", "Segunda redacción."]
    assert revisions[0].created_at == written
    assert revisions[1].created_at == first_edit
    assert revisions[0].replaced_at == first_edit
    # The same text again changes nothing.
    assert not services.edit_comment(editor=editor, comment=comment,
                                     body=" Tercera redacción.\n")
    db.session.commit()
    assert len(_get(Comment, comment.id).revisions) == 2


def test_edit_only_by_the_author_within_the_window(app, db_session, world):
    comment = _post(world)
    with pytest.raises(NotAllowed, match="Solo quien"):
        services.edit_comment(editor=_get(User, world["member"]), comment=comment, body="No.")
    db.session.rollback()
    late = comment.created_at + timedelta(seconds=901)
    with pytest.raises(Conflict, match="15 minutos"):
        services.edit_comment(editor=_get(User, world["other"]), comment=comment, body="Tarde.",
                              now=late)
    db.session.rollback()
    app.config["COMMENT_EDIT_SECONDS"] = 60
    just_late = comment.created_at + timedelta(seconds=61)
    with pytest.raises(Conflict, match="1 minuto "):
        services.edit_comment(editor=_get(User, world["other"]), comment=comment,
                              body="Tarde.", now=just_late)
    db.session.rollback()
    assert services.edit_comment(editor=_get(User, world["other"]), comment=comment,
                                 body="A tiempo.", now=comment.created_at + timedelta(seconds=59))
