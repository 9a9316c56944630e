"""The menu's item of notifications: base.html's slot layout.nav (participa/web/layout.py)
shows the signed-in person's unread count on every page, and the notifications page, which
counts them for itself, does not count them twice."""

from __future__ import annotations

from participa.base.extensions import db
from participa.notifications import services as notifications

from ..factories import login, make_user
from ..querycount import count_queries

BADGE = '<span class="badge">3<span class="visually-hidden"> sin leer</span>'


def test_the_menu_shows_the_unread_count(client, app):
    with app.app_context():
        user = make_user(email_address="ana@example.org")
        for n in range(3):
            notifications.notify(user=user, kind="response_published", link=f"/propuestas/{n}",
                                 params={"proposal_id": n, "reference": f"P-2026-{n:04d}",
                                         "title": f"Propuesta {n}", "decision": "incorporada",
                                         "commitment": None, "role": "author"})
        db.session.commit()
    login(client, "ana@example.org")
    assert BADGE in client.get("/").get_data(as_text=True)
    with count_queries(app) as queries:
        page = client.get("/notificaciones/").get_data(as_text=True)
    assert page.count(BADGE) == 1 and "Tiene 3 avisos sin leer." in page
    assert sum("count(notifications.id)" in s for s in queries.statements) == 1
    client.post("/notificaciones/leidas")
    assert "sin leer" not in client.get("/").get_data(as_text=True)
