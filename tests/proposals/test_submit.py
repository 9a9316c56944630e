"""Submitting a proposal: the form, the preview (nothing stored), publishing, reference
codes, limits and refusals."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from participa.accounts.models import User
from participa.base.errors import Invalid
from participa.base.extensions import db
from participa.base.time import utcnow
from participa.consultations.models import ConsultationRound
from participa.plans.models import ActionPlan
from participa.proposals import services
from participa.proposals.models import (
    INSTITUTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    OgpValue,
    Proposal,
)

from ..factories import login_as, make_open_round, make_plan, make_proposal
from ..pages import html
from .world import (  # noqa: F401  (world_fixture is the fixture ``world``)
    ESCAPED_XSS,
    XSS,
    form_data,
    input_value,
    proposals,
    textarea_value,
    world_fixture,
)


def new_url(round_id: int) -> str:
    return f"/consultas/{round_id}/propuestas/nueva"


# Who may submit ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(new_url(world["round"]))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/cuenta/entrar?next=")
    response = client.post(new_url(world["round"]), data=form_data(world, accion="publicar"))
    assert response.status_code == 302
    with client.application.app_context():
        assert proposals() == []


def test_unconfirmed_person_is_refused(client, world):
    login_as(client, "unconfirmed")
    response = client.get(new_url(world["round"]))
    assert response.status_code == 403
    assert "Confirme su correo electrónico" in html(response)
    response = client.post(new_url(world["round"]), data=form_data(world, accion="publicar"))
    assert response.status_code == 403
    with client.application.app_context():
        assert proposals() == []


@pytest.mark.parametrize("which", ["future", "review"])
def test_outside_the_proposals_phase_is_refused(client, world, which):
    login_as(client, "author")
    response = client.get(new_url(world[which]))
    assert response.status_code == 409
    assert "Propuestas" in html(response)
    response = client.post(new_url(world[which]), data=form_data(world, accion="publicar"))
    assert response.status_code == 409
    with client.application.app_context():
        assert proposals() == []


def test_unknown_round_is_404(client, world):
    login_as(client, "author")
    assert client.get(new_url(9999)).status_code == 404


def test_csrf_is_required(client, world):
    login_as(client, "author")
    response = client.post(new_url(world["round"]), data=form_data(world, accion="publicar"),
                           csrf=False)
    assert response.status_code == 400
    with client.application.app_context():
        assert proposals() == []


# The form -------------------------------------------------------------------------------------


def test_form_has_limits_choices_and_datalist(client, world):
    login_as(client, "author")
    page = html(client.get(new_url(world["round"])))
    assert re.search(rf'<input[^>]*maxlength="{TITLE_MAX}"[^>]*name="title"', page)
    for name in ("problem", "proposed_commitment", "benefit"):
        assert re.search(rf'<textarea[^>]*maxlength="{TEXT_MAX}"[^>]*name="{name}"', page)
    assert re.search(rf'<input[^>]*list="instituciones"[^>]*maxlength="{INSTITUTION_MAX}"',
                     page)
    # The datalist offers public institutions only.
    datalist = re.search(r'<datalist id="instituciones">(.*?)</datalist>', page, re.S).group(1)
    assert "Superintendencia de Administración Tributaria" in datalist
    assert "Contraloría General de Cuentas" in datalist
    assert "Acción Ciudadana" not in datalist
    # The four OGP values as checkboxes, the plan's axes only.
    assert page.count('type="checkbox"') == len(OgpValue)
    assert "Transparencia fiscal" in page and "Eje de otro plan" not in page
    # Only the verified organisation where the person is an accepted member.
    select = re.search(r'<select[^>]*name="organization".*?</select>', page, re.S).group(0)
    assert "Acción Ciudadana" in select and "A título personal" in select
    assert "Guatecívica" not in select and "Congreso Transparente" not in select
    assert 'name="accion" value="vista_previa"' in page
    assert re.search(r'<script src="/static/js/similar.js\?v=[0-9a-f]{12}" defer>', page)


def test_organisation_field_is_hidden_for_someone_who_speaks_for_none(client, world):
    login_as(client, "other")
    page = html(client.get(new_url(world["round"])))
    assert 'name="organization"' not in page


# The preview ----------------------------------------------------------------------------------


def test_preview_shows_the_values_in_hidden_fields_and_stores_nothing(client, world):
    login_as(client, "author")
    data = form_data(world, accion="vista_previa", organization=str(world["cso"]))
    response = client.post(new_url(world["round"]), data=data)
    page = html(response)
    assert response.status_code == 200
    assert "Vista previa de su propuesta" in page
    assert 'value="publicar"' in page and 'value="editar"' in page
    assert "Publicar" in page and "Seguir editando" in page
    for name in ("title", "proposed_commitment", "benefit", "institution"):
        assert input_value(page, name) == data[name]
    # Line breaks travel in the hidden field and show as <br> in the preview.
    assert input_value(page, "problem") == data["problem"]
    assert "Las compras de las municipalidades<br>se publican tarde." in page
    assert input_value(page, "axis") == str(world["axes"][0])
    assert input_value(page, "organization") == str(world["cso"])
    assert re.findall(r'name="values" value="([^"]+)"', page) == [
        "transparencia", "rendicion_de_cuentas"]
    assert "Transparencia fiscal" in page and "Acción Ciudadana" in page
    assert "Rendición de cuentas" in page
    with client.application.app_context():
        assert proposals() == []


def test_preview_without_an_action_is_still_a_preview(client, world):
    login_as(client, "author")
    response = client.post(new_url(world["round"]), data=form_data(world))
    assert response.status_code == 200
    assert "Vista previa de su propuesta" in html(response)
    with client.application.app_context():
        assert proposals() == []


def test_keep_editing_returns_the_form_with_the_values(client, world):
    login_as(client, "author")
    data = form_data(world, accion="editar")
    response = client.post(new_url(world["round"]), data=data)
    page = html(response)
    assert response.status_code == 200
    assert 'value="vista_previa"' in page
    assert input_value(page, "title") == data["title"]
    assert textarea_value(page, "problem") == data["problem"]
    assert re.search(r'<input[^>]*checked[^>]*value="rendicion_de_cuentas"', page)
    assert re.search(rf'<option selected value="{world["axes"][0]}">', page)
    with client.application.app_context():
        assert proposals() == []


def test_preview_lists_similar_proposals_of_the_round(client, world):
    with client.application.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        make_proposal(round_, title="Publicación de las compras municipales en Guatecompras")
        make_proposal(round_, title="Becas para estudiantes de informática")
        make_proposal(round_, title="Compras municipales publicadas", withdrawn=True)
        other = make_open_round()
        make_proposal(other, title="Publicar compras municipales a tiempo")
    login_as(client, "author")
    page = html(client.post(new_url(world["round"]),
                            data=form_data(world, accion="vista_previa")))
    section = re.search(r'<section aria-labelledby="parecidas">.*?</section>', page, re.S)
    assert section, page
    assert "Publicación de las compras municipales en Guatecompras" in section.group(0)
    assert "Becas" not in section.group(0)
    assert "publicadas" not in section.group(0)  # withdrawn
    assert "a tiempo" not in section.group(0)  # another round


# Publishing -----------------------------------------------------------------------------------


def test_publish_stores_the_proposal_and_shows_it(client, world):
    login_as(client, "author")
    data = form_data(world, accion="publicar", organization=str(world["cso"]),
                     values=["participacion", "tecnologia"])
    response = client.post(new_url(world["round"]), data=data)
    assert response.status_code == 302
    with client.application.app_context():
        [proposal] = proposals()
        assert response.headers["Location"] == f"/propuestas/{proposal.id}"
        year = services.reference_year(utcnow())
        assert proposal.reference == f"P-{year}-0001"
        assert proposal.round_id == world["round"]
        assert proposal.author_id == world["author"]
        assert proposal.organization_id == world["cso"]
        assert proposal.axis_id == world["axes"][0]
        assert proposal.title == data["title"]
        assert proposal.problem == data["problem"]
        assert proposal.institution == data["institution"]
        assert proposal.ogp_values == [OgpValue.PARTICIPATION, OgpValue.TECHNOLOGY]
        assert proposal.support_count == 0 and not proposal.is_withdrawn
        assert "compras municipales" in proposal.search_text
    page = html(client.get(response.headers["Location"]))
    assert f"P-{year}-0001" in page and "quedó publicada" in page


def test_reference_codes_are_numbered_per_year_in_order(client, world):
    with client.application.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        make_proposal(round_, created_at=datetime(2025, 6, 1, tzinfo=UTC))
    login_as(client, "author")
    for n in range(3):
        response = client.post(new_url(world["round"]),
                               data=form_data(world, accion="publicar", title=f"Propuesta {n}"))
        assert response.status_code == 302
    with client.application.app_context():
        year = services.reference_year(utcnow())
        references = [p.reference for p in proposals()]
        assert references == ["P-2025-0001"] + [f"P-{year}-{n:04d}" for n in (1, 2, 3)]


def test_the_reference_year_is_the_year_in_guatemala(app):
    with app.app_context():
        # 31 December 23:30 in Guatemala is already 1 January in UTC.
        assert services.reference_year(datetime(2027, 1, 1, 5, 30, tzinfo=UTC)) == 2026
        assert services.reference_year(datetime(2027, 1, 1, 6, 0, tzinfo=UTC)) == 2027


def test_a_taken_reference_number_is_retried(db_session, world):
    """Another transaction took the number this one computed: the savepoint retry moves on
    (simulated by inserting behind the service's back between its read and its insert)."""
    round_ = db_session.get(ConsultationRound, world["round"])
    author = db_session.get(User, world["author"])
    year = services.reference_year(utcnow())
    original = services._next_reference_number
    calls = []

    def racing(y):
        number = original(y)
        if not calls:
            make_proposal(round_, author)  # commits number 1 first
        calls.append(number)
        return number

    services._next_reference_number = racing
    try:
        proposal = services.submit_proposal(
            author=author, round=round_, axis=round_.plan.axes[0], organization=None,
            title="Otra", problem="p", proposed_commitment="c", benefit="b",
            institution="i", values=[OgpValue.TRANSPARENCY],
        )
        db_session.commit()
    finally:
        services._next_reference_number = original
    assert calls == [1, 2]
    assert proposal.reference == f"P-{year}-0002"


# Invalid input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "", "Este campo es obligatorio."),
        ("title", "   ", "Este campo es obligatorio."),
        ("title", "x" * (TITLE_MAX + 1), f"No puede tener más de {TITLE_MAX} caracteres."),
        ("problem", "", "Este campo es obligatorio."),
        ("problem", "x" * (TEXT_MAX + 1), f"No puede tener más de {TEXT_MAX} caracteres."),
        ("proposed_commitment", "x" * (TEXT_MAX + 1),
         f"No puede tener más de {TEXT_MAX} caracteres."),
        ("benefit", None, "Este campo es obligatorio."),
        ("institution", "x" * (INSTITUTION_MAX + 1),
         f"No puede tener más de {INSTITUTION_MAX} caracteres."),
        ("values", None, "Elija al menos un valor de Gobierno Abierto."),
        ("values", ["inventado"], "El valor no es válido."),
        ("axis", "", "Elija el eje temático de su propuesta."),
        ("axis", "foreign", "Elija una de las opciones de la lista."),
        ("axis", "abc", "Elija una de las opciones de la lista."),
        ("organization", "unverified", "Elija una de las opciones de la lista."),
        ("organization", "pending", "Elija una de las opciones de la lista."),
    ],
)
@pytest.mark.parametrize("action", ["vista_previa", "publicar"])
def test_invalid_input_answers_422_with_the_values_kept(client, world, field, value, message,
                                                         action):
    login_as(client, "author")
    if value in ("foreign", "unverified", "pending"):
        value = str(world["foreign_axis" if value == "foreign" else value])
    if value is None:
        data = form_data(world, accion=action)
        data.pop(field)
    else:
        data = form_data(world, accion=action, **{field: value})
    response = client.post(new_url(world["round"]), data=data)
    page = html(response)
    assert response.status_code == 422, page
    assert message in page
    assert 'aria-invalid="true"' in page or 'class="field has-error"' in page
    # Everything else typed is still there.
    if field != "title":
        assert input_value(page, "title") == data["title"]
    if field != "benefit":
        assert textarea_value(page, "benefit") == data["benefit"]
    if field != "institution":
        assert input_value(page, "institution") == data["institution"]
    with client.application.app_context():
        assert proposals() == []


