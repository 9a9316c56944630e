"""What a reader sees of translations on other features' pages (their slots): a proposal
in the reader's interface language beside its original, the link to an item's translations
for whoever may ask for or make one, and the workspace's link to the texts to translate."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from ..base.roles import can_moderate
from ..i18n.selection import interface_language, language_name
from . import builtin, queries
from .kinds import Source
from .queries import Shown


@dataclass(frozen=True)
class ItemTranslation:
    shown: Shown | None
    language_name: str
    source_language_name: str
    link: str | None


def _link(user: object, kind: str, item_id: int, owner_ids: frozenset[int]) -> str | None:
    """The item's translations page, for the MTGA, its author and translators (the menu's
    ``is_translator``, loaded with the person: no query)."""
    if can_moderate(user) or getattr(user, "id", None) in owner_ids or \
            getattr(user, "is_translator", False):
        return url_for("content_translation.item", kind=kind, item_id=item_id)
    return None


def item_translation(kind: str, item_id: int, language: str | None, source: Source | None,
                     user: object, owner_ids: frozenset[int] = frozenset()
                     ) -> ItemTranslation | None:
    reader = interface_language()
    shown = None
    if language != reader:
        shown = queries.shown_many([(kind, item_id)], reader,
                                   sources={(kind, item_id): source} if source else None
                                   ).get((kind, item_id))
    link = _link(user, kind, item_id, owner_ids)
    if shown is None and link is None:
        return None
    return ItemTranslation(shown, language_name(reader), language_name(language or "es"), link)


def proposal_translation(*, proposal, user: object, **_context: object
                         ) -> ItemTranslation | None:
    """The proposal page's slot ``proposal.translation``: two statements at most (its
    translation with the people, their credits), none when nothing is translated."""
    source = builtin.proposal_source(proposal)
    return item_translation(builtin.PROPOSAL, proposal.id, proposal.language, source, user,
                            source.owner_ids)


def commitment_translation(*, commitment, user: object, **_context: object
                           ) -> ItemTranslation | None:
    """The commitment page's slot ``commitment.translation``: its newest version's title and
    summary in the reader's language."""
    if not commitment.versions:
        return None
    newest = commitment.versions[-1]
    return item_translation(builtin.COMMITMENT, commitment.id, newest.language,
                            builtin.commitment_source(commitment, newest), user)


def call_translation(*, round, user: object, **_context: object) -> ItemTranslation | None:
    """The round page's slot ``round.translation``: its call in the reader's language."""
    return item_translation(builtin.CALL, round.id, round.language,
                            builtin.call_source(round), user)


def head_link(*, language: str, **_context: object) -> str:
    return language
