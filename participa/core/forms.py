from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField

from ..web.forms import Form, required


class LanguageForm(Form):
    lang = SelectField(_l("Idioma"), validators=[required()])
    next = HiddenField()