def test_line_breaks_count_as_one_character(client, world):
    """Browsers post CR LF and count a line break as one character in maxlength."""
    login_as(client, "author")
    text = "\r\n".join(["x" * 99] * 20)  # 1,980 characters and 19 breaks: 1,999 in the browser
    response = client.post(new_url(world["round"]),
                           data=form_data(world, accion="publicar", problem=text))
    assert response.status_code == 302, html(response)
    with client.application.app_context():
        assert proposals()[0].problem == text.replace("\r\n", "\n")


def test_control_characters_are_dropped_c1_included(client, world):
    """Invisible characters (C0, DEL, and the C1 ones text pasted from old Windows documents
    brings) never reach the database; NEL is a line break, a space in a title."""
    login_as(client, "author")
    response = client.post(new_url(world["round"]), data=form_data(
        world, accion="publicar", title="Presupuesto\x85abierto\x9b\x00 municipal",
        problem="Uno\x80\x1b\x85dos\x9f", institution="Contraloría\x7f\x96"))
    assert response.status_code == 302, html(response)
    with client.application.app_context():
        [proposal] = proposals()
        assert (proposal.title, proposal.problem, proposal.institution) == (
            "Presupuesto abierto municipal", "Uno\ndos", "Contraloría")


def test_a_plan_without_axes_hides_the_field(client, world):
    with client.application.app_context():
        plan = make_plan(number=9)
        round_id = make_open_round(plan=plan).id
    login_as(client, "author")
    page = html(client.get(new_url(round_id)))
    assert 'name="axis"' not in page
    data = form_data(world, accion="publicar")
    data.pop("axis")
    response = client.post(new_url(round_id), data=data)
    assert response.status_code == 302
    with client.application.app_context():
        [proposal] = proposals()
        assert proposal.axis_id is None
    assert "Eje temático" not in html(client.get(response.headers["Location"]))


