from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField

from ..i18n.selection import language_choices
from ..web.forms import Form, required


class LanguageForm(Form):
    lang = SelectField(_l("Idioma"), choices=language_choices, validators=[required()])
    next = HiddenField()
