"""The form of a draft commitment: every field of the official template in one form.

The milestones and contacts are lists of sub-forms (``milestones-0-description``...). They
grow and shrink without JavaScript: the form always shows the rows plus one blank row; the
buttons "Añadir un hito" and "Añadir un contacto" post the form back and it comes back with
one more blank row and everything typed kept; each row has a "Quitar" box, and rows ticked
or left blank are not saved.
"""

from __future__ import annotations

from typing import Any

import wtforms
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, NumberRange, Optional, StopValidation

from ..content import dates
from ..content.text import without_controls
from ..web.forms import (
    REQUIRED,
    Form,
    length,
    optional_id,
    paragraphs,
    required,
    written_in_field,
)
from .models import Axis, CommitmentVersion
from .template_sections import SECTIONS
from .versions import (
    CHANGE_NOTE_MAX,
    CONTACT_LIMITS,
    LIMITS,
    MAX_CONTACTS,
    MAX_MILESTONES,
    MILESTONE_LIMITS,
    POLICY_AREA_MAX,
    VERSION_FIELDS,
    Classification,
    ContactData,
    MilestoneData,
)

_SECTION = dict(SECTIONS)
NEW, ONGOING = "nuevo", "en_curso"
MONTH_HINT = _l("Mes y año, por ejemplo: noviembre de 2018 (o 2018-11).")
DAY_HINT = _l("Día, mes y año, por ejemplo: 30/08/2020 (o 2020-08-30).")
BLANK_ROWS = 1  # blank rows shown after the filled ones


def one_line(value: Any) -> Any:
    """A title or a name: line breaks and runs of spaces become one space."""
    if not isinstance(value, str):
        return value
    return " ".join(without_controls(value).split())


class _DateField(Field):
    """A ``date`` typed or picked, or None when empty: what was typed is shown again as it
    was; ``parse`` reads it (None: not a date), ``shown`` writes a stored date for the input,
    ``problem`` says what to type."""

    parse: Any
    shown: Any
    problem: Any

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return type(self).shown(self.data) if self.data else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        text = " ".join(valuelist).strip()
        if not text:
            self.data = None
            return
        self.data = type(self).parse(text)
        if self.data is None:
            raise ValueError(str(self.problem))


class MonthField(_DateField):
    """``<input type="month">``; a ``date`` on the 1st of the month, or None when empty.
    Browsers without a month picker show a text box: "noviembre 2018" and "11/2018" work."""

    widget = widgets.MonthInput()
    parse = staticmethod(dates.parse_month)
    shown = staticmethod(lambda day: day.strftime("%Y-%m"))
    problem = _l("Escriba un mes y un año, por ejemplo: noviembre de 2018.")


class DayField(_DateField):
    """``<input type="date">``; a ``date``, or None when empty."""

    widget = widgets.DateInput()
    parse = staticmethod(dates.parse_day)
    shown = staticmethod(lambda day: day.isoformat())
    problem = _l("Escriba una fecha válida, por ejemplo: 30/08/2020.")


def _typed(field: Field) -> bool:
    return field.data is not None or any((value or "").strip() for value in field.raw_data or ())


def filled(form, field) -> None:  # noqa: ARG001 - WTForms' validator signature
    """Refuse text that is only spaces (``required()`` looks at the raw input)."""
    if not field.data:
        raise StopValidation(REQUIRED)


class SubForm(wtforms.Form):
    """A row of a list: no CSRF token of its own, our translated messages."""

    class Meta:
        def get_translations(self, form):
            return Form.Meta.get_translations(self, form)


def _text(label, limit: int, *, rows: int = 5, description=None, **kwargs) -> TextAreaField:
    return TextAreaField(label, validators=[length(maximum=limit)], filters=[paragraphs],
                         description=description, render_kw={"rows": rows}, **kwargs)


class MilestoneForm(SubForm):
    number = IntegerField(
        _l("Número"),
        validators=[Optional(), NumberRange(min=1, max=999,
                                            message=_l("Un número entre 1 y 999."))],
        render_kw={"inputmode": "numeric", "class": "short"},
    )
    description = _text(_l("Hito: meta o etapa que permita verificar el cumplimiento"),
                        MILESTONE_LIMITS["description"], rows=3)
    responsible = _text(_l("Entidad responsable"), MILESTONE_LIMITS["responsible"], rows=2)
    is_new = SelectField(
        _l("Compromiso en curso o nuevo"),
        choices=[SelectChoice(NEW, _l("Nuevo")), SelectChoice(ONGOING, _l("En curso"))],
        default=NEW,
    )
    start_date = MonthField(_l("Fecha de inicio"), description=MONTH_HINT)
    end_date = MonthField(_l("Fecha de término"), description=MONTH_HINT)
    remove = BooleanField(_l("Quitar este hito"))

    def is_blank(self) -> bool:
        """Nothing typed but (perhaps) the number and "new or ongoing": not saved."""
        return not (self.description.data or self.responsible.data
                    or _typed(self.start_date) or _typed(self.end_date))

    def data_row(self) -> MilestoneData:
        return MilestoneData(
            number=self.number.data, description=self.description.data or "",
            responsible=self.responsible.data or "", is_new=self.is_new.data != ONGOING,
            start_date=self.start_date.data, end_date=self.end_date.data,
        )


