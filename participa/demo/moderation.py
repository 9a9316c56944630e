"""The demo's preset moderation reasons (/moderacion/contenido/motivos): what a moderator
picks when hiding, so that the demo's moderation forms offer them from the start. Loaded
like the organisations, by title, without an audit event (no moderator wrote them)."""

from __future__ import annotations

import sqlalchemy as sa

from ..base.extensions import db
from ..moderation.models import ReasonTemplate

# (title, body): Spanish, as a moderator of the MTGA would write them.
REASONS: tuple[tuple[str, str], ...] = (
    ("Datos personales de terceros",
     "Publica datos personales de otra persona (teléfono, dirección, número de DPI o correo "
     "electrónico) sin su consentimiento."),
    ("Ataque personal",
     "Insulta, amenaza o ridiculiza a una persona en lugar de discutir sus ideas."),
    ("Discriminación",
     "Ataca o desprecia a personas por su pueblo, idioma, género, religión, discapacidad u "
     "otra condición."),
    ("Publicidad o spam",
     "Anuncia productos, servicios o enlaces que no tienen relación con la consulta."),
    ("Fuera de tema",
     "No trata de la consulta ni de la propuesta o el borrador en el que se publicó."),
)


def load_reason_templates() -> int:
    """Add the preset reasons that are missing (by title); the number added."""
    existing = {title.lower() for title in db.session.scalars(sa.select(ReasonTemplate.title))}
    added = 0
    for title, body in REASONS:
        if title.lower() in existing:
            continue
        db.session.add(ReasonTemplate(title=title, body=body, is_active=True))
        added += 1
    db.session.flush()
    return added
