"""The prioritisation vote through its pages: voting and withdrawing, the limit of K votes,
the phase, the results as the round shows them, and the vote box of a commitment's page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import render_template
from flask_login import login_user

from participa.accounts.models import User
from participa.base.errors import Conflict, NotAllowed
from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, PhaseKind, ResultsVisibility
from participa.plans.models import Commitment, CommitmentStatus
from participa.voting import services
from participa.voting.models import Vote
from participa.voting.views import vote_box
from participa.web import current, slots

from ..factories import login_as, make_user
from ..pages import html
from .conftest import make_draft, make_vote, round_in, stored_count, vote_rows

VOTE = PhaseKind.VOTE


@pytest.fixture
def world(app, people):
    """A round in its vote phase (K = 3) with four drafts, and a second round's draft."""
    with app.app_context():
        round_ = round_in(VOTE, title="Priorización del Sexto Plan")
        drafts = [make_draft(round_, title=f"Borrador número {n}") for n in range(1, 5)]
        other = round_in(VOTE)
        foreign = make_draft(other, title="Borrador de otra consulta")
        return {**people, "round": round_.id, "drafts": [d.id for d in drafts],
                "other_round": other.id, "foreign": foreign.id}


def _url(world, action: str, index: int = 0, *, round_key: str = "round") -> str:
    return (f"/consultas/{world[round_key]}/priorizacion/{world['drafts'][index]}/"
            f"{'votar' if action == 'vote' else 'retirar-voto'}")


def _counts(app, commitment_id: int) -> tuple[int, int]:
    with app.app_context():
        return vote_rows(commitment_id), stored_count(commitment_id)


# Voting and withdrawing ---------------------------------------------------------------------


def test_vote_and_withdraw(client, app, world):
    login_as(client, "participant")
    response = client.post(_url(world, "vote"))
    assert response.status_code == 303
    assert response.headers["Location"] == (
        f"/consultas/{world['round']}/priorizacion#compromiso-{world['drafts'][0]}")
    assert _counts(app, world["drafts"][0]) == (1, 1)
    with app.app_context():
        vote = db.session.scalar(db.select(Vote))
        assert (vote.round_id, vote.user_id) == (world["round"], world["participant"])
    page = html(client.get(f"/consultas/{world['round']}/priorizacion"))
    assert "Votó por «Borrador número 1»." in page
    assert "Le quedan 2 de 3 votos." in page
    assert "Usted votó por este compromiso" in page
    assert page.count("Retirar mi voto") == 1

    response = client.post(_url(world, "unvote"))
    assert response.status_code == 303
    assert _counts(app, world["drafts"][0]) == (0, 0)
    page = html(client.get(f"/consultas/{world['round']}/priorizacion"))
    assert "Retiró su voto por «Borrador número 1»." in page
    assert "Le quedan 3 de 3 votos." in page


def test_twice_is_once(client, app, world):
    login_as(client, "participant")
    assert client.post(_url(world, "vote")).status_code == 303
    assert client.post(_url(world, "vote")).status_code == 303
    assert _counts(app, world["drafts"][0]) == (1, 1)
    assert "Ya había votado por «Borrador número 1»." in html(
        client.get(f"/consultas/{world['round']}/priorizacion"))
    # Withdrawing what was never there changes nothing either.
    assert client.post(_url(world, "unvote", 1)).status_code == 303
    assert _counts(app, world["drafts"][1]) == (0, 0)
    assert "No había votado por «Borrador número 2»." in html(
        client.get(f"/consultas/{world['round']}/priorizacion"))


def test_the_limit_of_k_votes(client, app, world):
    with app.app_context():
        db.session.get(ConsultationRound, world["round"]).max_votes_per_user = 2
        db.session.commit()
    login_as(client, "participant")
    assert client.post(_url(world, "vote", 0)).status_code == 303
    assert "Le queda 1 de 2 votos." in html(
        client.get(f"/consultas/{world['round']}/priorizacion"))
    assert client.post(_url(world, "vote", 1)).status_code == 303
    page = html(client.get(f"/consultas/{world['round']}/priorizacion"))
    assert "Ya usó sus 2 votos." in page
    # No vote button left, only the two withdrawals.
    assert page.count("Votar por este compromiso") == 0
    assert page.count("Retirar mi voto") == 2

    response = client.post(_url(world, "vote", 2))
    assert response.status_code == 409
    assert "Ya usó sus 2 votos. Puede retirar uno de otro compromiso para votar por este." \
        in html(response)
    assert _counts(app, world["drafts"][2]) == (0, 0)
    # Withdraw one, and the vote can go elsewhere.
    assert client.post(_url(world, "unvote", 0)).status_code == 303
    assert client.post(_url(world, "vote", 2)).status_code == 303
    with app.app_context():
        assert vote_rows(user_id=world["participant"]) == 2
        assert [stored_count(i) for i in world["drafts"]] == [0, 1, 1, 0]


