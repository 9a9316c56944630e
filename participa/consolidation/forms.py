"""Forms of the moderators' workspace. The proposals chosen travel as repeated ``p``
parameters (checkboxes, then hidden inputs), read by the views through the round."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..plans.models import Commitment
from ..proposals.models import ResponseDecision
from ..web.forms import (
    Form,
    RequiredSelectField,
    length,
    optional_id,
    required,
    written_in_field,
)
from .services import REASON_MAX, TITLE_MAX

REASON_REQUIRED = _l(
    "Explique el motivo: es obligatorio salvo cuando la propuesta se incorpora por completo."
)


def commitment_label(commitment: Commitment) -> str:
    return f"{commitment.number}. {commitment.title}"


class ConfirmForm(Form):
    """A button that changes state: only the CSRF token."""


class DraftForm(Form):
    title = StringField(
        _l("Título del borrador de compromiso"),
        validators=[required(), length(maximum=TITLE_MAX)],
        description=_l("El borrador empieza con el eje temático más común de las propuestas "
                       "y con su problemática, su compromiso propuesto y su beneficio reunidos, "
                       "cada texto tras el código de su propuesta, para reescribirlos en el "
                       "borrador."),
    )


class AttachForm(Form):
    commitment = RequiredSelectField(_l("Borrador de compromiso"), coerce=int)

    def for_drafts(self, drafts: Sequence[Commitment]) -> AttachForm:
        self.commitment.choices = [SelectChoice(c.id, commitment_label(c)) for c in drafts]
        return self


class ResponseForm(Form):
    decision = RadioField(
        _l("Decisión"), choices=ResponseDecision.choices, validators=[required()]
    )
    reason = TextAreaField(
        _l("Motivo"),
        validators=[length(maximum=REASON_MAX)],
        description=_l("Obligatorio salvo cuando la propuesta se incorpora por completo. Lo "
                       "leerán quien la envió, quienes la apoyan y el público."),
    )
    language = written_in_field(_l("Idioma de la respuesta"), _l("El idioma en que lo escribe."))
    commitment = SelectField(
        _l("Compromiso"),
        coerce=optional_id,
        description=_l("Obligatorio si se fusionó; si se incorporó, en todo o en parte, el "
                       "compromiso que la incorpora. Elegir uno vincula la propuesta con él."),
    )
    # The fingerprint of the response the form was loaded with (see queries.response_version).
    version = HiddenField()

    def for_commitments(self, commitments: Sequence[Commitment]) -> ResponseForm:
        self.commitment.choices = [SelectChoice("", _l("Ninguno"))] + [
            SelectChoice(c.id, commitment_label(c)) for c in commitments
        ]
        return self

    def validate_reason(self, field) -> None:
        if self.decision.data != ResponseDecision.INCORPORATED.value and not (
            field.data or ""
        ).strip():
            raise ValidationError(str(REASON_REQUIRED))
