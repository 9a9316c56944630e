"""The documents OGP receives, as ``office.Document``: the published plan, and one
commitment in the official template's layout (its sections in the order of
``plans.template_sections``, the milestones table, the contacts, the other actors), with
the IRM's fields. Labels are the interface's messages, so a document is in the reader's
language where translated; the commitment's texts are as their authors wrote them."""

from __future__ import annotations

from flask_babel import gettext as _

from ..i18n.dates import day_text, month_text
from ..i18n.selection import interface_language
from ..office import Document, Fields, Heading, Paragraph, Table
from ..plans import irm
from ..plans.models import ActionPlan, Commitment, CommitmentVersion, IrmReview
from ..plans.template_sections import SECTIONS


def _or_missing(text: str | None) -> str:
    return text.strip() if text and text.strip() else _("No consta")


def _dates(version: CommitmentVersion) -> str:
    if version.start_date and version.end_date:
        return _("%(start)s al %(end)s", start=month_text(version.start_date),
                 end=day_text(version.end_date))
    if version.start_date:
        return _("Inicio: %(start)s", start=month_text(version.start_date))
    if version.end_date:
        return _("Término: %(end)s", end=day_text(version.end_date))
    return _("No consta")


def _milestones(version: CommitmentVersion) -> list:
    if not version.milestones:
        return [Paragraph(_("Todavía no tiene hitos."))]
    return [Table(
        (_("N.º"), _("Hito"), _("Entidad responsable"), _("Compromiso en curso o nuevo"),
         _("Fecha de inicio"), _("Fecha de término")),
        tuple((str(m.number), m.description, m.responsible,
               _("Nuevo") if m.is_new else _("En curso"),
               month_text(m.start_date), month_text(m.end_date))
              for m in version.milestones),
    )]


def _contacts(version: CommitmentVersion) -> list:
    if not version.contacts:
        return [Paragraph(_("No consta"))]
    return [Table(
        (_("Nombre de la persona responsable"), _("Institución y cargo"),
         _("Correo electrónico"), _("Teléfono")),
        tuple((c.name, c.institution_post, c.email, c.phone) for c in version.contacts),
    )]


def template_blocks(commitment: Commitment, version: CommitmentVersion, *,
                    level: int = 2) -> list:
    """The template's sections of ``version`` (milestones and contacts loaded), headed at
    ``level``: long texts as the label-value rows of the printed template, the milestones
    and contacts as their tables."""
    blocks: list = []
    rows: list[tuple[str, str]] = []

    def flush_rows() -> None:
        if rows:
            blocks.append(Fields(tuple(rows)))
            rows.clear()

    for key, label in SECTIONS:
        label = str(label)
        if key == "title":
            rows.append((label, _("Compromiso %(number)d:", number=commitment.number)
                         + " " + version.title))
        elif key == "dates":
            rows.append((label, _dates(version)))
        elif key in ("milestones", "contacts"):
            flush_rows()
            blocks.append(Heading(label, level))
            blocks.extend(_milestones(version) if key == "milestones" else _contacts(version))
        elif key == "other_actors":
            flush_rows()
            blocks.append(Heading(label, level))
            blocks.append(Fields((
                (_("Actores de entidades públicas"), _or_missing(version.other_actors_public)),
                (_("OSC, sector privado, organizaciones multilaterales, grupos de trabajo"),
                 _or_missing(version.other_actors_civil)),
            )))
        else:
            rows.append((label, _or_missing(getattr(version, key))))
    flush_rows()
    return blocks


def irm_blocks(review: IrmReview | None, *, level: int = 2) -> list:
    """The IRM's fields, "Revisión pendiente de IRM" where not known, and the source."""
    groups = {"design": _("Diseño"), "implementation": _("Implementación")}
    rows = tuple(
        (f"{groups[row.group]}: {row.label}" if row.group else row.label,
         row.url or row.text)
        for row in irm.shown(review)
    )
    blocks: list = [Heading(_("Revisión del Mecanismo de Revisión Independiente (IRM)"), level),
                    Fields(rows)]
    if review is not None:
        blocks.append(Paragraph(_("Fuente") + ": " + review.source_url))
    return blocks


def version_line(version: CommitmentVersion) -> list:
    blocks: list = []
    if not version.is_final:
        blocks.append(Paragraph(_("BORRADOR"), strong=True))
    blocks.append(Paragraph(_("Versión %(number)d, del %(date)s.", number=version.number,
                              date=day_text(version.created_at.date()))))
    return blocks


def commitment_document(commitment: Commitment, version: CommitmentVersion | None) -> Document:
    """One commitment: its facts, its newest version in the template's layout ("BORRADOR"
    unless final), and the IRM's fields (published commitments)."""
    title = commitment.label
    document = Document(title=title, language=interface_language())
    document.add(Heading(title, 1), Fields((
        (_("Código OGP"), commitment.ogp_code or _("Sin código")),
        (_("Plan"), commitment.plan.title),
        (_("Número en el plan"), str(commitment.number)),
        (_("Área de política"), commitment.policy_area or _("No consta")),
        (_("Eje temático"), commitment.axis.name if commitment.axis else _("Sin eje temático")),
        (_("Institución responsable"), commitment.lead_institution or _("No consta")),
        (_("Estado"), commitment.status.label),
    )))
    if version is not None:
        document.add(Heading(_("Plantilla del compromiso"), 2), *version_line(version),
                     *template_blocks(commitment, version, level=3))
    else:
        document.add(Paragraph(_("Este compromiso no tiene texto en la plantilla en "
                                 "Participa: el registro histórico de OGP solo da sus datos.")))
    if commitment.status.value != "borrador":
        document.add(*irm_blocks(commitment.irm))
    return document


def plan_document(plan: ActionPlan, entries: list) -> Document:
    """The published plan: every commitment of ``entries`` (``queries.plan_document``) in
    the template's layout, with its IRM fields."""
    document = Document(title=plan.title, language=interface_language())
    document.add(Heading(plan.title, 1),
                 Paragraph(_("Período: %(period)s", period=plan.period)))
    if plan.description:
        document.add(Paragraph(plan.description))
    if not entries:
        document.add(Paragraph(_("El plan publicado no tiene compromisos con una versión "
                                 "definitiva.")))
    for entry in entries:
        commitment, version = entry.commitment, entry.version
        document.add(Heading(_("Compromiso %(number)d:", number=commitment.number) + " "
                             + version.title, 2))
        if commitment.ogp_code:
            document.add(Paragraph(_("Código OGP") + ": " + commitment.ogp_code))
        document.add(*template_blocks(commitment, version, level=3))
        document.add(*irm_blocks(commitment.irm, level=3))
    return document
