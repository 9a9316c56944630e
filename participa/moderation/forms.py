"""Forms of reporting and moderation. Every decision form carries ``state``, the item's
fingerprint when the moderator loaded it (``services.state_token``): a decision on an item
that changed in between is refused (409) with what was typed kept."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from ..consultations.forms import LocalDateTimeField
from ..web.forms import Form, Honeypot, length, optional_id, required
from .models import DETAILS_MAX, REASON_MAX, ReasonTemplate, ReportReason
from .services import TEMPLATE_TITLE_MAX

DETAILS_REQUIRED = _l("Cuente brevemente qué pasa: eligió «Otro motivo».")
REASON_REQUIRED = _l("Elija un motivo de la lista o escríbalo: la persona autora y el público "
                     "lo leerán.")


class ReportForm(Honeypot, Form):
    reason = RadioField(_l("¿Por qué lo denuncia?"), choices=ReportReason.choices,
                        validators=[required()])
    details = TextAreaField(
        _l("Detalles"),
        validators=[length(maximum=DETAILS_MAX)],
        description=_l("Opcional, salvo si elige «Otro motivo». Solo la moderación lo lee: "
                       "nadie más sabrá que usted hizo esta denuncia."),
    )

    def validate_details(self, field) -> None:
        if self.reason.data == ReportReason.OTHER.value and not (field.data or "").strip():
            raise ValidationError(str(DETAILS_REQUIRED))


class StateForm(Form):
    """A decision without anything to write (dismiss the reports, approve)."""

    state = HiddenField()


class HideForm(StateForm):
    template = SelectField(_l("Motivo de la lista"), coerce=optional_id)
    reason = TextAreaField(
        _l("Motivo"),
        validators=[length(maximum=REASON_MAX)],
        description=_l("Si eligió un motivo de la lista, puede dejar esto en blanco o "
                       "adaptarlo. La persona autora y el público leerán el motivo."),
    )

    def for_templates(self, templates: Sequence[ReasonTemplate]) -> HideForm:
        self.template.choices = [SelectChoice("", _l("Ninguno: escribo el motivo"))] + [
            SelectChoice(template.id, template.title) for template in templates
        ]
        return self

    def validate_reason(self, field) -> None:
        if self.template.data is None and not (field.data or "").strip():
            raise ValidationError(str(REASON_REQUIRED))


class NoteForm(StateForm):
    """Restore or unblock, with an optional note (public in the moderation log)."""

    note = TextAreaField(
        _l("Nota (opcional)"),
        validators=[length(maximum=REASON_MAX)],
        description=_l("La persona autora y el público la leerán."),
    )


class BlockForm(StateForm):
    reason = TextAreaField(
        _l("Motivo del bloqueo"),
        validators=[required(), length(maximum=REASON_MAX)],
        description=_l("La persona lo leerá en el aviso del bloqueo, y aparece en el registro "
                       "público de moderación (sin su nombre)."),
    )
    until = LocalDateTimeField(
        _l("Bloquear hasta (hora de Guatemala)"),
        description=_l("Opcional. En blanco, la cuenta queda bloqueada hasta que alguien de "
                       "la moderación la desbloquee."),
    )


class ReasonTemplateForm(Form):
    title = StringField(_l("Título"), validators=[required(),
                                                  length(maximum=TEMPLATE_TITLE_MAX)],
                        description=_l("Lo que se elige en la lista, por ejemplo «Datos "
                                       "personales de terceros»."))
    body = TextAreaField(_l("Texto del motivo"),
                         validators=[required(), length(maximum=REASON_MAX)],
                         description=_l("Lo que leerán la persona autora y el público."))
    is_active = BooleanField(_l("Se ofrece en la lista"), default=True)
