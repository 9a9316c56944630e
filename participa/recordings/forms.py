"""The form of a recording: its language, the optional transcript and the audio file."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FileField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from ..plans.models import Axis
from ..proposals.models import TEXT_FIELDS
from ..web.forms import (
    Form,
    RequiredSelectField,
    language_options,
    length,
    optional_id,
    paragraphs,
    required,
)
from .models import TRANSCRIPT_MAX


class RecordingForm(Form):
    idioma_grabacion = RequiredSelectField(_l("Idioma de la grabación"), choices=language_options)
    transcripcion = TextAreaField(
        _l("Transcripción (opcional)"), filters=[paragraphs],
        validators=[length(maximum=TRANSCRIPT_MAX)],
        description=_l("Lo que se dice en la grabación, en su idioma: quien no puede "
                       "escucharla lo lee, y se puede traducir."))
    grabacion = FileField(_l("Archivo de audio"))
    file_fields = frozenset({"grabacion"})


class RecordedProposalForm(Form):
    """A proposal sent as a recording (issue 18, item 4): a short title, the recording's
    language (the interface's, to start), the file and, optionally, the axis."""

    title = StringField(
        _l("Título corto"), filters=[paragraphs],
        validators=[required(), length(maximum=TEXT_FIELDS["title"])],
        description=_l("Una frase que diga qué propone, en el idioma que prefiera."),
        render_kw={"autocomplete": "off"})
    idioma_grabacion = RequiredSelectField(_l("Idioma de la grabación"), choices=language_options)
    grabacion = FileField(_l("Archivo de audio"))
    file_fields = frozenset({"grabacion"})
    axis = SelectField(_l("Eje temático (opcional)"), coerce=optional_id,
                       validators=[Optional()])

    def for_round(self, axes: list[Axis]) -> RecordedProposalForm:
        if axes:
            self.axis.choices = [SelectChoice("", _l("Sin eje"))] + [
                SelectChoice(str(axis.id), axis.name) for axis in axes]
        else:
            del self.axis
        return self
