"""Who may translate and review which language. Each rule answers its refusal
(``base.errors``) or None; views ask it, services enforce it."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _

from ..accounts.models import User
from ..base.errors import Conflict, DomainError, Invalid, NotAllowed, NotFound
from ..base.extensions import db
from ..base.roles import can_administer, signed_in
from .models import Suggestion, SuggestionStatus, TranslatorRole


def translatable(language: str) -> bool:
    """An enabled language other than Spanish, the source."""
    return language != "es" and language in current_app.config["LANGUAGES"]


def language_refusal(language: str) -> DomainError | None:
    if not translatable(language):
        return NotFound(_("No se traduce a ese idioma en este sitio."))
    return None


def role_of(user: object, language: str) -> TranslatorRole | None:
    """The person's active role for this language, if any."""
    if not isinstance(user, User) or not signed_in(user) or user.is_deleted:
        return None
    return db.session.scalar(
        sa.select(TranslatorRole).where(
            TranslatorRole.user_id == user.id,
            TranslatorRole.language == language,
            TranslatorRole.revoked_at.is_(None),
        )
    )


def roles_of(user: object) -> list[TranslatorRole]:
    """The person's active roles, by language."""
    if not isinstance(user, User) or not signed_in(user) or user.is_deleted:
        return []
    return list(db.session.scalars(
        sa.select(TranslatorRole).where(TranslatorRole.user_id == user.id,
                                        TranslatorRole.revoked_at.is_(None))
        .order_by(TranslatorRole.language)
    ))


def _active(user: object) -> bool:
    return isinstance(user, User) and signed_in(user) and not user.is_deleted \
        and not user.is_blocked


def read_refusal(user: object, language: str) -> DomainError | None:
    """The workspace of a language (its messages, their history, its glossary) is for its
    translators; administrators, who assign them, read it too but neither suggest nor
    review without a role of their own."""
    if (refusal := language_refusal(language)) is not None:
        return refusal
    if role_of(user, language) is None and not can_administer(user):
        return NotAllowed(_("Solo quienes traducen este idioma pueden ver su traducción."))
    return None


def glossary_refusal(user: object, language: str) -> DomainError | None:
    """Reviewers of the language add and edit its glossary's terms."""
    if (refusal := language_refusal(language)) is not None:
        return refusal
    role = role_of(user, language) if _active(user) else None
    if role is None or not role.can_review:
        return NotAllowed(_("Solo quienes revisan este idioma pueden cambiar su glosario."))
    return None


def suggest_refusal(user: object, language: str) -> DomainError | None:
    """Translators of the language suggest; nobody else."""
    if (refusal := language_refusal(language)) is not None:
        return refusal
    if not _active(user) or role_of(user, language) is None:
        return NotAllowed(_("Solo quienes traducen este idioma pueden sugerir traducciones."))
    return None


def review_refusal(user: object, suggestion: Suggestion) -> DomainError | None:
    """A different person with the review right for the language approves or rejects a
    pending suggestion."""
    role = role_of(user, suggestion.language) if _active(user) else None
    if role is None or not role.can_review:
        return NotAllowed(_("Solo quienes revisan este idioma pueden aprobar o rechazar."))
    if suggestion.author_id == user.id:  # type: ignore[union-attr]
        return NotAllowed(_("Otra persona debe revisar su propia sugerencia."))
    if suggestion.status != SuggestionStatus.PENDING:
        return Conflict(_("Esta sugerencia ya fue revisada."))
    return None


def manage_refusal(user: object) -> DomainError | None:
    """Administrators assign translators and reviewers and decide requests."""
    if not can_administer(user):
        return NotAllowed()
    return None


def assign_refusal(actor: object, user: User) -> DomainError | None:
    """An administrator gives or takes a person's translation roles; not a deleted
    account's."""
    if (refusal := manage_refusal(actor)) is not None:
        return refusal
    if user.is_deleted:
        return Invalid(_("No se pueden asignar roles a una cuenta eliminada."))
    return None


def request_refusal(user: object, language: str) -> DomainError | None:
    """Anyone signed in may ask to translate a language they do not translate yet."""
    if (refusal := language_refusal(language)) is not None:
        return Invalid(refusal.message, field="language")
    if not _active(user):
        return NotAllowed()
    if role_of(user, language) is not None:
        return Conflict(_("Usted ya traduce este idioma."), field="language")
    return None
