"""What the fuzz tests found, pinned: each was a 500 or bad stored data before its fix."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from participa.accounts import totp
from participa.accounts.models import User
from participa.base.extensions import db
from participa.plans.models import Commitment

from ..factories import login, make_open_round, make_proposal, make_user


@pytest.mark.parametrize("query", [
    "actor=²", "actor=١٢", "page=²", "page=²²²²²²", "hasta=9999-12-31", "desde=0001-01-01",
])
def test_audit_filters_refuse_what_int_and_dates_cannot_take(client, app, query):
    """``str.isdigit`` accepts "²" (int() refuses it); the day after 9999-12-31 overflows.
    (The CSV has every page: it ignores ``page``.)"""
    with app.app_context():
        admin = make_user(is_admin=True).email
    login(client, admin)
    assert client.get(f"/admin/auditoria/?{query}").status_code == 400
    if not query.startswith("page="):
        assert client.get(f"/admin/auditoria/auditoria.csv?{query}").status_code == 400


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "-1", "abc"])
def test_similar_titles_refuse_an_id_beyond_the_database(client, app, value):
    with app.app_context():
        round_id = make_open_round().id
    response = client.get(
        f"/consultas/{round_id}/propuestas/similares?titulo=compras&excluir={value}")
    assert response.status_code == 400


def test_one_line_fields_take_no_line_breaks(client, app):
    """A browser cannot type a line break in an ``<input>``: one posted by hand becomes a
    space (it would break lines in e-mails and CSV cells)."""
    with app.app_context():
        person, moderator = make_user(), make_user(is_moderator=True)
        ids = {"person": person.id, "person_email": person.email,
               "moderator_email": moderator.email}
        proposal = make_proposal()
        ids.update(round=proposal.round_id, proposal=proposal.id)
    login(client, ids["person_email"])
    client.post("/cuenta/", data={"name": "Ana\r\nBcc: otra@example.org\u2028Fin",
                                  "preferred_language": ""})
    moderator_client = app.test_client()
    login(moderator_client, ids["moderator_email"])
    response = moderator_client.post(f"/moderacion/consultas/{ids['round']}/borradores/nuevo",
                           data={"title": "Primera línea\nSegunda", "p": str(ids["proposal"])})
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    with app.app_context():
        assert db.session.get(User, ids["person"]).name == "Ana Bcc: otra@example.org Fin"
        assert db.session.scalar(sa.select(Commitment.title)) == "Primera línea Segunda"


@pytest.mark.parametrize("code", ["²²²²²²", "١٢٣٤٥٦", "１２３４５６"])
def test_a_two_step_code_in_other_digits_is_wrong_not_an_error(code):
    """They are digits to ``str.isdigit``; ``hmac.compare_digest`` raised on them (a 500 on
    the log-in code and set-up pages)."""
    assert totp.matching_step(totp.new_secret(), code) is None
