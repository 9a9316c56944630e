"""Comments on a draft commitment's versions, through the partial the commitment page
includes (rendered here by the stand-in page of conftest.py): anchors to a section or a
milestone, comments of earlier versions marked "sobre la versión N", the comments phase."""

from __future__ import annotations

import re

import pytest

from participa.base.extensions import db
from participa.plans.models import Commitment

from ..factories import login_as
from ..pages import html
from .conftest import add_version, comments, version_id, version_page_path
from .htmlcheck import problems


def _new(version: int) -> str:
    return f"/comentarios/versiones/{version}/nuevo"


def _page(client, commitment_id: int, number: int | None = None) -> str:
    response = client.get(version_page_path(commitment_id, number))
    assert response.status_code == 200
    return html(response)


def _group(page: str, key: str) -> str:
    match = re.search(
        rf'<section class="comment-group" aria-labelledby="comentarios-{key}">.*?</section>',
        page, re.S,
    )
    assert match, page
    return match.group(0)


def _add_versions(app, commitment_id: int, *specs) -> None:
    """specs: (number, milestone numbers)."""
    with app.app_context():
        commitment = db.session.get(Commitment, commitment_id)
        for number, milestones in specs:
            add_version(commitment, number, milestones)


def test_the_form_offers_every_section_and_the_versions_milestones(client, world):
    login_as(client, "other")
    page = _page(client, world["draft"])
    menu = re.search(r'<select[^>]*id="comentario-parte".*?</select>', page, re.S).group(0)
    assert '<option value="">Todo el compromiso</option>' in menu
    assert 'value="seccion:problem"' in menu and "¿Cuál es la problemática" in menu
    assert 'value="seccion:observations"' in menu
    for n in (1, 2, 3):
        assert f'value="hito:{n}">Hito {n}: Hito {n} de la versión 1' in menu
    assert 'id="comentario-postura"' in page
    assert f'action="/comentarios/versiones/{world["version1"]}/nuevo"' in page


def test_comments_are_grouped_by_the_part_they_are_about(client, world):
    login_as(client, "other")
    v1 = world["version1"]
    for anchor, body in [("", "Sobre todo."), ("seccion:problem", "Sobre el problema."),
                         ("hito:2", "Sobre el hito dos."), ("seccion:title", "Sobre el título."),
                         ("hito:1", "Sobre el hito uno.")]:
        response = client.post(_new(v1), data={"body": body, "anchor": anchor})
        assert response.status_code == 303, html(response)
        assert response.headers["Location"].startswith(
            f"/planes/compromisos/{world['draft']}?version=1#comentario-"
        )
    stored = {c.body: c for c in comments(client.application)}
    assert stored["Sobre el problema."].section == "problem"
    assert stored["Sobre el hito dos."].milestone_number == 2
    assert stored["Sobre todo."].section is None and stored["Sobre todo."].milestone_number is None
    page = _page(client, world["draft"])
    keys = re.findall(r'aria-labelledby="comentarios-([a-z_0-9-]+)"', page)
    assert keys == ["general", "seccion-title", "seccion-problem", "hito-1",
                    "hito-2"]
    assert "Sobre el problema." in _group(page, "seccion-problem")
    problem = _group(page, "seccion-problem")
    assert '<a href="#seccion-problem">¿Cuál es la problemática' in problem
    assert '<a href="#hito-2">Hito 2</a>' in _group(page, "hito-2")
    assert "Sobre el hito dos." in _group(page, "hito-2")
    assert "Sobre el hito uno." not in _group(page, "hito-2")
    assert 'class="comment-version"' not in page
    # The targets of the links exist on the page.
    assert 'id="seccion-problem"' in page and 'id="hito-2"' in page


@pytest.mark.parametrize("anchor", ["seccion:no_existe", "hito:9", "hito:x", "seccion:"])
def test_unknown_anchors_are_refused(client, world, anchor):
    login_as(client, "other")
    response = client.post(_new(world["version1"]), data={"body": "Hola", "anchor": anchor})
    assert response.status_code == 422
    assert "Hola" in html(response)
    assert comments(client.application) == []


