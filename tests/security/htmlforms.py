"""The ``<form>`` elements of a rendered page, read the way a browser submits them, so the
security tests can fill and post every form a person meets without knowing its fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

TEXT_TYPES = {"text", "search", "tel", "email", "url", "password", "number", "date", "month",
              "datetime-local", "time", "week"}


@dataclass
class Control:
    name: str
    kind: str  # an input type, "textarea" or "select"
    value: str = ""
    checked: bool = False  # a checked box, or a menu with a selected option
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Button:
    name: str | None
    value: str
    formaction: str | None = None


@dataclass
class HtmlForm:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)

    @property
    def path(self) -> str:
        return urlsplit(self.action).path

    def text_controls(self) -> list[Control]:
        return [c for c in self.controls if c.kind == "textarea" or c.kind in TEXT_TYPES]

    def defaults(self) -> list[tuple[str, str]]:
        """What the browser would post untouched: hidden and text values, checked boxes,
        the selected (or first) option of each menu."""
        pairs = []
        for control in self.controls:
            if control.kind in ("checkbox", "radio"):
                if control.checked:
                    pairs.append((control.name, control.value or "on"))
            elif control.kind == "select":
                if control.checked:  # an option was selected
                    pairs.append((control.name, control.value))
                elif control.options:
                    filled = [option for option in control.options if option]
                    pairs.append((control.name, (filled or control.options)[0]))
            elif control.kind not in ("submit", "button", "reset", "image", "file"):
                pairs.append((control.name, control.value))
        return pairs


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self._option: str | None = None
        self._option_selected = False

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            self._form = HtmlForm(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                form.buttons.append(Button(name, a.get("value", ""), a.get("formaction")))
            elif name:
                form.controls.append(Control(name, kind, a.get("value", ""), "checked" in a))
        elif tag == "button":
            if a.get("type", "submit").lower() == "submit":
                form.buttons.append(Button(name, a.get("value", ""), a.get("formaction")))
        elif tag == "textarea" and name:
            self._textarea = Control(name, "textarea")
            form.controls.append(self._textarea)
        elif tag == "select" and name:
            self._select = Control(name, "select", multiple="multiple" in a)
            form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            self._option_selected = "selected" in a
            if self._option is not None:
                self._add_option(self._option)

    def _add_option(self, value: str) -> None:
        assert self._select is not None
        self._select.options.append(value)
        if self._option_selected and not self._select.checked:
            self._select.value = value
            self._select.checked = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._select is not None and self._option == "" and data.strip():
            pass  # an option without a value attribute posts its text; none of ours has one

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def forms_of(markup: str, page: str) -> list[HtmlForm]:
    """The forms of ``markup``, the page at ``page`` (where a form without action posts)."""
    parser = _FormParser()
    parser.feed(markup)
    parser.close()
    for form in parser.forms:
        form.action = form.action or page
    return parser.forms


def find_form(markup: str, page: str, path: str, *, method: str = "post") -> HtmlForm:
    """The form of the page ``page`` that posts to ``path``."""
    for form in forms_of(markup, page):
        if form.path == path and form.method == method:
            return form
    raise LookupError(f"no {method} form to {path}: "
                      f"{[(f.method, f.path) for f in forms_of(markup, page)]}")
