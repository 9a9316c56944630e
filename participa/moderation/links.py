"""The moderation's links under a proposal or a comment ("Denunciar", "Denunciar a esta
persona", "Moderar"): what the slots ``proposal.actions`` and ``comment.actions`` show, from
the rules of ``permissions`` (no query: the item comes with its author)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..comments.models import Comment
from ..proposals.models import Proposal
from . import permissions


@dataclass(frozen=True)
class Links:
    item: Proposal | Comment
    kind: str  # in the report's address: "propuesta" or "comentario"
    segment: str  # in the moderators' address: "propuestas" or "comentarios"
    report: bool
    report_author: bool
    moderate: bool


def links_for(item: Proposal | Comment, user: Any) -> Links | None:
    """None when the person may neither report nor moderate (nothing is shown)."""
    report = permissions.can_report(user, item)
    moderate = permissions.can_moderate_content(user)
    if not (report or moderate):
        return None
    proposal = isinstance(item, Proposal)
    return Links(
        item=item,
        kind="propuesta" if proposal else "comentario",
        segment="propuestas" if proposal else "comentarios",
        report=report,
        report_author=report and permissions.can_report(user, item.author),
        moderate=moderate,
    )


def proposal_links(*, proposal: Proposal, user: Any, **_context: Any) -> Links | None:
    return links_for(proposal, user)


def comment_links(*, comment: Comment, user: Any, **_context: Any) -> Links | None:
    return links_for(comment, user)
