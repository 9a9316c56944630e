"""The notification of this feature, rendered from its params in the reader's language.

``translation_ready`` (to whoever asked): params ``kind``, ``id``, ``label`` (the item's
label when it was approved) and ``language`` (the code it was translated into). It is
e-mailed with its own template (``email/translation_ready.txt``); in the app and in the
e-mail, the item is named in the reader's language when a reviewed translation of its title
exists (``_localized``: the MTGA, who asked for a K'iche' proposal in Spanish, reads its
title in Spanish)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n.selection import language_name
from ..notifications.models import Notification
from ..notifications.services import register_kind, register_localizer
from . import builtin, kinds, queries
from .services import TRANSLATION_READY


def translation_ready(params: dict[str, Any]) -> str:
    return _("Está lista la traducción que pidió de «%(label)s» al %(language)s.",
             label=_label(params), language=language_name(params["language"]))


def _label(params: dict[str, Any]) -> str:
    """The item named in the reader's language (``_localized``: its title, translated where
    a reviewed translation exists), else its label as stored."""
    title = params.get("title")
    if not title:
        return params["label"]
    named = " ".join(part for part in (params.get("reference"), title) if part)
    if params.get("kind") == builtin.RESPONSE:
        return _("Respuesta a %(proposal)s", proposal=named)
    return named


def _localized(notifications: Sequence[Notification], language: str
               ) -> dict[int, dict[str, Any]]:
    """``title`` and ``reference`` of the item each notification names (a response is
    named by its proposal): its title in ``language`` where a reviewed, visible and current
    translation exists, else its own. One statement per kind of item, then at most three
    for the translations."""
    mine = [n for n in notifications if n.kind == TRANSLATION_READY
            and isinstance((n.params or {}).get("id"), int)
            and (n.params or {}).get("kind") in kinds.KINDS]
    if not mine:
        return {}
    sources = kinds.sources({(n.params["kind"], n.params["id"]) for n in mine})
    named: dict[tuple[str, int], tuple[str, int]] = {}  # item -> the item whose title names it
    for key, source in sources.items():
        if key[0] == builtin.RESPONSE and isinstance(source.extra.get("proposal_id"), int):
            named[key] = (builtin.PROPOSAL, source.extra["proposal_id"])
        elif "title" in source.texts:
            named[key] = key
    missing = set(named.values()) - set(sources)
    if missing:
        sources.update(kinds.sources(missing))
    titled = {key: sources[key] for key in set(named.values()) if key in sources}
    shown = queries.shown_many(titled, language, sources=titled)
    localized: dict[int, dict[str, Any]] = {}
    for n in mine:
        key = named.get((n.params["kind"], n.params["id"]))
        if key is None or key not in titled:
            continue
        found = shown.get(key)
        title = found.translation.texts.get("title") if found and not found.outdated else None
        localized[n.id] = {"title": title or titled[key].texts["title"],
                           "reference": titled[key].extra.get("reference") or ""}
    return localized


register_kind(TRANSLATION_READY, message=translation_ready,
              email_template="translation_ready", label=_l("Traducciones que pidió"))
register_localizer(_localized)
