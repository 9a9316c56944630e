"""The author edits a proposal (until the first support or the end of the phase) and
withdraws it (with a reason; it stays visible as withdrawn)."""

from __future__ import annotations

import re

import pytest

from participa.accounts.models import User
from participa.base.errors import Conflict
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.proposals.models import WITHDRAWAL_REASON_MAX, Proposal, ProposalStatus

from ..factories import login_as, make_open_round, make_proposal, make_support
from ..pages import html
from .world import ESCAPED_XSS, XSS, form_data, input_value, textarea_value, world_fixture  # noqa: F401  (world_fixture is the fixture ``world``)


@pytest.fixture
def proposal(app, world) -> int:
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        author = db.session.get(User, world["author"])
        return make_proposal(round_, author, title="Título original",
                             problem="Problema original").id


def _get(app, proposal_id: int) -> Proposal:
    with app.app_context():
        db.session.expire_all()
        proposal = db.session.get(Proposal, proposal_id)
        db.session.expunge(proposal)
        return proposal


def _proposal_in(app, world, which: str) -> int:
    """A proposal of the author in a round whose proposals phase is not open."""
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world[which])
        return make_proposal(round_, db.session.get(User, world["author"])).id


# Editing ---------------------------------------------------------------------------------------


def test_author_sees_the_links_and_others_do_not(client, world, proposal):
    assert "/editar" not in html(client.get(f"/propuestas/{proposal}"))
    login_as(client, "other")
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "/editar" not in page and "/retirar\"" not in page
    client.post("/cuenta/salir")
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{proposal}"))
    assert f'href="/propuestas/{proposal}/editar"' in page
    assert f'href="/propuestas/{proposal}/retirar"' in page


