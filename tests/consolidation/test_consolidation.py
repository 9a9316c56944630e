"""Consolidation in the moderators' workspace: a draft commitment from chosen proposals,
more proposals attached to it, links removed; proposals and supports never change."""

from __future__ import annotations

import re

import pytest

from participa import ROOT
from participa.accounts.models import User
from participa.base.errors import Conflict, Invalid
from participa.base.extensions import db
from participa.consolidation import services
from participa.consultations.models import ConsultationRound
from participa.plans.models import Commitment, CommitmentStatus
from participa.proposals.models import Proposal

from ..client import form_values
from ..factories import audit_events, login_as, make_commitment, make_proposal, make_user, the
from ..pages import html
from .conftest import commitments_of, links, proposals_state


def _ids(world, *indexes) -> list[str]:
    return [str(world["proposals"][i]) for i in indexes]


def _references(app, world, *indexes) -> list[str]:
    with app.app_context():
        return [db.session.get(Proposal, world["proposals"][i]).reference for i in indexes]


def test_draft_from_three_proposals_then_two_more_attached(client, app, world):
    with app.app_context():
        plan_commitment = make_commitment(db.session.get(ConsultationRound, world["round"]).plan,
                                          status=CommitmentStatus.INACTIVE)
        plan_commitment_id, plan_commitment_number = plan_commitment.id, plan_commitment.number
        before = proposals_state()
    login_as(client, "moderator")
    workspace = f"/moderacion/consultas/{world['round']}"

    # The confirmation page lists the proposals chosen with the workspace's checkboxes.
    page = html(client.get(f"{workspace}/borradores/nuevo",
                           query_string={"p": _ids(world, 0, 1, 2), "volver": workspace}))
    for reference in _references(app, world, 0, 1, 2):
        assert reference in page
    assert page.count('type="hidden" name="p"') == 3
    response = client.post(f"{workspace}/borradores/nuevo", data={
        "p": _ids(world, 0, 1, 2), "title": "Compras y presupuesto abiertos",
        "volver": workspace,
    })
    assert response.status_code == 303
    assert response.headers["Location"] == workspace
    assert "Creó el borrador de compromiso 2 a partir de 3 propuestas." in html(
        client.get(workspace))

    with app.app_context():
        [draft] = commitments_of(world["round"])
        assert draft.status == CommitmentStatus.DRAFT
        assert draft.round_id == world["round"]
        assert draft.plan_id == world["plan"]
        assert draft.number == plan_commitment_number + 1
        assert draft.title == "Compras y presupuesto abiertos"
        assert draft.ogp_code is None and draft.lead_institution is None
        [version] = draft.versions
        assert version.number == 1
        assert version.title == "Compras y presupuesto abiertos"
        assert version.author_id == world["moderator"]
        references = [db.session.get(Proposal, pid).reference for pid in world["proposals"][:3]]
        assert version.change_note == f"Creado a partir de {', '.join(references)}."
        # Version 1 starts from the proposals' texts (see test_draft_start.py).
        assert version.problem.startswith(f"{references[0]}: ") and not version.milestones
        assert links() == {(world["proposals"][i], draft.id) for i in (0, 1, 2)}
        draft_id = draft.id

    # Two more, and one already linked: attaching twice is harmless.
    page = html(client.get(f"{workspace}/vincular", query_string={"p": _ids(world, 2, 3, 4)}))
    assert f'<option value="{draft_id}">2. Compras y presupuesto abiertos</option>' in page
    assert f'value="{plan_commitment_id}"' not in page  # not a draft of the round
    response = client.post(f"{workspace}/vincular", data={
        "p": _ids(world, 2, 3, 4), "commitment": str(draft_id)})
    assert response.status_code == 303
    assert "Vinculó 2 propuestas al borrador de compromiso 2." in html(client.get(workspace))
    response = client.post(f"{workspace}/vincular", data={
        "p": _ids(world, 3, 4), "commitment": str(draft_id)})
    assert response.status_code == 303
    assert "Esas propuestas ya estaban vinculadas a ese borrador." in html(client.get(workspace))

    with app.app_context():
        assert links() == {(pid, draft_id) for pid in world["proposals"]}
        # Links only: texts, authors, statuses, counts and supports are as they were.
        assert proposals_state() == before
        events = audit_events()
        assert [e.action for e in events] == ["draft.create", "consolidation.attach"]
        created, attached = events
        assert created.actor_id == attached.actor_id == world["moderator"]
        assert created.target_type == "commitments" and created.target_id == draft_id
        assert [p["id"] for p in created.after["proposals"]] == world["proposals"][:3]
        assert created.after["title"] == "Compras y presupuesto abiertos"
        assert [p["id"] for p in attached.after["proposals"]] == world["proposals"][3:]


