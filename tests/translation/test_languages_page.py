"""/idiomas: per enabled language, how much of the interface is translated and reviewed, the
suggestions waiting, and who translated it as each chose to be credited; and the coverage
module's counts (the template read once, a plural counted once)."""

from __future__ import annotations

import re

import pytest

from participa.accounts.models import User
from participa.base.extensions import db
from participa.i18n import coverage
from participa.translation import progress, services
from participa.translation.models import Credit
from tests.factories import make_membership, make_organization, make_user
from tests.pages import html

from .helpers import message_for, synced


def _numbers(page: str, code: str) -> list[tuple[int, int, int]]:
    """(percent, done, total) of the language's translated and reviewed rows."""
    section = page.split(f'id="idioma-{code}"')[1].split("</section>")[0]
    return [tuple(map(int, found)) for found in
            re.findall(r"(\d+) % \((\d+) de (\d+) textos\)", section)]


@pytest.fixture
def people(app):
    with app.app_context():
        synced()
        admin = make_user(is_admin=True)
        translator = make_user(name="Tomasa Traductora")
        reviewer = make_user(name="Rosa Revisora")
        member = make_user(name="Olga Integrante")
        make_membership(member, make_organization(name="Asociación Idiomas"))
        services.grant(actor=admin, user=translator, language="quc")
        reviewer_role = services.grant(actor=admin, user=reviewer, language="quc",
                                       can_review=True)
        services.set_credit(user=reviewer, role=reviewer_role, credit=Credit.NONE)
        member_role = services.grant(actor=admin, user=member, language="quc")
        services.set_credit(user=member, role=member_role, credit=Credit.ORGANIZATION)
        db.session.commit()
        return translator.id, reviewer.id


def test_the_page_counts_a_fake_approval_and_credits_as_chosen(client, app, people):
    page = html(client.get("/idiomas"))
    (before_pct, before, total), (_, reviewed_before, _) = _numbers(page, "quc")
    assert total == len(coverage.template_messages())
    assert before_pct == 100 * before // total
    with app.app_context():
        translator, reviewer = (db.session.get(User, i) for i in people)
        suggestion = services.suggest(author=translator, message=message_for("Consultas"),
                                      language="quc", forms=["[quc] Consultas"])
        services.suggest(author=translator, message=message_for("Propuestas"),
                         language="quc", forms=["[quc] Propuestas"])
        services.approve(reviewer=reviewer, suggestion=suggestion)
        db.session.commit()
    page = html(client.get("/idiomas"))
    (_, after, total_after), (_, reviewed_after, _) = _numbers(page, "quc")
    assert (after, reviewed_after, total_after) == (before + 1, reviewed_before + 1, total)
    section = page.split('id="idioma-quc"')[1].split("</section>")[0]
    assert "1 texto" in section  # one suggestion waits for review
    assert "Tomasa Traductora" in section
    assert "Asociación Idiomas" in section and "Olga Integrante" not in section
    assert "Una persona voluntaria" in section and "Rosa Revisora" not in section
    # Each language in its own name, marked; Spanish is the source.
    assert '<span lang="quc">K&#39;iche&#39;</span>' in page
    assert "Idioma de origen" in page.split('id="idioma-es"')[1].split("</section>")[0]
    # How to help: sign in, then ask from the profile.
    assert 'href="/cuenta/#traduccion"' in page


def test_the_page_is_public_and_needs_no_script(client, people):
    response = client.get("/idiomas")
    assert response.status_code == 200
    page = html(response)
    # The bars are native <progress> elements, hidden from screen readers: the numbers are
    # in the text.
    assert '<progress max="' in page and 'aria-hidden="true"' in page


def test_coverage_counts_a_plural_once_and_every_form(app):
    messages = (("uno", None), ("dos", ("dos", "doses")), ("tres", ("tres", "treses")),
                ("ctx\x04cuatro", None), ("cinco", ("cinco", "cincos")))
    catalog = {"uno": "[x] uno", ("dos", 0): "[x] dos", ("dos", 1): "[x] dos",
               ("tres", 0): "[x] tres", ("tres", 1): "", "ctx\x04cuatro": "[x] cuatro",
               # An untranslated plural, as Babel compiles it: the Spanish forms.
               ("cinco", 0): "cinco", ("cinco", 1): "cincos"}
    assert coverage.count(catalog, messages, 2) == 3
    share = coverage.Share(3, 1164)
    assert share.percent == 0 and round(share.exact_percent, 2) == 0.26


def test_coverage_of_spanish_is_everything_and_cached_per_version(app, people):
    with app.test_request_context("/"):
        spanish = coverage.share("es")
        assert spanish.translated == spanish.total == len(coverage.template_messages())
        first = coverage.share("quc", fresh=True)
        assert coverage.share("quc") is first  # no change: the same answer
        rows = {row.language.code: row for row in progress.progress(["es", "quc"])}
        assert rows["quc"].translated == first


def test_coverage_agrees_with_the_catalogs_status(app, runner):
    """The shipped catalogs' coverage is what ``flask translate status`` counts."""
    result = runner.invoke(args=["translate", "status"])
    status = {line.split("\t")[0]: int(line.split("\t")[2].split("/")[0])
              for line in result.output.splitlines()}
    with app.test_request_context("/"):
        assert {code: coverage.share(code).translated for code in status} == status


def _said(share) -> str:
    if share.translated and not share.percent:
        return "menos del 1 % traducido"
    return f"{share.percent} % traducido"


@pytest.mark.parametrize("path", ["/", "/idioma"])
def test_the_language_menu_and_idioma_show_each_languages_coverage(client, app, path):
    page = html(client.get(path))
    prefix = "cobertura" if path == "/" else "idioma"
    if path == "/idioma":
        page = page.split('<ul class="languages">')[1]
        assert 'href="/idiomas"' in page
    with app.test_request_context("/"):
        shares = {code: coverage.share(code) for code in app.config["LANGUAGES"]}
    assert shares["en"].percent == 100
    for code, share in shares.items():
        if code == "es":
            assert f'id="{prefix}-es"' not in page  # the source
            continue
        assert f'aria-describedby="{prefix}-{code}"' in page
        span = page.split(f'id="{prefix}-{code}"')[1].split("</span></span>")[0]
        assert _said(share) in span