def test_comments_of_earlier_versions_are_marked_and_linked(client, world):
    login_as(client, "other")
    client.post(_new(world["version1"]), data={"body": "Comentario de la v1.",
                                               "anchor": "seccion:problem"})
    _add_versions(client.application, world["draft"], (2, (1, 2, 3)))
    with client.application.app_context():
        v2 = version_id(world["draft"], 2)
    client.post(_new(v2), data={"body": "Comentario de la v2.", "anchor": "seccion:problem"})
    page = _page(client, world["draft"], 2)
    group = _group(page, "seccion-problem")
    old, new = group.split("Comentario de la v2.")[0], group.split("Comentario de la v1.")[1]
    assert (f'<a href="/planes/compromisos/{world["draft"]}?version=1">sobre la versión 1</a>'
            in old)
    assert 'class="comment-version"' not in new
    assert "1 comentario se hizo sobre una versión anterior" in page
    # Version 1 shows only its own comments, and says where to comment now.
    page = _page(client, world["draft"], 1)
    assert "Comentario de la v1." in page and "Comentario de la v2." not in page
    assert 'class="comment-version"' not in page
    assert 'action="/comentarios/versiones/' not in page
    assert "Los comentarios nuevos se escriben sobre la versión vigente (versión 2)" in page
    assert f'href="/planes/compromisos/{world["draft"]}?version=2#comentarios"' in page
    # A forged post on an old version is refused; replies to its comments are not.
    response = client.post(_new(world["version1"]), data={"body": "Tarde."})
    assert response.status_code == 409
    first = comments(client.application)[0]
    response = client.post(f"/comentarios/{first.id}/responder", data={"body": "Respuesta."})
    assert response.status_code == 303
    assert response.headers["Location"].startswith(
        f"/planes/compromisos/{world['draft']}?version=1#comentario-"
    )
    reply = comments(client.application)[-1]
    assert reply.version_id == world["version1"] and reply.section == "problem"


def _real_page(client, commitment_id: int, number: int | None = None) -> str:
    """The commitment page of the drafts feature, which includes the partial."""
    path = f"/planes/compromisos/{commitment_id}"
    response = client.get(f"{path}?version={number}" if number else path)
    assert response.status_code == 200
    return html(response)


@pytest.mark.parametrize("show", [_page, _real_page], ids=["stand-in", "commitment-page"])
def test_done_means_a_cso_comment_on_milestone_2_of_version_1_shows_on_version_3(
    client, world, show
):
    login_as(client, "member")
    page = show(client, world["draft"])
    assert "Acción Ciudadana" in page
    response = client.post(_new(world["version1"]), data={
        "body": "El hito 2 necesita una fecha de entrega verificable.",
        "anchor": "hito:2", "stance": "en_contra", "organization": world["cso"],
    })
    assert response.status_code == 303
    [comment] = comments(client.application)
    assert (comment.version_id, comment.milestone_number, comment.organization_id) == (
        world["version1"], 2, world["cso"])
    _add_versions(client.application, world["draft"], (2, (1, 2, 3)), (3, (1, 2, 4)))
    page = show(client, world["draft"], 3)
    group = _group(page, "hito-2")
    assert '<a href="#hito-2">Hito 2</a>' in group
    assert 'id="hito-2"' in page  # the link's target
    assert "El hito 2 necesita una fecha de entrega verificable." in group
    assert (f'<a href="/planes/compromisos/{world["draft"]}?version=1">sobre la versión 1</a>'
            in group)
    assert "Marta Miembro" in group and "en nombre de" in group and "Acción Ciudadana" in group
    assert "En contra" in group
    # The default page (the newest version) is the same.
    assert _group(show(client, world["draft"]), "hito-2") == group
    # And version 3's menu offers its own milestones.
    menu = re.search(r'<select[^>]*id="comentario-parte".*?</select>', page, re.S).group(0)
    assert 'value="hito:4"' in menu and 'value="hito:3"' not in menu
    # Version 1 shows the comment as its own.
    group = _group(show(client, world["draft"], 1), "hito-2")
    assert "El hito 2 necesita" in group and 'class="comment-version"' not in group
    assert problems(page) == []


def test_a_published_commitment_without_comments_shows_no_comment_section(client, world):
    login_as(client, "other")
    assert 'id="comentarios"' not in _real_page(client, world["active"])
    assert 'id="comentarios"' in _real_page(client, world["draft"])


