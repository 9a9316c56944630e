"""The base form: WTForms' built-in English messages become our translated Spanish ones; the
honeypot field of the public forms that anonymous or new people submit; refusals of a
service put back on the form that sent them (``refusals_on``, ``form_status``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from flask import abort
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import SelectField, StringField, validators
from wtforms.fields.choices import Choice, SelectChoice

from ..base.errors import DomainError, NotAllowed, NotFound
from ..content.numbers import MAX_ID, whole_number
from ..content.text import REQUIRED, clean_paragraphs, without_controls
from ..i18n.selection import interface_language, language_choices

CHOICE_MESSAGE = _l("Elija una de las opciones de la lista.")

# WTForms and Flask-WTF's own messages, translated (anything else falls back to a generic one).
_MESSAGES = {
    "This field is required.": REQUIRED,
    "Invalid email address.": _l("Escriba una dirección de correo electrónico válida."),
    "Not a valid choice.": CHOICE_MESSAGE,
    "Invalid Choice: could not coerce.": CHOICE_MESSAGE,
    "Invalid URL.": _l("Escriba una dirección web válida, que empiece por https://"),
    "Not a valid integer value.": _l("Escriba un número entero."),
    "Invalid input.": _l("El valor no es válido."),
    "The CSRF token is missing.": _l("El formulario caducó. Vuelva a enviarlo."),
    "The CSRF token is invalid.": _l("El formulario caducó. Vuelva a enviarlo."),
    "The CSRF token has expired.": _l("El formulario caducó. Vuelva a enviarlo."),
    "The CSRF tokens do not match.": _l("El formulario caducó. Vuelva a enviarlo."),
}

F = TypeVar("F", bound=FlaskForm)


class _Translations:
    def gettext(self, message: str) -> str:
        translated = _MESSAGES.get(message)
        return str(translated) if translated is not None else gettext("El valor no es válido.")

    def ngettext(self, singular: str, plural: str, n: int) -> str:  # noqa: ARG002
        # Our validators always pass their own messages; this only guards against English.
        return self.gettext(singular)


def language_options() -> list[SelectChoice]:
    """The enabled languages as a menu's choices, each by its own name and said to be in that
    language (``<option lang="quc">K'iche'</option>``)."""
    return [SelectChoice(code, autonym, render_kw={"lang": code})
            for code, autonym in language_choices()]


def written_in_field(label: object, description: object, **options) -> SelectField:
    """The language a person writes a text in (``content.language``): one of the enabled
    languages, their interface language unless they choose another (or post none)."""
    return SelectField(label, choices=language_options, default=interface_language,
                       validators=[validators.Optional()], description=description, **options)


def optional_id(value: object) -> int | None:
    """Coerce of a menu of ids with an empty choice: None for the empty one; anything but an
    id raises ValueError, which WTForms shows as "not a valid choice"."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    number = whole_number(str(value), maximum=MAX_ID)
    if number is None:
        raise ValueError(value)
    return number


def strip_control_characters(value):
    return without_controls(value) if isinstance(value, str) else value


def paragraphs(value):
    """Filter of the multi-line fields (see ``clean_paragraphs``): the length validated is
    the length stored."""
    return clean_paragraphs(value) if isinstance(value, str) else value


# One-line inputs: a browser cannot put a line break in them, so one that arrives was posted by
# hand (a name or title that would break lines in e-mails and CSV cells). Passwords are left
# as typed.
ONE_LINE_INPUTS = frozenset({"text", "search", "email", "url", "tel"})
_LINE_BREAK_RE = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")


def join_lines(value):
    return _LINE_BREAK_RE.sub(" ", value) if isinstance(value, str) else value


NOT_TEXT = _l("El valor no es válido.")


def _text_only(formdata: object) -> tuple[object, set[str]]:
    """What a form reads of what was posted: text only (files go to ``participa.files``), and
    the names that came as something else, a file or a JSON value that is not a string."""
    if isinstance(formdata, CombinedMultiDict):  # Flask-WTF: request.files, request.form
        files, form = formdata.dicts
        return form, set(files)
    if isinstance(formdata, MultiDict):  # request.form, or Flask-WTF's reading of JSON
        not_text = {name for name, value in formdata.items(multi=True)
                    if not isinstance(value, str)}
        if not_text:
            return MultiDict((name, value) for name, value in formdata.items(multi=True)
                             if name not in not_text), not_text
    return formdata, set()


class Form(FlaskForm):
    # The fields posted as files, which their view hands to ``participa.files`` (every other
    # field reads text, and a file sent under its name is refused).
    file_fields: frozenset[str] = frozenset()

    class Meta:
        def get_translations(self, form):  # noqa: ARG002 - WTForms' signature
            return _Translations()

        def wrap_formdata(self, form, formdata):
            """Each field reads text: a file or a non-string JSON value posted under a
            field's name is left out here (WTForms' fields, validators and our filters would
            fail on it: a 500) and refused by ``Form.validate``."""
            try:
                read = super().wrap_formdata(form, formdata)
            except (TypeError, ValueError):  # a JSON body that is not an object
                return None
            if read is formdata:  # given by the code, not read from the request
                return read
            read, form.not_text = _text_only(read)
            return read

        def bind_field(self, form, unbound_field, options):
            """Every text field of every form drops control characters first, and the
            one-line ones their line breaks."""
            field_class = unbound_field.field_class
            if not issubclass(field_class, StringField):
                return unbound_field.bind(form=form, **options)
            filters = [strip_control_characters]
            widget = unbound_field.kwargs.get("widget") or field_class.widget
            if getattr(widget, "input_type", None) in ONE_LINE_INPUTS:
                filters.append(join_lines)
            filters.extend(unbound_field.kwargs.get("filters", ()))
            return unbound_field.bind(form=form, filters=filters, **options)

    def validate(self, extra_validators=None) -> bool:
        """WTForms' validation; a field posted as something other than text is invalid."""
        valid = super().validate(extra_validators)
        for name in sorted(set(getattr(self, "not_text", ())) - self.file_fields):
            if name in self:
                self[name].errors = [str(NOT_TEXT)]  # not "required": it was sent
                self._errors = None  # WTForms' cached summary of the errors
                valid = False
        return valid