def test_the_workspace_shows_fifty_proposals_a_page_within_the_page_budget(client, app, world):
    """A round of 88 proposals (like the 2014 consultation) in two pages, not one of 88: a
    page of 50 rows with realistic texts stays under the 60 KB budget of HTML+CSS+JS."""
    with app.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        author = make_user(name="Juana Batz Tzoc de la Asociación de Mujeres Mayas")
        for n in range(83):
            make_proposal(round_, author, institution="Secretaría de Coordinación Ejecutiva "
                          "de la Presidencia y consejos de desarrollo",
                          title=f"Publicar en k'iche' y kaqchikel los informes de ejecución "
                                f"presupuestaria municipal, número {n}")
    login_as(client, "moderator")
    first = client.get(f"/moderacion/consultas/{world['round']}")
    rows = re.findall(r'<input type="checkbox" name="p"', html(first))
    assert len(rows) == 50
    css = sum(path.stat().st_size for path in (ROOT / "static" / "css").glob("*.css"))
    assert len(first.data) + css < 60 * 1024, (len(first.data), css)
    second = html(client.get(f"/moderacion/consultas/{world['round']}?page=2"))
    assert len(re.findall(r'<input type="checkbox" name="p"', second)) == 88 - 50


def test_the_workspace_lists_links_and_offers_the_actions_without_javascript(
        client, app, world):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first = db.session.get(Proposal, world["proposals"][0])
        services.create_draft(actor=moderator, round=round_, proposals=[first],
                              title="Compras abiertas")
        db.session.commit()
    login_as(client, "moderator")
    page = html(client.get(f"/moderacion/consultas/{world['round']}"))
    assert "<script" not in page and "style=" not in page
    # One GET form: its buttons choose where the checked boxes go.
    form = re.search(r'<form method="get" action="[^"]*/comparar">.*?</form>', page, re.S)
    assert form, page
    assert form.group(0).count('type="checkbox" name="p"') == 5
    for target in ("comparar", "borradores/nuevo", "vincular"):
        assert f'formaction="/moderacion/consultas/{world["round"]}/{target}"' in form.group(0)
    assert "Compromiso 1: Compras abiertas" in page
    assert "5 sin respuesta" in page
    assert "1 propuesta vinculada a un compromiso" in page


def test_a_draft_needs_a_title_and_keeps_what_was_typed(client, app, world):
    login_as(client, "moderator")
    url = f"/moderacion/consultas/{world['round']}/borradores/nuevo"
    response = client.post(url, data={"p": _ids(world, 0, 1), "title": "   "})
    assert response.status_code == 422
    page = html(response)
    assert "Este campo es obligatorio." in page
    assert page.count('type="hidden" name="p"') == 2
    long_title = "Compromiso " + "x" * 600
    response = client.post(url, data={"p": _ids(world, 0, 1), "title": long_title})
    assert response.status_code == 422
    assert form_values(html(response))["title"] == long_title
    with app.app_context():
        assert commitments_of(world["round"]) == [] and links() == set()
        assert audit_events() == []


def test_choosing_nothing_is_a_422_and_ids_are_read_through_the_round(client, app, world):
    login_as(client, "moderator")
    base = f"/moderacion/consultas/{world['round']}"
    for path in ("borradores/nuevo", "vincular", "comparar"):
        response = client.get(f"{base}/{path}")
        assert response.status_code == 422
    assert client.post(f"{base}/borradores/nuevo", data={"title": "Nada"}).status_code == 422
    # A proposal of another round: 404; something that is not an id: 400.
    assert client.get(f"{base}/borradores/nuevo",
                      query_string={"p": [str(world["foreign"])]}).status_code == 404
    response = client.post(f"{base}/borradores/nuevo",
                           data={"p": _ids(world, 0) + [str(world["foreign"])], "title": "X"})
    assert response.status_code == 404
    for junk in ("abc", "-1", "0", "99999999999", "1 "):
        assert client.get(f"{base}/comparar", query_string={"p": [junk]}).status_code == 400
    with app.app_context():
        assert commitments_of(world["round"]) == [] and links() == set()


