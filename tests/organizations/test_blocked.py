"""A person blocked by the moderation does not ask to join organisations: the request would
reach the organisation's managers, and blocked people take no part (docs/decisions.md)."""

from __future__ import annotations

import sqlalchemy as sa

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.organizations.models import Membership

from ..factories import login, make_organization, make_user


def test_a_blocked_person_cannot_ask_to_join(app, client):
    with app.app_context():
        organization = make_organization(name="Acción Ciudadana").id
        person = make_user(email_address="ana@example.org")
        person.blocked_at = utcnow()
        person.block_reason = "Spam repetido."
        db.session.commit()
    login(client, "ana@example.org")
    page = client.get(f"/organizaciones/{organization}").get_data(as_text=True)
    assert "Solicitar unirme" not in page
    response = client.post(f"/organizaciones/{organization}/solicitar")
    assert response.status_code == 403
    assert "no puede pedir unirse" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Membership.id))) == 0
