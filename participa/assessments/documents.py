"""A self-assessment as the document OGP receives (``office.Document``): its narrative
sections, then each commitment's completion, milestones and published progress updates
with their evidence links, as the version shown holds them."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..i18n.dates import day_text
from ..i18n.selection import interface_language
from ..office import Document, Fields, Heading, Paragraph, Table
from . import comment_counts, shown
from .models import NARRATIVES, AssessmentState, AssessmentVersion, SelfAssessment


def assessment_document(assessment: SelfAssessment, version: AssessmentVersion) -> Document:
    title = f"{assessment.kind.label}: {assessment.plan.title}"
    document = Document(title=title, language=interface_language())
    document.add(Heading(title, 1))
    if assessment.state != AssessmentState.PUBLISHED:
        document.add(Paragraph(_("BORRADOR"), strong=True))
    tracking = version.tracking
    document.add(
        Paragraph(_("Versión %(number)d, del %(date)s.", number=version.number,
                    date=day_text(version.created_at.date()))),
        Paragraph(_("Datos de seguimiento al %(date)s.", date=shown.as_of(tracking))),
        Fields(((_("Avance del plan"), shown.completion_text(tracking["completion"])),)),
    )
    for key, label in NARRATIVES:
        document.add(Heading(str(label), 2),
                     Paragraph(getattr(version, key) or _("No consta")))
    _public_comments(document, assessment)
    document.add(Heading(_("Avance de cada compromiso"), 2))
    for entry in tracking["commitments"]:
        heading = _("Compromiso %(number)d:", number=entry["number"]) + " " + entry["title"]
        document.add(Heading(heading, 3), Fields((
            (_("Código OGP"), entry["ogp_code"] or _("Sin código")),
            (_("Institución responsable"), entry["lead_institution"] or _("No consta")),
            (_("Avance"), shown.completion_text(entry["completion"])),
        )))
        if entry["milestones"]:
            document.add(Table(shown.Labels.milestone_header(), shown.milestone_rows(entry)))
        if entry["updates"]:
            document.add(Paragraph(_("Avances publicados"), strong=True),
                         Table(shown.Labels.update_header(), shown.update_rows(entry)))
        else:
            document.add(Paragraph(_("Todavía no hay avances publicados.")))
    return document


def _public_comments(document: Document, assessment: SelfAssessment) -> None:
    """Once opened to the public: its comment period, how many comments it received, and
    where they are read with the MTGA's answers."""
    if assessment.comments_from is None or assessment.comments_until is None:
        return
    count = comment_counts.visible_comments(assessment.id)
    if count is None:
        return
    page = url_for("assessments.show", plan_id=assessment.plan_id,
                   kind=assessment.kind.value, _external=True, _anchor="comentarios")
    document.add(Heading(_("Comentarios del público"), 2), Paragraph(
        ngettext("Del %(start)s al %(end)s, el público dejó %(num)d comentario o respuesta, "
                 "que se lee con las respuestas de la MTGA en %(page)s",
                 "Del %(start)s al %(end)s, el público dejó %(num)d comentarios y respuestas, "
                 "que se leen con las respuestas de la MTGA en %(page)s",
                 count, start=day_text(assessment.comments_from.date()),
                 end=day_text(assessment.comments_until.date()), page=page)))