def test_attach_only_to_a_draft_of_the_round(client, app, world):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        other_round = db.session.get(ConsultationRound, world["other_round"])
        foreign = db.session.get(Proposal, world["foreign"])
        elsewhere = services.create_draft(actor=moderator, round=other_round,
                                          proposals=[foreign], title="De otra consulta")
        published = make_commitment(db.session.get(ConsultationRound, world["round"]).plan,
                                    status=CommitmentStatus.ACTIVE)
        published.round_id = world["round"]
        db.session.commit()
        elsewhere_id, published_id = elsewhere.id, published.id
        proposal = db.session.get(Proposal, world["proposals"][0])
        for commitment in (elsewhere, published):
            with pytest.raises((Conflict, Invalid)):
                services.attach(actor=moderator, commitment=commitment, proposals=[proposal])
        db.session.rollback()
    login_as(client, "moderator")
    url = f"/moderacion/consultas/{world['round']}/vincular"
    for commitment_id in (elsewhere_id, published_id):
        response = client.post(url, data={"p": _ids(world, 0), "commitment": str(commitment_id)})
        assert response.status_code == 422
    page = html(client.get(url, query_string={"p": _ids(world, 0)}))
    assert "todavía no tiene borradores" in page
    with app.app_context():
        assert links() == {(world["foreign"], elsewhere_id)}


def test_attaching_needs_a_draft_chosen(client, app, world):
    """The drafts' menu starts on an empty «Elija una opción»: before, it started on the
    first draft, so a moderator who skipped it attached the proposals to that one."""
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round = db.session.get(ConsultationRound, world["round"])
        first = db.session.get(Proposal, world["proposals"][0])
        draft_id = services.create_draft(actor=moderator, round=round, proposals=[first],
                                         title="Compras abiertas").id
        db.session.commit()
        before = (links(), [e.id for e in audit_events()])
    login_as(client, "moderator")
    url = f"/moderacion/consultas/{world['round']}/vincular"
    page = html(client.get(url, query_string={"p": _ids(world, 1, 2)}))
    menu = re.search(r'<select[^>]*name="commitment"[^>]*>\s*<option([^>]*)>([^<]*)</option>',
                     page)
    assert menu and "required" in menu.group(0)
    assert menu.group(1) == ' selected value=""' and menu.group(2) == "Elija una opción"
    assert f'<option value="{draft_id}">' in page
    response = client.post(url, data={"p": _ids(world, 1, 2), "commitment": ""})
    assert response.status_code == 422
    page = html(response)
    errors = re.search(r'id="commitment-error">(.*?)</ul>', page, re.S)
    assert errors and "Elija una de las opciones de la lista." in errors.group(1)
    assert page.count('type="hidden" name="p"') == 2  # the proposals chosen are kept
    with app.app_context():
        assert (links(), [e.id for e in audit_events()]) == before


def test_side_by_side_reading_of_two_to_four_proposals(client, app, world):
    login_as(client, "moderator")
    url = f"/moderacion/consultas/{world['round']}/comparar"
    response = client.get(url, query_string={"p": _ids(world, 0, 2, 4)})
    assert response.status_code == 200
    page = html(response)
    assert 'class="compare wide cols-3"' in page
    assert page.count('<article class="compare-item"') == 3
    with app.app_context():
        for i in (0, 2, 4):
            proposal = db.session.get(Proposal, world["proposals"][i])
            assert proposal.title in page and proposal.reference in page
        assert page.count("Publicar cada compra en Guatecompras en 48 horas.") == 3
    for chosen in ((0,), (0, 1, 2, 3, 4)):
        response = client.get(url, query_string={"p": _ids(world, *chosen)})
        assert response.status_code == 422
        assert "Elija entre 2 y 4 propuestas" in html(response)
    # The stylesheet stacks the columns on phones and spreads them on wide screens.
    with client.get("/static/css/consolidation.css") as response:
        css = response.get_data(as_text=True)
    assert "@media (min-width:60rem)" in css and ".compare.cols-4" in css


