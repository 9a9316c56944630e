"""English (``en``): Babel's own locale data formats its dates and numbers, so an English
sentence carries an English date ("until January 30, 2027, 12:00 PM"), while Spanish and the
Mayan languages keep Guatemala's formats."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
from flask_babel import force_locale

from participa.content.dates import parse_month
from participa.i18n.dates import compact_local, day_text, format_local, month_text, time_local

from ..factories import login, make_open_round, make_proposal, make_user
from ..pages import html, main_of

NOON = datetime(2027, 1, 30, 18, 0, tzinfo=UTC)  # 12:00 in Guatemala (UTC-6)
NNBSP = "\u202f"  # CLDR's narrow no-break space before AM/PM


def formats() -> tuple[str, ...]:
    return (format_local(NOON), time_local(NOON), compact_local(NOON),
            month_text(date(2018, 11, 1)), day_text(date(2020, 8, 30)))


ENGLISH = (f"January 30, 2027, 12:00{NNBSP}PM", f"12:00{NNBSP}PM", f"Jan 30, 2027, 12:00{NNBSP}PM",
           "November 2018", "August 30, 2020")
GUATEMALAN = ("30 de enero de 2027, 12:00", "12:00", "30 ene 2027, 12:00", "noviembre de 2018",
              "30 de agosto de 2020")


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", ENGLISH), ("es_GT", GUATEMALAN), ("quc", GUATEMALAN), ("mam", GUATEMALAN),
])
def test_dates_follow_the_languages_format_locale(app, locale, expected):
    with app.test_request_context("/"), force_locale(locale):
        assert formats() == expected


def test_an_email_outside_a_request_gets_english_dates(app):
    with app.app_context():
        with force_locale("en"):
            assert formats() == ENGLISH
        assert formats() == GUATEMALAN


def test_a_month_typed_as_the_english_hint_says_is_understood():
    # "Type a month and a year, for example: November 2018." (the Spanish names still work)
    assert parse_month("November 2018") == date(2018, 11, 1)
    assert parse_month("september 2020") == date(2020, 9, 1)
    assert parse_month("noviembre de 2018") == date(2018, 11, 1)
    assert parse_month("Movember 2018") is None


# -- pages in English: English dates inside English sentences ---------------------------------

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
# "hasta el January 30, 2027": Spanish glued to an English date, or a Spanish month name.
MIXED = re.compile(rf"\b(?:el|del|al|de|hasta|desde) (?:{MONTHS})\b|\b(?:enero|febrero|marzo|"
                   r"abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b")


def text_of(response) -> str:
    """The page's visible text, tags removed and entities decoded, spaces collapsed (not
    CLDR's narrow no-break space before AM and PM)."""
    body = main_of(html(response))
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", "", body)))


def in_english(app, value: datetime) -> str:
    with app.test_request_context("/"), force_locale("en"):
        return format_local(value)


def assert_english(response) -> str:
    assert response.status_code == 200
    assert '<html lang="en">' in html(response)
    text = text_of(response)
    assert MIXED.search(text) is None, MIXED.search(text)
    return text


def test_the_round_page_chosen_from_the_menu(app, client):
    with app.app_context():
        round = make_open_round()
        round_id, ends = round.id, round.phases[0].ends_at
    assert client.get("/?lang=en").status_code == 200
    text = assert_english(client.get(f"/consultas/{round_id}"))
    until = in_english(app, ends)
    assert re.fullmatch(rf"(?:{MONTHS}) \d{{1,2}}, \d{{4}}, \d{{1,2}}:\d\d\u202f[AP]M", until)
    assert (f"You can submit proposals and support other people's proposals until {until}."
            in text)
    assert "You need an account to participate." in text


def test_the_round_list_from_the_browsers_language(app, client):
    with app.app_context():
        round = make_open_round()
        ends = round.phases[0].ends_at
    response = client.get("/consultas/", headers={"Accept-Language": "en-US,en;q=0.9"})
    text = assert_english(response)
    assert f"“Proposals” phase, until {in_english(app, ends)}." in text


def test_a_proposal_page_from_the_profiles_language(app, client):
    with app.app_context():
        reader = make_user(preferred_language="en")
        author = make_user(name="Ana Autora")
        proposal = make_proposal(make_open_round(), author)
        proposal_id, email, created = proposal.id, reader.email, proposal.created_at
    assert login(client, email).status_code == 302
    # The browser asks for Spanish; the profile says English.
    text = assert_english(client.get(f"/propuestas/{proposal_id}",
                                     headers={"Accept-Language": "es"}))
    assert f"Submitted by Ana Autora on {in_english(app, created)}." in text


def test_spanish_keeps_its_own_sentence_and_dates(app, client):
    with app.app_context():
        round = make_open_round()
        round_id, ends = round.id, round.phases[0].ends_at
    text = text_of(client.get(f"/consultas/{round_id}"))
    with app.test_request_context("/"):
        until = format_local(ends)
    assert re.search(r"\d de [a-z]+ de \d{4}, \d\d:\d\d", until)
    assert f"Puede enviar propuestas y apoyar las de otras personas hasta el {until}." in text


def test_a_language_is_named_in_the_readers_language():
    """A sentence names a language as its reader says it: «al k'iche'» in Spanish, "into
    K'iche'" and "into Spanish" in English (never the autonym «Español» inside an English
    sentence), and its own name in every other language, whose catalog has no names of the
    others."""
    from participa.i18n.languages import BY_CODE, LANGUAGES

    assert [BY_CODE["es"].name_in(code) for code in ("es", "en", "quc")] == [
        "español", "Spanish", "Español"]
    assert BY_CODE["quc"].name_in("en") == "K'iche'"
    assert BY_CODE["quc"].name_in("es") == "k'iche'"
    for language in LANGUAGES:
        assert language.english_name and language.english_name[0].isupper(), language.code
