"""Who may do what on every route of the vote and the publication: anonymous, unconfirmed,
deleted, participant, moderator and admin. The route list comes from ``app.url_map``, so a
new route of these features cannot escape the matrix."""

from __future__ import annotations

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.consultations import publication
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.plans.models import Commitment
from participa.voting.models import Vote

from ..factories import audit_events, login_as
from ..pages import html
from .conftest import ROLES, make_draft, round_in

LOGIN = "/cuenta/entrar"

# endpoint -> (method, url, {role: expected status}); "login" is the redirect to log in.
EVERYONE_READS = {role: 200 for role in ROLES}
PARTICIPANTS_ACT = {"anonymous": "login", "unconfirmed": 403, "deleted": "login",
                    "participant": 303, "moderator": 303, "admin": 303}
# The MTGA publishes its plan: moderators and administrators (issue 15, item 6).
MTGA_GET = {"anonymous": "login", "unconfirmed": 403, "deleted": "login",
            "participant": 403, "moderator": 200, "admin": 200}
MTGA_POST = {**MTGA_GET, "moderator": 303, "admin": 303}
ROUTES = {
    ("voting.ballot", "GET"): ("/consultas/{vote_round}/priorizacion", EVERYONE_READS),
    ("voting.vote", "POST"): ("/consultas/{vote_round}/priorizacion/{draft}/votar",
                              PARTICIPANTS_ACT),
    ("voting.unvote", "POST"): ("/consultas/{vote_round}/priorizacion/{draft}/retirar-voto",
                                PARTICIPANTS_ACT),
    ("consultations_admin.publish", "GET"): ("/admin/consultas/{publication_round}/publicar",
                                             MTGA_GET),
    ("consultations_admin.publish", "POST"): ("/admin/consultas/{publication_round}/publicar",
                                              MTGA_POST),
    ("publication.document", "GET"): ("/planes/{plan}/documento", EVERYONE_READS),
}


@pytest.fixture
def world(app, people):
    with app.app_context():
        vote_round = round_in(PhaseKind.VOTE)
        draft = make_draft(vote_round)
        publication_round = round_in(PhaseKind.PUBLICATION)
        make_draft(publication_round, final=True)
        return {**people, "vote_round": vote_round.id, "draft": draft.id,
                "publication_round": publication_round.id,
                "plan": publication_round.plan_id}


def test_the_matrix_covers_every_route(app):
    covered = {endpoint for endpoint, _method in ROUTES}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("voting.")}
    assert endpoints | {"consultations_admin.publish", "publication.document"} == covered
    for rule in app.url_map.iter_rules():
        if rule.endpoint in covered:
            methods = rule.methods - {"HEAD", "OPTIONS"}
            assert {(rule.endpoint, m) for m in methods} <= set(ROUTES), rule


def _state(app) -> tuple:
    with app.app_context():
        return (
            db.session.scalar(db.select(db.func.count(Vote.id))),
            [c.vote_count for c in db.session.scalars(db.select(Commitment)
                                                      .order_by(Commitment.id))],
            [(r.id, r.published_at) for r in db.session.scalars(
                db.select(ConsultationRound).order_by(ConsultationRound.id))],
            len(audit_events()),
        )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(ROUTES), ids=lambda r: f"{r[0]}-{r[1]}")
def test_permission_matrix(client, app, world, route, role):
    endpoint, method = route
    template, expected = ROUTES[route]
    if endpoint == "publication.document":  # the document exists once the plan is published
        with app.app_context():
            publication.publish_plan(
                actor=db.session.get(User, world["admin"]),
                round=db.session.get(ConsultationRound, world["publication_round"]))
            db.session.commit()
    if role == "deleted":  # a deleted account cannot log in: it is anonymous
        response = client.post(LOGIN, data={"email": "deleted@example.org",
                                            "password": "x" * 12})
        assert response.status_code != 302
    else:
        login_as(client, role)
    before = _state(app)
    url = template.format(**world)
    response = client.get(url) if method == "GET" else client.post(url)
    status = expected[role]
    if status == "login":
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"{LOGIN}?next=")
    else:
        assert response.status_code == status, html(response)[:2000]
    if method == "POST" and status != 303:
        assert _state(app) == before
    if status == 403 and endpoint.startswith("voting."):
        assert "Confirme su correo electrónico" in html(response)


# The pure functions -----------------------------------------------------------------------


@pytest.mark.parametrize("visibility, offset, visible", [
    ("al_cierre", "before", False), ("al_cierre", "start", False),
    ("al_cierre", "last_moment", False), ("al_cierre", "end", True),
    ("en_vivo", "before", False), ("en_vivo", "start", True),
    ("en_vivo", "last_moment", True), ("en_vivo", "end", True),
])
def test_results_visible(db_session, visibility, offset, visible):
    from datetime import timedelta

    from participa.consultations.models import ResultsVisibility
    from participa.voting import permissions

    round_ = round_in(PhaseKind.VOTE, visibility=ResultsVisibility(visibility))
    phase = next(p for p in round_.phases if p.kind == PhaseKind.VOTE)
    now = {"before": phase.starts_at - timedelta(seconds=1), "start": phase.starts_at,
           "last_moment": phase.ends_at - timedelta(microseconds=1),
           "end": phase.ends_at}[offset]
    assert permissions.results_visible(round_, now) is visible
    # Votes are open from the start (inclusive) to the end (exclusive).
    assert permissions.votes_open(round_, now) is (offset in ("start", "last_moment"))


def test_who_may_vote(db_session, people):
    from participa.voting import permissions

    round_ = round_in(PhaseKind.VOTE)
    draft = make_draft(round_)
    for who, allowed in [("participant", True), ("admin", True), ("moderator", True),
                         ("unconfirmed", False), ("deleted", False)]:
        assert permissions.can_vote(db.session.get(User, people[who]), round_) is allowed, who
    assert not permissions.can_vote(None, round_)
    assert permissions.is_candidate(draft, round_)
    assert not permissions.is_candidate(draft, round_in(PhaseKind.VOTE))
    closed = round_in(PhaseKind.PUBLICATION)
    assert not permissions.can_vote(db.session.get(User, people["participant"]), closed)