def test_author_edits_with_the_same_form(client, world, proposal):
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{proposal}/editar"))
    assert input_value(page, "title") == "Título original"
    assert textarea_value(page, "problem") == "Problema original"
    assert re.search(r'<input[^>]*checked[^>]*value="transparencia"', page)
    assert 'value="guardar"' in page
    data = form_data(world, title="Título nuevo", axis=str(world["axes"][1]),
                     organization=str(world["cso"]), values=["participacion"])
    response = client.post(f"/propuestas/{proposal}/editar", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/propuestas/{proposal}"
    saved = _get(client.application, proposal)
    assert saved.title == "Título nuevo"
    assert saved.problem == data["problem"]
    assert saved.axis_id == world["axes"][1]
    assert saved.organization_id == world["cso"]
    assert [v.value for v in saved.ogp_values] == ["participacion"]
    assert saved.updated_at > saved.created_at
    assert saved.reference.endswith("-0001")  # the code does not change
    assert "Sus cambios quedaron guardados" in html(client.get(f"/propuestas/{proposal}"))


def test_invalid_edit_answers_422_and_keeps_the_values(client, world, proposal):
    login_as(client, "author")
    data = form_data(world, title="Nuevo", benefit="x" * 2001)
    response = client.post(f"/propuestas/{proposal}/editar", data=data)
    page = html(response)
    assert response.status_code == 422
    assert "No puede tener más de 2000 caracteres." in page
    assert input_value(page, "title") == "Nuevo"
    assert _get(client.application, proposal).title == "Título original"


@pytest.mark.parametrize("who, status", [("other", 403), ("unconfirmed", 403)])
def test_only_the_author_may_edit(client, world, proposal, who, status):
    login_as(client, who)
    assert client.get(f"/propuestas/{proposal}/editar").status_code == status
    response = client.post(f"/propuestas/{proposal}/editar", data=form_data(world, title="Mío"))
    assert response.status_code == status
    assert _get(client.application, proposal).title == "Título original"


def test_anonymous_is_sent_to_log_in(client, world, proposal):
    response = client.get(f"/propuestas/{proposal}/editar")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/cuenta/entrar")
    assert client.post(f"/propuestas/{proposal}/retirar",
                       data={"reason": "x"}).status_code == 302


def test_no_edit_after_the_first_support(client, world, proposal):
    with client.application.app_context():
        make_support(db.session.get(Proposal, proposal), db.session.get(User, world["other"]))
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "/editar" not in page
    assert "Ya no puede modificarla porque recibió apoyos." in page
    assert f'href="/propuestas/{proposal}/retirar"' in page  # withdrawing is still possible
    response = client.get(f"/propuestas/{proposal}/editar")
    assert response.status_code == 409
    assert "ya recibió apoyos" in html(response)
    response = client.post(f"/propuestas/{proposal}/editar", data=form_data(world, title="No"))
    assert response.status_code == 409
    assert _get(client.application, proposal).title == "Título original"


def test_a_support_arriving_during_the_edit_wins(db_session, world, proposal):
    """The service re-reads the proposal with its row locked and refuses if a support got
    in between the view's check and the save."""
    from participa.proposals import services

    item = db_session.get(Proposal, proposal)
    author = db_session.get(User, world["author"])
    make_support(item, db_session.get(User, world["other"]))
    item.support_count  # noqa: B018 - the stale value a view would have seen
    with pytest.raises(Conflict, match="ya recibió apoyos"):
        services.edit_proposal(
            editor=author, proposal=item, axis=item.axis, organization=None, title="Cambio",
            problem="p", proposed_commitment="c", benefit="b", institution="i",
            values=["transparencia"],
        )
    db_session.rollback()
    assert db_session.get(Proposal, proposal).title == "Título original"


@pytest.mark.parametrize("which", ["review", "future"])
def test_no_edit_or_withdrawal_outside_the_phase(client, world, which):
    proposal_id = _proposal_in(client.application, world, which)
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{proposal_id}"))
    assert "/editar" not in page and f"/propuestas/{proposal_id}/retirar\"" not in page
    assert client.get(f"/propuestas/{proposal_id}/editar").status_code == 409
    response = client.post(f"/propuestas/{proposal_id}/editar",
                           data=form_data(world, title="Tarde"))
    assert response.status_code == 409
    response = client.post(f"/propuestas/{proposal_id}/retirar", data={"reason": "Tarde"})
    assert response.status_code == 409
    saved = _get(client.application, proposal_id)
    assert saved.title != "Tarde" and not saved.is_withdrawn


# Withdrawing -----------------------------------------------------------------------------------


def test_withdraw_needs_a_reason(client, world, proposal):
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{proposal}/retirar"))
    assert f'maxlength="{WITHDRAWAL_REASON_MAX}"' in page
    for reason, message in [
        ("", "Este campo es obligatorio."),
        ("   ", "Este campo es obligatorio."),
        ("x" * (WITHDRAWAL_REASON_MAX + 1),
         f"No puede tener más de {WITHDRAWAL_REASON_MAX} caracteres."),
    ]:
        response = client.post(f"/propuestas/{proposal}/retirar", data={"reason": reason})
        assert response.status_code == 422
        assert message in html(response)
    assert not _get(client.application, proposal).is_withdrawn


def test_withdrawn_proposal_stays_visible_with_reason_and_date(client, world, proposal):
    with client.application.app_context():
        make_support(db.session.get(Proposal, proposal), db.session.get(User, world["other"]))
    login_as(client, "author")
    response = client.post(f"/propuestas/{proposal}/retirar",
                           data={"reason": "Otra propuesta ya lo dice mejor.\nLa apoyo."})
    assert response.status_code == 302
    saved = _get(client.application, proposal)
    assert saved.status == ProposalStatus.WITHDRAWN
    assert saved.withdrawal_reason == "Otra propuesta ya lo dice mejor.\nLa apoyo."
    assert saved.withdrawn_at is not None
    assert saved.support_count == 1  # its supports stay
    client.post("/cuenta/salir")
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "Retirada por su autor" in page
    assert "Su autor la retiró el" in page
    assert "Otra propuesta ya lo dice mejor.<br>La apoyo." in page
    assert "Título original" in page
    assert "1 apoyo" in page


def test_a_withdrawn_proposal_cannot_be_edited_withdrawn_or_supported(client, world):
    with client.application.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        proposal_id = make_proposal(round_, db.session.get(User, world["author"]),
                                    withdrawn=True).id
    login_as(client, "author")
    page = html(client.get(f"/propuestas/{proposal_id}"))
    assert "/editar" not in page and f"/propuestas/{proposal_id}/retirar\"" not in page
    assert client.get(f"/propuestas/{proposal_id}/editar").status_code == 409
    assert client.post(f"/propuestas/{proposal_id}/retirar",
                       data={"reason": "Otra vez"}).status_code == 409
    client.post("/cuenta/salir")
    login_as(client, "other")
    page = html(client.get(f"/propuestas/{proposal_id}"))
    assert "/apoyar" not in page
    assert client.post(f"/propuestas/{proposal_id}/apoyar").status_code == 409
    with client.application.app_context():
        assert db.session.get(Proposal, proposal_id).support_count == 0


def test_only_the_author_may_withdraw(client, world, proposal):
    login_as(client, "other")
    assert client.get(f"/propuestas/{proposal}/retirar").status_code == 403
    response = client.post(f"/propuestas/{proposal}/retirar", data={"reason": "No es mía"})
    assert response.status_code == 403
    assert not _get(client.application, proposal).is_withdrawn


def test_reason_is_escaped(client, world, proposal):
    login_as(client, "author")
    client.post(f"/propuestas/{proposal}/retirar", data={"reason": XSS})
    page = html(client.get(f"/propuestas/{proposal}"))
    assert "<script>alert" not in page and ESCAPED_XSS in page


def test_withdrawal_frees_the_supporters_allowance(client, world):
    """Supports given to a proposal that is later withdrawn do not count towards the
    round's limit."""
    with client.application.app_context():
        round_ = make_open_round(PhaseKind.PROPOSALS, max_supports_per_user=1)
        author = db.session.get(User, world["author"])
        first = make_proposal(round_, author).id
        second = make_proposal(round_, author).id
    login_as(client, "other")
    assert client.post(f"/propuestas/{first}/apoyar").status_code == 303
    assert client.post(f"/propuestas/{second}/apoyar").status_code == 409
    client.post("/cuenta/salir")
    login_as(client, "author")
    assert client.post(f"/propuestas/{first}/retirar", data={"reason": "Duplicada"}) \
        .status_code == 302
    client.post("/cuenta/salir")
    login_as(client, "other")
    assert client.post(f"/propuestas/{second}/apoyar").status_code == 303
