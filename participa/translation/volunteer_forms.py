"""The forms of a person who helps translate: asking to translate a language, and how they
are credited."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice

from ..web.forms import Form, RequiredSelectField, length
from .models import Credit

MOTIVATION_MAX = 2000


class AskForm(Form):
    """Ask to translate a language; the choices are the enabled languages but Spanish."""

    language = RequiredSelectField(_l("Idioma que quiere traducir"))
    motivation = TextAreaField(
        _l("Cuéntenos por qué y cómo conoce el idioma (opcional)"),
        validators=[length(maximum=MOTIVATION_MAX)],
        render_kw={"rows": 3, "maxlength": MOTIVATION_MAX},
    )


class CreditForm(Form):
    """How a translator is named where their work shows, for one of their languages."""

    credit = SelectField(
        _l("Cómo se le nombra en la página de idiomas y en los catálogos"),
        choices=[SelectChoice(value, label) for value, label in Credit.choices()],
        coerce=Credit,
    )
