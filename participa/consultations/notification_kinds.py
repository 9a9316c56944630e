"""The notifications of rounds, rendered from their params in the reader's language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n.dates import format_local
from ..notifications.outbox import register_periodic
from ..notifications.services import register_kind
from .models import PhaseKind
from .openings import PHASE_OPENED, notify_openings
from .publication import PLAN_PUBLISHED


def phase_opened(params: dict[str, Any]) -> str:
    return _("Se abrió «%(phase)s» en la consulta «%(round)s», hasta el %(date)s.",
             phase=PhaseKind(params["phase"]).label, round=params["round"],
             date=format_local(datetime.fromisoformat(params["ends_at"])))


def plan_published(params: dict[str, Any]) -> str:
    if params.get("via") == "commitment":
        return _("Se publicó el plan «%(plan)s», resultado de la consulta «%(round)s», con "
                 "compromisos que usted sigue.", plan=params["plan"], round=params["round"])
    return _("Se publicó el plan «%(plan)s», resultado de la consulta «%(round)s» en la que "
             "usted participó.", plan=params["plan"], round=params["round"])


register_kind(PHASE_OPENED, message=phase_opened, email_template="notification",
              label=_l("Se abre una fase de una consulta en la que participa"))
register_kind(PLAN_PUBLISHED, message=plan_published, email_template="notification",
              label=_l("Se publica el plan de una consulta en la que participó"))
register_periodic(notify_openings)
