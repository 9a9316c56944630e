"""A proposal's comments come ``COMMENTS_PER_PAGE`` threads at a time (a first-level comment
with all its replies), oldest first, with plain links between pages (no JavaScript); the
count covers every page; a comment's permalink, and the answer to posting one, lead to the
page that shows it."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
import sqlalchemy as sa

from participa.base.extensions import db
from participa.base.time import utcnow
from participa.comments.models import Comment
from participa.comments.threads import COMMENTS_PER_PAGE
from participa.content.visibility import ModerationState

from ..factories import login_as
from ..pages import html

THREADS = COMMENTS_PER_PAGE * 2 + 5  # three pages, the last with five threads


@pytest.fixture
def threads(app, world) -> dict:
    """``THREADS`` first-level comments a minute apart on the open proposal, each with a
    reply, and a reply to that reply; the second thread's reply is hidden, the last thread's
    root is pending (its author is ``other``)."""
    with app.app_context():
        start = utcnow() - timedelta(days=2)
        roots = []
        for n in range(THREADS):
            at = start + timedelta(minutes=n)
            root = Comment(proposal_id=world["proposal"], author_id=world["member"],
                           body=f"Hilo {n}", created_at=at)
            db.session.add(root)
            db.session.flush()
            reply = Comment(proposal_id=world["proposal"], author_id=world["third"],
                            parent_id=root.id, depth=1, body=f"Respuesta {n}",
                            created_at=at + timedelta(hours=30))
            db.session.add(reply)
            db.session.flush()
            db.session.add(Comment(proposal_id=world["proposal"], author_id=world["member"],
                                   parent_id=reply.id, depth=2, body=f"Réplica {n}",
                                   created_at=at + timedelta(hours=31)))
            roots.append(root)
        db.session.flush()
        second_reply = db.session.scalar(
            sa.select(Comment).where(Comment.parent_id == roots[1].id))
        second_reply.moderation_state = ModerationState.HIDDEN
        second_reply.hidden_reason = "Datos personales"
        pending = Comment(proposal_id=world["proposal"], author_id=world["other"],
                          body="Hilo pendiente", created_at=utcnow(),
                          moderation_state=ModerationState.PENDING)
        db.session.add(pending)
        db.session.commit()
        return {"roots": [r.id for r in roots], "pending": pending.id,
                "deep": db.session.scalar(sa.select(Comment.id).where(
                    Comment.body == f"Réplica {COMMENTS_PER_PAGE + 3}"))}


def _page_at(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, html(response)
    return unescape(html(response))


def _posted(client, url: str, body: str) -> str:
    """Post a comment or reply as ``member``; where the answer leads."""
    login_as(client, "member")
    response = client.post(url, data={"body": body})
    assert response.status_code == 303, html(response)
    return response.headers["Location"]


def _page(client, proposal_id: int, page: int | None = None) -> str:
    query = f"?comments_page={page}" if page is not None else ""
    return _page_at(client, f"/propuestas/{proposal_id}{query}")


def _bodies(text: str) -> list[str]:
    return re.findall(
        r'<div class="comment-body"[^>]*><p>((?:Hilo|Respuesta|Réplica)[^<]*)</p>', text)


def test_pages_of_threads_oldest_first_with_all_their_replies(client, world, threads):
    first = _page(client, world["proposal"])
    bodies = _bodies(first)
    roots = [b for b in bodies if b.startswith("Hilo")]
    assert roots == [f"Hilo {n}" for n in range(COMMENTS_PER_PAGE)]
    assert "Réplica 0" in bodies and "Respuesta 0" in bodies
    # The count covers every page: three comments per thread; the pending one is not shown.
    assert f"Comentarios <span class=\"count\">({THREADS * 3})</span>" in first
    assert "Página 1 de 3" in first
    third = _page(client, world["proposal"], 3)
    assert [b for b in _bodies(third) if b.startswith("Hilo")] == [
        f"Hilo {n}" for n in range(COMMENTS_PER_PAGE * 2, THREADS)]
    assert "Hilo pendiente" not in third
    # A hidden reply keeps its place on its page.
    assert "Comentario oculto por moderación: Datos personales" in first


def test_plain_links_between_pages(client, world, threads):
    first = _page(client, world["proposal"])
    assert re.search(r'<a href="/propuestas/\d+\?comments_page=2#comentarios" rel="next">',
                     first)
    assert 'rel="prev"' not in first.split('aria-label="Páginas de comentarios"')[1]
    second = _page(client, world["proposal"], 2)
    # Page 1 is the proposal's own address.
    assert f'<a href="/propuestas/{world["proposal"]}#comentarios" rel="prev">' in second
    assert 'comments_page=3#comentarios" rel="next"' in second


def test_the_author_of_a_pending_thread_sees_it_on_the_last_page(client, world, threads):
    login_as(client, "other")
    last = _page(client, world["proposal"], 3)
    assert "Hilo pendiente" in last
    assert f"({THREADS * 3 + 1})" in last


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "", "9999999"])
def test_a_bad_page_is_a_400(client, world, threads, value):
    response = client.get(f"/propuestas/{world['proposal']}",
                          query_string={"comments_page": value})
    assert response.status_code == 400


def test_a_page_past_the_end_shows_no_threads(client, world, threads):
    text = _page(client, world["proposal"], 4)
    assert _bodies(text) == []
    assert 'rel="prev"' in text


def test_permalinks_lead_to_the_page_of_the_thread(client, world, threads):
    first_root = threads["roots"][0]
    response = client.get(f"/comentarios/{first_root}")
    assert response.headers["Location"].endswith(
        f"/propuestas/{world['proposal']}#comentario-{first_root}")
    # A reply at the third level of a thread on page 2: the link opens its thread.
    root = threads["roots"][COMMENTS_PER_PAGE + 3]
    response = client.get(f"/comentarios/{threads['deep']}")
    assert response.headers["Location"].endswith(
        f"/propuestas/{world['proposal']}?comments_page=2&hilo={root}"
        f"#comentario-{threads['deep']}")
    assert f'id="comentario-{threads["deep"]}"' in _page(client, world["proposal"], 2)


@pytest.fixture
def long_thread(app, world) -> dict:
    """On the open proposal: a thread with six replies (two of them answered, one pending
    by ``other``), and one with four."""
    with app.app_context():
        start = utcnow() - timedelta(days=1)

        def add(body, parent=None, minutes=0, author="third", **extra):
            comment = Comment(proposal_id=world["proposal"], author_id=world[author],
                              parent_id=parent.id if parent else None,
                              depth=parent.depth + 1 if parent else 0, body=body,
                              created_at=start + timedelta(minutes=minutes), **extra)
            db.session.add(comment)
            db.session.flush()
            return comment

        root = add("Hilo largo")
        first = add("Respuesta 1", root, 1)
        add("Réplica 1a", first, 2)
        add("Respuesta 2", root, 3)
        add("Respuesta 3", root, 4)
        fourth = add("Respuesta 4", root, 5)
        add("Réplica 4a", fourth, 6)
        add("Respuesta pendiente", root, 7, author="other",
            moderation_state=ModerationState.PENDING)
        last = add("Respuesta 5", root, 8)
        short = add("Hilo corto", None, 9)
        for n in range(4):
            add(f"Respuesta corta {n}", short, 10 + n)
        db.session.commit()
        return {"root": root.id, "last": last.id, "short": short.id}


def test_a_thread_shows_its_first_replies_and_a_link_to_the_rest(client, world, long_thread):
    page = _page(client, world["proposal"])
    bodies = _bodies(page)
    # Depth first: the first three replies; the other four (the pending one is not counted
    # for the public) behind a link that opens the thread. Four replies are all shown.
    assert [b for b in bodies if "corta" not in b and b != "Hilo corto"] == [
        "Hilo largo", "Respuesta 1", "Réplica 1a", "Respuesta 2"]
    assert [b for b in bodies if "corta" in b] == [f"Respuesta corta {n}" for n in range(4)]
    link = (f'<a href="/propuestas/{world["proposal"]}?hilo={long_thread["root"]}'
            f'#comentario-{long_thread["root"]}">Ver las 4 respuestas más</a>')
    assert link in page and page.count("respuestas más") == 1
    opened = _bodies(_page_at(
        client, f"/propuestas/{world['proposal']}?hilo={long_thread['root']}"))
    assert opened[:8] == ["Hilo largo", "Respuesta 1", "Réplica 1a", "Respuesta 2",
                          "Respuesta 3", "Respuesta 4", "Réplica 4a", "Respuesta 5"]
    # The author of the pending reply counts it (they may read it).
    login_as(client, "other")
    assert "Ver las 5 respuestas más" in _page(client, world["proposal"])


def test_the_permalink_of_a_late_reply_opens_its_thread(client, world, long_thread):
    response = client.get(f"/comentarios/{long_thread['last']}")
    location = response.headers["Location"]
    assert location.endswith(f"?hilo={long_thread['root']}#comentario-{long_thread['last']}")
    assert "Respuesta 5" in _bodies(_page_at(client, location))


def test_a_new_reply_to_a_long_thread_is_shown_where_it_leads(client, world, long_thread):
    location = _posted(client, f"/comentarios/{long_thread['root']}/responder",
                       "Respuesta nueva")
    assert f"hilo={long_thread['root']}" in location
    assert "Respuesta nueva" in _bodies(_page_at(client, location))
    assert "Respuesta nueva" not in _bodies(_page(client, world["proposal"]))


@pytest.mark.parametrize("query", ["hilo=abc", "hilo=0", "hilo=1&hilo=2", "hilo=%2B1"])
def test_a_bad_thread_is_a_400(client, world, long_thread, query):
    assert client.get(f"/propuestas/{world['proposal']}?{query}").status_code == 400


def test_a_new_comment_leads_to_the_last_page(client, world, threads):
    location = _posted(client, f"/comentarios/propuestas/{world['proposal']}/nuevo",
                       "Un comentario nuevo")
    assert "comments_page=3#comentario-" in location
    assert "Un comentario nuevo" in _page_at(client, location)
