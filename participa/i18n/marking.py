"""Which language each interface message came out in (WCAG 3.1.1 and 3.1.2).

While an HTML template renders in a language other than Spanish, every message looked up
through the babel domain (``gettext``, ``ngettext``, ``pgettext``, ``npgettext``: Python's
Flask-Babel functions, lazy strings and Jinja's ``_()`` alike) comes back between two
invisible private-use characters: a start marker naming its effective language (the
interface language when the catalog holds a translation of it, else ``es``, the Spanish
fallback) and an end marker. Variables are formatted into the marked string, so a message
inside another nests. ``page_lang`` turns the markers into ``lang`` attributes after the
view and strips them everywhere else.

Marking is on only inside ``rendering()`` (an HTML template's ``render``: ``MarkingTemplate``),
never while a view computes what it stores or mails, so nothing marked reaches the database;
mail strips markers anyway. In Spanish nothing is wrapped and nothing costs: the domain's
memo of the request's translations is only swapped when marking starts or stops.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

import jinja2
from flask import g, has_request_context, session
from flask_babel import get_locale
from markupsafe import Markup

from .languages import BY_CODE, LANGUAGES

END = "\ue0ff"
_FIRST = 0xE100
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
START: dict[str, str] = {code: chr(_FIRST + index) for index, code in enumerate(CODES)}
LANGUAGE_OF: dict[str, str] = {marker: code for code, marker in START.items()}
MARKER_RE = re.compile(f"[{END}{chr(_FIRST)}-{chr(_FIRST + len(CODES) - 1)}]")
SPANISH = START["es"]


def strip(text: str) -> str:
    """``text`` without markers (mail, JSON, attribute values, ``<script>``)."""
    return MARKER_RE.sub("", text)


def wrap(text: str, code: str) -> str:
    """``text`` marked as written in ``code`` (a message's language)."""
    return f"{START[code]}{text}{END}"


class MarkedTranslations:
    """A request's Translations whose lookups come back marked with their language: the
    interface language when its catalog has a non-empty translation (compiled or merged in
    from approved suggestions: the same ``_catalog``), else Spanish. Anything else is the
    wrapped object's."""

    def __init__(self, translations: object, code: str) -> None:
        self._translations = translations
        self._messages = getattr(translations, "_catalog", None) or {}
        self._plural = getattr(translations, "plural", None) or (lambda n: int(n != 1))
        self._start = START[code]

    def __getattr__(self, name: str) -> object:
        return getattr(self._translations, name)

    def _marked(self, key: object, text: str) -> str:
        return f"{self._start if self._messages.get(key) else SPANISH}{text}{END}"

    def gettext(self, message: str) -> str:
        return self._marked(message, self._translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._marked((singular, self._plural(n)),
                            self._translations.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return self._marked(f"{context}\x04{message}",
                            self._translations.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._marked((f"{context}\x04{singular}", self._plural(n)),
                            self._translations.npgettext(context, singular, plural, n))

    ugettext = gettext
    ungettext = ngettext
    upgettext = pgettext
    unpgettext = npgettext


class RecordingTranslations(MarkedTranslations):
    """Outside a page's rendering (a view at work), lookups come back unmarked, and the
    request remembers each text's language: a flash message made of one of them is marked
    when it is stored in the session (``mark_flash``), for the next page to show."""

    def __init__(self, translations: object, code: str) -> None:
        super().__init__(translations, code)
        self._said: dict[str, str] = g.setdefault("_said", {})
        self._code = code

    def _marked(self, key: object, text: str) -> str:
        self._said[text] = self._code if self._messages.get(key) else "es"
        return text


def _language_said(message: object) -> str | None:
    """The language of the message ``message`` was made from (formatted: its placeholders
    filled), when this request's view looked it up (``RecordingTranslations``)."""
    said = g.get("_said") if has_request_context() else None
    if not said or not isinstance(message, str):
        return None
    language = said.get(message)
    if language is None:
        fitting = [(len(text), code) for text, code in said.items()
                   if "%(" in text and _pattern(text).fullmatch(message)]
        language = max(fitting)[1] if fitting else None
    return language


def said(message: object) -> object:
    """A message a view made before the page rendered (a form's error, a refusal's notice),
    marked with its language while the page renders in a language other than Spanish; else
    as it is. A Jinja filter: ``{{ error|said }}``."""
    stack = g.get("_marking") if has_request_context() else None
    if not stack or not stack[-1] or isinstance(message, Markup):
        return message
    language = _language_said(message)
    return wrap(message, language) if language is not None else message


def mark_flash(message: str, category: str) -> None:
    """The flash message just stored, marked with its language (``_language_said``)."""
    language = _language_said(message)
    flashes = session.get("_flashes")
    if language is not None and flashes and flashes[-1] == (category, message):
        flashes[-1] = (category, wrap(message, language))
        session["_flashes"] = flashes


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(".*?".join(re.escape(part) for part in _PLACEHOLDER_RE.split(text)),
                      re.S)


_PLACEHOLDER_RE = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")


def language_of(locale: object) -> str:
    return getattr(locale, "language", None) or "es"


def marked(locale: object, translations: object) -> object:
    """What the domain hands out: ``translations`` marked while an HTML page renders in a
    language other than Spanish, recording their texts' languages while a view works in one
    (``RecordingTranslations``), else as they are."""
    stack = g.get("_marking")
    code = language_of(locale)
    if code == "es" or code not in START:
        return translations
    if not stack or not stack[-1]:
        return RecordingTranslations(translations, code) if has_request_context() else (
            translations)
    g.marked = True
    return MarkedTranslations(translations, code)


def in_format_language(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` (a date formatter) with its answer marked Spanish while an HTML page
    renders in a language whose dates Babel writes as es_GT's ("6 de diciembre de 2026" on a
    K'iche' page): the words are Spanish, not the interface's."""

    @wraps(function)
    def formatted(*args: object, **kwargs: object) -> str:
        text = function(*args, **kwargs)
        stack = g.get("_marking") if text and has_request_context() else None
        if stack and stack[-1]:
            language = BY_CODE.get(language_of(get_locale()))
            if language is not None and language.code != "es" and language.es_gt_alias:
                return wrap(text, "es")
        return text

    return formatted


@contextmanager
def rendering(on: bool = True) -> Iterator[None]:
    """Mark messages (``on``) or not while the block renders; nests (an e-mail rendered
    inside a page is not marked, the page goes on marked)."""
    if not has_request_context():
        yield
        return
    if on:
        locale = get_locale()
        on = locale is not None and language_of(locale) != "es"
    stack = g.get("_marking")
    if stack is None:
        stack = g._marking = []
    changed = bool(stack and stack[-1]) != on
    stack.append(on)
    if changed:
        g._translations_memo = None  # the domain looks its translations up again, marked
    try:
        yield
    finally:
        stack.pop()
        if changed:
            g._translations_memo = None


class MarkingTemplate(jinja2.Template):
    """Jinja's template, rendering an HTML template (or one made from a string) with
    messages marked and any other (an e-mail's ``.txt``) without."""

    def render(self, *args: object, **kwargs: object) -> str:
        with rendering(on=self.name is None or self.name.endswith(".html")):
            return super().render(*args, **kwargs)