class ContactForm(SubForm):
    name = StringField(_l("Nombre de la persona responsable"),
                       validators=[length(maximum=CONTACT_LIMITS["name"])],
                       filters=[one_line])
    institution_post = StringField(_l("Institución y cargo"),
                                   validators=[length(maximum=CONTACT_LIMITS["institution_post"])],
                                   filters=[one_line])
    email = EmailField(
        _l("Correo electrónico"),
        validators=[Optional(), length(maximum=CONTACT_LIMITS["email"]),
                    Email(message=_l("Escriba una dirección de correo electrónico válida."))],
        filters=[one_line],
    )
    phone = StringField(_l("Teléfono"), validators=[length(maximum=CONTACT_LIMITS["phone"])],
                        filters=[one_line], render_kw={"type": "tel"})
    remove = BooleanField(_l("Quitar este contacto"))

    def is_blank(self) -> bool:
        return not (self.name.data or self.institution_post.data or self.email.data
                    or self.phone.data)

    def data_row(self) -> ContactData:
        return ContactData(self.name.data or "", self.institution_post.data or "",
                           self.email.data or "", self.phone.data or "")


class DraftForm(Form):
    """The whole template. ``base_number`` is the version the editor started from."""

    base_number = IntegerField(widget=widgets.HiddenInput(), validators=[Optional()])
    title = TextAreaField(
        _l("Nombre del compromiso"),
        validators=[required(), filled, length(maximum=LIMITS["title"])],
        filters=[one_line], render_kw={"rows": 2},
    )
    axis_id = SelectField(
        _l("Eje temático"), coerce=optional_id,
        description=_l("El eje del plan en que se agrupa el compromiso."),
    )
    policy_area = StringField(
        _l("Área de política"),
        validators=[length(maximum=POLICY_AREA_MAX)], filters=[one_line],
        description=_l("Por ejemplo: «Presupuesto» o «Acceso a la información». Se usa para "
                       "agrupar y buscar los compromisos publicados."),
    )
    start_date = MonthField(_l("Fecha de inicio del compromiso"), description=MONTH_HINT)
    end_date = DayField(_l("Fecha de término del compromiso"), description=DAY_HINT)
    lead_institution = StringField(
        _SECTION["lead_institution"],
        validators=[length(maximum=LIMITS["lead_institution"])], filters=[one_line],
        description=_l("Por ejemplo: «Coordinación a cargo de: Instituto de Fomento "
                       "Municipal –INFOM-»."),
    )
    supporting_institutions = _text(_SECTION["supporting_institutions"],
                                    LIMITS["supporting_institutions"], rows=4,
                                    description=_l("Una institución por línea."))
    problem = _text(_SECTION["problem"], LIMITS["problem"], rows=6)
    commitment_text = _text(_SECTION["commitment_text"], LIMITS["commitment_text"], rows=6)
    contribution = _text(_SECTION["contribution"], LIMITS["contribution"], rows=6)
    ogp_relevance = _text(_SECTION["ogp_relevance"], LIMITS["ogp_relevance"], rows=6)
    additional_information = _text(_SECTION["additional_information"],
                                   LIMITS["additional_information"], rows=4)
    milestones = FieldList(FormField(MilestoneForm), label=_SECTION["milestones"],
                           max_entries=MAX_MILESTONES)
    contacts = FieldList(FormField(ContactForm), label=_SECTION["contacts"],
                         max_entries=MAX_CONTACTS)
    other_actors_public = _text(_l("Actores de entidades públicas"),
                                LIMITS["other_actors_public"], rows=3)
    other_actors_civil = _text(
        _l("OSC, sector privado, organizaciones multilaterales, grupos de trabajo"),
        LIMITS["other_actors_civil"], rows=3,
    )
    observations = _text(_SECTION["observations"], LIMITS["observations"], rows=3)
    language = written_in_field(_l("Idioma de esta versión"),
                                _l("El idioma en que está escrito su texto."))
    change_note = TextAreaField(
        _l("Nota de cambios"),
        validators=[required(), filled, length(maximum=CHANGE_NOTE_MAX)],
        filters=[paragraphs], render_kw={"rows": 3},
        description=_l("Qué cambió en esta versión y por qué. Se publica en el historial."),
    )

    # Filling ---------------------------------------------------------------------------

    @classmethod
    def initial(cls, version: CommitmentVersion | None, *, title: str = "",
                classification: Classification | None = None) -> DraftForm:
        """The form of a new version made from ``version`` (a blank template with ``title``
        when the draft has no version yet) and the commitment's ``classification``, with
        one blank milestone and contact row."""
        classification = classification or Classification()
        data: dict[str, Any] = {"base_number": version.number if version else 0,
                                "axis_id": classification.axis_id,
                                "policy_area": classification.policy_area}
        if version is None:
            data["title"] = title
        else:
            data.update({name: getattr(version, name) for name in VERSION_FIELDS})
            data["language"] = version.language
            data["milestones"] = [
                {"number": m.number, "description": m.description,
                 "responsible": m.responsible, "is_new": NEW if m.is_new else ONGOING,
                 "start_date": m.start_date, "end_date": m.end_date}
                for m in version.milestones
            ]
            data["contacts"] = [
                {"name": c.name, "institution_post": c.institution_post, "email": c.email,
                 "phone": c.phone}
                for c in version.contacts
            ]
        form = cls(formdata=None, data=data)
        form.ensure_blank_rows()
        return form

    def for_axes(self, axes: list[Axis]) -> DraftForm:
        """The plan's axes as the menu's choices, after an empty one."""
        self.axis_id.choices = [SelectChoice("", _l("Sin eje temático"))] + [
            SelectChoice(axis.id, axis.name) for axis in axes
        ]
        return self

    def classification(self) -> Classification:
        return Classification(self.axis_id.data, self.policy_area.data or "")

    def next_milestone_number(self) -> int:
        numbers = [row.form.number.data for row in self.milestones
                   if isinstance(row.form.number.data, int)]
        return max(numbers, default=0) + 1

    def add_milestone_row(self) -> bool:
        if len(self.milestones.entries) >= MAX_MILESTONES:
            return False
        self.milestones.append_entry({"number": self.next_milestone_number()})
        return True

    def add_contact_row(self) -> bool:
        if len(self.contacts.entries) >= MAX_CONTACTS:
            return False
        self.contacts.append_entry({})
        return True

    def ensure_blank_rows(self) -> None:
        while sum(row.form.is_blank() for row in self.milestones) < BLANK_ROWS:
            if not self.add_milestone_row():
                break
        while sum(row.form.is_blank() for row in self.contacts) < BLANK_ROWS:
            if not self.add_contact_row():
                break

    # Checking and reading --------------------------------------------------------------

    def _kept_milestones(self):
        return [row.form for row in self.milestones
                if not row.form.remove.data and not row.form.is_blank()]

    def _kept_contacts(self):
        return [row.form for row in self.contacts
                if not row.form.remove.data and not row.form.is_blank()]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.start_date.data and self.end_date.data and (
            self.end_date.data < self.start_date.data
        ):
            self.end_date.errors.append(
                _l("La fecha de término debe ser posterior a la de inicio."))
            valid = False
        seen: set[int] = set()
        for row in self._kept_milestones():
            if row.number.data is None and not row.number.errors:
                row.number.errors.append(_l("Escriba el número del hito."))
                valid = False
            elif row.number.data in seen:
                row.number.errors.append(_l("Otro hito ya tiene este número."))
                valid = False
            seen.add(row.number.data)
            if not row.description.data:
                row.description.errors.append(_l("Describa el hito."))
                valid = False
            if row.start_date.data and row.end_date.data and (
                row.end_date.data < row.start_date.data
            ):
                row.end_date.errors.append(
                    _l("La fecha de término debe ser posterior a la de inicio."))
                valid = False
        for row in self._kept_contacts():
            if not row.name.data:
                row.name.errors.append(_l("Escriba el nombre de la persona."))
                valid = False
        return valid

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) of every error, rows included, in the form's order."""
        found = []
        for name, field in self._fields.items():
            if isinstance(field, FieldList):
                for position, row in enumerate(field, start=1):
                    prefix = _row_label(name, row.form, position)
                    for sub in row.form:
                        found.extend((sub.id, f"{prefix}: {sub.label.text}", str(message))
                                     for message in sub.errors)
            elif name == "csrf_token":
                found.extend(("", "", str(message)) for message in field.errors)
            else:
                found.extend((field.id, str(field.label.text), str(message))
                             for message in field.errors)
        return found

    def version_fields(self) -> dict[str, Any]:
        return {name: self[name].data if name in ("start_date", "end_date")
                else (self[name].data or "") for name in VERSION_FIELDS}

    def milestone_rows(self) -> list[MilestoneData]:
        return [row.data_row() for row in self._kept_milestones()]

    def contact_rows(self) -> list[ContactData]:
        return [row.data_row() for row in self._kept_contacts()]


def _row_label(name: str, row: SubForm, position: int) -> str:
    if name == "milestones":
        number = row.number.data
        if isinstance(number, int):
            return _("Hito %(number)d", number=number)
        return _("Hito sin número")
    return _("Contacto %(number)d", number=position)
