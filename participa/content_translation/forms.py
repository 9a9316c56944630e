"""The forms: asking for a translation (its language), a translation (one field per text
of the item's kind), a review (approve, or reject with a note) and a moderator's hide."""

from __future__ import annotations

from functools import cache

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField

from ..web.forms import Form, language_options, length, paragraphs
from . import kinds

NOTE_MAX = 2000


class RequestForm(Form):
    language = SelectField(_l("Idioma al que se traduce"), choices=language_options)


class ReviewForm(Form):
    note = TextAreaField(_l("Nota para quien tradujo"), filters=[paragraphs],
                         validators=[length(maximum=NOTE_MAX)],
                         description=_l("Obligatoria si la rechaza: diga qué corregir."))


class HideForm(Form):
    reason = TextAreaField(_l("Motivo"), filters=[paragraphs],
                           validators=[length(maximum=NOTE_MAX)],
                           description=_l("Se muestra en lugar de la traducción."))


class ReportForm(Form):
    reason = TextAreaField(_l("Qué está mal en esta traducción"), filters=[paragraphs],
                           validators=[length(maximum=NOTE_MAX)],
                           description=_l("La moderación lo leerá; no se publica ni dice "
                                          "quién denunció."))


class EmptyForm(Form):
    """A button: only the CSRF token."""


@cache
def translation_form(kind_name: str) -> type[Form]:
    """A form with one field per text of the kind, each named as the item's field."""
    kind = kinds.get(kind_name)
    fields = {}
    for field in kind.fields:
        if field.multiline:
            fields[field.name] = TextAreaField(field.label, filters=[paragraphs],
                                               validators=[length(maximum=field.max_length)],
                                               render_kw={"rows": 6})
        else:
            fields[field.name] = StringField(field.label,
                                             validators=[length(maximum=field.max_length)])
    return type(f"{kind.name.title()}TranslationForm", (Form,), fields)
