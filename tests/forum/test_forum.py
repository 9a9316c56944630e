"""The Mesa Técnica's own space: members with their role, rules of participation kept in
versions, meetings with agenda, minutes, attendance and decisions; public, in the open data,
kept by the MTGA and administrators with audited forms; the six-month warning."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from participa.accounts.models import User
from participa.base.extensions import db
from participa.base.time import local_zone, utcnow
from participa.forum import services
from participa.forum.models import ForumMeeting, ForumMember, ForumRole, ForumRules
from participa.organizations.models import OrganizationKind

from ..factories import audit_events, login_as, make_organization, make_people_of_each_role
from ..querycount import count_queries


def _today() -> date:
    return utcnow().astimezone(local_zone()).date()


@pytest.fixture
def people(app):
    with app.app_context():
        return make_people_of_each_role()


@pytest.fixture
def orgs(app):
    with app.app_context():
        ids = {
            "segeplan": make_organization(name="Secretaría de Planificación", acronym="SEGEPLAN",
                                          kind=OrganizationKind.INSTITUCION_PUBLICA).id,
            "accion": make_organization(name="Acción Ciudadana").id,
            "usac": make_organization(name="Universidad de San Carlos", acronym="USAC").id,
        }
        db.session.commit()
        return ids


def meeting_form(orgs, **changes) -> dict:
    data = {
        "held_on": (_today() - timedelta(days=10)).isoformat(),
        "place": "Salón de la SEGEPLAN, zona 1",
        "agenda": "1. Aprobación del acta anterior\n2. Avance del plan",
        "minutes": "Se abrió la sesión con quórum. Se revisó el avance del plan.",
        "decisions": "Aprobar el acta anterior\nConvocar a consulta en Totonicapán",
        "organizations": [str(orgs["segeplan"]), str(orgs["accion"])],
        "people_present": "Ana López, SEGEPLAN\nLuis Pérez, Acción Ciudadana",
    }
    data.update(changes)
    return data


def seat(client, org_id, role="institution"):
    return client.post("/mesa-tecnica/miembros",
                       data={"organization_id": str(org_id), "role": role})


def test_the_mtga_seats_members_records_a_meeting_and_the_public_reads_it(
        app, client, people, orgs):
    login_as(client, "moderator")
    assert seat(client, orgs["segeplan"]).status_code == 302
    assert seat(client, orgs["accion"], "civil_society").status_code == 302
    assert seat(client, orgs["usac"], "observer").status_code == 302
    # a change of role is the same form, audited with what it was
    assert seat(client, orgs["usac"], "academia").status_code == 302
    response = client.post("/mesa-tecnica/reuniones/nueva", data=meeting_form(orgs))
    assert response.status_code == 302
    with app.app_context():
        roles = {m.organization_id: m.role for m in db.session.scalars(sa.select(ForumMember))}
        assert roles[orgs["usac"]] == ForumRole.ACADEMIA
        changes = audit_events("forum.member")
        assert len(changes) == 4 and changes[-1].before == {"role": "observer"}
        meeting = db.session.scalar(sa.select(ForumMeeting))
        assert sorted(o.id for o in meeting.organizations) == sorted(
            [orgs["segeplan"], orgs["accion"]])
        assert [e.actor_id for e in audit_events("forum.meeting.record")] == [
            people["moderator"]]
    anonymous = app.test_client()
    page = anonymous.get("/mesa-tecnica").get_data(as_text=True)
    assert "Acción Ciudadana" in page and "Universidad de San Carlos" in page
    assert "Se abrió la sesión con quórum" in page
    assert "Registrar una reunión" not in page
    shown = anonymous.get(response.headers["Location"]).get_data(as_text=True)
    for text in ("Convocar a consulta en Totonicapán", "Luis Pérez, Acción Ciudadana",
                 "1. Aprobación del acta anterior", "Secretaría de Planificación"):
        assert text in shown
    # The page's <title> is its name only (the documents list once stood in it too).
    title = shown[shown.index("<title>"):shown.index("</title>")]
    assert "Reunión de la Mesa Técnica del" in title and "<h2" not in title
    assert shown.count('id="documentos"') == 1


def test_a_meeting_refused_keeps_what_was_typed(app, client, people, orgs):
    login_as(client, "admin")
    response = client.post("/mesa-tecnica/reuniones/nueva", data=meeting_form(orgs))
    assert response.status_code == 422  # the organisations present are the forum's members
    seat(client, orgs["segeplan"])
    seat(client, orgs["accion"], "civil_society")
    response = client.post("/mesa-tecnica/reuniones/nueva",
                           data=meeting_form(orgs, place="", agenda="Temas del día"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Temas del día" in page and "Se abrió la sesión con quórum" in page
    assert "Escriba el lugar o marque" in page
    future = (_today() + timedelta(days=5)).isoformat()
    response = client.post("/mesa-tecnica/reuniones/nueva",
                           data=meeting_form(orgs, held_on=future))
    assert response.status_code == 422
    assert "Una reunión futura no tiene acta" in response.get_data(as_text=True)
    # a planned meeting, online, without minutes yet, is fine
    response = client.post("/mesa-tecnica/reuniones/nueva", data=meeting_form(
        orgs, held_on=future, minutes="", decisions="", place="", online="y"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ForumMeeting)) == 1


def test_editing_a_meeting_adds_its_minutes_audited_with_what_it_said(app, client, people,
                                                                       orgs):
    login_as(client, "moderator")
    seat(client, orgs["segeplan"])
    seat(client, orgs["accion"], "civil_society")
    client.post("/mesa-tecnica/reuniones/nueva", data=meeting_form(orgs, minutes=""))
    with app.app_context():
        meeting_id = db.session.scalar(sa.select(ForumMeeting.id))
    form = client.get(f"/mesa-tecnica/reuniones/{meeting_id}/editar").get_data(as_text=True)
    assert "Salón de la SEGEPLAN" in form
    refused = client.post(f"/mesa-tecnica/reuniones/{meeting_id}/editar",
                          data=meeting_form(orgs, agenda="", minutes="Acta nueva"))
    assert refused.status_code == 422 and "Acta nueva" in refused.get_data(as_text=True)
    response = client.post(f"/mesa-tecnica/reuniones/{meeting_id}/editar",
                           data=meeting_form(orgs, minutes="El acta completa."))
    assert response.status_code == 302
    with app.app_context():
        meeting = db.session.get(ForumMeeting, meeting_id)
        assert meeting.minutes == "El acta completa."
        assert meeting.agenda.startswith("1. Aprobación")
        (edit,) = audit_events("forum.meeting.edit")
        assert edit.before["minutes"] == "" and edit.after["minutes"] == "El acta completa."


def test_rules_keep_every_version(app, client, people):
    login_as(client, "admin")
    assert client.post("/mesa-tecnica/reglas", data={"body": "Primera versión."}).status_code == 302
    assert client.post("/mesa-tecnica/reglas", data={"body": "Segunda versión."}).status_code == 302
    assert client.post("/mesa-tecnica/reglas", data={"body": ""}).status_code == 422
    with app.app_context():
        bodies = list(db.session.scalars(sa.select(ForumRules.body).order_by(ForumRules.id)))
        assert bodies == ["Primera versión.", "Segunda versión."]
        assert len(audit_events("forum.rules")) == 2
    page = app.test_client().get("/mesa-tecnica").get_data(as_text=True)
    assert "Segunda versión." in page and "Primera versión." not in page


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_only_the_mtga_keeps_the_record(app, client, people, orgs, who):
    login_as(client, who)
    for path in ("/mesa-tecnica/reuniones/nueva", "/mesa-tecnica/reglas",
                 "/mesa-tecnica/miembros"):
        response = client.post(path, data=meeting_form(orgs) | {"body": "x"})
        assert response.status_code in (302, 403) if who == "anonymous" else (
            response.status_code == 403)
    with app.app_context():
        assert audit_events() == [] or all(
            not e.action.startswith("forum.") for e in audit_events())


def test_open_data_json_and_csv(app, client, people, orgs):
    login_as(client, "moderator")
    seat(client, orgs["segeplan"])
    seat(client, orgs["accion"], "civil_society")
    client.post("/mesa-tecnica/reuniones/nueva",
                data=meeting_form(orgs, minutes="=HYPERLINK(\"x\") en el acta"))
    public = app.test_client()
    data = public.get("/api/v1/forum/meetings").get_json()
    (meeting,) = data["data"]
    assert meeting["people_present"] == ["Ana López, SEGEPLAN", "Luis Pérez, Acción Ciudadana"]
    assert set(meeting["organizations"]) == {"Secretaría de Planificación", "Acción Ciudadana"}
    rows = list(csv.DictReader(io.StringIO(
        public.get("/api/v1/forum/meetings.csv").get_data(as_text=True))))
    assert rows[0]["place"] == "Salón de la SEGEPLAN, zona 1"
    assert rows[0]["minutes"].startswith("'=")  # formula-safe


def test_six_months_without_meeting_warns(app, client, runner, people, orgs):
    today = _today()
    with app.app_context():
        assert services.overdue(today) == (True, None)
    result = runner.invoke(args=["forum", "check", "--today", today.isoformat()])
    assert result.exit_code == 1 and "has not met for six months" in result.output
    login_as(client, "admin")
    assert "no tiene ninguna reunión registrada" in client.get("/admin/").get_data(as_text=True)
    seat(client, orgs["segeplan"])
    seat(client, orgs["accion"], "civil_society")
    client.post("/mesa-tecnica/reuniones/nueva", data=meeting_form(orgs))
    result = runner.invoke(args=["forum", "check", "--today", today.isoformat()])
    assert result.exit_code == 0
    later = today + timedelta(days=200)
    result = runner.invoke(args=["forum", "check", "--today", later.isoformat()])
    assert result.exit_code == 1
    assert "reunión registrada" not in client.get("/admin/").get_data(as_text=True)


def test_the_page_runs_the_same_statements_with_more_meetings(app, client, people, orgs):
    def add(n):
        with app.app_context():
            staff = db.session.get(User, people["admin"])
            for i in range(n):
                organizations = [make_organization()]
                services.set_member(staff=staff, organization=organizations[0],
                                    role=ForumRole.CIVIL_SOCIETY)
                services.record_meeting(
                    staff=staff, held_on=_today() - timedelta(days=i + 1), online=True,
                    place="", agenda="Agenda", minutes="Acta", decisions="Uno",
                    people_present="Una persona", organizations=organizations)
            db.session.commit()

    public = app.test_client()
    add(1)
    with count_queries(app) as small:
        public.get("/mesa-tecnica")
    add(20)
    with count_queries(app) as large:
        public.get("/mesa-tecnica")
    assert len(small) == len(large), large.statements


def test_the_demo_shows_a_forum_with_two_meetings_and_their_minutes(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Mesa Técnica: 16 organizaciones miembros y 2 reuniones con acta." in result.output
    again = runner.invoke(args=["demo", "load"])
    assert "Mesa Técnica: ya tenía reuniones." in again.output
    with app.app_context():
        roles = {m.role for m in db.session.scalars(sa.select(ForumMember))}
        assert roles == set(ForumRole)
        meetings = list(db.session.scalars(sa.select(ForumMeeting)))
        assert len(meetings) == 2 and all(m.minutes and m.organizations for m in meetings)
    page = app.test_client().get("/mesa-tecnica").get_data(as_text=True)
    assert "Centro Carter" in page and "Observadoras" in page
    assert "La SEGEPLAN presentó la metodología" in page
    assert runner.invoke(args=["forum", "check"]).exit_code == 0


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_a_meeting_takes_public_documents_through_files(app, client, people, orgs):
    login_as(client, "moderator")
    seat(client, orgs["segeplan"])
    seat(client, orgs["accion"], "civil_society")
    client.post("/mesa-tecnica/reuniones/nueva", data=meeting_form(orgs))
    with app.app_context():
        meeting_id = db.session.scalar(sa.select(ForumMeeting.id))
    path = f"/mesa-tecnica/reuniones/{meeting_id}/documentos/nuevo"
    refused = client.post(path, data={"title": "Notas", "document": (
        io.BytesIO(b"solo texto\n"), "notas.txt")}, content_type="multipart/form-data")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Se aceptan: PDF, ODT, DOCX" in page, page[page.find("<main"):][:3000]
    assert "value=\"Notas\"" in page
    response = client.post(path, data={"title": "Acta firmada", "document": (
        io.BytesIO(PDF), "acta.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 303
    with app.app_context():
        meeting = db.session.get(ForumMeeting, meeting_id)
        (document,) = meeting.documents
        file_id = document.file_id
        assert document.file.owner == "forum"
        (event,) = audit_events("forum.document.attach")
        assert event.actor_id == people["moderator"] and event.after["title"] == "Acta firmada"
    public = app.test_client()
    shown = public.get(f"/mesa-tecnica/reuniones/{meeting_id}").get_data(as_text=True)
    assert "Acta firmada" in shown and f"/archivos/{file_id}" in shown
    served = public.get(f"/archivos/{file_id}")
    assert served.status_code == 200 and served.data == PDF
    (listed,) = public.get("/api/v1/forum/meetings").get_json()["data"]
    assert listed["documents"][0]["title"] == "Acta firmada"
    assert listed["documents"][0]["url"].endswith(f"/archivos/{file_id}")
    other = app.test_client()
    login_as(other, "participant")
    assert other.get(path).status_code == 403


def test_the_repository_of_a_plan_lists_the_minutes_and_documents_of_its_cycle(
        app, client, people, orgs):
    """Item 1 of what was left of issue 19: the minutes and the meetings' documents enter the
    OGP repository of each plan whose cycle (the year before its first year to its last)
    covers the meeting, with their dates; a meeting without minutes lists none."""
    from participa.plans.models import PlanStatus

    from ..factories import make_plan

    today = _today()
    with app.app_context():
        staff = db.session.get(User, people["moderator"])
        plan = make_plan(start_year=today.year, end_year=today.year + 2,
                         status=PlanStatus.IN_CONSULTATION)
        old = make_plan(start_year=today.year - 6, end_year=today.year - 4)
        written = services.record_meeting(
            staff=staff, held_on=today - timedelta(days=30), online=True, place="",
            agenda="1. Calendario", minutes="Se acordó el calendario de talleres.",
            decisions="", people_present="", organizations=[])
        services.record_meeting(
            staff=staff, held_on=today - timedelta(days=3), online=True, place="",
            agenda="1. Informe", minutes="", decisions="", people_present="",
            organizations=[])
        services.record_meeting(
            staff=staff, held_on=date(today.year - 5, 6, 1), online=True, place="",
            agenda="1. Plan anterior", minutes="Acta de un ciclo anterior.", decisions="",
            people_present="", organizations=[])
        db.session.commit()
        ids = {"plan": plan.id, "old": old.id, "meeting": written.id}
    login_as(client, "moderator")
    client.post(f"/mesa-tecnica/reuniones/{ids['meeting']}/documentos/nuevo",
                data={"title": "Acta firmada", "document": (io.BytesIO(PDF), "acta.pdf")},
                content_type="multipart/form-data")
    public = app.test_client()
    data = public.get(f"/api/v1/plans/{ids['plan']}/repository").get_json()["data"]
    by_kind: dict[str, list] = {}
    for entry in data:
        by_kind.setdefault(entry["kind"], []).append(entry)
    (minutes,) = by_kind["actas"]  # the meeting without minutes and the old one are not
    day = today - timedelta(days=30)
    assert minutes["kind_label"] == "Actas de la Mesa Técnica"
    assert minutes["url"].endswith(f"/mesa-tecnica/reuniones/{ids['meeting']}")
    with app.app_context():
        meeting = db.session.get(ForumMeeting, ids["meeting"])
        assert minutes["date"] == meeting.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        file_id = meeting.documents[0].file_id
        attached = meeting.documents[0].created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert str(day.year) in minutes["title"] and minutes["title"].startswith("Acta de la reu")
    (document,) = by_kind["documentos-mesa"]
    assert document["title"] == "Acta firmada" and document["date"] == attached
    assert document["url"].endswith(f"/archivos/{file_id}")
    page = public.get(f"/planes/{ids['plan']}/repositorio").get_data(as_text=True)
    assert "Actas de la Mesa Técnica" in page and "Acta firmada" in page
    assert f"/mesa-tecnica/reuniones/{ids['meeting']}" in page
    feed = public.get(f"/planes/{ids['plan']}/repositorio.atom").get_data(as_text=True)
    assert f"acta-{ids['meeting']}" in feed and "Acta firmada" in feed
    rows = public.get(f"/api/v1/plans/{ids['plan']}/repository.csv").get_data(as_text=True)
    assert f"acta-{ids['meeting']}" in rows
    older = public.get(f"/api/v1/plans/{ids['old']}/repository").get_json()["data"]
    assert [entry["title"] for entry in older if entry["kind"] == "actas"] == [
        "Acta de la reunión del 1 de junio de " + str(today.year - 5)]
