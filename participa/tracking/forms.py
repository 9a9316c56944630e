"""The forms of implementation tracking: a progress update (the institution), the MTGA's
decision on it, and the MTGA naming a commitment's lead organisation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import HiddenInput

from ..web.forms import Form, RequiredSelectField, length, optional_id, paragraphs, required
from .models import (
    LINK_MAX,
    LINK_TITLE_MAX,
    LINKS_MAX,
    NOTE_MAX,
    REASON_MAX,
    TEXT_MAX,
    CompletionStatus,
    Link,
)

LINKS_HINT = _l(
    "Una dirección por línea, que empiece por https:// (como mucho %(max)d). Después de la "
    "dirección y un espacio puede escribir un título: https://ejemplo.gob.gt/acta.pdf Acta "
    "de la reunión", max=LINKS_MAX,
)


def _row_version() -> IntegerField:
    """The version of the update the form was made from (a stale one is a 409)."""
    return IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=1)])


class UpdateForm(Form):
    milestone = RequiredSelectField(_l("Hito"), coerce=int)
    status = RequiredSelectField(
        _l("Estado del hito"),
        choices=[SelectChoice(value, label) for value, label in CompletionStatus.choices()],
    )
    body = TextAreaField(
        _l("Avance"), validators=[required(), length(maximum=TEXT_MAX)],
        filters=[paragraphs], render_kw={"rows": 6},
        description=_l("Qué se hizo, cuándo y qué falta. Texto simple, sin formato."),
    )
    withdrawn_reason = TextAreaField(
        _l("Motivo del retiro"), validators=[Optional(), length(maximum=REASON_MAX)],
        filters=[paragraphs], render_kw={"rows": 3},
        description=_l("Obligatorio si el estado es «Retirado»."),
    )
    links = TextAreaField(
        _l("Enlaces de evidencia"),
        validators=[Optional(), length(maximum=LINKS_MAX * (LINK_MAX + LINK_TITLE_MAX + 2))],
        filters=[paragraphs], render_kw={"rows": 3}, description=LINKS_HINT,
    )
    row_version = _row_version()

    def configure(self, milestones) -> UpdateForm:
        self.milestone.choices = [
            SelectChoice(m.number, str(_l("Hito %(number)d", number=m.number))
                         + (f": {m.description[:80]}" if m.description else ""))
            for m in milestones
        ]
        return self

    def parsed_links(self):
        found = []
        for line in (self.links.data or "").split("\n"):
            url, _space, title = line.strip().partition(" ")
            if url:
                found.append(Link(url, title.strip()))
        return found


def links_text(evidence) -> str:
    """The update's links as the form shows them, one per line."""
    return "\n".join(f"{e.url} {e.title}".strip() for e in evidence if e.url)


class DecisionForm(Form):
    """Publishing, or sending to the MTGA: nothing but the version seen."""

    row_version = _row_version()


class ReturnForm(Form):
    note = TextAreaField(
        _l("Qué debe corregir la institución"),
        validators=[required(), length(maximum=NOTE_MAX)], filters=[paragraphs],
        render_kw={"rows": 4},
    )
    row_version = _row_version()


class LeadOrganizationForm(Form):
    organization = SelectField(_l("Organización de la institución responsable"),
                               coerce=optional_id, validate_choice=True)

    def configure(self, organizations) -> LeadOrganizationForm:
        self.organization.choices = [SelectChoice(o.id, o.label) for o in organizations]
        return self


class FileForm(Form):
    """A file of evidence: its title here; the file itself (``archivo``) is read by the
    view from the request's files and checked by ``participa.files``."""

    title = StringField(_l("Título del archivo"), validators=[Optional(),
                                                              length(maximum=LINK_TITLE_MAX)],
                        description=_l("Por ejemplo: Acta de la reunión del 5 de marzo. Si lo "
                                       "deja vacío, se usa el nombre del archivo."))
