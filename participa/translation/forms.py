"""The workspace's forms: a suggestion (one text per plural form), a review's note, and a
glossary term."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField

from ..web.forms import Form, length, required
from .glossary import SOURCE_MAX, TERM_MAX
from .models import TermStatus

TEXT_MAX = 10_000
NOTE_MAX = 2000


class SuggestForm(Form):
    # Traductores: the translation of a message without plural, or its singular form.
    singular = TextAreaField(_l("Traducción"), validators=[length(maximum=TEXT_MAX)])
    plural = TextAreaField(lazy_pgettext("forma gramatical", "Plural"),
                           validators=[length(maximum=TEXT_MAX)])
    identical_ok = BooleanField(
        _l("Es igual a propósito"),
        description=_l("Márquelo si la traducción debe ser igual al español (un nombre "
                       "propio, una sigla)."))
    # The memory match the text came from (its number on the page), when one was used.
    memoria = HiddenField()

    def for_message(self, *, plural: bool) -> SuggestForm:
        if plural:
            self.singular.label.text = lazy_pgettext("forma gramatical", "Singular")
        return self

    def forms(self, *, plural: bool) -> list[str]:
        texts = [self.singular.data or ""]
        if plural:
            texts.append(self.plural.data or "")
        return texts


class ReviewForm(Form):
    """Approve (no note needed) or reject (a note that tells the translator why)."""

    note = TextAreaField(_l("Nota para quien tradujo"), validators=[length(maximum=NOTE_MAX)],
                         description=_l("Obligatoria para rechazar."))


class TermForm(Form):
    term = StringField(_l("Término en español"),
                       validators=[required(), length(maximum=TERM_MAX)])
    translation = StringField(_l("Traducción"),
                              validators=[required(), length(maximum=TERM_MAX)])
    status = SelectField(_l("Uso"), choices=TermStatus.choices,
                         default=TermStatus.PREFERRED.value, validators=[required()])
    note = TextAreaField(_l("Nota"), validators=[length(maximum=NOTE_MAX)])
    source = StringField(_l("Fuente"), validators=[length(maximum=SOURCE_MAX)],
                         description=_l("De dónde viene la traducción (un diccionario, una "
                                        "institución, una persona) y su licencia."))