def test_a_milestone_the_shown_version_no_longer_has(client, world):
    login_as(client, "other")
    client.post(_new(world["version1"]), data={"body": "Sobre el hito tres.",
                                               "anchor": "hito:3"})
    _add_versions(client.application, world["draft"], (2, (1, 2)))
    group = _group(_page(client, world["draft"]), "hito-3")
    assert "Hito 3 <span class=\"hint\">(no está en esta versión)</span>" in group
    assert 'href="#hito-3"' not in group
    assert "sobre la versión 1" in group


@pytest.mark.parametrize(("key", "status"), [
    ("draft", 303), ("future_draft", 409), ("vote_draft", 409), ("active", 409),
])
def test_drafts_are_commented_only_in_the_comments_phase(client, world, key, status):
    login_as(client, "other")
    with client.application.app_context():
        version = version_id(world[key], 1)
    page = _page(client, world[key])
    assert ('action="/comentarios/versiones/' in page) is (status == 303)
    response = client.post(_new(version), data={"body": "Hola"})
    assert response.status_code == status
    if status == 409:
        assert comments(client.application) == []
        if key == "active":
            assert "Solo se pueden comentar los borradores" in html(response)
        else:
            assert "Comentarios a los borradores" in html(response)


@pytest.mark.parametrize("who", ["anonymous", "unconfirmed"])
def test_who_may_not_comment_on_drafts(client, world, who):
    login_as(client, who)
    page = _page(client, world["draft"])
    assert 'action="/comentarios/versiones/' not in page
    response = client.post(_new(world["version1"]), data={"body": "Hola"})
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert comments(client.application) == []


def test_the_anchor_form_works_without_the_page(client, world):
    """The form's own page (GET) and the 422 page re-render with what was typed."""
    login_as(client, "other")
    page = html(client.get(_new(world["version1"])))
    assert 'id="comentario-parte"' in page
    response = client.post(_new(world["version1"]), data={"body": "", "anchor": "hito:2",
                                                          "stance": "neutral"})
    assert response.status_code == 422
    assert '<option selected value="hito:2">' in html(response)
    assert '<option selected value="neutral">' in html(response)


@pytest.mark.parametrize("app_config", [{"RATELIMIT_ENABLED": False}])
def test_xss_through_the_draft_page(client, world):
    from .test_textfmt import XSS_CORPUS

    login_as(client, "member")
    for text in XSS_CORPUS:
        client.post(_new(world["version1"]), data={
            "body": text, "anchor": "hito:2", "organization": world["cso"]})
    page = _page(client, world["draft"])
    assert problems(page) == []
    assert "<script>alert" not in page and "<img src=x" not in page


XSS_NAME = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_names_titles_and_milestones_are_escaped(client, world):
    with client.application.app_context():
        from participa.accounts.models import User
        from participa.organizations.models import Organization
        from participa.plans.models import CommitmentVersion, Milestone

        db.session.get(User, world["member"]).name = XSS_NAME
        db.session.get(Organization, world["cso"]).name = XSS_NAME
        commitment = db.session.get(Commitment, world["draft"])
        commitment.title = XSS_NAME
        version = CommitmentVersion(commitment_id=commitment.id, number=2, title=XSS_NAME)
        version.milestones.append(Milestone(number=1, description=XSS_NAME))
        db.session.add(version)
        db.session.commit()
        v2 = version.id
    login_as(client, "member")
    response = client.post(_new(v2), data={"body": "Hola", "anchor": "hito:1",
                                           "organization": world["cso"]})
    assert response.status_code == 303
    [comment] = comments(client.application)
    client.post(f"/comentarios/{comment.id}/editar", data={"body": "Hola de nuevo"})
    for path in (version_page_path(world["draft"]), f"/planes/compromisos/{world['draft']}",
                 _new(v2), f"/comentarios/{comment.id}/responder",
                 f"/comentarios/{comment.id}/historial", f"/comentarios/{comment.id}/editar"):
        page = html(client.get(path))
        assert problems(page) == [], path
        assert "<script>alert" not in page and "<img src=x" not in page, path
    page = html(client.get(version_page_path(world["draft"])))
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
