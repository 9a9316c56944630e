"""A refusal's page leads back to what it was about (issue 15, item 13): "La propuesta ya no
se puede cambiar" to the proposal, "Esta fase de la consulta no está abierta" to the round,
besides the home page."""

from __future__ import annotations

from participa.consultations.models import PhaseKind

from ..factories import login_as, make_open_round, make_proposal, make_user
from ..pages import html, main_of


def test_refusals_lead_back_to_the_proposal_or_the_round(client, app):
    with app.app_context():
        author = make_user(email_address="autora@example.org")
        round_ = make_open_round(PhaseKind.PROPOSALS)
        withdrawn = make_proposal(round_, author, withdrawn=True).id
        closed = make_open_round(PhaseKind.COMMENTS).id  # the proposals phase is over
        round_id = round_.id
    login_as(client, "autora")

    response = client.get(f"/propuestas/{withdrawn}/editar")
    assert response.status_code == 409
    page = main_of(html(response))
    assert "La propuesta ya no se puede cambiar" in page
    assert f'<a href="/propuestas/{withdrawn}">Volver a la propuesta</a>' in page
    assert "Volver al inicio" in page

    response = client.get(f"/consultas/{closed}/propuestas/nueva")
    assert response.status_code == 409
    page = main_of(html(response))
    assert "Esta fase de la consulta no está abierta" in page
    assert f'<a href="/consultas/{closed}">Volver a la consulta</a>' in page

    # A page that does not exist leads home only; the link never names another round.
    page = main_of(html(client.get(f"/consultas/{round_id + 999}/propuestas/nueva")))
    assert "Volver a la consulta" not in page and "Volver al inicio" in page
