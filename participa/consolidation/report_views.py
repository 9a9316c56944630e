"""The public report "how every input was considered" of a round, as a page and as CSV:
every proposal with its published response and the commitments it fed; and on the page, the
comments on the round's drafts per draft and section, and whether each section changed after
them and why (``draft_comments``). Responses not
published yet show as pending, in both representations. A proposal hidden by the moderation
keeps its row without its title ("Oculto por moderación", and the reason in
``moderation_reason``); a pending one has no row until it is approved."""

from __future__ import annotations

from flask import abort, render_template, url_for
from flask_babel import gettext as _

from ..base.time import iso_utc
from ..consultations.models import ConsultationRound
from ..content.visibility import is_public, state_of
from ..i18n.languages import BY_CODE
from ..web.api import csv_response
from . import public_bp, queries
from .draft_comments import draft_comments

CSV_FIELDS = (
    "reference", "title", "author", "support_count", "status", "decision", "decision_label",
    "reason", "commitments", "response_published_at", "url", "moderation", "moderation_reason",
    "language", "read_in_translation",
)
PENDING = "pendiente"


def _round(round_id: int) -> ConsultationRound:
    return queries.round_with_plan(round_id) or abort(404)


@public_bp.route("/consultas/<int:round_id>/informe")
def report(round_id: int):
    round = _round(round_id)
    return render_template("consolidation/report.html", round=round,
                           report=queries.report(round), drafts=draft_comments(round),
                           language_names={code: language.spanish_name
                                           for code, language in BY_CODE.items()})


@public_bp.route("/consultas/<int:round_id>/informe.csv")
def report_csv(round_id: int):
    round = _round(round_id)
    rows = []
    for row in queries.report(round).rows:
        proposal, response = row.proposal, row.response
        public = is_public(proposal)
        rows.append({
            "reference": proposal.reference,
            "title": proposal.title if public else _("Oculto por moderación"),
            "author": proposal.author.display_name,
            "support_count": proposal.support_count,
            "status": proposal.status.value,
            "decision": response.decision.value if response else PENDING,
            "decision_label": response.decision.label if response else _("Respuesta pendiente"),
            "reason": response.reason if response else "",
            "commitments": [f"{c.number}. {c.title}" for c in row.commitments],
            "response_published_at": iso_utc(response.published_at) if response else "",
            "url": url_for("proposals.show", proposal_id=proposal.id, _external=True),
            "moderation": state_of(proposal).value,
            "moderation_reason": "" if public else (proposal.hidden_reason or ""),
            # The language it was received in, and whether the MTGA read it in a reviewed
            # Spanish translation (issue 18).
            "language": row.language,
            "read_in_translation": row.read_in_translation,
        })
    return csv_response(CSV_FIELDS, rows, f"informe-consulta-{round.id}.csv")
