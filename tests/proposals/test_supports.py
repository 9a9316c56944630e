"""Supporting a proposal and taking the support back: forms without JavaScript, JSON for
static/js/support.js, one support per person, the round's limit, the phase, the recount."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.errors import Conflict
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.proposals import services
from participa.proposals.models import Proposal, Support

from ..factories import login_as, make_open_round, make_proposal, make_support, make_user
from ..pages import html
from .world import count_of, supports_of, world_fixture  # noqa: F401

JSON = {"Accept": "application/json"}


@pytest.fixture
def proposal(app, world) -> int:
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        return make_proposal(round_, db.session.get(User, world["author"])).id


def _proposal_in(app, world, which: str) -> int:
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world[which])
        return make_proposal(round_, db.session.get(User, world["author"])).id


def test_support_and_take_it_back_without_javascript(client, world, proposal):
    login_as(client, "other")
    page = html(client.get(f"/propuestas/{proposal}"))
    assert f'action="/propuestas/{proposal}/apoyar"' in page
    assert "Apoyar esta propuesta" in page and "0 apoyos" in page
    assert re.search(r'<script src="/static/js/support.js\?v=[0-9a-f]{12}" defer>', page)

    response = client.post(f"/propuestas/{proposal}/apoyar")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/propuestas/{proposal}"
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "Apoyó esta propuesta." in page
    assert "1 apoyo" in page and "Retirar mi apoyo" in page
    assert f'action="/propuestas/{proposal}/retirar-apoyo"' in page
    with client.application.app_context():
        assert supports_of(proposal) == 1 and count_of(proposal) == 1

    response = client.post(f"/propuestas/{proposal}/retirar-apoyo")
    assert response.status_code == 303
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "Retiró su apoyo." in page and "0 apoyos" in page
    with client.application.app_context():
        assert supports_of(proposal) == 0 and count_of(proposal) == 0


def test_supporting_twice_keeps_one_support(client, world, proposal):
    login_as(client, "other")
    client.post(f"/propuestas/{proposal}/apoyar")
    response = client.post(f"/propuestas/{proposal}/apoyar")
    assert response.status_code == 303
    assert "Ya apoyaba esta propuesta." in html(client.get(f"/propuestas/{proposal}"))
    client.post(f"/propuestas/{proposal}/retirar-apoyo")
    response = client.post(f"/propuestas/{proposal}/retirar-apoyo")
    assert response.status_code == 303
    assert "No apoyaba esta propuesta." in html(client.get(f"/propuestas/{proposal}"))
    with client.application.app_context():
        assert supports_of(proposal) == 0 and count_of(proposal) == 0


def test_json_answers_for_javascript(client, world, proposal):
    login_as(client, "other")
    response = client.post(f"/propuestas/{proposal}/apoyar", headers=JSON)
    assert response.status_code == 200
    data = response.get_json()
    assert data["supported"] is True and data["count"] == 1
    assert data["count_text"] == "1 apoyo"
    assert data["action"] == f"/propuestas/{proposal}/retirar-apoyo"
    assert data["button"] == "Retirar mi apoyo"
    data = client.post(f"/propuestas/{proposal}/apoyar", headers=JSON).get_json()
    assert data["supported"] is True and data["count"] == 1
    data = client.post(f"/propuestas/{proposal}/retirar-apoyo", headers=JSON).get_json()
    assert data == {
        "supported": False, "count": 0, "count_text": "0 apoyos",
        "message": "Retiró su apoyo.", "action": f"/propuestas/{proposal}/apoyar",
        "button": "Apoyar esta propuesta",
    }


def test_next_goes_back_to_a_page_of_this_site_only(client, world, proposal):
    login_as(client, "other")
    response = client.post(f"/propuestas/{proposal}/apoyar",
                           data={"next": "/consultas/1/propuestas?orden=apoyos"})
    assert response.headers["Location"] == "/consultas/1/propuestas?orden=apoyos"
    for target in ("https://evil.example/", "//evil.example", "javascript:alert(1)"):
        response = client.post(f"/propuestas/{proposal}/retirar-apoyo", data={"next": target})
        assert response.headers["Location"] == f"/propuestas/{proposal}", target


def test_the_author_cannot_support_their_own_proposal(client, world, proposal):
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "/apoyar" not in page and "Es su propuesta" in page
    response = client.post(f"/propuestas/{proposal}/apoyar")
    assert response.status_code == 403
    assert "No puede apoyar su propia propuesta." in html(response)
    assert client.post(f"/propuestas/{proposal}/apoyar", headers=JSON).get_json()["error"] \
        == 403
    with client.application.app_context():
        assert supports_of(proposal) == 0


def test_anonymous_and_unconfirmed_are_refused(client, world, proposal):
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "Inicie sesión para apoyar esta propuesta." in page
    response = client.post(f"/propuestas/{proposal}/apoyar")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/cuenta/entrar")
    login_as(client, "unconfirmed")
    assert "Confirme su correo electrónico para apoyar" in html(
        client.get(f"/propuestas/{proposal}"))
    assert client.post(f"/propuestas/{proposal}/apoyar").status_code == 403
    with client.application.app_context():
        assert supports_of(proposal) == 0


def test_csrf_and_method_are_enforced(client, world, proposal):
    login_as(client, "other")
    assert client.post(f"/propuestas/{proposal}/apoyar", csrf=False).status_code == 400
    assert client.get(f"/propuestas/{proposal}/apoyar").status_code == 405
    assert client.post("/propuestas/9999/apoyar").status_code == 404
    with client.application.app_context():
        assert supports_of(proposal) == 0


@pytest.mark.parametrize("which", ["future", "review"])
def test_outside_the_phase_a_forged_post_is_refused(client, world, which):
    proposal_id = _proposal_in(client.application, world, which)
    with client.application.app_context():
        make_support(db.session.get(Proposal, proposal_id), db.session.get(User, world["third"]))
    login_as(client, "other")
    page = html(client.get(f"/propuestas/{proposal_id}"))
    assert "/apoyar" not in page and "Inicie sesión" not in page
    response = client.post(f"/propuestas/{proposal_id}/apoyar")
    assert response.status_code == 409
    assert "Propuestas" in html(response)
    response = client.post(f"/propuestas/{proposal_id}/apoyar", headers=JSON)
    assert response.status_code == 409 and "message" in response.get_json()
    client.post("/cuenta/salir")
    login_as(client, "third")
    assert "/retirar-apoyo" not in html(client.get(f"/propuestas/{proposal_id}"))
    assert client.post(f"/propuestas/{proposal_id}/retirar-apoyo").status_code == 409
    with client.application.app_context():
        assert supports_of(proposal_id) == 1 and count_of(proposal_id) == 1


def test_the_rounds_limit(client, world):
    with client.application.app_context():
        round_ = make_open_round(PhaseKind.PROPOSALS, max_supports_per_user=2)
        round_id = round_.id
        author = db.session.get(User, world["author"])
        ids = [make_proposal(round_, author).id for _ in range(3)]
        other_round = make_open_round()
        elsewhere = make_proposal(other_round, author).id
    limit = "Cada persona puede apoyar hasta 2 propuestas en esta consulta."
    assert limit in html(client.get(f"/consultas/{round_id}"))  # also before signing in
    login_as(client, "other")
    page = html(client.get(f"/propuestas/{ids[0]}"))
    assert f"{limit} Le quedan 2 apoyos en esta consulta." in page
    assert f"{limit} Le quedan 2 apoyos en esta consulta." in html(
        client.get(f"/consultas/{round_id}"))
    assert client.post(f"/propuestas/{ids[0]}/apoyar").status_code == 303
    assert "Le queda 1 apoyo en esta consulta." in html(client.get(f"/propuestas/{ids[1]}"))
    assert client.post(f"/propuestas/{ids[1]}/apoyar").status_code == 303
    # At the limit the pages say so, and the third proposal offers no button.
    assert "Le quedan 0 apoyos en esta consulta." in html(client.get(f"/consultas/{round_id}"))
    page = html(client.get(f"/propuestas/{ids[2]}"))
    assert "Apoyar esta propuesta" not in page and f"/propuestas/{ids[2]}/apoyar" not in page
    assert "Ya dio los 2 apoyos que permite esta consulta." in page
    response = client.post(f"/propuestas/{ids[2]}/apoyar")
    assert response.status_code == 409
    assert "Ya dio los 2 apoyos que permite esta consulta." in html(response)
    response = client.post(f"/propuestas/{ids[2]}/apoyar", headers=JSON)
    assert response.status_code == 409
    assert response.get_json()["title"] == "Ya dio todos sus apoyos en esta consulta"
    # Supporting again one already supported is not refused; another round is unaffected.
    assert client.post(f"/propuestas/{ids[0]}/apoyar").status_code == 303
    assert client.post(f"/propuestas/{elsewhere}/apoyar").status_code == 303
    # Taking one back frees a place.
    client.post(f"/propuestas/{ids[0]}/retirar-apoyo")
    assert client.post(f"/propuestas/{ids[2]}/apoyar").status_code == 303
    with client.application.app_context():
        assert [supports_of(i) for i in ids] == [0, 1, 1]


def test_the_limit_message_for_one_support(client, world):
    with client.application.app_context():
        round_ = make_open_round(PhaseKind.PROPOSALS, max_supports_per_user=1)
        author = db.session.get(User, world["author"])
        first, second = make_proposal(round_, author).id, make_proposal(round_, author).id
    login_as(client, "other")
    client.post(f"/propuestas/{first}/apoyar")
    assert "Ya dio el único apoyo que permite esta consulta." in html(
        client.post(f"/propuestas/{second}/apoyar"))


def test_the_service_treats_a_duplicate_insert_as_already_supported(db_session, world,
                                                                     proposal):
    """The pre-check misses a support committed by a simultaneous request: the UNIQUE
    constraint refuses the row, the savepoint keeps the session, the count is untouched."""
    item = db_session.get(Proposal, proposal)
    user = db_session.get(User, world["other"])
    original = services.has_supported
    services.has_supported = lambda *_args: False
    try:
        make_support(item, user)
        assert services.support_proposal(user=user, proposal=item) is False
        db_session.commit()
    finally:
        services.has_supported = original
    assert supports_of(proposal) == 1 and count_of(proposal) == 1


def test_support_on_a_proposal_withdrawn_meanwhile_is_refused(db_session, world, proposal):
    """The increment re-checks the status: a withdrawal that got in after the view's check
    refuses the support."""
    item = db_session.get(Proposal, proposal)
    user = db_session.get(User, world["other"])
    item.status  # noqa: B018 - loaded as published
    db_session.execute(sa.update(Proposal).where(Proposal.id == proposal)
                       .values(status="retirada").execution_options(synchronize_session=False))
    with pytest.raises(Conflict, match="retirada"):
        services.support_proposal(user=user, proposal=item)
    db_session.rollback()
    assert supports_of(proposal) == 0


# The recount command -----------------------------------------------------------------------------


def test_recount_rederives_every_count(app, runner, world, proposal):
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        author = db.session.get(User, world["author"])
        other = make_proposal(round_, author).id
        for _ in range(3):
            make_support(db.session.get(Proposal, proposal), make_user())
        make_support(db.session.get(Proposal, other), make_user())
        db.session.execute(sa.update(Proposal).where(Proposal.id == proposal)
                           .values(support_count=99))
        db.session.execute(sa.update(Proposal).where(Proposal.id == other)
                           .values(support_count=0))
        db.session.commit()
    result = runner.invoke(args=["proposals", "recount"])
    assert result.exit_code == 0, result.output
    assert "corregidos: 2" in result.output
    with app.app_context():
        assert count_of(proposal) == 3 and count_of(other) == 1
        assert db.session.scalar(sa.select(sa.func.count(Support.id))) == 4
    assert "corregidos: 0" in runner.invoke(args=["proposals", "recount"]).output
