"""The vote and unvote buttons are forms with only the CSRF token and where to come back to
(the vote page, or the vote box on a commitment page, ``voting/_vote_box.html``)."""

from __future__ import annotations

from wtforms import HiddenField

from ..web.forms import Form


class VoteForm(Form):
    # A path of this site (checked with ``security.safe_next``).
    next = HiddenField()
