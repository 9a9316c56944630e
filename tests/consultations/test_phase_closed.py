"""An action outside its phase answers a translated 409, never a 500."""

from __future__ import annotations

import pytest

from participa.base.extensions import db
from participa.consultations.models import ConsultationRound, PhaseKind
from participa.consultations.phases import require_open

from ..factories import make_open_round


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def forged_route(app):
    """A tiny route standing in for any POST that needs a phase (proposals, supports)."""

    def act(round_id: int, kind: str):
        round = db.get_or_404(ConsultationRound, round_id)
        require_open(round, PhaseKind(kind))
        return "hecho"

    app.add_url_rule("/_prueba/<int:round_id>/<kind>", "forged_action", act,
                     methods=["POST"])
    return "/_prueba/{round}/{kind}"


@pytest.fixture
def round_id(app):
    with app.app_context():
        return make_open_round(PhaseKind.REVIEW).id


def test_inside_its_phase(client, forged_route, round_id):
    response = client.post(forged_route.format(round=round_id, kind="revision"))
    assert response.status_code == 200


def test_after_its_phase(client, forged_route, round_id):
    response = client.post(forged_route.format(round=round_id, kind="propuestas"))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Esta fase de la consulta no está abierta" in page
    assert "Esto solo se puede hacer durante la fase «Propuestas», que estuvo abierta del" in page


def test_before_its_phase_as_json(client, forged_route, round_id):
    response = client.post(forged_route.format(round=round_id, kind="priorizacion"),
                           headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert response.json["error"] == 409
    assert response.json["message"].startswith(
        "Esto solo se puede hacer durante la fase «Votación de priorización», que abre el")