def test_a_link_goes_unless_the_response_names_its_commitment(client, app, world):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first, second = (db.session.get(Proposal, pid) for pid in world["proposals"][:2])
        draft = services.create_draft(actor=moderator, round=round_, proposals=[first, second],
                                      title="Compras abiertas")
        services.prepare_response(actor=moderator, proposal=first, decision="fusionada",
                                  reason="Se fusionó.", commitment=draft)
        db.session.commit()
        draft_id = draft.id
    login_as(client, "moderator")
    first_id, second_id = world["proposals"][:2]
    page = html(client.get(f"/moderacion/propuestas/{first_id}/respuesta"))
    assert "(la respuesta nombra este compromiso)" in page
    assert "desvincular" not in page
    response = client.post(f"/moderacion/propuestas/{first_id}/compromisos/{draft_id}/desvincular")
    assert response.status_code == 409
    assert "Cambie primero la respuesta" in html(response)

    page = html(client.get(f"/moderacion/propuestas/{second_id}/respuesta"))
    assert f"/moderacion/propuestas/{second_id}/compromisos/{draft_id}/desvincular" in page
    response = client.post(f"/moderacion/propuestas/{second_id}/compromisos/{draft_id}/desvincular",
                           data={"volver": f"/moderacion/consultas/{world['round']}"})
    assert response.status_code == 303
    # Not linked any more: a 404, not a second event.
    assert client.post(f"/moderacion/propuestas/{second_id}/compromisos/{draft_id}/desvincular"
                       ).status_code == 404
    with app.app_context():
        assert links() == {(first_id, draft_id)}
        detached = audit_events("consolidation.detach")
        assert len(detached) == 1
        assert detached[0].target_id == draft_id
        assert detached[0].before == {"proposals": [
            {"id": second_id, "reference": the(Proposal, second_id).reference}]}


FILTERS = [
    ({}, {0, 1, 2, 3, 4}),
    ({"min_supports": "1"}, {0, 1}),
    ({"min_supports": "2"}, {0}),
    ({"max_supports": "0"}, {2, 3, 4}),
    ({"min_supports": "1", "max_supports": "1"}, {1}),
    ({"institution": "secretaria de coordinacion"}, {2, 4}),
    ({"institution": "SECRETARÍA"}, {2, 4}),
    ({"institution": "nadie"}, set()),
    ({"q": "presupuesto mayas"}, {1}),
    ({"response": "sin_respuesta"}, {1, 2, 3, 4}),
    ({"response": "preparada"}, {0}),
    ({"response": "publicada"}, set()),
    ({"linked": "si"}, {0, 3}),
    ({"linked": "no"}, {1, 2, 4}),
    ({"status": "retirada"}, set()),
]


@pytest.mark.parametrize(("args", "expected"), FILTERS)
def test_filters(client, app, world, args, expected):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first, fourth = (db.session.get(Proposal, world["proposals"][i]) for i in (0, 3))
        services.create_draft(actor=moderator, round=round_, proposals=[first, fourth],
                              title="Borrador")
        services.prepare_response(actor=moderator, proposal=first, decision="incorporada",
                                  reason="", commitment=commitments_of(world["round"])[0])
        db.session.commit()
        references = {i: db.session.get(Proposal, pid).reference
                      for i, pid in enumerate(world["proposals"])}
    login_as(client, "moderator")
    args = dict(args)
    if "axis" in args:
        args["axis"] = str(world["axes"][int(args["axis"])])
    response = client.get(f"/moderacion/consultas/{world['round']}", query_string=args)
    assert response.status_code == 200
    page = html(response)
    shown = {i for i, reference in references.items()
             if f'<td>{reference}<br>' in page}
    assert shown == expected


def test_filter_by_axis_and_unknown_parameters(client, world):
    login_as(client, "moderator")
    url = f"/moderacion/consultas/{world['round']}"
    page = html(client.get(url, query_string={"axis": str(world["axes"][1])}))
    assert "Consejos comunitarios en línea" in page
    assert "Compras municipales abiertas" not in page
    for args in ({"sort": "title; DROP TABLE"}, {"axis": "999999"}, {"min_supports": "-1"},
                 {"response": "x"}, {"linked": "quizas"}, {"per_page": "7"}, {"foo": "1"},
                 {"institution": "x" * 201}):
        assert client.get(url, query_string=args).status_code == 400, args
    response = client.get(url, query_string={"q": "x" * 201})
    assert response.status_code == 400
    assert "La búsqueda es demasiado larga" in html(response)


def test_create_draft_numbers_after_the_plan_and_needs_proposals_of_the_round(app, world):
    with app.app_context():
        moderator = db.session.get(User, world["moderator"])
        round_ = db.session.get(ConsultationRound, world["round"])
        first = db.session.get(Proposal, world["proposals"][0])
        foreign = db.session.get(Proposal, world["foreign"])
        with pytest.raises(Conflict):
            services.create_draft(actor=moderator, round=round_, proposals=[], title="X")
        with pytest.raises(Conflict):
            services.create_draft(actor=moderator, round=round_, proposals=[first, foreign],
                                  title="X")
        one = services.create_draft(actor=moderator, round=round_, proposals=[first], title="A")
        two = services.create_draft(actor=moderator, round=round_, proposals=[first], title="B")
        db.session.commit()
        assert (one.number, two.number) == (1, 2)
        assert {c.id for c in db.session.scalars(db.select(Commitment))} == {one.id, two.id}