def test_the_service_refuses_an_axis_of_another_plan_and_a_foreign_organisation(db_session,
                                                                                  world):
    from participa.organizations.models import Organization
    from participa.plans.models import Axis

    round_ = db_session.get(ConsultationRound, world["round"])
    author = db_session.get(User, world["author"])
    fields = dict(title="t", problem="p", proposed_commitment="c", benefit="b",
                  institution="i", values=[OgpValue.TRANSPARENCY])
    with pytest.raises(Invalid) as error:
        services.submit_proposal(author=author, round=round_, organization=None,
                                 axis=db_session.get(Axis, world["foreign_axis"]), **fields)
    assert error.value.field == "axis"
    with pytest.raises(Invalid) as error:
        services.submit_proposal(author=author, round=round_, axis=None, organization=None,
                                 **fields)
    assert error.value.field == "axis"
    with pytest.raises(Invalid) as error:
        services.submit_proposal(author=author, round=round_, axis=round_.plan.axes[0],
                                 organization=db_session.get(Organization, world["pending"]),
                                 **fields)
    assert error.value.field == "organization"
    with pytest.raises(Invalid) as error:
        services.submit_proposal(author=author, round=round_, axis=round_.plan.axes[0],
                                 organization=None, **{**fields, "values": []})
    assert error.value.field == "values"
    assert db_session.scalar(db.select(db.func.count(Proposal.id))) == 0
    assert db_session.scalar(db.select(db.func.count(ActionPlan.id))) == 2


