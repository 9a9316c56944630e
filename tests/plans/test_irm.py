"""The IRM's fields of a commitment (issue 16, item 6): "Revisión pendiente de IRM" until an
administrator records what OGP publishes, with its source; every entry kept and audited;
shown on the commitment's page and in the open-data API."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from participa.base.errors import Conflict, Invalid, NotAllowed
from participa.base.extensions import db
from participa.plans import irm
from participa.plans.models import (
    CommitmentStatus,
    IrmCompletion,
    IrmImpact,
    IrmReview,
    VersionsAreImmutable,
)

from ..factories import audit_events, login_as, make_commitment, make_plan, make_user
from ..pages import main_of

PENDING = "Revisión pendiente de IRM"
OGP_PAGE = "https://www.opengovpartnership.org/members/guatemala/commitments/GT0099/"
VALUES = irm.IrmValues(
    report_url="https://www.opengovpartnership.org/documents/guatemala-irm-report/",
    starred=False, verifiable=True,
    relevance=("acceso_informacion", "participacion_ciudadana"),
    potential_impact=IrmImpact.MODERATE, completion=IrmCompletion.LIMITED,
)


@pytest.fixture
def world(app):
    with app.app_context():
        admin = make_user(email_address="admin@example.org", is_admin=True)
        make_user(email_address="moderator@example.org", is_moderator=True)
        plan = make_plan(number=4, start_year=2018)
        published = make_commitment(plan, ogp_code="GT0099", title="Estrategia integral",
                                    status=CommitmentStatus.ACTIVE)
        draft = make_commitment(plan, title="Un borrador", status=CommitmentStatus.DRAFT)
        return {"admin": admin.id, "published": published.id, "draft": draft.id,
                "plan": plan.id}


def _record(world, values=VALUES, source=OGP_PAGE):
    from participa.accounts.models import User
    from participa.plans.models import Commitment
    review = irm.record_review(actor=db.session.get(User, world["admin"]),
                               commitment=db.session.get(Commitment, world["published"]),
                               values=values, source_url=source)
    db.session.commit()
    return review


def test_entries_are_kept_numbered_audited_and_immutable(world, db_session):
    first = _record(world, irm.IrmValues())
    second = _record(world)
    assert (first.number, second.number) == (1, 2)
    events = audit_events("commitment.irm")
    assert len(events) == 2
    assert events[0].before is None and events[0].after["completion"] is None
    assert events[1].before["entry"] == 1 and events[1].after["completion"] == "limitado"
    assert events[1].after["relevance"] == ["acceso_informacion", "participacion_ciudadana"]
    assert events[1].after["source_url"] == OGP_PAGE
    second.completion = IrmCompletion.COMPLETE
    with pytest.raises(VersionsAreImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(IrmReview, first.id))
    with pytest.raises(VersionsAreImmutable):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(IrmReview.id))) == 2


def test_refusals(world, db_session):
    from participa.accounts.models import User
    from participa.plans.models import Commitment
    moderator = db.session.scalar(sa.select(User).where(User.is_moderator))
    admin = db.session.get(User, world["admin"])
    published = db.session.get(Commitment, world["published"])
    with pytest.raises(NotAllowed):
        irm.record_review(actor=moderator, commitment=published, values=VALUES,
                          source_url=OGP_PAGE)
    with pytest.raises(Conflict):
        irm.record_review(actor=admin, commitment=db.session.get(Commitment, world["draft"]),
                          values=VALUES, source_url=OGP_PAGE)
    for source in ("", "javascript:alert(1)", "ftp://example.org/x"):
        with pytest.raises(Invalid) as refused:
            irm.record_review(actor=admin, commitment=published, values=VALUES,
                              source_url=source)
        assert refused.value.field == "source_url"


def test_page_says_pending_until_recorded_then_shows_values_and_keeps_earlier(world, app,
                                                                             client):
    url = f"/planes/compromisos/{world['published']}"
    main = main_of(client.get(url).get_data(as_text=True))
    assert "Revisión del Mecanismo de Revisión Independiente (IRM)" in main
    assert main.count(PENDING) == 7  # report, starred, early results, 3 of design, completion
    assert "/admin/compromisos/" not in main
    with app.app_context():
        _record(world)
        _record(world, irm.IrmValues(completion=IrmCompletion.SUBSTANTIAL),
                source="https://example.org/informe-2")
    main = main_of(client.get(url).get_data(as_text=True))
    current, _sep, earlier = main.partition("Entradas anteriores (1)")
    assert "Sustancial" in current and "https://example.org/informe-2" in current
    assert current.count(PENDING) == 6
    for text in ("Limitado", "Moderado", "Acceso a la información, Participación ciudadana",
                 OGP_PAGE, 'href="https://www.opengovpartnership.org/documents/'):
        assert text in earlier
    # A draft has no IRM review.
    draft = main_of(client.get(f"/planes/compromisos/{world['draft']}").get_data(as_text=True))
    assert PENDING not in draft


def test_admin_form_adds_an_entry_and_keeps_what_was_typed(world, app, client):
    login_as(client, "admin")
    page = client.get(f"/planes/compromisos/{world['published']}").get_data(as_text=True)
    assert f'href="/admin/compromisos/{world["published"]}/irm"' in page
    form_url = f"/admin/compromisos/{world['published']}/irm"
    assert client.get(form_url).status_code == 200
    data = {"source_url": "no es una dirección", "report_url": "", "starred": "si",
            "early_results": "", "verifiable": "no", "relevance_state": "revisado",
            "value_rendicion_cuentas": "y", "potential_impact": "menor",
            "completion": "completo", "note": "Leído en el informe de fin de término."}
    refused = client.post(form_url, data=data)
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "Leído en el informe de fin de término." in text and "no es una dirección" in text
    response = client.post(form_url, data={**data, "source_url": OGP_PAGE})
    assert response.status_code == 302
    with app.app_context():
        entry = db.session.scalar(sa.select(IrmReview))
        assert (entry.starred, entry.verifiable, entry.relevance, entry.potential_impact,
                entry.completion, entry.early_results) == (
            True, False, "rendicion_cuentas", IrmImpact.MINOR, IrmCompletion.COMPLETE, None)
    # The form starts again from the current entry.
    again = client.get(form_url).get_data(as_text=True)
    assert f'value="{OGP_PAGE}"' in again
    assert client.get(f"/admin/compromisos/{world['draft']}/irm").status_code == 409
    assert client.get("/admin/compromisos/999999/irm").status_code == 404


def test_api_json_and_csv_carry_the_fields_null_while_pending(world, app, client):
    data = client.get("/api/v1/commitments").get_json()["data"]
    (item,) = data
    assert {key: value for key, value in item.items() if key.startswith("irm_")} == {
        "irm_report_url": None, "irm_starred": None, "irm_early_results": None,
        "irm_verifiable": None, "irm_relevance": None, "irm_potential_impact": None,
        "irm_completion": None, "irm_source_url": None, "irm_recorded_at": None}
    with app.app_context():
        _record(world, irm.IrmValues(relevance=(), verifiable=True))
        _record(world)
    (item,) = client.get("/api/v1/commitments").get_json()["data"]
    assert item["irm_relevance"] == ["acceso_informacion", "participacion_ciudadana"]
    assert (item["irm_completion"], item["irm_potential_impact"], item["irm_starred"]) == (
        "limitado", "moderado", False)
    assert item["irm_source_url"] == OGP_PAGE and item["irm_recorded_at"]
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/v1/commitments.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0]["irm_relevance"] == "acceso_informacion;participacion_ciudadana"
    assert rows[0]["irm_starred"] == "false" and rows[0]["irm_early_results"] == ""


def test_the_historical_record_invents_nothing(record, client):
    """The 108 commitments of Guatemala's record: OGP's page of GT0099 (seed 001) says
    "Revisión pendiente de IRM" in every field, and no seed gives a value for any other."""
    data = client.get("/api/v1/commitments?per_page=500").get_json()["data"]
    assert len(data) == 108
    assert all(value is None for item in data for key, value in item.items()
               if key.startswith("irm_"))
    main = main_of(client.get(f"/planes/compromisos/{record.codes['GT0099']}")
                   .get_data(as_text=True))
    assert main.count(PENDING) == 7
