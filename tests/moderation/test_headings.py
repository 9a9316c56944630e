"""The moderators' pages of one item and of the pending contributions keep their headings in
order (h1, h2, h3: no level skipped), for whoever moves through a page by its headings."""

from __future__ import annotations

from participa.base.extensions import db
from participa.content.visibility import ModerationState
from participa.proposals.models import Proposal

from ..factories import login_as
from ..page_structure import heading_skips
from ..pages import html, main_of


def test_the_item_pages_and_the_pending_list_skip_no_heading_level(client, app, world):
    with app.app_context():
        db.session.get(Proposal, world["proposal"]).moderation_state = ModerationState.PENDING
        db.session.commit()
    login_as(client, "moderator")
    for path in (f"/moderacion/contenido/propuestas/{world['proposal']}",
                 f"/moderacion/contenido/comentarios/{world['comment']}",
                 f"/moderacion/contenido/personas/{world['author']}",
                 "/moderacion/contenido/pendientes"):
        page = main_of(html(client.get(path)))
        assert "<h1" in page, path
        assert heading_skips(page) == [], path
