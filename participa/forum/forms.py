from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FileField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..plans.draft_forms import DayField
from ..web.forms import Form, join_lines, length, paragraphs, required
from .models import DOCUMENT_TITLE_MAX, PEOPLE_MAX, PLACE_MAX, RULES_MAX, TEXT_MAX, ForumRole


class MeetingForm(Form):
    held_on = DayField(_l("Fecha"), validators=[required()])
    online = BooleanField(_l("En línea"))
    place = StringField(_l("Lugar"), filters=[join_lines],
                        validators=[Optional(), length(maximum=PLACE_MAX)],
                        description=_l("Déjelo en blanco si la reunión fue solo en línea."))
    agenda = TextAreaField(_l("Agenda"), filters=[paragraphs],
                           validators=[required(), length(maximum=TEXT_MAX)],
                           render_kw={"rows": 5})
    minutes = TextAreaField(_l("Acta"), filters=[paragraphs],
                            validators=[Optional(), length(maximum=TEXT_MAX)],
                            description=_l("Se puede añadir después de la reunión."),
                            render_kw={"rows": 10})
    decisions = TextAreaField(_l("Acuerdos"), filters=[paragraphs],
                              validators=[Optional(), length(maximum=TEXT_MAX)],
                              description=_l("Un acuerdo por línea."),
                              render_kw={"rows": 5})
    organizations = SelectMultipleField(
        _l("Organizaciones presentes"), coerce=int, choices=[],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    people_present = TextAreaField(
        _l("Personas presentes"), filters=[paragraphs],
        validators=[Optional(), length(maximum=PEOPLE_MAX)],
        description=_l("Una persona por línea, con su organización."), render_kw={"rows": 6})


class RulesForm(Form):
    body = TextAreaField(_l("Reglas de participación"), filters=[paragraphs],
                         validators=[required(), length(maximum=RULES_MAX)],
                         render_kw={"rows": 16})


class MemberForm(Form):
    organization_id = SelectField(_l("Organización"), coerce=int, choices=[],
                                  validators=[required()])
    role = SelectField(_l("Papel en la Mesa Técnica"),
                       choices=lambda: [(role.value, role.label) for role in ForumRole],
                       validators=[required()])


class DocumentForm(Form):
    title = StringField(_l("Título del documento"), filters=[join_lines],
                        validators=[required(), length(maximum=DOCUMENT_TITLE_MAX)],
                        description=_l("Por ejemplo: Acta firmada, Presentación de la SEGEPLAN."))
    document = FileField(_l("Archivo (PDF, ODT o DOCX)"))
    file_fields = frozenset({"document"})
