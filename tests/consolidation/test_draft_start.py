"""A draft made by consolidation starts from its proposals (issue 15, item 4): the most
common axis of the proposals, and their problem, proposed commitment and benefit gathered
into version 1 with each source named, for the MTGA to rewrite. The draft's edit form then
edits its axis and policy area, each save a new version."""

from __future__ import annotations

import re
from html import unescape

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consolidation import services
from participa.consultations.models import ConsultationRound
from participa.plans.models import Commitment
from participa.plans.versions import LIMITS
from participa.proposals.models import Proposal

from ..client import form_values
from ..factories import audit_events, login_as, make_axis, make_plan, the
from ..pages import html
from ..plans.drafts import form_data


def _get(model, id_):
    return db.session.get(model, id_)


def _draft(world, indexes, title="Compras y consejos abiertos") -> Commitment:
    return services.create_draft(
        actor=_get(User, world["moderator"]), round=_get(ConsultationRound, world["round"]),
        proposals=[_get(Proposal, world["proposals"][i]) for i in indexes], title=title)


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(?:\r?\n)?(.*?)</textarea>', page, re.S)
    assert match, name
    return unescape(match.group(1))


def test_a_new_draft_starts_from_its_proposals(app, world):
    with app.app_context():
        # P1, P2 and P4 are "Transparencia fiscal", P3 "Participación ciudadana".
        draft = _draft(world, (2, 0, 1, 3))
        db.session.commit()
        proposals = [_get(Proposal, pid) for pid in world["proposals"][:4]]
        assert draft.axis_id == world["axes"][0]
        [version] = draft.versions
        for attribute, text in (("problem", version.problem),
                                ("proposed_commitment", version.commitment_text),
                                ("benefit", version.contribution)):
            # Each source named, in the order of their codes, for the MTGA to rewrite.
            assert text == "\n\n".join(f"{p.reference}: {getattr(p, attribute)}"
                                       for p in proposals)
        assert version.title == "Compras y consejos abiertos"
        [event] = audit_events("draft.create")
        assert event.after["axis_id"] == world["axes"][0]


def test_the_axis_is_the_most_common_and_a_tie_goes_to_the_first_code(app, world):
    with app.app_context():
        assert _draft(world, (2, 4)).axis_id == world["axes"][1]
        assert _draft(world, (0, 2)).axis_id == world["axes"][0]  # a tie: P1's axis


def test_hidden_proposals_lend_no_text_and_long_texts_are_cut(app, world):
    with app.app_context():
        first, second = (_get(Proposal, pid) for pid in world["proposals"][:2])
        first.hide("Datos personales.", utcnow())
        second.problem = "x" * (LIMITS["problem"] + 50)
        db.session.commit()
        [version] = _draft(world, (0, 1)).versions
        assert first.problem not in version.problem
        assert first.reference not in version.problem
        assert len(version.problem) <= LIMITS["problem"]
        assert version.problem.startswith(f"{second.reference}: xxx")


def test_the_draft_form_edits_the_axis_and_the_policy_area(client, app, world):
    with app.app_context():
        draft = _draft(world, (0,))
        draft.axis_id = None  # as drafts made before this change were
        db.session.commit()
        draft_id = draft.id
        foreign_axis = make_axis(make_plan()).id
    login_as(client, "moderator")
    url = f"/planes/compromisos/{draft_id}/editar"
    page = html(client.get(url))
    assert '<label for="axis_id">' in page and '<label for="policy_area">' in page
    assert ">Transparencia fiscal</option>" in page
    assert "Sin eje temático" in page
    base = int(form_values(page)["base_number"])

    # An axis of another plan is refused beside the field, with what was typed kept.
    data = form_data(base=base, fields={"policy_area": "Presupuesto"})
    data["axis_id"] = str(foreign_axis)
    response = client.post(url, data=data)
    assert response.status_code == 422
    page = html(response)
    assert 'value="Presupuesto"' in page
    with app.app_context():
        assert the(Commitment, draft_id).axis_id is None

    data["axis_id"] = str(world["axes"][0])
    response = client.post(url, data=data)
    assert response.status_code == 303
    with app.app_context():
        commitment = the(Commitment, draft_id)
        assert commitment.axis_id == world["axes"][0]
        assert commitment.policy_area == "Presupuesto"
        assert [v.number for v in commitment.versions] == [1, 2]
        [event] = audit_events("commitment.version")
        assert {"axis", "policy_area"} <= set(event.after["changed"])
        assert event.before["axis_id"] is None and event.before["policy_area"] is None
        assert event.after["axis_id"] == world["axes"][0]
        assert event.after["policy_area"] == "Presupuesto"
    page = html(client.get(f"/planes/compromisos/{draft_id}"))
    assert "Transparencia fiscal" in page and "Presupuesto" in page

    # Only the axis changed: still a new version.
    data.update({"axis_id": str(world["axes"][1]), "change_note": "Otro eje.",
                 "base_number": "2"})
    assert client.post(url, data=data).status_code == 303
    with app.app_context():
        commitment = the(Commitment, draft_id)
        assert commitment.axis_id == world["axes"][1]
        assert [v.number for v in commitment.versions] == [1, 2, 3]


def test_the_edit_form_starts_from_the_commitments_classification(client, app, world):
    with app.app_context():
        draft = _draft(world, (0,))
        draft.policy_area = "Compras públicas"
        db.session.commit()
        draft_id = draft.id
    login_as(client, "moderator")
    page = html(client.get(f"/planes/compromisos/{draft_id}/editar"))
    assert form_values(page)["policy_area"] == "Compras públicas"
    assert re.search(rf'<option selected value="{world["axes"][0]}">|'
                     rf'<option value="{world["axes"][0]}" selected>', page)
    assert _textarea(page, "problem").startswith("P-")
