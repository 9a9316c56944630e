"""The administrator's form of a commitment's IRM fields (``irm.record_review``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, TextAreaField, URLField, ValidationError
from wtforms.validators import Optional

from ..organizations.links import MAX_LENGTH, is_web_url
from ..web.forms import Form, length, paragraphs, required
from .irm import NOTE_MAX, PENDING, IrmValues
from .models import OGP_VALUES, IrmCompletion, IrmEarlyResults, IrmImpact

YES, NO = "si", "no"
REVIEWED = "revisado"


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _web_address(form, field) -> None:  # noqa: ARG001 - WTForms' validator signature
    if field.data and not is_web_url(field.data):
        raise ValidationError(_l("Escriba una dirección web válida, que empiece por https://"))


def _pending_first(choices) -> list[tuple[str, object]]:
    return [("", PENDING), *choices]


def _yes_no() -> list[tuple[str, object]]:
    return _pending_first([(YES, _l("Sí")), (NO, _l("No"))])


def _enum(enum_cls, value: str):
    return enum_cls(value) if value else None


def _boolean(value: str) -> bool | None:
    return {YES: True, NO: False}.get(value)


def _choice(value: bool | None) -> str:
    return "" if value is None else (YES if value else NO)


class IrmForm(Form):
    source_url = URLField(
        _l("Fuente"),
        filters=[_strip],
        validators=[required(), length(maximum=MAX_LENGTH), _web_address],
        description=_l("La dirección donde leyó estos datos: la página del compromiso en el "
                       "sitio de OGP o el informe del IRM."),
    )
    report_url = URLField(
        _l("Informe del IRM"),
        filters=[_strip],
        validators=[Optional(), length(maximum=MAX_LENGTH), _web_address],
        description=_l("La dirección del informe. Vacío: revisión pendiente de IRM."),
    )
    starred = SelectField(_l("Estelar"), choices=_yes_no)
    early_results = SelectField(
        _l("Resultados iniciales"),
        choices=lambda: _pending_first(IrmEarlyResults.choices()),
    )
    verifiable = SelectField(_l("Verificable"), choices=_yes_no)
    relevance_state = SelectField(
        _l("Relevante para los valores de OGP"),
        choices=lambda: _pending_first([
            (REVIEWED, _l("Revisado: los valores marcados abajo (ninguno si no marca ninguno)"))
        ]),
    )
    potential_impact = SelectField(
        _l("Impacto potencial"), choices=lambda: _pending_first(IrmImpact.choices())
    )
    completion = SelectField(
        _l("Terminación"), choices=lambda: _pending_first(IrmCompletion.choices())
    )
    note = TextAreaField(
        _l("Nota (opcional)"),
        filters=[paragraphs],
        validators=[length(maximum=NOTE_MAX)],
        render_kw={"rows": 3, "maxlength": NOTE_MAX},
    )

    def value_fields(self) -> list[BooleanField]:
        return [self[f"value_{key}"] for key, _label in OGP_VALUES]

    def values(self) -> IrmValues:
        relevance = None
        if self.relevance_state.data == REVIEWED:
            relevance = tuple(key for key, _label in OGP_VALUES
                              if self[f"value_{key}"].data)
        return IrmValues(
            report_url=self.report_url.data or None,
            starred=_boolean(self.starred.data),
            early_results=_enum(IrmEarlyResults, self.early_results.data),
            verifiable=_boolean(self.verifiable.data),
            relevance=relevance,
            potential_impact=_enum(IrmImpact, self.potential_impact.data),
            completion=_enum(IrmCompletion, self.completion.data),
        )

    @classmethod
    def initial(cls, values: IrmValues, source_url: str) -> IrmForm:
        """The form filled with the current values (a new entry starts from them)."""
        data = {
            "source_url": source_url,
            "report_url": values.report_url or "",
            "starred": _choice(values.starred),
            "early_results": values.early_results.value if values.early_results else "",
            "verifiable": _choice(values.verifiable),
            "relevance_state": "" if values.relevance is None else REVIEWED,
            "potential_impact": (values.potential_impact.value
                                 if values.potential_impact else ""),
            "completion": values.completion.value if values.completion else "",
        }
        for key, _label in OGP_VALUES:
            data[f"value_{key}"] = key in (values.relevance or ())
        return cls(formdata=None, data=data)


for _key, _label in OGP_VALUES:
    setattr(IrmForm, f"value_{_key}", BooleanField(_label))
