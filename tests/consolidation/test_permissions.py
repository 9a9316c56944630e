"""Every route of the moderators' workspace refuses everyone but moderators and
administrators (the route list comes from the app's URL map, so a new route cannot escape),
changes nothing for them, and is never cached."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.audit.models import AuditEvent
from participa.base.extensions import db
from participa.plans.models import Commitment

from ..factories import audit_events, login_as
from ..pages import html
from .conftest import links, responses

LOGIN = "/cuenta/entrar"

# endpoint -> GET url (None: POST only)
GETS = {
    "consolidation.index": "/moderacion/",
    "consolidation.workspace": "/moderacion/consultas/{round}",
    "consolidation.compare": "/moderacion/consultas/{round}/comparar?p={p0}&p={p1}",
    "consolidation.new_draft": "/moderacion/consultas/{round}/borradores/nuevo?p={p0}",
    "consolidation.attach": "/moderacion/consultas/{round}/vincular?p={p0}",
    "consolidation.respond": "/moderacion/propuestas/{p0}/respuesta",
    "consolidation.publish": "/moderacion/consultas/{round}/publicar",
    "consolidation.detach": None,
}
# endpoint -> (POST url, form data)
POSTS = {
    "consolidation.new_draft": ("/moderacion/consultas/{round}/borradores/nuevo",
                                {"p": ["{p0}", "{p1}"], "title": "Compromiso colado"}),
    "consolidation.attach": ("/moderacion/consultas/{round}/vincular",
                             {"p": ["{p0}"], "commitment": "{draft}"}),
    "consolidation.respond": ("/moderacion/propuestas/{p0}/respuesta",
                              {"decision": "no_incorporada", "reason": "Colado"}),
    "consolidation.detach": ("/moderacion/propuestas/{p0}/compromisos/{draft}/desvincular", {}),
    "consolidation.publish": ("/moderacion/consultas/{round}/publicar", {}),
}


def _values(world, draft_id) -> dict:
    return {"round": world["round"], "p0": world["proposals"][0],
            "p1": world["proposals"][1], "draft": draft_id}


@pytest.fixture
def draft(app, world) -> int:
    """A draft with P1 linked and a prepared response to P2, so posts have something to
    change."""
    from participa.consolidation import services
    from participa.consultations.models import ConsultationRound
    from participa.proposals.models import Proposal

    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first = db.session.get(Proposal, world["proposals"][0])
        second = db.session.get(Proposal, world["proposals"][1])
        commitment = services.create_draft(actor=moderator, round=round_, proposals=[first],
                                           title="Compras abiertas")
        services.prepare_response(actor=moderator, proposal=second, decision="no_incorporada",
                                  reason="Ya existe.", commitment=None)
        db.session.commit()
        return commitment.id


def _state(app):
    with app.app_context():
        return (
            links(),
            {pid: (r.decision.value, r.reason, r.published_at) for pid, r in responses().items()},
            db.session.scalar(sa.select(sa.func.count(Commitment.id))),
            db.session.scalar(sa.select(sa.func.count(AuditEvent.id))),
        )


def test_the_matrix_covers_every_moderation_route(app):
    rules = list(app.url_map.iter_rules())
    # Under /moderacion, everything but content moderation (its own blueprints, with their
    # own matrix in tests/moderation/test_permissions.py) is the workspace.
    assert {r.endpoint for r in rules if r.rule.startswith("/moderacion")
            and not r.endpoint.startswith(("moderation.", "moderation_public."))} == set(GETS)
    assert {r.endpoint for r in rules if r.endpoint.startswith("consolidation.")} == set(GETS)
    for rule in rules:
        if rule.endpoint in GETS and GETS[rule.endpoint] is None:
            assert "GET" not in rule.methods
        if "POST" in rule.methods and rule.endpoint.startswith("consolidation."):
            assert rule.endpoint in POSTS


@pytest.mark.parametrize("role", ["anonymous", "participant", "translator", "moderator",
                                  "admin"])
@pytest.mark.parametrize("endpoint", sorted(e for e, url in GETS.items() if url))
def test_only_moderators_and_admins_get_in(client, world, draft, endpoint, role):
    login_as(client, role)
    response = client.get(GETS[endpoint].format(**_values(world, draft)))
    assert response.headers["Cache-Control"] == "no-store"
    if role == "anonymous":
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"{LOGIN}?next=")
    elif role in ("participant", "translator"):
        assert response.status_code == 403
    else:
        assert response.status_code == 200, html(response)


@pytest.mark.parametrize("role", ["anonymous", "participant", "translator"])
@pytest.mark.parametrize("endpoint", sorted(POSTS))
def test_others_change_nothing(client, app, world, draft, endpoint, role):
    login_as(client, role)
    values = _values(world, draft)
    url, data = POSTS[endpoint]
    data = {key: ([v.format(**values) for v in value] if isinstance(value, list)
                  else value.format(**values)) for key, value in data.items()}
    before = _state(app)
    response = client.post(url.format(**values), data=data)
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert _state(app) == before


def test_posts_need_the_csrf_token(client, app, world, draft):
    login_as(client, "moderator")
    before = _state(app)
    response = client.post(f"/moderacion/consultas/{world['round']}/publicar", csrf=False)
    assert response.status_code == 400
    assert _state(app) == before


def test_the_public_pages_say_nothing_of_the_workspace_to_others(client, world, draft):
    page = html(client.get(f"/consultas/{world['round']}"))
    assert f"/consultas/{world['round']}/informe" in page
    assert "/moderacion" not in page
    login_as(client, "participant")
    assert "/moderacion" not in html(client.get(f"/consultas/{world['round']}"))
    assert "/moderacion" not in html(client.get(f"/propuestas/{world['proposals'][0]}"))


def test_moderators_find_the_workspace(client, world, draft):
    login_as(client, "moderator")
    home = html(client.get("/"))
    assert 'href="/moderacion/"' in home
    assert f'href="/moderacion/consultas/{world["round"]}"' in html(
        client.get(f"/consultas/{world['round']}"))
    index = html(client.get("/moderacion/"))
    assert f'href="/moderacion/consultas/{world["round"]}"' in index


def test_audit_events_name_the_moderator(app, world, draft):
    with app.app_context():
        events = audit_events()
        assert [e.action for e in events] == ["draft.create", "response.prepare"]
        assert {e.actor_id for e in events} == {world["moderator"]}
