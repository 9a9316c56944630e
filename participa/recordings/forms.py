"""The form of a recording: its language, the optional transcript and the audio file."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FileField, TextAreaField

from ..web.forms import Form, RequiredSelectField, language_options, length, paragraphs
from .models import TRANSCRIPT_MAX


class RecordingForm(Form):
    idioma_grabacion = RequiredSelectField(_l("Idioma de la grabación"), choices=language_options)
    transcripcion = TextAreaField(
        _l("Transcripción (opcional)"), filters=[paragraphs],
        validators=[length(maximum=TRANSCRIPT_MAX)],
        description=_l("Lo que se dice en la grabación, en su idioma: quien no puede "
                       "escucharla lo lee, y se puede traducir."))
    grabacion = FileField(_l("Archivo de audio"))

    def validate(self, extra_validators=None) -> bool:
        # The file is read by the service (files.services), not as text.
        self.not_text = set(getattr(self, "not_text", ())) - {"grabacion"}
        return super().validate(extra_validators)
