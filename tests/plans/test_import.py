"""The historical OGP record: the data files, ``import_ogp_record``, ``flask plans import-ogp``
and ``flask demo load``."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from participa import create_app
from participa.base.errors import Conflict, Invalid
from participa.base.extensions import db
from participa.plans import services
from participa.plans.models import (
    ActionPlan,
    Axis,
    Commitment,
    CommitmentStatus,
    PlanStatus,
)
from participa.plans.services import (
    DATA_DIR,
    import_ogp_record,
    read_ogp_record,
)

from ..factories import audit_events, make_commitment, make_plan, make_user

CODES = [f"GT{n:04d}" for n in range(1, 109)]
BY_YEAR = {2012: 14, 2014: 48, 2016: 22, 2018: 24}
AXES = [
    "Acceso a la información pública y archivos institucionales",
    "Innovación tecnológica",
    "Participación ciudadana",
    "Rendición de cuentas",
    "Transparencia fiscal",
]
GT0099_LEAD = "Comisión de Gestión Pública Abierta y Transparencia / MTGA"


def _snapshot(app):
    with app.app_context():
        return (
            sorted((p.id, p.number, p.title, p.start_year, p.end_year, p.status.value)
                   for p in db.session.scalars(sa.select(ActionPlan))),
            sorted((a.id, a.plan_id, a.position, a.name)
                   for a in db.session.scalars(sa.select(Axis))),
            sorted((c.id, c.plan_id, c.number, c.ogp_code, c.title, c.policy_area, c.axis_id,
                    c.lead_institution, c.status.value)
                   for c in db.session.scalars(sa.select(Commitment))),
        )


# The data files (no database) -----------------------------------------------------------------


@pytest.fixture(scope="module")
def bare_app():
    """For gettext in error messages: no database is touched."""
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_data_files_hold_the_whole_record():
    record = read_ogp_record()
    codes = [c.ogp_code for c in record.commitments]
    assert codes == CODES  # each once, in order
    assert Counter(c.year for c in record.commitments) == BY_YEAR
    assert [(p.number, p.start_year, p.end_year, p.status) for p in record.plans] == [
        (1, 2012, 2014, PlanStatus.CLOSED),
        (2, 2014, 2016, PlanStatus.CLOSED),
        (3, 2016, 2018, PlanStatus.CLOSED),
        (4, 2018, 2020, PlanStatus.CLOSED),
    ]
    assert [p.title for p in record.plans] == [
        f"Plan de Acción Nacional de Gobierno Abierto {y}-{y + 2}" for y in (2012, 2014, 2016, 2018)
    ]
    assert all(c.title and c.policy_area for c in record.commitments)
    # Numbers follow the codes within each plan.
    for year in BY_YEAR:
        in_plan = [c for c in record.commitments if c.year == year]
        assert [c.number for c in in_plan] == list(range(1, len(in_plan) + 1))


def test_data_files_are_inside_the_package():
    """The app never reads the shared seed documents at run time."""
    module = Path(services.__file__)
    assert DATA_DIR.is_relative_to(module.parent)
    source = module.read_text(encoding="utf-8")
    assert "/work/shared" not in source and "seeds" not in source


def test_data_files_are_utf8_with_a_header():
    for name in ("ogp_plans.csv", "ogp_axes.csv", "ogp_commitments.csv"):
        raw = (DATA_DIR / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8")
        assert "\r" not in text and text.endswith("\n")


@pytest.mark.parametrize(
    "file, edit, problem",
    [
        ("ogp_commitments.csv", lambda t: t.replace("GT0002,", "GT0001,"), "código repetido"),
        ("ogp_commitments.csv", lambda t: t.replace("GT0002,2012,2,", "GT0002,2012,1,"),
         "número repetido"),
        ("ogp_commitments.csv", lambda t: t.replace("GT0002,2012,", "GT0002,2013,"),
         "ningún plan"),
        ("ogp_commitments.csv", lambda t: t.replace("GT0002,2012,", "GT0002,dos,"), "«year»"),
        ("ogp_commitments.csv", lambda t: t.replace("GT0002,", "XX0002,"), "«ogp_code»"),
        ("ogp_commitments.csv", lambda t: t.replace(",inactivo\n", ",cerrado\n", 1), "«status»"),
        ("ogp_commitments.csv", lambda t: t.replace("Erradicar el secretismo", "x" * 501),
         "500 caracteres"),
        ("ogp_commitments.csv", lambda t: t.replace(",Innovación tecnológica,", ",Otro eje,", 1),
         "el eje no está"),
        ("ogp_commitments.csv", lambda t: t.replace("ogp_code,", "codigo,"), "faltan"),
        ("ogp_axes.csv", lambda t: t + "9,1,Eje de un plan que no existe\n", "el plan no está"),
        ("ogp_plans.csv", lambda t: t + "4,Otro,2020,2022,finalizado\n", "plan repetido"),
    ],
)
def test_a_broken_data_file_is_refused_with_its_line(bare_app, tmp_path, file, edit, problem):
    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    path = data / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with bare_app.app_context(), pytest.raises(Invalid) as caught:
        read_ogp_record(data)
    assert file in str(caught.value)
    assert problem in str(caught.value)


# Importing ------------------------------------------------------------------------------------


def test_import_creates_the_plans_axes_and_commitments(app, db_session):
    counts = import_ogp_record()
    db_session.commit()
    assert counts.as_dict() == {
        "plans_created": 4, "plans_updated": 0,
        "axes_created": 5, "axes_updated": 0,
        "commitments_created": 108, "commitments_updated": 0,
    }
    plans = db_session.scalars(sa.select(ActionPlan).order_by(ActionPlan.number)).all()
    assert [(p.number, p.period, p.status) for p in plans] == [
        (1, "2012-2014", PlanStatus.CLOSED),
        (2, "2014-2016", PlanStatus.CLOSED),
        (3, "2016-2018", PlanStatus.CLOSED),
        (4, "2018-2020", PlanStatus.CLOSED),
    ]
    assert plans[1].title == "Plan de Acción Nacional de Gobierno Abierto 2014-2016"

    codes = db_session.scalars(sa.select(Commitment.ogp_code)).all()
    assert sorted(codes) == CODES and len(codes) == len(set(codes)) == 108
    by_year = Counter(c.year for c in db_session.scalars(sa.select(Commitment)))
    assert by_year == BY_YEAR


def test_commitment_details_come_from_the_source(app, db_session):
    import_ogp_record()
    db_session.commit()

    def get(code):
        return db_session.scalar(sa.select(Commitment).where(Commitment.ogp_code == code))

    gt0099 = get("GT0099")
    assert gt0099.status == CommitmentStatus.ACTIVE
    assert gt0099.lead_institution == GT0099_LEAD
    assert gt0099.title == (
        "Creación e implementación de una estrategia integral sobre transparencia, gobierno "
        "abierto y anticorrupción."
    )
    assert gt0099.policy_area == "gobernanza regulatoria"
    assert (gt0099.plan.number, gt0099.number, gt0099.axis) == (4, 15, None)
    active = db_session.scalars(
        sa.select(Commitment.ogp_code).where(Commitment.status == CommitmentStatus.ACTIVE)
    ).all()
    assert active == ["GT0099"]

    first = get("GT0001")
    assert (first.plan.number, first.number, first.title, first.policy_area) == (
        1, 1, "Simplificación de procesos administrativos", "desarrollo de capacidades")
    assert (get("GT0015").plan.number, get("GT0015").number) == (2, 1)
    assert (get("GT0062").plan.number, get("GT0062").number) == (2, 48)
    assert (get("GT0094").number, get("GT0094").lead_institution) == (
        10, "Instituto de Fomento Municipal –INFOM-")
    assert get("GT0025").title.endswith("datos gubernamentales. Or.")  # as in the source
    assert get("GT0089").policy_area == "E-Government"
    leads = db_session.scalars(
        sa.select(Commitment.ogp_code).where(Commitment.lead_institution.is_not(None))
    ).all()
    assert sorted(leads) == ["GT0094", "GT0099"]


def test_the_third_plan_has_five_axes_and_only_it(app, db_session):
    import_ogp_record()
    db_session.commit()
    third = db_session.scalar(sa.select(ActionPlan).where(ActionPlan.number == 3))
    assert [a.name for a in third.axes] == AXES
    assert [a.position for a in third.axes] == [1, 2, 3, 4, 5]
    assert db_session.scalar(sa.select(sa.func.count(Axis.id))) == 5
    per_axis = Counter(c.axis.name for c in third.commitments)
    assert [per_axis[name] for name in AXES] == [4, 6, 3, 2, 7]
    assert db_session.scalar(
        sa.select(Commitment.ogp_code).where(Commitment.axis_id == third.axes[1].id)
        .order_by(Commitment.number).limit(1)
    ) == "GT0067"
    others = db_session.scalars(
        sa.select(Commitment).where(Commitment.plan_id != third.id)
    ).all()
    assert len(others) == 86 and all(c.axis_id is None for c in others)


def test_a_second_import_changes_nothing(app):
    with app.app_context():
        import_ogp_record()
        db.session.commit()
    before = _snapshot(app)
    with app.app_context():
        counts = import_ogp_record()
        db.session.commit()
    assert counts.created == 0 and counts.updated == 0
    assert _snapshot(app) == before


def test_import_updates_what_the_data_files_changed(app, tmp_path):
    with app.app_context():
        import_ogp_record()
        db.session.commit()
    before = _snapshot(app)
    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    commitments = data / "ogp_commitments.csv"
    text = commitments.read_text(encoding="utf-8")
    text = text.replace("Erradicar el secretismo,desarrollo de capacidades",
                        "Erradicar el secretismo en la gestión,anticorrupción")
    # GT0003 and GT0004 swap numbers (a correction of the order).
    text = text.replace("GT0003,2012,3,", "GT0003,2012,4,").replace(
        "GT0004,2012,4,", "GT0004,2012,3,")
    commitments.write_text(text, encoding="utf-8")
    plans = data / "ogp_plans.csv"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        "Gobierno Abierto 2012-2014", "Gobierno Abierto de Guatemala 2012-2014"),
        encoding="utf-8")
    axes = data / "ogp_axes.csv"
    axes.write_text(axes.read_text(encoding="utf-8").replace(
        "3,1,Acceso a la información", "3,6,Acceso a la información"),
                    encoding="utf-8")

    with app.app_context():
        counts = import_ogp_record(data_dir=data)
        db.session.commit()
        assert counts.as_dict() == {
            "plans_created": 0, "plans_updated": 1,
            "axes_created": 0, "axes_updated": 1,
            "commitments_created": 0, "commitments_updated": 3,
        }

        def get(code):
            return db.session.scalar(sa.select(Commitment).where(Commitment.ogp_code == code))

        assert (get("GT0002").title, get("GT0002").policy_area) == (
            "Erradicar el secretismo en la gestión", "anticorrupción")
        assert (get("GT0003").number, get("GT0004").number) == (4, 3)
        assert db.session.scalar(sa.select(ActionPlan.title).where(ActionPlan.number == 1)) == (
            "Plan de Acción Nacional de Gobierno Abierto de Guatemala 2012-2014")
        third = db.session.scalar(sa.select(ActionPlan).where(ActionPlan.number == 3))
        assert [a.name for a in third.axes] == [*AXES[1:], AXES[0]]
    # Ids are kept: the rows were updated, not replaced.
    after = _snapshot(app)
    assert [c[0] for c in after[2]] == [c[0] for c in before[2]]
    # And importing the shipped files again restores them.
    with app.app_context():
        counts = import_ogp_record()
        db.session.commit()
        assert counts.commitments_updated == 3 and counts.plans_updated == 1
    assert _snapshot(app) == before


def test_import_leaves_other_plans_and_commitments_alone(app):
    with app.app_context():
        fifth = make_plan(number=5, status=PlanStatus.IN_CONSULTATION)
        draft = make_commitment(fifth, status=CommitmentStatus.DRAFT, title="Borrador propio")
        import_ogp_record()
        db.session.commit()
        assert db.session.get(Commitment, draft.id).title == "Borrador propio"
        assert db.session.get(ActionPlan, fifth.id).status == PlanStatus.IN_CONSULTATION
        assert db.session.scalar(sa.select(sa.func.count(ActionPlan.id))) == 5


def test_an_existing_plan_is_matched_by_number(app):
    with app.app_context():
        existing = make_plan(number=2, title="Segundo plan", status=PlanStatus.IN_IMPLEMENTATION)
        counts = import_ogp_record()
        db.session.commit()
        assert (counts.plans_created, counts.plans_updated) == (3, 1)
        plan = db.session.get(ActionPlan, existing.id)
        assert plan.title == "Plan de Acción Nacional de Gobierno Abierto 2014-2016"
        assert plan.status == PlanStatus.CLOSED and len(plan.commitments) == 48


def test_a_codeless_commitment_in_the_way_is_a_conflict(app, runner):
    with app.app_context():
        first = make_plan(number=1)
        make_commitment(first, number=3, title="Sin código")
        with pytest.raises(Conflict) as caught:
            import_ogp_record()
        assert "número 3 del plan 1" in str(caught.value) and "GT0003" in str(caught.value)
        db.session.rollback()
    result = runner.invoke(args=["plans", "import-ogp"])
    assert result.exit_code == 1
    assert "GT0003" in result.output
    with app.app_context():  # nothing was written
        assert db.session.scalar(sa.select(sa.func.count(Commitment.id))) == 1
        assert db.session.scalar(sa.select(sa.func.count(ActionPlan.id))) == 1


def test_import_writes_no_audit_event(app, db_session):
    import_ogp_record()
    db_session.commit()
    assert audit_events() == []


# Through the open-data API --------------------------------------------------------------------


def test_the_api_shows_the_record(record, client):
    for year, expected in BY_YEAR.items():
        body = client.get(f"/api/v1/commitments?year={year}").get_json()
        assert body["meta"]["total"] == expected
    body = client.get("/api/v1/commitments?per_page=500").get_json()
    assert [c["ogp_code"] for c in body["data"]] == CODES
    plans = client.get("/api/v1/plans").get_json()["data"]
    assert [p["commitment_count"] for p in plans] == [14, 48, 22, 24]
    rows = list(csv.DictReader(
        client.get("/api/v1/commitments.csv").get_data(as_text=True).lstrip("\ufeff")
        .splitlines()
    ))
    assert [r["ogp_code"] for r in rows] == CODES
    gt0099 = rows[98]
    assert (gt0099["status"], gt0099["lead_institution"], gt0099["year"]) == (
        "activo", GT0099_LEAD, "2018")


# Commands -------------------------------------------------------------------------------------


def test_cli_imports_and_reports_counts(app, runner):
    first = runner.invoke(args=["plans", "import-ogp"])
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        "Planes: 4 nuevos, 0 actualizados.",
        "Ejes temáticos: 5 nuevos, 0 actualizados.",
        "Compromisos: 108 nuevos, 0 actualizados.",
    ]
    before = _snapshot(app)
    second = runner.invoke(args=["plans", "import-ogp"])
    assert second.exit_code == 0, second.output
    assert "Compromisos: 0 nuevos, 0 actualizados." in second.output
    assert "Planes: 0 nuevos" in second.output and "Ejes temáticos: 0 nuevos" in second.output
    assert _snapshot(app) == before
    assert len(before[2]) == 108


def _record_rows(app):
    """The plans, axes and commitments of the record only (the demo may add its own)."""
    plans, axes, commitments = _snapshot(app)
    record_plans = {p[0] for p in plans if p[1] in (1, 2, 3, 4)}
    return (
        [p for p in plans if p[0] in record_plans],
        [a for a in axes if a[1] in record_plans],
        [c for c in commitments if c[3] is not None],
    )


def test_demo_load_imports_the_record(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Compromisos: 108 nuevos" in result.output
    plans, axes, commitments = _record_rows(app)
    assert (len(plans), len(axes), len(commitments)) == (4, 5, 108)
    again = runner.invoke(args=["demo", "load"])
    assert "Compromisos: 0 nuevos, 0 actualizados." in again.output
    assert _record_rows(app) == (plans, axes, commitments)


def test_demo_load_if_empty_loads_the_record_into_an_empty_database(app, runner):
    result = runner.invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert len(_record_rows(app)[2]) == 108


def test_demo_load_if_empty_does_nothing_when_a_user_exists(app, runner):
    with app.app_context():
        make_user()
    result = runner.invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0
    assert _snapshot(app) == ([], [], [])
