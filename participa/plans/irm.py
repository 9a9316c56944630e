"""The IRM's fields of a published commitment (``models.IrmReview``): what OGP publishes
for each commitment under "Revisión de IRM", entered by an administrator with the address
it was read at. Each save adds an entry; the newest is the current one and the earlier ones
stay (the commitment's page lists them). A field without a value is "Revisión pendiente de
IRM", never a guess.

Services flush and never commit; they write the audit event.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..audit.services import record
from ..base.errors import Invalid, enforce
from ..base.extensions import db
from ..organizations.links import is_web_url
from .models import (
    OGP_VALUE_KEYS,
    OGP_VALUES,
    Commitment,
    IrmCompletion,
    IrmEarlyResults,
    IrmImpact,
    IrmReview,
)
from .permissions import irm_refusal

PENDING = _l("Revisión pendiente de IRM")
NOTE_MAX = 2_000
# The fields in the order of OGP's page (``FIELDS``' keys name ``IrmValues``' attributes).
FIELDS: tuple[tuple[str, object], ...] = (
    ("report_url", _l("Informe del IRM")),
    ("starred", _l("Estelar")),
    ("early_results", _l("Resultados iniciales")),
    ("verifiable", _l("Verificable")),
    ("relevance", _l("Relevante para los valores de OGP")),
    ("potential_impact", _l("Impacto potencial")),
    ("completion", _l("Terminación")),
)
DESIGN = ("verifiable", "relevance", "potential_impact")
IMPLEMENTATION = ("completion",)


@dataclass(frozen=True)
class IrmValues:
    """One entry's values; None is "pending". ``relevance``: OGP value keys (an empty
    tuple: relevant to none of them)."""

    report_url: str | None = None
    starred: bool | None = None
    early_results: IrmEarlyResults | None = None
    verifiable: bool | None = None
    relevance: tuple[str, ...] | None = None
    potential_impact: IrmImpact | None = None
    completion: IrmCompletion | None = None

    @classmethod
    def of(cls, review: IrmReview | None) -> IrmValues:
        if review is None:
            return cls()
        keys = review.relevance_keys
        return cls(review.report_url, review.starred, review.early_results, review.verifiable,
                   tuple(keys) if keys is not None else None, review.potential_impact,
                   review.completion)

    def as_json(self) -> dict[str, Any]:
        """Plain values (enum values, lists) for the audit log and the API."""
        data = asdict(self)
        for name, value in data.items():
            if isinstance(value, IrmEarlyResults | IrmImpact | IrmCompletion):
                data[name] = value.value
            elif isinstance(value, tuple):
                data[name] = list(value)
        return data


def yes_no(value: bool | None) -> str:
    if value is None:
        return str(PENDING)
    return _("Sí") if value else _("No")


def relevance_text(keys: list[str] | tuple[str, ...] | None) -> str:
    """The OGP values, by their names, in OGP's order; "pending" for None."""
    if keys is None:
        return str(PENDING)
    names = [str(label) for key, label in OGP_VALUES if key in keys]
    return ", ".join(names) if names else _("Ninguno de los valores de OGP")


def field_text(values: IrmValues, name: str) -> str:
    """The text of one field as the pages and the documents show it."""
    value = getattr(values, name)
    if name == "relevance":
        return relevance_text(value)
    if value is None:
        return str(PENDING)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, IrmEarlyResults | IrmImpact | IrmCompletion):
        return value.label
    return str(value)


def check(values: IrmValues, source_url: str, note: str) -> None:
    """``Invalid`` for what the form refuses too (guards commands, tests and the demo)."""
    if not is_web_url(source_url):
        raise Invalid(_("Escriba la dirección web (https://...) donde leyó estos datos."),
                      field="source_url")
    if values.report_url is not None and not is_web_url(values.report_url):
        raise Invalid(_("Escriba una dirección web válida, que empiece por https://"),
                      field="report_url")
    if values.relevance is not None and set(values.relevance) - set(OGP_VALUE_KEYS):
        raise ValueError(f"unknown OGP values: {values.relevance}")
    if len(note) > NOTE_MAX:
        raise Invalid(_("No puede tener más de %(max)d caracteres.", max=NOTE_MAX),
                      field="note")


def record_review(*, actor: User | None, commitment: Commitment, values: IrmValues,
                  source_url: str, note: str = "") -> IrmReview:
    """Add the commitment's next IRM entry. ``actor`` None: loaded from a source file (the
    demo), not by a person. Refusals: 403 (not an administrator), 409 (a draft), 422 (no
    source, a bad address). Audit event ``commitment.irm`` with the values before and
    after."""
    status = db.session.scalar(
        sa.select(Commitment.status).where(Commitment.id == commitment.id).with_for_update()
    )
    if actor is not None:
        enforce(irm_refusal(actor, status))
    source_url, note = source_url.strip(), note.strip()
    check(values, source_url, note)
    previous = db.session.scalar(
        sa.select(IrmReview).where(IrmReview.commitment_id == commitment.id)
        .order_by(IrmReview.number.desc()).limit(1)
    )
    review = IrmReview(
        commitment_id=commitment.id,
        number=(previous.number if previous else 0) + 1,
        author_id=actor.id if actor is not None else None,
        source_url=source_url,
        note=note,
        report_url=values.report_url,
        starred=values.starred,
        early_results=values.early_results,
        verifiable=values.verifiable,
        relevance=" ".join(values.relevance) if values.relevance is not None else None,
        potential_impact=values.potential_impact,
        completion=values.completion,
    )
    db.session.add(review)
    db.session.flush()
    db.session.expire(commitment, ["irm_reviews"])
    record(
        actor=actor, action="commitment.irm", target=commitment,
        before={"entry": previous.number, **IrmValues.of(previous).as_json()}
        if previous else None,
        after={"entry": review.number, "source_url": source_url,
               **IrmValues.of(review).as_json()},
    )
    return review



@dataclass(frozen=True)
class Shown:
    """One field as a page or a document shows it: its label, its text, and for the report
    its address (None while pending). ``group``: "" (the review), "design" or
    "implementation", OGP's headings."""

    name: str
    label: str
    text: str
    url: str | None
    group: str
    pending: bool


GROUPS = {"design": _l("Diseño"), "implementation": _l("Implementación")}


def shown(review: IrmReview | None) -> list[Shown]:
    """The IRM's fields of a commitment in OGP's order."""
    values = IrmValues.of(review)
    rows = []
    for name, label in FIELDS:
        group = ("design" if name in DESIGN else
                 "implementation" if name in IMPLEMENTATION else "")
        value = getattr(values, name)
        url = value if name == "report_url" else None
        text = _("Informe del IRM") if url else field_text(values, name)
        rows.append(Shown(name, str(label), text, url, group, value is None))
    return rows
