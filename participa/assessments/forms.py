"""The MTGA's forms of a self-assessment."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import NumberRange

from ..web.forms import Form, RequiredSelectField, length, paragraphs, required
from .models import CHANGE_NOTE_MAX, NARRATIVE_MAX, NARRATIVES, AssessmentKind
from .services import PERIOD_MAX_DAYS, PERIOD_MIN_DAYS

HINTS = {
    "implementation": _l("Cómo se implementó y se dio seguimiento al plan: quién informó, cómo "
                  "revisó la MTGA, qué se publicó."),
    "co_creation": _l("Cómo participaron la sociedad civil y las instituciones durante la "
                      "implementación (Estándar 5 de OGP)."),
    "lessons": _l("Lo que el próximo plan debe hacer de otra manera."),
}


def _narrative(key: str, label: object) -> TextAreaField:
    return TextAreaField(label, description=HINTS[key], filters=[paragraphs],
                         validators=[length(maximum=NARRATIVE_MAX)],
                         render_kw={"rows": 8, "maxlength": NARRATIVE_MAX})


class NarrativeForm(Form):
    """The narrative sections; a subclass adds the kind or the base version."""

    def narratives(self) -> dict[str, str]:
        return {key: self[key].data or "" for key, _label in NARRATIVES}


for _key, _label in NARRATIVES:
    setattr(NarrativeForm, _key, _narrative(_key, _label))


class OpenForm(NarrativeForm):
    kind = RequiredSelectField(_l("Autoevaluación"), choices=AssessmentKind.choices)


class EditForm(NarrativeForm):
    base_number = HiddenField()
    change_note = TextAreaField(
        _l("Nota de cambios (opcional)"), filters=[paragraphs],
        validators=[length(maximum=CHANGE_NOTE_MAX)],
        render_kw={"rows": 2, "maxlength": CHANGE_NOTE_MAX})


class CommentsForm(Form):
    days = IntegerField(
        _l("Días abierta a comentarios"),
        description=_l("Entre %(min)d y %(max)d días.", min=PERIOD_MIN_DAYS,
                       max=PERIOD_MAX_DAYS),
        validators=[required(), NumberRange(min=PERIOD_MIN_DAYS, max=PERIOD_MAX_DAYS,
                                            message=_l("Escriba un número de días entre "
                                                       "%(min)d y %(max)d.",
                                                       min=PERIOD_MIN_DAYS,
                                                       max=PERIOD_MAX_DAYS))],
        default=30,
    )
