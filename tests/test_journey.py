"""The foundation's "done means": a person signs up, confirms by the mailed link, logs in,
switches to Kaqchikel and sees lang="cak" with the verified terms in Kaqchikel and
everything else in Spanish."""

from __future__ import annotations

from .factories import link_in, login, mails
from .pages import interface_language


def test_sign_up_confirm_log_in_and_read_in_kaqchikel(app, client):
    signup = client.post("/cuenta/registro", data={
        "name": "Lucía Sotz",
        "email": "lucia@example.org",
        "password": "el lago de atitlán al amanecer",
        "sector": "ciudadania",
    })
    assert signup.status_code == 302
    confirm_link = link_in(mails(app)[-1])
    assert client.post(confirm_link).status_code == 302
    assert login(client, "lucia@example.org", "el lago de atitlán al amanecer").status_code == 302

    # A language link: the page itself, in Kaqchikel, and the visit goes on in it.
    switched = client.get("/cuenta/?lang=cak")
    assert switched.status_code == 200
    html = client.get("/cuenta/").get_data(as_text=True)
    assert interface_language(html) == "cak"
    # Verified Kaqchikel terms (Mozilla, MPL-2.0) ...
    assert "Titz'apïx molojri'ïl" in html  # Cerrar sesión
    assert "Ruwäch b'i'aj" in html  # Perfil
    assert "Tiyak" in html  # Guardar
    # ... and Spanish for everything without a verified term.
    assert "Cambiar la contraseña" in html
    assert "Eliminar mi cuenta" in html
    # The link's choice is the visit's: another browser, signed in, reads her profile's.
    other = app.test_client()
    assert interface_language(other.get("/").get_data(as_text=True)) == "es"
    login(other, "lucia@example.org", "el lago de atitlán al amanecer")
    assert interface_language(other.get("/").get_data(as_text=True)) == "es"
