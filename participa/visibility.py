"""Whether a contribution is shown to the public: moderation hides, it never deletes.

Proposals and comments carry a ``moderation_state``; the moderation feature changes it (and
records why), every list and page filters on it. It lives here, outside ``moderation``,
because the features that own the content must read it and nothing imports ``moderation``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .enums import LabelledEnum


class ModerationState(LabelledEnum):
    VISIBLE = "visible"
    HIDDEN = "oculto"
    PENDING = "pendiente"

    @classmethod
    def _labels(cls) -> dict[str, object]:
        return {
            "visible": _l("Visible"),
            "oculto": _l("Oculto por moderación"),
            "pendiente": _l("Esperando aprobación"),
        }
