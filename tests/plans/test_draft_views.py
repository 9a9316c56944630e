"""Editing a draft commitment in the template's form (every save a version), marking a
version final, the public commitment page with its history, and the differences page."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.plans.models import Commitment, CommitmentStatus, CommitmentVersion
from participa.plans.versions import ContactData, MilestoneData

from ..client import form_values
from ..factories import audit_events, login_as, make_plan, make_user
from ..pages import html, main_of, without_card_labels
from ..querycount import count_queries
from .drafts import CONTACTS, FIELDS, MILESTONES, draft_with_versions, form_data, make_draft, save

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def people(app) -> dict[str, str]:
    with app.app_context():
        make_user(email_address="admin@example.org", is_admin=True, name="Admin Uno")
        make_user(email_address="moderator@example.org", is_moderator=True,
                  name="Moderadora MTGA")
        make_user(email_address="participant@example.org")
        make_user(email_address="translator@example.org", translates=("quc",))
        make_user(email_address="unconfirmed@example.org", confirmed=False)
    return {}


def _draft(app, versions: int = 1, **kwargs) -> int:
    with app.app_context():
        return draft_with_versions(versions, **kwargs).id


def _versions(app, commitment_id: int) -> list[CommitmentVersion]:
    with app.app_context():
        found = db.session.scalars(
            sa.select(CommitmentVersion)
            .where(CommitmentVersion.commitment_id == commitment_id)
            .order_by(CommitmentVersion.number)
        ).all()
        for version in found:  # load before the context closes
            version.milestones, version.contacts  # noqa: B018
        return list(found)


def _edit(commitment_id: int) -> str:
    return f"/planes/compromisos/{commitment_id}/editar"


def _page(commitment_id: int, query: str = "") -> str:
    return f"/planes/compromisos/{commitment_id}{query}"


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(?:\r?\n)?(.*?)</textarea>',
                      page, re.S)
    assert match, name
    return unescape(match.group(1))


def _milestone_rows(page: str) -> int:
    return len(re.findall(r'name="milestones-\d+-description"', page))


def _contact_rows(page: str) -> int:
    return len(re.findall(r'name="contacts-\d+-name"', page))


# Permissions ----------------------------------------------------------------------------------

ROUTES = [
    ("GET", "editar"),
    ("POST", "editar"),
    ("POST", "versiones/1/definitiva"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize("who", ["anonymous", "participant", "translator", "unconfirmed"])
def test_only_moderators_edit(app, client, people, method, path, who):
    commitment_id = _draft(app)
    login_as(client, who)
    url = f"/planes/compromisos/{commitment_id}/{path}"
    data = form_data(base=1, fields={"title": "Intruso"}) if path == "editar" else {}
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    if who == "anonymous":
        assert response.status_code == 302
        assert "/cuenta/entrar" in response.headers["Location"]
    else:
        assert response.status_code == 403
    versions = _versions(app, commitment_id)
    assert len(versions) == 1 and not versions[0].is_final
    with app.app_context():
        assert audit_events("commitment.final") == []


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_moderators_and_admins_edit_and_mark_final(app, client, people, who):
    commitment_id = _draft(app)
    login_as(client, who)
    assert client.get(_edit(commitment_id)).status_code == 200
    response = client.post(_edit(commitment_id),
                           data=form_data(base=1, fields={"title": "Nuevo título"}))
    assert response.status_code == 303
    response = client.post(f"/planes/compromisos/{commitment_id}/versiones/2/definitiva")
    assert response.status_code == 303
    assert [(v.number, v.title, v.is_final) for v in _versions(app, commitment_id)] == [
        (1, FIELDS["title"], False), (2, "Nuevo título", True),
    ]


@pytest.mark.parametrize("status", [CommitmentStatus.ACTIVE, CommitmentStatus.INACTIVE])
def test_published_commitments_are_not_editable(app, client, people, status):
    with app.app_context():
        commitment = make_draft(status=CommitmentStatus.DRAFT)
        save(commitment)
        commitment.status = status
        db.session.commit()
        commitment_id = commitment.id
    login_as(client, "moderator")
    for response in (
        client.get(_edit(commitment_id)),
        client.post(_edit(commitment_id), data=form_data(base=1, fields={"title": "Otro"})),
        client.post(f"/planes/compromisos/{commitment_id}/versiones/1/definitiva"),
    ):
        assert response.status_code == 409
        assert "ya no es un borrador" in html(response)
    assert len(_versions(app, commitment_id)) == 1
    page = html(client.get(_page(commitment_id)))
    assert _edit(commitment_id) not in page and "definitiva</button>" not in page


def test_the_edit_link_shows_only_to_moderators(app, client, people):
    commitment_id = _draft(app)
    assert _edit(commitment_id) not in html(client.get(_page(commitment_id)))
    login_as(client, "participant")
    assert _edit(commitment_id) not in html(client.get(_page(commitment_id)))
    client.post("/cuenta/salir")
    login_as(client, "moderator")
    page = html(client.get(_page(commitment_id)))
    assert f'href="{_edit(commitment_id)}"' in page
    assert f'action="/planes/compromisos/{commitment_id}/versiones/1/definitiva"' in page


def test_unknown_commitments_and_versions(app, client, people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    assert client.get(_edit(999)).status_code == 404
    assert client.post(f"/planes/compromisos/{commitment_id}/versiones/9/definitiva"
                       ).status_code == 404
    assert client.get(f"/planes/compromisos/{commitment_id}/versiones/1/definitiva"
                      ).status_code == 405


def test_the_post_needs_a_csrf_token(app, client, people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    response = client.post(_edit(commitment_id), data=form_data(base=1), csrf=False)
    assert response.status_code == 400
    assert len(_versions(app, commitment_id)) == 1


# The form -----------------------------------------------------------------------------------


def test_the_form_holds_the_newest_version_and_blank_rows(app, client, people):
    commitment_id = _draft(app, 2)
    login_as(client, "moderator")
    page = html(client.get(_edit(commitment_id)))
    values = form_values(page)
    assert values["base_number"] == "2"
    assert _textarea(page, "problem") == "Problema, versión 2."
    assert _textarea(page, "title") == FIELDS["title"]
    assert values["start_date"] == "2026-09" and values["end_date"] == "2028-08-31"
    assert 'type="month"' in page and 'type="date"' in page
    assert values["milestones-0-number"] == "1"
    assert values["milestones-1-start_date"] == "2027-03"
    assert '<option selected value="en_curso">' in page
    assert values["contacts-0-email"] == "ana@example.org"
    # The rows, plus one blank row each, numbered next.
    assert _milestone_rows(page) == 3 and _contact_rows(page) == 2
    assert values["milestones-2-number"] == "3"
    assert _textarea(page, "milestones-2-description") == ""
    assert "Añadir un hito" in page and "Añadir un contacto" in page
    assert "Quitar este hito" in page and "<script" not in page


def test_a_draft_without_versions_starts_from_its_title(app, client, people):
    with app.app_context():
        commitment_id = make_draft(title="Título consolidado").id
    login_as(client, "moderator")
    page = html(client.get(_page(commitment_id)))
    assert "Redactar la primera versión" in page
    page = html(client.get(_edit(commitment_id)))
    assert form_values(page)["base_number"] == "0"
    assert _textarea(page, "title") == "Título consolidado"
    assert _milestone_rows(page) == 1 and _contact_rows(page) == 1
    response = client.post(_edit(commitment_id), data=form_data(base=0))
    assert response.status_code == 303
    assert [v.number for v in _versions(app, commitment_id)] == [1]


def test_saving_makes_a_version_with_its_rows(app, client, people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    milestones = (*MILESTONES, MilestoneData(3, "Tercer hito.", "INAP", False, None, None))
    contacts = (*CONTACTS, ContactData("Luis Ajú", "INAP", "", ""))
    data = form_data(base=1, fields={"problem": "Línea uno.\r\nLínea dos."},
                     milestones=milestones, contacts=contacts, note="Se añade el hito 3.")
    # The blank rows the form always shows are posted too, and ignored.
    data.update({"milestones-3-number": "4", "milestones-3-description": "",
                 "milestones-3-is_new": "nuevo", "contacts-2-name": ""})
    response = client.post(_edit(commitment_id), data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(_page(commitment_id))
    [_, version] = _versions(app, commitment_id)
    assert version.change_note == "Se añade el hito 3."
    assert version.problem == "Línea uno.\nLínea dos."
    assert [MilestoneData.of(m) for m in version.milestones] == list(milestones)
    assert [ContactData.of(c) for c in version.contacts] == list(contacts)
    with app.app_context():
        [event] = audit_events("commitment.version")[-1:]
        assert event.after == {"version": 2, "changed": ["problem", "milestones", "contacts"]}
    page = html(client.get(_page(commitment_id)))
    assert "Se guardó la versión 2 del borrador." in page
    assert 'id="hito-3"' in page


def test_months_may_be_typed_as_words(app, client, people):
    """Browsers without a month picker show a text box."""
    commitment_id = _draft(app)
    login_as(client, "moderator")
    data = form_data(base=1)
    data.update({"start_date": "noviembre de 2018", "end_date": "30/08/2020",
                 "milestones-0-start_date": "Septiembre 2020", "milestones-0-end_date": "10/2020"})
    assert client.post(_edit(commitment_id), data=data).status_code == 303
    version = _versions(app, commitment_id)[-1]
    assert (str(version.start_date), str(version.end_date)) == ("2018-11-01", "2020-08-30")
    m = version.milestones[0]
    assert (str(m.start_date), str(m.end_date)) == ("2020-09-01", "2020-10-01")
    page = without_card_labels(html(client.get(_page(commitment_id))))
    assert "noviembre de 2018 al 30 de agosto de 2020" in page
    assert "<td>septiembre de 2020</td>" in page


def test_control_characters_are_dropped(app, client, people):
    """Invisible, and PostgreSQL refuses NUL: dropped from every field, rows included."""
    commitment_id = _draft(app)
    login_as(client, "moderator")
    data = form_data(base=1, fields={"title": "Tí\x00tu\x9blo", "problem": "Uno\x07\r\nDos"})
    data.update({"milestones-0-description": "Hi\x00to\x85", "contacts-0-name": "Ana\x1b Pérez"})
    assert client.post(_edit(commitment_id), data=data).status_code == 303
    version = _versions(app, commitment_id)[-1]
    assert (version.title, version.problem) == ("Título", "Uno\nDos")
    assert version.milestones[0].description == "Hito"
    assert version.contacts[0].name == "Ana Pérez"


def test_adding_rows_without_javascript_keeps_what_was_typed(app, client, people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    data = form_data(base=1, fields={"problem": "Texto a medio escribir."}, note="")
    data.update({"milestones-2-number": "3", "milestones-2-description": "Hito nuevo tecleado",
                 "milestones-2-start_date": "2027-01"})
    response = client.post(_edit(commitment_id), data={**data, "accion": "anadir_hito"})
    assert response.status_code == 200
    page = html(response)
    assert _milestone_rows(page) == 4
    values = form_values(page)
    assert values["milestones-3-number"] == "4"
    assert _textarea(page, "milestones-2-description") == "Hito nuevo tecleado"
    assert values["milestones-2-start_date"] == "2027-01"
    assert _textarea(page, "problem") == "Texto a medio escribir."
    assert "error-summary" not in page  # adding a row does not check the form
    response = client.post(_edit(commitment_id), data={**data, "accion": "anadir_contacto"})
    assert _contact_rows(html(response)) == 2
    assert len(_versions(app, commitment_id)) == 1  # nothing saved


def test_removing_rows(app, client, people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    data = form_data(base=1)
    data["milestones-0-remove"] = "y"
    data["contacts-0-remove"] = "y"
    assert client.post(_edit(commitment_id), data=data).status_code == 303
    version = _versions(app, commitment_id)[-1]
    assert [m.number for m in version.milestones] == [2]  # numbers are kept
    assert version.contacts == []
    assert [m.number for m in _versions(app, commitment_id)[0].milestones] == [1, 2]


@pytest.mark.parametrize(("changes", "field_id", "message"), [
    ({"change_note": ""}, "change_note", "Este campo es obligatorio."),
    ({"title": "   "}, "title", "Este campo es obligatorio."),
    ({"start_date": "pronto"}, "start_date", "Escriba un mes y un año"),
    ({"end_date": "2018-02-30"}, "end_date", "Escriba una fecha válida"),
    ({"start_date": "2027-01", "end_date": "2026-01-01"}, "end_date", "posterior a la de inicio"),
    ({"milestones-1-number": "1"}, "milestones-1-number", "Otro hito ya tiene este número."),
    ({"milestones-1-number": ""}, "milestones-1-number", "Escriba el número del hito."),
    ({"milestones-0-description": ""}, "milestones-0-description", "Describa el hito."),
    ({"milestones-0-end_date": "2018-01"}, "milestones-0-end_date", "posterior a la de inicio"),
    ({"contacts-0-name": ""}, "contacts-0-name", "Escriba el nombre de la persona."),
    ({"contacts-0-email": "no-es-correo"}, "contacts-0-email", "correo electrónico válida"),
    ({"title": "x" * 501}, "title", "No puede tener más de 500 caracteres."),
])
def test_invalid_input_is_422_with_every_value_kept(app, client, people, changes, field_id,
                                                   message):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    data = {**form_data(base=1, fields={"problem": f"Mi texto {XSS}"}, note="Mi nota"),
            **changes}
    response = client.post(_edit(commitment_id), data=data)
    assert response.status_code == 422
    page = html(response)
    assert message in page
    assert f'href="#{field_id}"' in page  # the summary links to the field
    assert 'aria-invalid="true"' in page
    values = form_values(page)
    for name, value in data.items():
        if name in ("accion", "csrf_token"):
            continue
        if name.endswith("-is_new"):
            assert re.search(rf'<select[^>]*name="{name}"[^>]*>.*?<option selected '
                             rf'value="{value}">', page, re.S), name
        elif name in values:
            assert unescape(values[name]) == value.strip(), name
        else:  # a textarea: line breaks as one character, trimmed; a title on one line
            expected = value.replace("\r\n", "\n").strip()
            if name == "title":
                expected = " ".join(value.split())
            assert _textarea(page, name) == expected, name
    assert "<script>alert" not in page
    assert len(_versions(app, commitment_id)) == 1


def test_a_save_without_changes_is_422(app, client, people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    data = form_data(base=1, fields={"problem": "Problema, versión 1."}, note="Sin cambios")
    response = client.post(_edit(commitment_id), data=data)
    assert response.status_code == 422
    assert "No hay cambios respecto de la versión 1" in html(response)


def test_a_stale_form_is_409_with_the_text_kept_and_a_link_to_the_differences(app, client,
                                                                              people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    assert form_values(html(client.get(_edit(commitment_id))))["base_number"] == "1"
    with app.app_context():  # someone else saves version 2 meanwhile
        save(db.session.get(Commitment, commitment_id), fields={"problem": "De otra persona."})
    mine = form_data(base=1, fields={"problem": "Mi texto largo, que no se debe perder."},
                     note="Mi nota de cambios")
    response = client.post(_edit(commitment_id), data=mine)
    assert response.status_code == 409
    page = html(response)
    assert "Alguien más cambió este borrador" in page
    assert "se guardó la versión 2" in page
    assert f'href="/planes/compromisos/{commitment_id}/diferencias?de=1&amp;a=2"' in page
    assert _textarea(page, "problem") == "Mi texto largo, que no se debe perder."
    assert _textarea(page, "change_note") == "Mi nota de cambios"
    values = form_values(page)
    assert values["base_number"] == "2"  # saving again is a knowing choice
    assert [v.problem for v in _versions(app, commitment_id)] == [
        "Problema, versión 1.", "De otra persona."]
    # Saving again makes the text version 3.
    response = client.post(_edit(commitment_id), data={**mine, "base_number": "2"})
    assert response.status_code == 303
    assert _versions(app, commitment_id)[-1].problem == "Mi texto largo, que no se debe perder."


def test_a_stale_first_version(app, client, people):
    with app.app_context():
        commitment = make_draft()
        commitment_id = commitment.id
        save(commitment, base=0, fields={"problem": "Primero de otra persona."})
    login_as(client, "moderator")
    response = client.post(_edit(commitment_id), data=form_data(base=0, note="Mía"))
    assert response.status_code == 409
    assert f'href="/planes/compromisos/{commitment_id}?version=1"' in html(response)
    assert len(_versions(app, commitment_id)) == 1


def test_a_missing_base_is_a_bad_request(app, client, people):
    commitment_id = _draft(app)
    login_as(client, "moderator")
    data = form_data(base=1)
    del data["base_number"]
    assert client.post(_edit(commitment_id), data=data).status_code == 400
    assert client.post(_edit(commitment_id), data={**data, "base_number": "x"}
                       ).status_code == 400


# Marking final --------------------------------------------------------------------------------


def test_marking_final_removes_the_draft_mark(app, client, people):
    commitment_id = _draft(app, 2)
    page = html(client.get(_page(commitment_id)))
    assert "BORRADOR" in page
    login_as(client, "moderator")
    response = client.post(f"/planes/compromisos/{commitment_id}/versiones/1/definitiva")
    assert response.status_code == 409
    assert "Solo la versión más reciente" in html(response)
    response = client.post(f"/planes/compromisos/{commitment_id}/versiones/2/definitiva")
    assert response.status_code == 303
    page = html(client.get(_page(commitment_id)))
    assert "La versión 2 quedó marcada como definitiva." in page
    assert "BORRADOR" not in page and "Versión definitiva" in page
    assert "definitiva</button>" not in page
    # The earlier version is still shown as a draft.
    assert "BORRADOR" in html(client.get(_page(commitment_id, "?version=1")))
    response = client.post(f"/planes/compromisos/{commitment_id}/versiones/2/definitiva")
    assert response.status_code == 409
    with app.app_context():
        assert len(audit_events("commitment.final")) == 1
    # Editing goes on: the next version is a draft again.
    assert "La versión 2 está marcada como definitiva" in html(client.get(_edit(commitment_id)))


# The commitment page ----------------------------------------------------------------------


def _sections(page: str) -> list[str]:
    return re.findall(r'<section class="template-section" id="seccion-([a-z_]+)"', page)


def test_drafts_are_public_in_the_template_layout(app, client, people):
    with app.app_context():
        author = make_user(name="Moderadora MTGA", is_moderator=True)
        commitment = make_draft(title="Borrador")
        save(commitment, actor=author, note="Primera versión.")
        commitment_id = commitment.id
    page = without_card_labels(html(client.get(_page(commitment_id))))  # anonymous
    assert "BORRADOR" in page and "todavía no es la versión definitiva" in page
    assert _sections(page) == [
        "title", "dates", "lead_institution", "supporting_institutions", "problem",
        "commitment_text", "contribution", "ogp_relevance", "additional_information",
        "milestones", "contacts", "other_actors", "observations",
    ]
    assert "Compromiso 1:</strong> Presupuesto abierto" in page
    assert "septiembre de 2026 al 31 de agosto de 2028" in page
    assert '<tr id="hito-1">' in page and '<tr id="hito-2">' in page
    assert '<th scope="row">1</th>' in page and '<th scope="col">Fecha de término</th>' in page
    assert "<td>Nuevo</td>" in page and "<td>En curso</td>" in page
    assert "<td>enero de 2027</td>" in page
    assert "<li>Congreso de la República</li>" in page
    assert '<th scope="row">Ana Pérez</th>' in page and "<td>ana@example.org</td>" in page
    # History: number, date in Guatemala, author, note, state.
    history = page.split('id="historial"', 1)[1]
    assert "Moderadora MTGA" in history and "Primera versión." in history
    assert re.search(r"<td>\d{1,2} de \w+ de 20\d\d, \d\d:\d\d</td>", history)
    assert "<td>Borrador</td>" in history
    assert "<script" not in page and "style=" not in page


def test_a_chosen_version(app, client, people):
    commitment_id = _draft(app, 3)
    page = html(client.get(_page(commitment_id, "?version=2")))
    assert "Problema, versión 2." in page and "Problema, versión 3." not in page
    assert "Versión 2 de 3" in page
    assert "Ver la versión más reciente (3)" in page
    assert f'href="/planes/compromisos/{commitment_id}/diferencias?de=1&amp;a=2"' in page
    assert "Problema, versión 3." in html(client.get(_page(commitment_id)))
    assert client.get(_page(commitment_id, "?version=4")).status_code == 404
    assert client.get(_page(commitment_id, "?version=0")).status_code == 400
    assert client.get(_page(commitment_id, "?version=x")).status_code == 400


def test_a_commitment_without_versions_keeps_its_facts(app, client, people):
    with app.app_context():
        plan = make_plan()
        commitment = Commitment(plan_id=plan.id, number=1, title="Histórico",
                                status=CommitmentStatus.INACTIVE)
        db.session.add(commitment)
        db.session.commit()
        commitment_id = commitment.id
    page = html(client.get(_page(commitment_id)))
    assert "Histórico" in page and "BORRADOR" not in page and "historial" not in page
    assert client.get(_page(commitment_id, "?version=1")).status_code == 404


def test_drafts_stay_out_of_the_open_data_api(app, client, people):
    commitment_id = _draft(app)
    body = client.get("/api/v1/commitments").get_json()
    assert commitment_id not in [item["id"] for item in body["data"]]
    assert "Presupuesto abierto" not in client.get("/api/v1/commitments.csv").get_data(
        as_text=True)


def test_user_text_is_escaped_on_the_page_and_in_the_diff(app, client, people):
    with app.app_context():
        author = make_user(name=f"Nombre {XSS}", is_moderator=True)
        commitment = make_draft(title="Borrador")
        save(commitment, actor=author, note=f"Nota {XSS}")
        evil_milestone = MilestoneData(1, f"Hito {XSS}", f"Entidad {XSS}", True, None, None)
        evil_contact = ContactData(f"Ana {XSS}", f"Cargo {XSS}", "ana@example.org", f"{XSS}"[:60])
        save(commitment, actor=author, note=f"Otra {XSS}",
             fields={name: f"{name} {XSS}" for name in FIELDS if name not in (
                 "start_date", "end_date")},
             milestones=(evil_milestone,), contacts=(evil_contact,))
        commitment_id = commitment.id
    for url in (_page(commitment_id), _page(commitment_id, "?version=1"),
                f"/planes/compromisos/{commitment_id}/diferencias?de=1&a=2"):
        page = html(client.get(url))
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;alert(" in page, url
    login_as(client, "moderator")
    page = html(client.get(_edit(commitment_id)))
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page


def test_the_page_makes_a_constant_number_of_queries(app, client, people):
    """As many queries for 1 milestone, 1 contact and 1 version as for 12, 6 and 5 (each
    version by a different author)."""

    def build(n_versions: int, n_milestones: int, n_contacts: int) -> int:
        with app.app_context():
            commitment = make_draft()
            for n in range(1, n_versions + 1):
                milestones = [replace(MILESTONES[0], number=k, description=f"Hito {k} v{n}")
                              for k in range(1, n_milestones + 1)]
                contacts = [ContactData(f"Persona {k}") for k in range(n_contacts)]
                save(commitment, actor=make_user(is_moderator=True), milestones=milestones,
                     contacts=contacts, fields={"problem": f"v{n}"})
            return commitment.id

    small, large = build(1, 1, 1), build(5, 12, 6)
    counts = []
    for commitment_id in (small, large, small, large):
        with count_queries(app) as queries:
            assert client.get(_page(commitment_id)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2] == counts[3], counts
    counts = []
    for commitment_id in (small, large):
        with count_queries(app) as queries:
            assert client.get(_page(commitment_id, "?version=1")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# The differences page -----------------------------------------------------------------------


def test_the_differences_page(app, client, people):
    with app.app_context():
        commitment = make_draft()
        save(commitment, note="Primera.")
        save(commitment, note="Cambia el problema y los hitos.",
             fields={"problem": "Los documentos del presupuesto se publican muy tarde."},
             milestones=(MILESTONES[0], MilestoneData(3, "Hito añadido.", "INAP", True,
                                                      None, None)))
        commitment_id = commitment.id
    url = f"/planes/compromisos/{commitment_id}/diferencias"
    page = html(client.get(f"{url}?de=1&a=2"))
    assert "De la versión 1" in page and "a la versión 2" in page
    assert "Cambia el problema y los hitos." in page
    # The legend, in words.
    assert "<del>texto quitado</del>" in page and "<ins>texto añadido</ins>" in page
    # Word by word, announced for screen readers.
    assert ('publican <ins><span class="visually-hidden">[texto añadido: </span>muy '
            '<span class="visually-hidden">]</span></ins>tarde.') in page
    # Milestones: 2 removed, 3 added, 1 unchanged (collapsed).
    assert re.search(r'id="hito-2">\s*<h3>Hito 2 <span class="badge diff-removed">quitado', page)
    assert re.search(r'id="hito-3">\s*<h3>Hito 3 <span class="badge diff-added">añadido', page)
    assert re.search(r"<summary>Hito 1 \(sin cambios\)</summary>", page)
    # Unchanged sections are collapsed.
    assert re.search(r'<details class="diff-section" id="seccion-title">\s*<summary>', page)
    assert 'id="seccion-problem" aria-labelledby' in page
    # Without parameters: the newest against the one before.
    assert main_of(html(client.get(url))) == main_of(page)
    # Any two versions, in any order.
    assert "Las dos versiones tienen el mismo texto." in html(client.get(f"{url}?de=2&a=2"))
    assert client.get(f"{url}?de=2&a=1").status_code == 200
    assert "<select" in page and 'name="de"' in page


@pytest.mark.parametrize(("query", "status"), [
    ("?de=1&a=9", 404), ("?de=0&a=1", 400), ("?de=x", 400), ("?desde=1", 400),
    ("?de=1&a=1&a=2", 200),
])
def test_bad_differences_requests(app, client, people, query, status):
    commitment_id = _draft(app, 2)
    response = client.get(f"/planes/compromisos/{commitment_id}/diferencias{query}")
    assert response.status_code == status


def test_differences_of_a_commitment_without_versions_is_404(app, client, people):
    with app.app_context():
        commitment_id = make_draft().id
    assert client.get(f"/planes/compromisos/{commitment_id}/diferencias").status_code == 404
    assert client.get("/planes/compromisos/999/diferencias").status_code == 404
