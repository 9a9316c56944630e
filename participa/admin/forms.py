from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SearchField, TextAreaField
from wtforms.fields.choices import SelectChoice

from ..web.forms import Form, length, required

QUERY_MAX = 100
NOTE_MAX = 1000


class UserSearchForm(Form):
    """The search box of the user list: a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = SearchField(
        _l("Nombre o correo electrónico"), render_kw={"maxlength": QUERY_MAX}
    )


class TranslatorRolesForm(Form):
    """A person's translation roles, two boxes per language (``translator_roles_form``)."""

    def language_fields(self, code: str) -> tuple[BooleanField, BooleanField]:
        return self[f"translate_{code}"], self[f"review_{code}"]


def translator_roles_form(codes: list[str], *, formdata=None,
                          data: dict[str, bool] | None = None) -> TranslatorRolesForm:
    """Translate and review, for each of ``codes`` (the enabled languages but Spanish)."""

    class LanguageRolesForm(TranslatorRolesForm):
        pass

    for code in codes:
        setattr(LanguageRolesForm, f"translate_{code}", BooleanField(_l("Traduce")))
        setattr(LanguageRolesForm, f"review_{code}", BooleanField(
            _l("Revisa: aprueba o rechaza lo que sugieren otras personas")))
    return LanguageRolesForm(formdata=formdata, data=data or {})


class RequestDecisionForm(Form):
    """An administrator's answer to a request to translate a language."""

    decision = RadioField(
        _l("Respuesta"),
        choices=[SelectChoice("aceptar", _l("Aceptar: la persona traduce este idioma")),
                 SelectChoice("rechazar", _l("Rechazar"))],
        validators=[required()],
    )
    note = TextAreaField(
        _l("Nota para la persona (opcional)"),
        validators=[length(maximum=NOTE_MAX)],
        render_kw={"rows": 2, "maxlength": NOTE_MAX},
    )
