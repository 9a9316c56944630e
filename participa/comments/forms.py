from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from ..organizations.forms import offer_acting_for
from ..organizations.models import Organization
from ..plans.models import Milestone
from ..plans.template_sections import SECTIONS
from ..proposals.forms import filled
from ..web.forms import (
    Form,
    Honeypot,
    length,
    optional_id,
    paragraphs,
    required,
    written_in_field,
)
from .models import BODY_MAX, Stance

BODY_HINT = _l(
    "Texto simple, sin formato. Las direcciones que empiezan por https:// se convierten en "
    "enlaces."
)
GENERAL = ""
SECTION_PREFIX = "seccion:"
MILESTONE_PREFIX = "hito:"
# Milestone descriptions are cut to this length in the anchor menu.
MILESTONE_LABEL_MAX = 70


def _body_field(label: str, *, rows: int = 5) -> TextAreaField:
    """The text of a comment, a reply or an edit: required, plain, at most BODY_MAX."""
    return TextAreaField(
        label,
        validators=[required(), filled, length(maximum=BODY_MAX)],
        filters=[paragraphs],
        description=BODY_HINT,
        render_kw={"rows": rows},
        id="comentario-texto",
    )


def _language_field() -> SelectField:
    return written_in_field(_l("Idioma del comentario"),
                            _l("El idioma en que lo escribe."), id="comentario-idioma")


def _milestone_label(milestone: Milestone) -> str:
    description = " ".join((milestone.description or "").split())
    if len(description) > MILESTONE_LABEL_MAX:
        description = description[: MILESTONE_LABEL_MAX - 1].rstrip() + "…"
    label = str(_l("Hito %(number)d", number=milestone.number))
    return f"{label}: {description}" if description else label


def anchor_choices(milestones: list[Milestone]) -> list[SelectChoice]:
    """Everything, each section of the template, and each milestone of the version."""
    return [
        SelectChoice(GENERAL, _l("Todo el compromiso")),
        *(SelectChoice(SECTION_PREFIX + key, label) for key, label in SECTIONS),
        *(SelectChoice(f"{MILESTONE_PREFIX}{m.number}", _milestone_label(m))
          for m in milestones),
    ]


def parse_anchor(value: str | None) -> tuple[str | None, int | None]:
    """(section, milestone number) from a choice of ``anchor_choices``."""
    value = value or GENERAL
    if value.startswith(SECTION_PREFIX):
        return value[len(SECTION_PREFIX):], None
    if value.startswith(MILESTONE_PREFIX):
        return None, int(value[len(MILESTONE_PREFIX):])
    return None, None


class CommentForm(Honeypot, Form):
    """A new comment. ``configure`` removes the organisation menu when the person speaks for
    none, and the anchor menu outside drafts."""

    body = _body_field(_l("Su comentario"))
    anchor = SelectField(
        _l("¿Sobre qué parte del borrador?"),
        validators=[Optional()],
        id="comentario-parte",
        description=_l("Puede comentar el compromiso entero, una sección o un hito."),
    )
    stance = SelectField(
        _l("Su postura (opcional)"),
        choices=[SelectChoice("", _l("Sin indicar")),
                 *(SelectChoice(value, label) for value, label in Stance.choices())],
        validators=[Optional()],
        id="comentario-postura",
    )
    language = _language_field()
    organization = SelectField(
        _l("¿En nombre de quién comenta?"),
        coerce=optional_id,
        validators=[Optional()],
        id="comentario-organizacion",
    )

    def configure(
        self,
        *,
        organizations: list[Organization],
        anchors: list[SelectChoice] | None = None,
        stance: bool = True,
    ) -> CommentForm:
        if anchors is None:
            del self.anchor
        else:
            self.anchor.choices = anchors
        if not stance:
            del self.stance
        offer_acting_for(self, organizations)
        return self

    def chosen_anchor(self) -> tuple[str | None, int | None]:
        return parse_anchor(self.anchor.data) if "anchor" in self else (None, None)

    def chosen_stance(self) -> Stance | None:
        if "stance" not in self or not self.stance.data:
            return None
        return Stance(self.stance.data)

    def chosen_organization(self, organizations: list[Organization]) -> Organization | None:
        """The organisation picked, looked up among the person's own (an id posted by hand
        cannot reach another organisation)."""
        if "organization" not in self or self.organization.data is None:
            return None
        return next((o for o in organizations if o.id == self.organization.data), None)


class ReplyForm(CommentForm):
    """A reply: the text, and on whose behalf; no stance, no anchor (it has its parent's)."""

    body = _body_field(_l("Su respuesta"))

    def configure(self, *, organizations, anchors=None, stance=False) -> ReplyForm:  # noqa: ARG002
        return super().configure(organizations=organizations, anchors=None, stance=False)


class EditForm(Honeypot, Form):
    body = _body_field(_l("Su comentario"), rows=8)
    language = _language_field()


class WorkshopCommentForm(Honeypot, Form):
    """A comment on a draft commitment gathered at a workshop, typed in by staff: which
    draft, which part (the template's sections; a milestone's comment is the milestones
    section), the stance if it was said, the language it was said in, and the text as it
    was written down."""

    commitment = SelectField(
        _l("Borrador de compromiso"),
        coerce=optional_id,
        validators=[required()],
        id="comentario-borrador",
    )
    anchor = SelectField(
        _l("¿Sobre qué parte del borrador?"),
        validators=[Optional()],
        id="comentario-parte",
    )
    stance = SelectField(
        _l("Postura (opcional)"),
        choices=[SelectChoice("", _l("Sin indicar")),
                 *(SelectChoice(value, label) for value, label in Stance.choices())],
        validators=[Optional()],
        id="comentario-postura",
    )
    language = written_in_field(_l("Idioma del comentario"),
                                _l("El idioma en que se dijo o se escribió."),
                                id="comentario-idioma")
    body = _body_field(_l("Comentario, tal como se recogió"))

    def configure(self, drafts: list) -> WorkshopCommentForm:
        self.commitment.choices = [SelectChoice("", _l("Elija un borrador")), *(
            SelectChoice(str(c.id), f"{c.number}. {c.title}") for c in drafts)]
        self.anchor.choices = anchor_choices([])
        return self

    def chosen_stance(self) -> Stance | None:
        return Stance(self.stance.data) if self.stance.data else None
