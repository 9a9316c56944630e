"""Who may ask for, take, translate, review and hide translations of people's texts. Each
rule answers its refusal (``base.errors``) or None; views ask them, services enforce them.

A translation between Spanish and a Mayan language is the work of that language's
translators (``translation.models.TranslatorRole``): from K'iche' into Spanish as much as
from Spanish into K'iche'. Between two other languages, the target language's."""

from __future__ import annotations

from flask_babel import lazy_gettext as _

from ..accounts.models import User
from ..base.errors import Conflict, DomainError, Invalid, NotAllowed
from ..base.roles import can_moderate, signed_in
from ..content.visibility import ModerationState
from ..i18n.selection import is_enabled
from ..translation.models import TranslatorRole
from ..translation.permissions import role_of
from .kinds import Source
from .models import (
    ContentTranslation,
    TranslationRequest,
    TranslationRequestStatus,
    TranslationStatus,
)


def work_language(source_language: str, language: str) -> str:
    """Whose work a translation is: the language that is not Spanish."""
    return source_language if language == "es" else language


def _active(user: object) -> bool:
    return isinstance(user, User) and signed_in(user) and not user.is_deleted \
        and not user.is_blocked


def _pair_refusal(source: Source, language: str) -> DomainError | None:
    if not is_enabled(language):
        return Invalid(str(_("Elija uno de los idiomas de la lista.")), field="language")
    if language == source.language:
        return Invalid(str(_("El texto ya está escrito en ese idioma.")), field="language")
    if not source.public and not source.before_public:
        return Conflict(_("Solo se traduce lo que está publicado."))
    return None


def may_see(user: object, source: Source) -> bool:
    """Anyone sees a public item's translations page; one not public yet but open to
    translation (``Source.before_public``), its owners, the MTGA and its language's
    translators."""
    if source.public:
        return True
    if not source.before_public:
        return False
    return can_moderate(user) or getattr(user, "id", None) in source.owner_ids or (
        _active(user) and role_of(user, source.language) is not None)


def translator_role(user: object, source_language: str, language: str) -> TranslatorRole | None:
    if not _active(user):
        return None
    return role_of(user, work_language(source_language, language))


def request_refusal(user: object, source: Source, language: str) -> DomainError | None:
    """The MTGA asks for any text; an author for her own."""
    if not _active(user):
        return NotAllowed(_("Inicie sesión para pedir una traducción."))
    if not can_moderate(user) and user.id not in source.owner_ids:
        return NotAllowed(_("Solo la MTGA o quien lo escribió pueden pedir su traducción."))
    return _pair_refusal(source, language)


def translate_refusal(user: object, source: Source, language: str) -> DomainError | None:
    """Translators of the language (``work_language``) translate and revise."""
    if (refusal := _pair_refusal(source, language)) is not None:
        return refusal
    if translator_role(user, source.language, language) is None:
        return NotAllowed(_("Solo quienes traducen ese idioma pueden traducir este texto."))
    return None


def take_refusal(user: object, request: TranslationRequest) -> DomainError | None:
    if translator_role(user, request.source_language, request.language) is None:
        return NotAllowed(_("Solo quienes traducen ese idioma pueden tomar este pedido."))
    if request.status != TranslationRequestStatus.OPEN:
        return Conflict(_("Otra persona ya tomó este pedido."))
    return None


def review_refusal(user: object, translation: ContentTranslation,
                   roles: dict[str, TranslatorRole] | None = None) -> DomainError | None:
    """Another translator of the language with the review right approves or rejects.
    ``roles``: the person's active roles by language, when a page already has them."""
    if roles is None:
        role = translator_role(user, translation.source_language, translation.language)
    else:
        language = work_language(translation.source_language, translation.language)
        role = roles.get(language) if _active(user) else None
    if role is None or not role.can_review:
        return NotAllowed(_("Solo quienes revisan ese idioma pueden revisar esta traducción."))
    if translation.translator_id == user.id:
        return NotAllowed(_("Otra persona debe revisar su traducción."))
    if translation.status != TranslationStatus.PENDING:
        return Conflict(_("Esta traducción ya fue revisada."))
    return None


def hide_refusal(user: object, translation: ContentTranslation) -> DomainError | None:  # noqa: ARG001
    if not can_moderate(user):
        return NotAllowed(_("Solo la moderación puede ocultar o mostrar una traducción."))
    return None


def report_refusal(user: object, translation: ContentTranslation) -> DomainError | None:
    """A signed-in reader reports a translation readers see; not her own."""
    if not _active(user):
        return NotAllowed(_("Inicie sesión para denunciar una traducción."))
    if translation.translator_id == user.id:
        return NotAllowed(_("No puede denunciar su propia traducción."))
    if translation.status != TranslationStatus.APPROVED or \
            translation.moderation_state != ModerationState.VISIBLE:
        return Conflict(_("Solo se denuncia una traducción que se muestra."))
    return None
