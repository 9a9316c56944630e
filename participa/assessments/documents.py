"""A self-assessment as the document OGP receives (``office.Document``): its narrative
sections, then each commitment's completion, milestones and published progress updates
with their evidence links, as the version shown holds them."""

from __future__ import annotations

from flask_babel import gettext as _

from ..i18n.dates import day_text
from ..i18n.selection import interface_language
from ..office import Document, Fields, Heading, Paragraph, Table
from . import shown
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
