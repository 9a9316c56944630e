"""The notifications of implementation tracking, rendered in the reader's language.

params: ``update_id``, ``commitment_id``, ``commitment`` (its title), ``code`` (its OGP code
or ""), ``milestone`` (its number), ``status`` (a ``CompletionStatus`` value); an overdue
milestone has ``end_date`` (ISO) instead of ``update_id``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n.dates import day_text
from ..notifications.services import register_kind
from .models import CompletionStatus
from .services import MILESTONE_OVERDUE, UPDATE_PUBLISHED, UPDATE_RETURNED, UPDATE_SUBMITTED


def _what(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "milestone": params["milestone"],
        "title": params["commitment"],
        "status": CompletionStatus(params["status"]).label,
    }


def submitted(params: dict[str, Any]) -> str:
    return _("Un avance del hito %(milestone)s del compromiso «%(title)s» espera la revisión "
             "de la MTGA (estado informado: %(status)s).", **_what(params))


def published(params: dict[str, Any]) -> str:
    return _("Se publicó un avance del hito %(milestone)s del compromiso «%(title)s»: "
             "%(status)s.", **_what(params))


def returned(params: dict[str, Any]) -> str:
    return _("La MTGA le devolvió con observaciones su avance del hito %(milestone)s del "
             "compromiso «%(title)s».", **_what(params))


def overdue(params: dict[str, Any]) -> str:
    return _("El hito %(milestone)s del compromiso «%(title)s» debía terminar el %(date)s y "
             "su estado es «%(status)s».", date=day_text(date.fromisoformat(
                 params["end_date"])), **_what(params))


# Each is e-mailed (the plain template) as well as listed in the app: the MTGA's reviewers
# hear of an update to review, its author that it came back, the institution and the
# commitment's followers that it was published, the institution and the MTGA of an overdue
# milestone (flask tracking flag-overdue, once per milestone).
register_kind(UPDATE_SUBMITTED, message=submitted, email_template="notification",
              label=_l("Un avance de un compromiso espera la revisión de la MTGA"))
register_kind(UPDATE_RETURNED, message=returned, email_template="notification",
              label=_l("La MTGA devuelve con observaciones un avance que usted escribió"))
register_kind(UPDATE_PUBLISHED, message=published, email_template="notification",
              label=_l("Se publica un avance de un compromiso que sigue o que su institución "
                       "lidera"))
register_kind(MILESTONE_OVERDUE, message=overdue, email_template="notification",
              label=_l("Un hito vence sin terminar en un compromiso que su institución lidera "
                       "o que la MTGA revisa"))
