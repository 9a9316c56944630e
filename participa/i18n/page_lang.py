"""The markers of ``marking`` made into ``lang`` attributes (WCAG 3.1.1 and 3.1.2).

After a view, an HTML answer whose messages were marked is rewritten:

- ``<html lang>`` is the language most of its marked letters are in (Spanish on a tie);
- an element whose letters are all in one language other than its parent's gets ``lang``
  itself (``<option>``, ``<title>``, a button, a whole list); elsewhere each run of text in
  another language than its element's becomes ``<span lang="xx">…</span>``. Unmarked letters
  (names, dates, people's text, which the templates mark with their author's language) count
  as the language of their element; digits, punctuation and spaces count as nothing;
- an element of text only (``<title>``, ``<option>``) takes the language of most of its marked
  letters (the rest are names: "Participa", an organisation's);
- markers inside attribute values are dropped; an element without any text of its own whose
  text attributes (``placeholder``, ``aria-label``, ``title``, ``alt``, ``value``...) are in
  another language gets ``lang``: the best there is, since an attribute cannot carry its own;
- ``<script>``, ``<style>`` and ``<textarea>`` lose their markers untouched otherwise.

Any other answer of a request that marked something (JSON, text) only loses its markers.
A flash message is marked when a view stores it (``marking.mark_flash``): the next page shows
it with its language, or, in Spanish, without markers.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter, OrderedDict

from flask import Flask, Response, g, has_request_context, message_flashed
from flask.globals import request_ctx

from .marking import END, LANGUAGE_OF, MARKER_RE, mark_flash, strip

_TAG_RE = re.compile(
    r"<!--.*?-->|<![^>]*>|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_LANG_ATTR_RE = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_LETTER_RE = re.compile(r"[^\W\d_]")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
RAW = frozenset({"script", "style", "textarea", "title"})
# Elements holding text only: no <span> in it, the element takes its main language.
TEXT_ONLY = frozenset({"title", "option", "textarea"})
# Elements whose text cannot hold a <span> (text only, or no text of their own).
NO_SPAN = TEXT_ONLY | {"optgroup", "select", "datalist", "html", "head", "table", "thead",
                       "tbody", "tfoot", "tr", "colgroup", "ul", "ol", "dl", "script", "style"}
# Closed by the same tag opening again (the end tags HTML lets a page leave out).
SELF_CLOSING_SIBLINGS = {"li": {"li"}, "option": {"option"}, "tr": {"tr"}, "p": {"p"},
                         "td": {"td", "th"}, "th": {"td", "th"}, "dt": {"dt", "dd"},
                         "dd": {"dt", "dd"}}
INHERIT = ""  # unmarked letters: the language of the element they are in


class _Element:
    __slots__ = ("name", "open_tag", "explicit", "children", "close_tag", "letters",
                 "attr_letters")

    def __init__(self, name: str, open_tag: str, explicit: str | None) -> None:
        self.name = name
        self.open_tag = open_tag
        self.explicit = explicit
        self.children: list[object] = []
        self.close_tag = ""
        # Letters of its text per language (INHERIT: some unmarked ones), but for children
        # that say their own language; and of its attribute values.
        self.letters: dict[str, int] | None = None
        self.attr_letters: dict[str, int] | None = None


class _Markup(str):
    """Markup passed through as it is (a comment, the doctype, a script's content)."""


class _Text:
    """A text with markers; a text without is a plain ``str`` child."""

    __slots__ = ("segments",)

    def __init__(self, segments: list[tuple[str, str]]) -> None:
        self.segments = segments  # (language or INHERIT, text)


_RAW_END = {name: re.compile(f"</{name}", re.I) for name in RAW}


def _letters(text: str) -> int:
    return len(_LETTER_RE.findall(text))


def _attribute_letters(attributes: str) -> Counter[str]:
    """The letters of an element's attribute values per marked language (each value holds
    whole messages)."""
    letters: Counter[str] = Counter()
    open_: list[str] = []
    position = 0
    for match in MARKER_RE.finditer(attributes):
        if open_ and match.start() > position:
            letters[open_[-1]] += _letters(attributes[position:match.start()])
        if match.group() == END:
            if open_:
                open_.pop()
        else:
            open_.append(LANGUAGE_OF[match.group()])
        position = match.end()
    return letters


class _Reader:
    """The page as a tree of elements and texts, each text cut where its language changes
    (the markers' nesting is followed across tags: a message may hold markup)."""

    def __init__(self) -> None:
        self.open: list[str] = []  # the languages of the markers open here
        self.marked: Counter[str] = Counter()  # letters per language, for <html lang>

    def segments(self, text: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        position = 0
        for match in MARKER_RE.finditer(text):
            if match.start() > position:
                found.append((self.open[-1] if self.open else INHERIT,
                              text[position:match.start()]))
            marker = match.group()
            if marker == END:
                if self.open:
                    self.open.pop()
            else:
                self.open.append(LANGUAGE_OF[marker])
            position = match.end()
        if position < len(text):
            found.append((self.open[-1] if self.open else INHERIT, text[position:]))
        for language, part in found:
            if language:
                self.marked[language] += _letters(part)
        return found

    def tree(self, page: str) -> _Element:
        root = _Element("", "", None)
        stack = [root]
        position = 0
        length = len(page)
        search = _TAG_RE.search
        while position < length:
            match = search(page, position)
            end = match.start() if match else length
            if end > position:
                self._add_text(stack[-1], page[position:end])
            if not match:
                break
            position = match.end()
            tag, closing, name, attributes = match.group(0, 1, 2, 3)
            if not name:  # a comment or the doctype
                stack[-1].children.append(_Markup(tag))
                continue
            name = name.lower()
            if closing:
                if stack[-1].name == name or any(e.name == name for e in stack[1:]):
                    while stack[-1].name != name:
                        stack.pop()
                    stack.pop().close_tag = tag
                else:
                    stack[-1].children.append(_Markup(tag))
                continue
            siblings = SELF_CLOSING_SIBLINGS.get(stack[-1].name)
            if siblings and name in siblings:
                stack.pop()
            element = self._element(name, tag, attributes)
            stack[-1].children.append(element)
            if name in VOID or attributes.endswith("/"):
                continue
            if name in RAW:
                found = _RAW_END[name].search(page, position)
                close = found.start() if found else length
                content = page[position:close]
                if name == "title":
                    self._add_text(element, content)
                elif content:
                    element.children.append(_Markup(strip(content)))
                position = close
            stack.append(element)
        return root

    def _element(self, name: str, tag: str, attributes: str) -> _Element:
        explicit = _LANG_ATTR_RE.search(attributes) if "lang" in attributes else None
        lang = next((v for v in explicit.groups() if v is not None), None) if explicit else None
        if MARKER_RE.search(attributes):
            element = _Element(name, strip(tag), lang)
            element.attr_letters = _attribute_letters(attributes)
            return element
        return _Element(name, tag, lang)

    def _add_text(self, element: _Element, text: str) -> None:
        if not self.open and not MARKER_RE.search(text):
            element.children.append(text)
            return
        element.children.append(_Text(self.segments(text)))


def _count(element: _Element) -> dict[str, int] | None:
    """The letters of ``element`` per language (INHERIT for unmarked ones: only whether there
    are any counts), leaving out its children that say their own language."""
    letters: dict[str, int] = {}
    for child in element.children:
        if type(child) is str:
            if INHERIT not in letters and _LETTER_RE.search(child):
                letters[INHERIT] = 1
        elif isinstance(child, _Text):
            for language, part in child.segments:
                if language:
                    count = _letters(part)
                    if count:
                        letters[language] = letters.get(language, 0) + count
                elif INHERIT not in letters and _LETTER_RE.search(part):
                    letters[INHERIT] = 1
        elif isinstance(child, _Element):
            counted = _count(child)
            if counted and child.explicit is None:
                for language, count in counted.items():
                    letters[language] = letters.get(language, 0) + count
    element.letters = letters or None
    return element.letters


def _with_lang(tag: str, name: str, code: str) -> str:
    tag = _LANG_ATTR_RE.sub("", tag) if name == "html" else tag
    return f'<{tag[1:1 + len(name)]} lang="{code}"{tag[1 + len(name):]}'


def _own_language(element: _Element, parent: str) -> str | None:
    """The language ``element`` should say it is in, when not its parent's."""
    if element.letters is None:
        attributes = element.attr_letters
        if not attributes:
            return None
        best = max(sorted(attributes), key=lambda code: (attributes[code], code == parent))
        return best if best != parent else None
    letters = {(language or parent): 0 for language in element.letters}
    for language, count in element.letters.items():
        letters[language or parent] += count
    if len(letters) == 1:
        (only,) = letters
        return only if only != parent else None
    if element.name in TEXT_ONLY:  # its main marked language: the rest are names
        marked = {code: count for code, count in element.letters.items() if code and count}
        best = max(sorted(marked), key=lambda code: (marked[code], code == parent), default=None)
        return best if best != parent else None
    return None


def _write(element: _Element, parent: str, out: list[str]) -> None:
    language = element.explicit or parent
    tag = element.open_tag
    if element.explicit is None and element.name:
        own = _own_language(element, parent)
        if own:
            language = own
            tag = _with_lang(tag, element.name, own)
    out.append(tag)
    spans = element.name not in NO_SPAN
    for child in element.children:
        if isinstance(child, str):  # plain text, or markup passed through
            out.append(child)
        elif isinstance(child, _Element):
            _write(child, language, out)
        else:
            for code, part in child.segments:
                if code and code != language and spans and _LETTER_RE.search(part):
                    out.append(f'<span lang="{code}">{part}</span>')
                else:
                    out.append(part)
    out.append(element.close_tag)


def page_language(marked: Counter[str]) -> str:
    """The language of most marked letters; Spanish unless another has strictly more."""
    best = max(sorted(marked), key=lambda code: (marked[code], code == "es"), default="es")
    return best if marked[best] > marked.get("es", 0) else "es"


def rewrite(page: str) -> str:
    """``page`` with its markers made into ``lang`` attributes."""
    reader = _Reader()
    root = reader.tree(page)
    language = page_language(reader.marked)
    _count(root)
    out: list[str] = []
    for child in root.children:
        if isinstance(child, _Element) and child.name == "html":
            child.open_tag = _with_lang(child.open_tag, "html", language)
            child.explicit = language
        if isinstance(child, _Element):
            _write(child, language, out)
        elif isinstance(child, str):
            out.append(child)
        else:
            out.extend(part for _code, part in child.segments)
    return "".join(out)


# Pages rewritten, by their text (the form token of the request put aside): the same page in
# the same language is rewritten once per worker (issue 20: 2-4 ms of every K'iche' page).
_REWRITTEN: OrderedDict[str, str] = OrderedDict()
_REWRITTEN_SIZE = 256
_LOCK = threading.Lock()
_TOKEN_PLACE = "\ue0fe"  # noqa: S105 - where the form token stood (no page holds it)


def rewritten(page: str) -> str:
    """``rewrite(page)``, remembered: the request's CSRF token (a value of hidden inputs,
    never text nor marked) is put aside, so a person's pages are remembered too."""
    token = g.get("csrf_token") if has_request_context() else None
    if not token or _TOKEN_PLACE in page:
        token = None
    else:
        page = page.replace(token, _TOKEN_PLACE)
    digest = hashlib.sha256(page.encode("utf-8", "surrogatepass")).hexdigest()
    with _LOCK:
        found = _REWRITTEN.get(digest)
        if found is not None:
            _REWRITTEN.move_to_end(digest)
    if found is None:
        found = rewrite(page)
        with _LOCK:
            _REWRITTEN[digest] = found
            while len(_REWRITTEN) > _REWRITTEN_SIZE:
                _REWRITTEN.popitem(last=False)
    return found.replace(_TOKEN_PLACE, token) if token else found


def _rewrite_answer(response: Response) -> Response:
    if not g.pop("marked", False):
        # A Spanish page may show a flash message marked in another language's request.
        flashes = getattr(request_ctx, "flashes", None)
        if flashes and any(MARKER_RE.search(str(message)) for _, message in flashes) and (
                response.mimetype == "text/html" and not response.direct_passthrough):
            response.set_data(strip(response.get_data(as_text=True)))
        return response
    if response.direct_passthrough or response.is_streamed:
        return response
    if response.mimetype == "text/html":
        response.set_data(rewritten(response.get_data(as_text=True)))
    elif response.mimetype.startswith("text/") or response.is_json:
        response.set_data(strip(response.get_data(as_text=True)))
    return response


def _flashed(_app: Flask, message: str, category: str, **_extra: object) -> None:
    mark_flash(message, category)


def register(app: Flask) -> None:
    app.after_request(_rewrite_answer)
    message_flashed.connect(_flashed, app)
