"""Every page of the site, derived from ``app.url_map`` and filled with the ids of a
``typed_world``: a new route is walked without anyone adding it here (or the test that asks
``unwalked`` fails until it is named in ``SKIP`` with a reason)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from flask import url_for

from participa.accounts import tokens
from participa.accounts.models import User
from participa.base.extensions import db
from participa.plans.models import Commitment

from ..factories import body, mails
from ..page_structure import table_problems
from .inert import mail_problems, read
from .typed_world import World

# GET routes not walked, and why.
SKIP = {"static": "our own files: no people's text",
        "files.serve": "uploaded files, not pages: their types and headers in tests/files",
        "recordings.new": "a form of the MTGA and translators: tests/recordings",
        "recordings.show": "no recording in the world: tests/recordings"}

# Which world ids fill each URL argument.
ARGUMENT_IDS = {
    "round_id": ("round",),
    "plan_id": ("plan",),
    "proposal_id": ("proposal", "withdrawn", "restored", "hidden", "workshop_proposal"),
    "comment_id": ("comment", "reply", "hidden_comment", "draft_comment"),
    "commitment_id": ("draft",),
    "organization_id": ("organization",),
    "template_id": ("template",),
    "version_id": ("version",),
    "membership_id": ("membership",),
    "language": ("language",),
    "message_id": ("message",),
    "term_id": ("term",),
    "user_id": ("author", "blocked"),
    "workshop_id": ("workshop",),
    "update_id": ("update",),
    "meeting_id": ("meeting",),
    "assessment_id": ("assessment",),
}
SEGMENT_IDS = {
    "propuestas": ARGUMENT_IDS["proposal_id"],
    "comentarios": ARGUMENT_IDS["comment_id"],
    "personas": ("author", "blocked"),
    "propuesta": ("proposal",),
    "comentario": ("comment",),
    "persona": ("author",),
    # The kinds of items content translation translates (issue 18).
    "proposal": ("proposal", "restored"),
    "response": ("response",),
    "commitment": ("draft",),
    "call": ("round",),
    # No recording in the world: a recording's translations, tests/recordings.
    "recording": (),
}
# Query strings that show something the bare page does not (versions, a diff, a choice).
EXTRA_QUERIES = {
    "plans.commitment": ("version=1", "version=2"),
    "plans.differences": ("de=1&a=3", "de=2&a=3", "de=1&a=2"),
    "consolidation.compare": ("p={proposal}&p={restored}&p={hidden}",),
    "consolidation.workspace": ("status=retirada", "q=script", "sort=most_supported"),
    "proposals.index": ("q=script", "status=retirada", "sort=most_supported"),
    "proposals.show": ("hilo={comment}",),
    "proposals.similar": ("titulo=script alert onerror",),
    "moderation.queue": ("orden=denuncias",),
    "moderation.hidden": ("tipo=comentarios",),
    "moderation.pending": ("tipo=comentarios",),
    "consolidation.publish": ("p={proposal}",),
    "consolidation.new_draft": ("p={proposal}&p={withdrawn}",),
    "consolidation.attach": ("p={withdrawn}",),
}
# Who walks which pages: everything as the public, as the author of everything (own hidden
# items, notifications, edit forms) and as an administrator (every moderation and admin page;
# moderators see a subset); the pages only these people see.
ROLES: dict[str, tuple[str, ...] | None] = {
    "anonymous": None,
    "author": None,
    "admin": None,
    "supporter": ("/notificaciones/", "/mi-participacion"),
    "moderator": ("/moderacion/contenido/denuncias", "/moderacion/registro"),
    "blocked": ("/", "/cuenta/"),
}


def _values(world: World, name: str, segment: str | None) -> tuple[int | str, ...]:
    if name in ("item_id", "target_id"):
        keys = SEGMENT_IDS[segment or ""]
    else:
        keys = ARGUMENT_IDS[name]
    return tuple(world.ids[key] for key in keys if key in world.ids)


def urls(world: World) -> list[tuple[str, str]]:
    """(endpoint, URL) of every page with every id of the world that fits it."""
    app = world.app
    with app.app_context():
        commitment = db.session.get(Commitment, world.ids["draft"])
        world.ids["version"] = commitment.versions[-1].id
        # Someone who takes no other part (a reset form, fuzzed, may change the password).
        member = db.session.get(User, world.ids["member"])
        unconfirmed = db.session.get(User, world.ids["unconfirmed"])
        token_values = (tokens.make(unconfirmed, tokens.CONFIRM),
                        tokens.make(member, tokens.RESET), "no-es-un-token")
    found = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods or rule.endpoint in SKIP:
                continue
            choices = []
            for name in sorted(rule.arguments):
                if name == "token":
                    choices.append([(name, value) for value in token_values])
                elif name in ("segment", "kind", "extension", "chart"):
                    options = rule._converters[name].items  # the AnyConverter's words
                    choices.append([(name, option) for option in sorted(options)])
                elif name not in ("item_id", "target_id"):
                    choices.append([(name, value) for value in _values(world, name, None)])
            for combination in itertools.product(*choices):
                values = dict(combination)
                segment = values.get("segment") or values.get("kind")
                for key in ("item_id", "target_id"):
                    if key in rule.arguments:
                        values[key] = None
                by_segment = segment and {"item_id", "target_id"} & set(rule.arguments)
                targets = _values(world, "item_id", segment) if by_segment else (None,)
                for target in targets:
                    for key in ("item_id", "target_id"):
                        if key in values:
                            values[key] = target
                    url = url_for(rule.endpoint, **values)
                    found.append((rule.endpoint, url))
                    for query in EXTRA_QUERIES.get(rule.endpoint, ()):
                        found.append((rule.endpoint, f"{url}?{query.format(**world.ids)}"))
    return found


def unwalked(app, walked: set[str]) -> list[str]:
    """GET endpoints of the app that no URL reached and SKIP does not name."""
    return sorted(rule.endpoint for rule in app.url_map.iter_rules()
                  if "GET" in rule.methods and rule.endpoint not in SKIP
                  and rule.endpoint not in walked)


# What a response shows, for the "rendered as data" check ------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def normal(text: str) -> str:
    """Text compared the way the site stores and shows it: no control characters (NEL is a
    line break), white space collapsed."""
    return " ".join(_CONTROL.sub("", text).split())


@dataclass
class Walk:
    requests: int = 0
    problems: list[str] = field(default_factory=list)
    walked: set[str] = field(default_factory=set)
    statuses: dict[int, int] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)


def walk(world: World, roles=ROLES, *, collect_text: bool = True) -> Walk:
    """GET every page as every role; check each answer (inert, and its tables keyboard-
    scrollable) and the e-mails sent."""
    result = Walk()
    pages = urls(world)
    for role, only in roles.items():
        client = world.client(role)
        for endpoint, url in pages if only is None else [(None, url) for url in only]:
            response = client.get(url)
            result.requests += 1
            if endpoint is not None:
                result.walked.add(endpoint)
            result.statuses[response.status_code] = result.statuses.get(
                response.status_code, 0) + 1
            if response.status_code >= 500:
                result.problems.append(f"GET {url} as {role}: {response.status_code}")
            problems, text = read(response)
            if response.mimetype == "text/html":
                problems += table_problems(response.get_data(as_text=True))
            result.problems.extend(f"GET {url} as {role}: {p}" for p in problems)
            if collect_text and response.status_code == 200:
                result.shown.append(normal(text))
    with world.app.app_context():
        for message in mails():
            result.problems.extend(f"mail {message['Subject']!r}: {p}"
                                   for p in mail_problems(message))
            if collect_text:
                result.shown.append(normal(f"{message['Subject']} {body(message)}"))
    return result
