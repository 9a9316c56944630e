from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, Optional, ValidationError

from ..web.forms import Form, RequiredSelectField, length, required
from .links import MAX_LENGTH, is_web_url
from .models import Organization, OrganizationKind

DECISIONS = {"aceptar": True, "rechazar": False}


def acting_for_choices(organizations: list[Organization]) -> list[SelectChoice]:
    """The menu of whom a person speaks for, when they may act for organisations: in their
    own name (the empty choice) or one of ``organizations``."""
    return [SelectChoice("", _l("A título personal"))] + [
        SelectChoice(str(organization.id), organization.name) for organization in organizations
    ]


def offer_acting_for(form: Form, organizations: list[Organization]) -> None:
    """A form's ``organization`` menu (``acting_for_choices``), or no such field when the
    person acts for no organisation and can only speak in her own name."""
    if organizations:
        form.organization.choices = acting_for_choices(organizations)
    else:
        del form.organization


def _decision_choices() -> list[tuple[str, object]]:
    # A callable, like the enums' choices (WTForms 3.3 deprecates a literal list of tuples).
    return [("aceptar", _l("Aceptar")), ("rechazar", _l("Rechazar"))]


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _web_address(form, field) -> None:  # noqa: ARG001 - WTForms' validator signature
    if field.data and not is_web_url(field.data):
        raise ValidationError(_l("Escriba una dirección web válida, que empiece por https://"))


class DecisionForm(Form):
    """Accept or refuse a request; the value comes from the button pressed."""

    decision = SelectField(
        _l("Decisión"),
        choices=_decision_choices,
        validators=[required()],
    )


class OrganizationForm(Form):
    name = StringField(
        _l("Nombre"), validators=[required(), length(maximum=200)], filters=[_strip]
    )
    acronym = StringField(
        _l("Siglas"),
        filters=[_strip],
        validators=[Optional(), length(maximum=30)],
        description=_l("Opcional. Por ejemplo: SEGEPLAN."),
    )
    kind = RequiredSelectField(_l("Tipo"), choices=OrganizationKind.choices)
    website = URLField(
        _l("Sitio web"),
        filters=[_strip],
        validators=[Optional(), length(maximum=MAX_LENGTH), _web_address],
        description=_l("Opcional. La dirección completa, que empiece por https://"),
    )


class ManagerForm(Form):
    email = EmailField(
        _l("Correo electrónico de la persona responsable"),
        validators=[required(), length(maximum=254), Email(check_deliverability=False)],
        filters=[_strip],
        description=_l("La persona ya debe tener una cuenta en Participa."),
    )
