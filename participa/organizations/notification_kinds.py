"""The notifications of requests to join an organisation, rendered from their params in the
reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..notifications.services import register_kind
from .services import MEMBERSHIP_DECIDED, MEMBERSHIP_REQUESTED


def membership_requested(params: dict[str, Any]) -> str:
    return _("%(person)s pidió unirse a «%(organization)s».", person=params["person"],
             organization=params["organization"])


def membership_decided(params: dict[str, Any]) -> str:
    if params["accepted"]:
        return _("«%(organization)s» aceptó su solicitud: ya es integrante.",
                 organization=params["organization"])
    return _("«%(organization)s» rechazó su solicitud para unirse.",
             organization=params["organization"])


register_kind(MEMBERSHIP_REQUESTED, message=membership_requested, email_template="notification",
              label=_l("Solicitudes para unirse a las organizaciones que administra"))
register_kind(MEMBERSHIP_DECIDED, message=membership_decided, email_template="notification",
              label=_l("La respuesta a sus solicitudes para unirse a una organización"))
