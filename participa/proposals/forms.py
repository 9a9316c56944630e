from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.models import Sector
from ..organizations.forms import offer_acting_for
from ..organizations.models import Organization
from ..plans.models import Axis
from ..web.forms import (
    REQUIRED,
    Form,
    Honeypot,
    length,
    optional_id,
    paragraphs,
    required,
    written_in_field,
)
from .models import TEXT_FIELDS, WITHDRAWAL_REASON_MAX, OgpValue

VALUES_REQUIRED = _l("Elija al menos un valor de Gobierno Abierto.")


def filled(form, field) -> None:  # noqa: ARG001 - WTForms' validator signature
    """Refuse text that is only spaces (``required()`` looks at the raw input)."""
    if not field.data:
        raise StopValidation(REQUIRED)


def _text(field_class: type, name: str, label: object, description: object, **render_kw):
    """One of the proposal's texts (``TEXT_FIELDS``): required, not only spaces, at most its
    length, its paragraphs cleaned."""
    return field_class(
        label,
        validators=[required(), filled, length(maximum=TEXT_FIELDS[name])],
        filters=[paragraphs],
        description=description,
        render_kw=render_kw,
    )


def _value_choices() -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in OgpValue.choices()]


class ProposalForm(Honeypot, Form):
    """The proposal template in citizen-sized form. ``for_round`` fills the choices; the
    axis field is removed when the plan has no axes, the organisation field when the person
    speaks for none. With the honeypot (``participa.web.forms.Honeypot``)."""

    title = _text(StringField, "title", _l("Título"),
                  _l("Una frase corta que diga qué propone."), autocomplete="off")
    problem = _text(TextAreaField, "problem", _l("¿Qué problema atiende?"),
                    _l("Describa la situación que quiere cambiar y a quién afecta."), rows=6)
    proposed_commitment = _text(
        TextAreaField, "proposed_commitment", _l("¿Qué compromiso propone?"),
        _l("Qué debería hacer el Estado, de forma concreta y verificable."), rows=6)
    benefit = _text(TextAreaField, "benefit", _l("¿Cómo ayudaría a resolver el problema?"),
                    _l("Qué cambiaría si el compromiso se cumple."), rows=6)
    values = SelectMultipleField(
        _l("Valores de Gobierno Abierto que promueve"),
        choices=_value_choices(),
        validators=[InputRequired(message=VALUES_REQUIRED)],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        description=_l("Marque al menos uno."),
    )
    axis = SelectField(
        _l("Eje temático"),
        coerce=optional_id,
        validators=[InputRequired(message=_l("Elija el eje temático de su propuesta."))],
    )
    institution = _text(StringField, "institution", _l("Institución que debería hacerse cargo"),
                        _l("Escriba el nombre o elija una de la lista."),
                        list="instituciones", autocomplete="off")
    language = written_in_field(
        _l("Idioma de la propuesta"),
        _l("El idioma en que la escribe."))
    organization = SelectField(
        _l("¿En nombre de quién la envía?"),
        coerce=optional_id,
        validators=[Optional()],
    )

    def for_round(self, axes: list[Axis], organizations: list[Organization]) -> ProposalForm:
        if axes:
            self.axis.choices = [SelectChoice("", _l("Elija un eje"))] + [
                SelectChoice(str(axis.id), axis.name) for axis in axes
            ]
        else:
            del self.axis
        offer_acting_for(self, organizations)
        return self

    def chosen_values(self) -> list[OgpValue]:
        return [OgpValue(value) for value in self.values.data or []]


class WithdrawForm(Form):
    reason = TextAreaField(
        _l("¿Por qué retira su propuesta?"),
        validators=[required(), filled, length(maximum=WITHDRAWAL_REASON_MAX)],
        filters=[paragraphs],
        description=_l("Se publicará junto a la propuesta."),
        render_kw={"rows": 6},
    )


class WorkshopProposalForm(ProposalForm):
    """A proposal gathered at a workshop, typed in by staff: the same fields (the axis when
    the plan has some; no organisation: the staff member speaks for none of the workshop's
    people), and the proposer's sector as written on paper (optional)."""

    sector = SelectField(
        _l("Sector de quien propone"),
        choices=lambda: [("", _l("No consta")), *Sector.choices()],
        validators=[Optional()],
        description=_l("Como lo anotó en el formulario en papel, si lo anotó."),
    )