def test_one_vote_rounds_speak_in_the_singular(client, app, world):
    with app.app_context():
        db.session.get(ConsultationRound, world["round"]).max_votes_per_user = 1
        db.session.commit()
    login_as(client, "participant")
    page = html(client.get(f"/consultas/{world['round']}/priorizacion"))
    assert "Cada persona puede votar por 1 compromiso." in page
    assert "Le queda su único voto." in page
    client.post(_url(world, "vote", 0))
    assert "Ya usó su voto." in html(client.get(f"/consultas/{world['round']}/priorizacion"))
    response = client.post(_url(world, "vote", 1))
    assert response.status_code == 409
    assert "Ya usó el único voto de esta votación." in html(response)


def test_each_persons_limit_is_their_own(client, app, world):
    with app.app_context():
        others = [make_user().id for _ in range(3)]
        for user_id in others:
            for draft_id in world["drafts"][:3]:
                make_vote(db.session.get(User, user_id), db.session.get(Commitment, draft_id))
    login_as(client, "participant")
    for index in range(3):
        assert client.post(_url(world, "vote", index)).status_code == 303
    with app.app_context():
        assert [stored_count(i) for i in world["drafts"]] == [4, 4, 4, 0]


def test_a_commitment_of_another_round_is_not_found(client, app, world):
    login_as(client, "participant")
    url = f"/consultas/{world['round']}/priorizacion/{world['foreign']}/votar"
    assert client.post(url).status_code == 404
    assert client.post(f"/consultas/{world['round']}/priorizacion/999999/votar"
                       ).status_code == 404
    assert client.post(f"/consultas/999999/priorizacion/{world['drafts'][0]}/votar"
                       ).status_code == 404
    with app.app_context():
        assert vote_rows() == 0


def test_only_drafts_take_votes(client, app, world):
    with app.app_context():
        db.session.get(Commitment, world["drafts"][3]).status = CommitmentStatus.ACTIVE
        db.session.commit()
    login_as(client, "participant")
    response = client.post(_url(world, "vote", 3))
    assert response.status_code == 409
    assert "Solo se puede votar por los borradores de compromiso de esta consulta." \
        in html(response)
    assert _counts(app, world["drafts"][3]) == (0, 0)


def test_csrf_is_required(client, app, world):
    login_as(client, "participant")
    assert client.post(_url(world, "vote"), csrf=False).status_code == 400
    assert _counts(app, world["drafts"][0]) == (0, 0)


def test_next_brings_back_to_the_commitment_page_only_on_this_site(client, world):
    login_as(client, "participant")
    page = f"/planes/compromisos/{world['drafts'][0]}"
    response = client.post(_url(world, "vote"), data={"next": page})
    assert response.headers["Location"] == page
    response = client.post(_url(world, "unvote"), data={"next": "https://evil.example/"})
    assert response.headers["Location"].startswith(f"/consultas/{world['round']}/priorizacion")


# The phase ------------------------------------------------------------------------------------


@pytest.mark.parametrize("when", [None, PhaseKind.COMMENTS, PhaseKind.PUBLICATION])
def test_votes_only_while_the_phase_is_open(client, app, people, when):
    """Before the vote phase (not yet, or the comments phase) and after it: 409."""
    with app.app_context():
        round_ = round_in(when)
        draft = make_draft(round_)
        round_id, draft_id = round_.id, draft.id
        if when == PhaseKind.PUBLICATION:  # a vote from the open phase stays, frozen
            make_vote(db.session.get(User, people["participant"]), draft)
    login_as(client, "participant")
    for action in ("votar", "retirar-voto"):
        response = client.post(f"/consultas/{round_id}/priorizacion/{draft_id}/{action}")
        assert response.status_code == 409
        assert "Votación de priorización" in html(response)
        response = client.post(f"/consultas/{round_id}/priorizacion/{draft_id}/{action}",
                               headers={"Accept": "application/json"})
        assert response.status_code == 409
        assert response.json["error"] == 409
    expected = 1 if when == PhaseKind.PUBLICATION else 0
    assert _counts(app, draft_id) == (expected, expected)
    page = html(client.get(f"/consultas/{round_id}/priorizacion"))
    assert "Votar por este compromiso" not in page and "Retirar mi voto" not in page
    assert ("La votación cerró el" if when == PhaseKind.PUBLICATION
            else "La votación abre el") in page


