from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.models import Sector
from ..i18n.languages import BY_CODE
from ..plans.draft_forms import DayField
from ..territory import department_choices, municipality_choices
from ..web.forms import Form, join_lines, length, paragraphs, required
from .models import FACILITATORS_MAX, PARTICIPANTS_MAX, PLACE_MAX, TITLE_MAX

NUMBER_MESSAGE = _l("Escriba un número entre %(min)s y %(max)s, o déjelo en blanco.")


def _number(label: object) -> IntegerField:
    return IntegerField(label, validators=[
        Optional(), NumberRange(min=0, max=PARTICIPANTS_MAX, message=NUMBER_MESSAGE)],
        render_kw={"inputmode": "numeric", "min": 0})


def _language_choices() -> list[tuple[str, str]]:
    return [(code, BY_CODE[code].autonym) for code in BY_CODE if code != "en"]


class WorkshopForm(Form):
    title = StringField(_l("Nombre del taller"), filters=[join_lines],
                        validators=[required(), length(maximum=TITLE_MAX)],
                        description=_l("Por ejemplo: Taller comunitario de Momostenango."))
    held_on = DayField(_l("Fecha"), validators=[required()])
    department_code = SelectField(_l("Departamento"), choices=lambda: [
        ("", _l("Elija el departamento")), *department_choices()])
    municipality_code = SelectField(_l("Municipio"), choices=lambda: {
        None: [("", _l("Elija el municipio"))], **municipality_choices()})
    place = StringField(_l("Lugar"), filters=[join_lines],
                        validators=[required(), length(maximum=PLACE_MAX)],
                        description=_l("El salón, la escuela o la aldea donde se reunieron."))
    languages = SelectMultipleField(
        _l("Idiomas que se usaron"), choices=_language_choices,
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    facilitators = TextAreaField(
        _l("Facilitadoras y facilitadores"), filters=[paragraphs],
        validators=[Optional(), length(maximum=FACILITATORS_MAX)],
        description=_l("Nombres y organizaciones de quienes condujeron el taller."),
        render_kw={"rows": 3})


# One line of numbers per sector: total, and women and men where they were counted.
for _sector in Sector:
    setattr(WorkshopForm, f"total_{_sector.value}",
            _number(_l("%(sector)s: total", sector=_sector.label)))
    setattr(WorkshopForm, f"women_{_sector.value}",
            _number(_l("%(sector)s: mujeres", sector=_sector.label)))
    setattr(WorkshopForm, f"men_{_sector.value}",
            _number(_l("%(sector)s: hombres", sector=_sector.label)))
