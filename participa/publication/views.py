"""The plan's document: every commitment of a published plan in the layout of the official
commitment template, with the proposals behind it and its version history, printable on A4
from the browser (``static/css/print.css``).

The page exists once a consultation round of the plan was published ("Publicar el plan",
``participa.consultations.publication``); before that it answers 404 with a notice saying
so. It shows the plan's published (not draft) commitments that have a final version, each
with the newest version marked final.
"""

from __future__ import annotations

from flask import Response, abort, render_template

from ..base.extensions import db
from ..consultations.models import ConsultationRound
from ..consultations.publication import plan_is_published
from ..i18n.dates import day_text, month_text
from ..office import FORMATS, render
from ..plans.models import ActionPlan, Commitment
from ..plans.queries import commitment_with_versions
from ..plans.template_sections import SECTIONS
from ..plans.versions import get_version
from . import bp, documents
from .queries import plan_document, published_rounds

NOT_FOUND = 404


@bp.route("/<int:plan_id>/documento")
def document(plan_id: int):
    plan = db.get_or_404(ActionPlan, plan_id)
    rounds = published_rounds(plan)
    if not rounds:
        return render_template("publication/document_unpublished.html", plan=plan), NOT_FOUND
    return render_template(
        "publication/document.html",
        plan=plan,
        rounds=rounds,
        entries=plan_document(plan, [round.id for round in rounds]),
        sections=SECTIONS,
        month_text=month_text,
        day_text=day_text,
    )


def document_link(plan: ActionPlan, **context) -> ActionPlan | None:  # noqa: ARG001
    """The slot ``plan.links`` of the plan page: the plan, when a round of it was published
    (its document exists); None (no link) otherwise."""
    return plan if plan_is_published(plan.id) else None


def round_document_link(round: ConsultationRound, **context) -> ConsultationRound | None:  # noqa: ARG001
    """The slot ``round.links`` of the round page: the round, once its plan was published
    (the link to the plan's document); None before."""
    return round if round.published_at is not None else None


def _download(document, extension: str, filename: str) -> Response:
    """The document as an attachment (``.docx`` or ``.odt``)."""
    response = Response(render(document, extension), mimetype=FORMATS[extension].mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


@bp.route("/<int:plan_id>/documento.<any(docx, odt):extension>")
def document_file(plan_id: int, extension: str):
    """The published plan as a word-processing document (404 before it is published)."""
    plan = db.get_or_404(ActionPlan, plan_id)
    rounds = published_rounds(plan)
    if not rounds:
        return render_template("publication/document_unpublished.html", plan=plan), NOT_FOUND
    entries = plan_document(plan, [round.id for round in rounds])
    return _download(documents.plan_document(plan, entries), extension,
                     f"plan-{plan.number}-{plan.period}")


@bp.route("/compromisos/<int:commitment_id>/documento.<any(docx, odt):extension>")
def commitment_file(commitment_id: int, extension: str):
    """A commitment in the official template's layout, its newest version ("BORRADOR"
    until final), with the IRM's fields."""
    commitment = db.session.scalar(
        commitment_with_versions().where(Commitment.id == commitment_id))
    if commitment is None:
        abort(404)
    version = (get_version(commitment, commitment.versions[-1].number)
               if commitment.versions else None)
    name = commitment.ogp_code or f"{commitment.plan.number}-{commitment.number}"
    return _download(documents.commitment_document(commitment, version), extension,
                     f"compromiso-{name}")


def commitment_links(commitment: Commitment, **context) -> Commitment:  # noqa: ARG001
    """The slot ``commitment.aside`` of the commitment page: its document's links."""
    return commitment