def test_a_round_without_a_vote_has_no_ballot(client, app, people):
    with app.app_context():
        round_ = round_in(None)
        round_.phases = [p for p in round_.phases if p.kind != VOTE]
        db.session.commit()
        draft = make_draft(round_)
        round_id, draft_id = round_.id, draft.id
    login_as(client, "participant")
    assert client.get(f"/consultas/{round_id}/priorizacion").status_code == 404
    assert client.post(f"/consultas/{round_id}/priorizacion/{draft_id}/votar"
                       ).status_code == 404
    assert client.get("/consultas/999999/priorizacion").status_code == 404


# Results --------------------------------------------------------------------------------------


def _three_voters(app, drafts: list[int]) -> None:
    """Votes 3, 2, 0, 1 for the four drafts, from three people."""
    with app.app_context():
        voters = [make_user() for _ in range(3)]
        commitments = [db.session.get(Commitment, i) for i in drafts]
        for voter in voters:
            make_vote(voter, commitments[0])
        make_vote(voters[0], commitments[1])
        make_vote(voters[1], commitments[1])
        make_vote(voters[2], commitments[3])


def _titles_in_order(page: str) -> list[str]:
    return re.findall(r">(Borrador número \d)</a>", page)


def test_results_after_close_only(client, app, people):
    with app.app_context():
        during = round_in(VOTE).id  # al_cierre is the default
        drafts = [make_draft(db.session.get(ConsultationRound, during),
                             title=f"Borrador número {n}").id for n in range(1, 5)]
    _three_voters(app, drafts)
    page = html(client.get(f"/consultas/{during}/priorizacion"))
    assert "Los resultados se publican al cerrar la votación." in page
    assert "votaron" not in page and "3 votos" not in page
    # In number order while the results are hidden.
    assert _titles_in_order(page) == [f"Borrador número {n}" for n in range(1, 5)]

    with app.app_context():
        for phase in db.session.get(ConsultationRound, during).phases:  # close the vote
            if phase.kind in (PhaseKind.VOTE, PhaseKind.PUBLICATION):
                phase.starts_at -= timedelta(days=10)
                phase.ends_at -= timedelta(days=10)
        db.session.commit()
    page = html(client.get(f"/consultas/{during}/priorizacion"))
    assert "Los resultados se publican al cerrar la votación." not in page
    assert "3 personas votaron." in page
    assert "La votación cerró el" in page
    # Sorted by votes, most first.
    assert _titles_in_order(page) == ["Borrador número 1", "Borrador número 2",
                                      "Borrador número 4", "Borrador número 3"]
    for count in ("3 votos", "2 votos", "1 voto", "0 votos"):
        assert f"<strong>{count}</strong>" in page


def test_live_results(client, app, people):
    with app.app_context():
        live = round_in(VOTE, visibility=ResultsVisibility.LIVE)
        drafts = [make_draft(live, title=f"Borrador número {n}").id for n in range(1, 5)]
        live_id = live.id
    _three_voters(app, drafts)
    page = html(client.get(f"/consultas/{live_id}/priorizacion"))
    assert "3 personas votaron." in page
    assert "Los resultados cambian mientras la votación sigue abierta." in page
    assert _titles_in_order(page)[:2] == ["Borrador número 1", "Borrador número 2"]
    assert "<strong>3 votos</strong>" in page


def test_live_results_wait_for_the_vote_to_open(client, app, people):
    with app.app_context():
        later = round_in(PhaseKind.COMMENTS, visibility=ResultsVisibility.LIVE)
        make_draft(later)
        later_id = later.id
    page = html(client.get(f"/consultas/{later_id}/priorizacion"))
    assert "Los resultados se publican al cerrar la votación." in page
    assert "La votación abre el" in page


def test_one_voter(client, app, people):
    with app.app_context():
        live = round_in(VOTE, visibility=ResultsVisibility.LIVE)
        draft = make_draft(live)
        make_vote(db.session.get(User, people["participant"]), draft)
        live_id = live.id
    assert "1 persona votó." in html(client.get(f"/consultas/{live_id}/priorizacion"))


def test_user_text_is_escaped(client, app, people):
    xss = '<script>alert("x")</script>'
    with app.app_context():
        round_ = round_in(VOTE, title=xss)
        make_draft(round_, title=xss, lead_institution=xss)
        round_id = round_.id
    page = html(client.get(f"/consultas/{round_id}/priorizacion"))
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_the_round_page_links_to_the_ballot(client, app, people):
    with app.app_context():
        open_, upcoming = round_in(VOTE).id, round_in(None).id
    assert f'href="/consultas/{open_}/priorizacion"' in html(client.get(f"/consultas/{open_}"))
    assert "/priorizacion" not in html(client.get(f"/consultas/{upcoming}"))


# The service directly ---------------------------------------------------------------------