def required() -> validators.InputRequired:
    return validators.InputRequired(message=REQUIRED)


class RequiredSelectField(SelectField):
    """A menu that must be answered. It starts on an empty first choice, «Elija una opción»,
    that is no answer: the browser's ``required`` stops a form left on it, and so does the
    server, with «Elija una de las opciones de la lista.» beside the menu (422, with what the
    person typed in the other fields). A plain required ``SelectField`` starts on its first
    real choice, so ``required`` never fails and a skipped menu is saved as that choice.

    The choices and ``coerce`` are a ``SelectField``'s; the empty choice is added when the
    menu is drawn, and an empty answer is ``None`` whatever ``coerce`` is."""

    PROMPT = _l("Elija una opción")

    def __init__(self, label=None, **kwargs):
        super().__init__(label, [validators.InputRequired(message=CHOICE_MESSAGE)], **kwargs)

    def iter_choices(self):
        prompt = Choice(value="", label=self.PROMPT, selected=self.data is None, render_kw={})
        return [prompt, *super().iter_choices()]

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0] == "":
            self.data = None
            return
        super().process_formdata(valuelist)

    def pre_validate(self, form):
        if self.data is not None:  # an empty answer is InputRequired's to refuse
            super().pre_validate(form)


def length(*, maximum: int, minimum: int = -1) -> validators.Length:
    # WTForms fills in %(min)d and %(max)d.
    if minimum > 0:
        message = _l("Debe tener entre %(min)d y %(max)d caracteres.")
    else:
        message = _l("No puede tener más de %(max)d caracteres.")
    return validators.Length(min=minimum, max=maximum, message=message)


# The honeypot -------------------------------------------------------------------------------

HONEYPOT_FIELD = "sitio_web"


class Honeypot:
    """A mixin for the public forms that anonymous or new people submit (sign-up, proposal,
    comment, report): a text field ``sitio_web`` that people never see (rendered by the
    ``honeypot`` macro of ``templates/_forms.html``: visually hidden, ``aria-hidden``,
    ``tabindex="-1"``, ``autocomplete="off"``) and that form-filling robots fill. A filled
    honeypot answers 400 when the form is validated, before anything is stored.

        class CommentForm(Honeypot, Form): ...
    """

    sitio_web = StringField(
        _l("Sitio web (deje este campo vacío)"),
        render_kw={"autocomplete": "off", "tabindex": "-1"},
    )

    def honeypot_filled(self) -> bool:
        field = self[HONEYPOT_FIELD] if HONEYPOT_FIELD in self else None
        return field is not None and bool((field.data or "").strip())

    def validate(self, extra_validators=None) -> bool:
        if self.is_submitted() and self.honeypot_filled():
            abort(400)
        return super().validate(extra_validators)


@contextmanager
def refusals_on(form: FlaskForm, *, form_level: bool = False) -> Iterator[None]:
    """Run a service for ``form``; a domain error raised in the block goes back on the form,
    with everything the person typed: beside its field when it names one of the form's, else,
    with ``form_level``, as the form's own error (``form.form_errors``; never a refusal of the
    person, 403, or of the thing, 404). The block stops there and the view goes on after it,
    answering the form with ``form_status``. Any other error reaches the app-wide handler.

        with refusals_on(form):
            proposal = services.submit_proposal(author=user, **fields)
            return redirect(url_for(".show", proposal_id=proposal.id))
        return render_template("proposals/form.html", form=form), form_status(form)
    """
    try:
        yield
    except DomainError as error:
        if error.field and error.field in form:
            form[error.field].errors = [*form[error.field].errors, str(error)]
        elif form_level and not isinstance(error, NotAllowed | NotFound):
            form.form_errors.append(str(error))
        else:
            raise
        form.refusal = error


def notice(form: FlaskForm) -> str | None:
    """A refusal that names none of the form's fields (``refusals_on(form,
    form_level=True)``), taken off the form for the page's notice: the form's summary then
    lists its fields' errors only."""
    message = " ".join(str(error) for error in form.form_errors) or None
    form.form_errors.clear()
    return message


def posted(form: F) -> F:
    """A form with nothing to type (a button, its CSRF token and hidden fields), valid, or
    a 400: a browser that sent the page's form never gets that."""
    if not form.validate_on_submit():
        abort(400)
    return form


def form_status(form: FlaskForm) -> int:
    """200 for a form shown; for one sent back, the status of the refusal it holds, else 422."""
    refusal = getattr(form, "refusal", None)
    if refusal is not None:
        return refusal.status
    return 422 if form.is_submitted() else 200
