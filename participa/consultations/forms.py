"""The administrators' round form: the round, and the dates of its five phases entered in
Guatemala time (``<input type="datetime-local">``, no JavaScript needed)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from ..base.time import from_local, to_local
from ..web.forms import Form, RequiredSelectField, length, required, written_in_field
from .models import ConsultationRound, PhaseKind, ResultsVisibility
from .phases import schedule_problems
from .services import (
    DEFAULT_VOTES_PER_USER,
    DESCRIPTION_MAX,
    MAX_PREMODERATION_DAYS,
    MAX_SUPPORTS_LIMIT,
    MAX_VOTES_LIMIT,
    TITLE_MAX,
    phase_field,
)

LABELS = {"starts_at": _l("Inicio"), "ends_at": _l("Fin")}
INVALID_DATE = _l("Escriba la fecha y la hora, por ejemplo 2026-03-15 09:00.")


class LocalDateTimeField(DateTimeLocalField):
    """A ``datetime-local`` input read and shown in Guatemala time; ``data`` is aware UTC."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("format", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                                     "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"])
        kwargs.setdefault("validators", [Optional()])
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(str(INVALID_DATE)) from None
        if self.data is not None:
            self.data = from_local(self.data)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        if not self.data:
            return ""
        return to_local(self.data).strftime(self.format[0])


def _optional_number(label: object, description: object, *, maximum: int) -> IntegerField:
    """A whole number from 1 to ``maximum``, or blank (None)."""
    return IntegerField(label, description=description, validators=[
        Optional(),
        NumberRange(min=1, max=maximum,
                    message=_l("Escriba un número entre %(min)s y %(max)s, o déjelo en blanco.")),
    ])


class RoundForm(Form):
    plan = RequiredSelectField(_l("Plan de acción"), coerce=int)
    title = StringField(_l("Título"), validators=[required(), length(maximum=TITLE_MAX)])
    description = TextAreaField(
        _l("Descripción"), validators=[Optional(), length(maximum=DESCRIPTION_MAX)]
    )
    language = written_in_field(_l("Idioma de la convocatoria"),
                                _l("El idioma en que están escritos su título y descripción."))
    max_supports_per_user = _optional_number(
        _l("Máximo de apoyos por persona"),
        _l("Opcional. En blanco, cada persona puede apoyar todas las propuestas que quiera."),
        maximum=MAX_SUPPORTS_LIMIT,
    )

    # The prioritisation vote (see participa.voting).
    max_votes_per_user = IntegerField(
        _l("Votos por persona en la votación de priorización"),
        description=_l("Cada persona puede votar por hasta este número de borradores de "
                       "compromiso. No se puede cambiar cuando la votación ya tiene votos."),
        default=DEFAULT_VOTES_PER_USER,
        validators=[
            required(),
            NumberRange(min=1, max=MAX_VOTES_LIMIT,
                        message=_l("Escriba un número entre %(min)s y %(max)s.")),
        ],
    )
    results_visibility = SelectField(
        _l("Mostrar los resultados de la votación"),
        choices=[SelectChoice(value, label) for value, label in ResultsVisibility.choices()],
        coerce=ResultsVisibility,
        default=ResultsVisibility.AFTER_CLOSE,
    )

    # Pre-moderation (see participa.content.visibility.initial_state).
    premoderation_account_days = _optional_number(
        _l("Moderación previa para cuentas nuevas (días)"),
        _l("Opcional. Las propuestas y los comentarios de cuentas creadas hace menos de este "
           "número de días, o sin correo confirmado, esperan la aprobación de la moderación "
           "antes de publicarse. En blanco, se publican de inmediato."),
        maximum=MAX_PREMODERATION_DAYS,
    )

    def __init__(self, *args, plans=(), round: ConsultationRound | None = None, **kwargs):
        super().__init__(*args, obj=round, **kwargs)
        self.plan.choices = [(plan.id, f"{plan.title} ({plan.period})") for plan in plans]
        if round is not None and not self.is_submitted():
            self.plan.data = round.plan_id
            for phase in round.phases:
                self[phase_field(phase.kind, "starts_at")].data = phase.starts_at
                self[phase_field(phase.kind, "ends_at")].data = phase.ends_at

    def phase_fields(self, kind: PhaseKind):
        return self[phase_field(kind, "starts_at")], self[phase_field(kind, "ends_at")]

    def phase_rows(self):
        """[(kind, (start field, end field)), ...] in the order of the phases."""
        return [(kind, self.phase_fields(kind)) for kind in PhaseKind]

    def phase_kind(self, name: str) -> PhaseKind | None:
        """The phase a field belongs to, if it is one of the date fields."""
        for candidate in PhaseKind:
            if name in (phase_field(candidate, "starts_at"), phase_field(candidate, "ends_at")):
                return candidate
        return None

    def schedule(self) -> dict[PhaseKind, tuple[datetime, datetime]]:
        """The phases with both dates given (call after ``validate``)."""
        schedule = {}
        for kind in PhaseKind:
            start, end = self.phase_fields(kind)
            if start.data is not None and end.data is not None:
                schedule[kind] = (start.data, end.data)
        return schedule

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for kind in PhaseKind:
            start, end = self.phase_fields(kind)
            if start.errors or end.errors:
                continue
            if (start.data is None) != (end.data is None):
                missing = end if end.data is None else start
                missing.errors.append(gettext(
                    "Escriba el inicio y el fin de la fase, o deje los dos en blanco para "
                    "omitirla."
                ))
                valid = False
        if not valid:
            return False
        schedule = self.schedule()
        if not schedule:
            self.phase_fields(PhaseKind.PROPOSALS)[0].errors.append(
                gettext("Una consulta necesita al menos una fase con sus fechas.")
            )
            return False
        for problem in schedule_problems(schedule):
            self[phase_field(problem.kind, problem.which)].errors.append(problem.message)
            valid = False
        return valid


# propuestas_starts_at, propuestas_ends_at, revision_starts_at, ...
for _kind in PhaseKind:
    for _which, _label in LABELS.items():
        setattr(RoundForm, phase_field(_kind, _which), LocalDateTimeField(_label))
del _kind, _which, _label


class PublishForm(Form):
    """"Publicar el plan": the confirmation that drafts without a final version stay out."""

    omit_unfinished = BooleanField(
        _l("Publicar sin los borradores que no tienen versión final: quedan fuera del plan.")
    )