def test_services_refuse_what_the_views_refuse(db_session, people):
    from participa.consultations.phases import PhaseClosed

    round_ = round_in(VOTE, votes=1)
    draft, second = make_draft(round_), make_draft(round_)
    participant = db.session.get(User, people["participant"])
    unconfirmed = db.session.get(User, people["unconfirmed"])
    with pytest.raises(NotAllowed, match="Confirme su correo"):
        services.cast_vote(user=unconfirmed, round=round_, commitment=draft)
    assert services.cast_vote(user=participant, round=round_, commitment=draft) is True
    db.session.commit()
    assert services.cast_vote(user=participant, round=round_, commitment=draft) is False
    with pytest.raises(Conflict, match="Ya usó"):
        services.cast_vote(user=participant, round=round_, commitment=second)
    db.session.rollback()
    later = round_.phases[-1].starts_at
    with pytest.raises(PhaseClosed):
        services.withdraw_vote(user=participant, round=round_, commitment=draft, now=later)
    assert services.withdraw_vote(user=participant, round=round_, commitment=draft) is True
    assert services.withdraw_vote(user=participant, round=round_, commitment=draft) is False
    db.session.commit()
    assert (vote_rows(), stored_count(draft.id)) == (0, 0)


def test_recount(db_session, people):
    round_ = round_in(VOTE)
    draft = make_draft(round_)
    make_vote(db.session.get(User, people["participant"]), draft)
    db.session.execute(db.update(Commitment).values(vote_count=7))
    db.session.commit()
    assert services.recount_votes() == 1
    db.session.commit()
    assert stored_count(draft.id) == 1
    assert services.recount_votes() == 0


def test_recount_command(runner, app, people):
    with app.app_context():
        draft = make_draft(round_in(VOTE))
        db.session.execute(db.update(Commitment).values(vote_count=5))
        db.session.commit()
        draft_id = draft.id
    result = runner.invoke(args=["voting", "recount"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    with app.app_context():
        assert stored_count(draft_id) == 0


# The vote box of a commitment's page ----------------------------------------------------------


def _box(app, commitment_id: int, user_id: int | None) -> str:
    with app.test_request_context(f"/planes/compromisos/{commitment_id}"):
        if user_id is not None:
            login_user(db.session.get(User, user_id))
        commitment = db.session.get(Commitment, commitment_id)
        # What the commitment page's view gathers for the slot "commitment.aside".
        box = vote_box(commitment=commitment, user=current.user())
        if box is None:
            return ""
        return render_template("voting/_vote_box.html", commitment=commitment,
                               slot=slots.Slot("voting/_vote_box.html", box))


def test_the_vote_box(app, world):
    with app.app_context():
        make_vote(db.session.get(User, world["participant"]),
                  db.session.get(Commitment, world["drafts"][0]))
    first, second = world["drafts"][:2]
    box = _box(app, first, world["participant"])
    assert "Votación de priorización" in box
    assert f'action="/consultas/{world["round"]}/priorizacion/{first}/retirar-voto"' in box
    assert f'name="next" value="/planes/compromisos/{first}"' in box
    assert "Usted votó por este compromiso" in box
    assert "Le quedan 2 de 3 votos." in box
    assert "Los resultados se publican al cerrar la votación." in box
    assert "1 voto" not in box
    box = _box(app, second, world["participant"])
    assert f'action="/consultas/{world["round"]}/priorizacion/{second}/votar"' in box
    assert "Inicie sesión para votar." in _box(app, second, None)
    assert "Confirme su correo electrónico para votar." in _box(app, second,
                                                                world["unconfirmed"])
    assert f'href="/consultas/{world["round"]}/priorizacion"' in _box(app, second, None)


def test_the_vote_box_shows_live_counts_and_nothing_for_the_record(app, people):
    with app.app_context():
        live = round_in(VOTE, visibility=ResultsVisibility.LIVE)
        draft = make_draft(live)
        make_vote(db.session.get(User, people["participant"]), draft)
        historical = Commitment(plan_id=live.plan_id, number=99, title="Del registro",
                                status=CommitmentStatus.ACTIVE)
        db.session.add(historical)
        db.session.commit()
        draft_id, historical_id = draft.id, historical.id
    assert "<strong>1 voto</strong>" in _box(app, draft_id, None)
    assert _box(app, historical_id, None).strip() == ""


def test_the_commitment_page_has_the_vote_box(client, app, world):
    login_as(client, "participant")
    first = world["drafts"][0]
    page = html(client.get(f"/planes/compromisos/{first}"))
    assert f'action="/consultas/{world["round"]}/priorizacion/{first}/votar"' in page
    response = client.post(_url(world, "vote"), data={"next": f"/planes/compromisos/{first}"})
    assert response.headers["Location"] == f"/planes/compromisos/{first}"
    page = html(client.get(f"/planes/compromisos/{first}"))
    assert "Votó por «Borrador número 1»." in page
    assert "Usted votó por este compromiso" in page
    assert "Le quedan 2 de 3 votos." in page
