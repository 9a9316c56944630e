"""The menu's item of notifications: base.html's slot layout.nav (participa/web/layout.py)
shows the signed-in person's unread count on every page, and the notifications page, which
counts them for itself, does not count them twice."""

from __future__ import annotations

import sqlalchemy as sa

from participa.accounts.models import User
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


def _notify(user, n):
    notifications.notify(user=user, kind="response_published", link=f"/propuestas/{n}",
                         params={"proposal_id": n, "reference": f"P-2026-{n:04d}",
                                 "title": f"Propuesta {n}", "decision": "incorporada",
                                 "commitment": None, "role": "author"})


def test_a_page_reads_the_count_with_her_session_in_one_statement(client, app):
    """Issue 20: a signed-in person's page loads her session, her row and her unread count
    in one statement (the menu asks nothing of its own), exact at every page: a notification
    that arrives or is read shows on the next page. Nobody else's row loads the count, and a
    post (a support, a comment) does not pay for it."""
    with app.app_context():
        ana = make_user(email_address="ana@example.org")
        luis = make_user(email_address="luis@example.org")
        _notify(ana, 1)
        _notify(luis, 2)
        _notify(luis, 3)
        db.session.commit()
        ana_id = ana.id
    login(client, "ana@example.org")
    with count_queries(app) as queries:
        page = client.get("/").get_data(as_text=True)
    counts = [s for s in queries.statements if "notifications" in s]
    assert len(counts) == 1 and "user_sessions" in counts[0], queries
    assert '<span class="badge">1<span' in page
    with app.app_context():
        _notify(db.session.get(User, ana_id), 4)
        db.session.commit()
    assert '<span class="badge">2<span' in client.get("/").get_data(as_text=True)
    client.post("/notificaciones/leidas")
    assert "sin leer" not in client.get("/").get_data(as_text=True)
    with app.app_context():
        other = db.session.get(User, ana_id)
        assert "unread_notifications" in sa.inspect(other).unloaded
    # A post loads her without it.
    with count_queries(app) as queries:
        client.post("/notificaciones/leidas")
    assert not any("count(notifications.id)" in s for s in queries.statements), queries