# Escaping -------------------------------------------------------------------------------------


def test_xss_payloads_are_escaped_in_the_preview_and_the_page(client, world):
    with client.application.app_context():
        user = db.session.get(User, world["author"])
        user.name = XSS
        db.session.commit()
    login_as(client, "author")
    data = form_data(world, title=XSS, problem=XSS, proposed_commitment=XSS, benefit=XSS,
                     institution=XSS)
    for action in ("vista_previa", "editar"):
        page = html(client.post(new_url(world["round"]), data={**data, "accion": action}))
        assert "<script>alert" not in page and "<img src=x" not in page
    response = client.post(new_url(world["round"]), data={**data, "accion": "publicar"})
    assert response.status_code == 302
    page = html(client.get(response.headers["Location"]))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert page.count(ESCAPED_XSS) >= 6  # title (twice), three texts, institution, author


# Similar titles (JSON for static/js/similar.js) ---------------------------------------------


def test_similar_endpoint_returns_up_to_five(client, world):
    with client.application.app_context():
        round_ = db.session.get(ConsultationRound, world["round"])
        ids = [make_proposal(round_, title=f"Publicar las compras municipales {n}").id
               for n in range(7)]
        make_proposal(round_, title="Becas de informática")
        make_proposal(round_, title=XSS + " compras municipales")
        year = services.reference_year(utcnow())
    response = client.get(f"/consultas/{world['round']}/propuestas/similares"
                          "?titulo=Compras+munícipales+publicadas")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    items = response.get_json()
    assert len(items) == 5
    assert set(items[0]) == {"reference", "title", "url"}
    assert items[0]["reference"].startswith(f"P-{year}-")
    assert items[0]["url"] in {f"/propuestas/{i}" for i in ids}
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.get_data(as_text=True)) == items
    # Excluding a proposal (the one being edited), nothing for an empty title.
    excluded = client.get(f"/consultas/{world['round']}/propuestas/similares"
                          f"?titulo=compras+municipales&excluir={ids[0]}").get_json()
    assert f"/propuestas/{ids[0]}" not in [item["url"] for item in excluded]
    assert client.get(f"/consultas/{world['round']}/propuestas/similares?titulo=").get_json() \
        == []
    assert client.get("/consultas/9999/propuestas/similares?titulo=x").status_code == 404


# The round page (templates/proposals/_round_actions.html) ------------------------------------


@pytest.mark.parametrize(
    "who, which, button",
    [
        ("anonymous", "round", False),
        ("unconfirmed", "round", False),
        ("author", "round", True),
        ("author", "future", False),
        ("author", "review", False),
    ],
)
def test_round_page_links_to_the_list_and_the_form(client, world, who, which, button):
    login_as(client, who)
    round_id = world[which]
    page = html(client.get(f"/consultas/{round_id}"))
    assert f'href="/consultas/{round_id}/propuestas"' in page
    assert (f'href="/consultas/{round_id}/propuestas/nueva"' in page) is button
    assert ("Enviar una propuesta" in page) is button
