"""The demo shows a consultation held in person (issue 19): a workshop in Totonicapán, in
Spanish and K'iche', whose proposals staff typed in Spanish (the demo holds no Mayan text),
listed with their origin, counted in the statistics, and in the plan's repository beside
the forum's minutes."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.demo import workshops as demo
from participa.plans.models import ActionPlan
from participa.proposals.models import Proposal
from participa.workshops.models import Workshop

from ..factories import audit_events


def test_the_demo_records_a_workshop_in_totonicapan_with_its_proposals(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Taller en Totonicapán: 49 participantes y 4 propuestas" in result.output
    again = runner.invoke(args=["demo", "load"])
    assert "Taller: ya estaba registrado." in again.output
    with app.app_context():
        (workshop,) = db.session.scalars(sa.select(Workshop))
        assert workshop.place_name == "Totonicapán, Totonicapán"
        assert workshop.language_codes == ["es", "quc"]
        proposals = list(db.session.scalars(
            sa.select(Proposal).where(Proposal.workshop_id == workshop.id)))
        assert len(proposals) == len(demo.PROPOSALS) == 4
        # Spanish text, honestly marked Spanish: nobody invents Mayan text.
        assert {p.language for p in proposals} == {"es"}
        assert all(p.workshop_sector is not None and p.axis_id for p in proposals)
        assert audit_events() == []  # demo rows: nobody acted
        ids = {"workshop": workshop.id, "round": workshop.round_id,
               "plan": db.session.scalar(sa.select(ActionPlan.id).where(
                   ActionPlan.number == 5))}
    client = app.test_client()
    listing = client.get(f"/consultas/{ids['round']}/propuestas?q=Totonicap").get_data(as_text=True)
    assert "Recogida en el taller" in listing, listing[listing.find("<main"):][:3000]
    page = client.get(f"/talleres/{ids['workshop']}").get_data(as_text=True)
    assert "Información del presupuesto municipal en K" in page
    origin = client.get(f"/consultas/{ids['round']}/estadisticas/origen.csv")
    assert "En talleres presenciales,4" in origin.get_data(as_text=True).replace("\r", "")
    data = client.get(f"/api/v1/plans/{ids['plan']}/repository").get_json()["data"]
    kinds = {entry["kind"] for entry in data}
    assert {"talleres", "actas"} <= kinds
