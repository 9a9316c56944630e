"""The notifications of comments, rendered from their params in the reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..notifications.services import register_kind
from .services import COMMENT_REPLY, PROPOSAL_COMMENT


def comment_reply(params: dict[str, Any]) -> str:
    return _("%(author)s respondió a su comentario.", author=params["author"])


def proposal_comment(params: dict[str, Any]) -> str:
    return _("%(author)s comentó su propuesta %(reference)s «%(title)s».",
             author=params["author"], reference=params["reference"], title=params["title"])


register_kind(COMMENT_REPLY, message=comment_reply, email_template="notification",
              label=_l("Respuestas a mis comentarios"))
register_kind(PROPOSAL_COMMENT, message=proposal_comment, email_template="notification",
              label=_l("Comentarios a mis propuestas"))
