from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email, EqualTo, Optional

from ..territory import department_choices, municipality_choices
from ..web.forms import Form, Honeypot, RequiredSelectField, language_options, length, required
from .models import Sector
from .passwords import verify_password


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field(label=None) -> EmailField:
    return EmailField(
        label or _l("Correo electrónico"),
        filters=[_strip],
        validators=[required(), length(maximum=254), Email(check_deliverability=False)],
        render_kw={"autocomplete": "email"},
    )


def _new_password_field(label) -> PasswordField:
    return PasswordField(
        label,
        validators=[required()],
        description=_l("Al menos 12 caracteres. Una frase fácil de recordar sirve."),
        render_kw={"autocomplete": "new-password", "minlength": 12, "maxlength": 128},
    )


def _confirm_field() -> PasswordField:
    return PasswordField(
        _l("Repita la nueva contraseña"),
        validators=[
            required(),
            EqualTo("password", message=_l("Las dos contraseñas no coinciden.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def is_current_password(field: PasswordField, user) -> bool:
    """The field holds ``user``'s password; otherwise the message is beside it."""
    if verify_password(user.password_hash, field.data):
        return True
    field.errors = [_l("La contraseña actual no es correcta.")]
    return False


def _current_password_field() -> PasswordField:
    return PasswordField(
        _l("Contraseña actual"),
        validators=[required(), length(maximum=128)],
        render_kw={"autocomplete": "current-password"},
    )


class SignupForm(Honeypot, Form):
    name = StringField(
        _l("Nombre"),
        filters=[_strip],
        validators=[required(), length(maximum=120)],
        render_kw={"autocomplete": "name"},
    )
    email = _email_field()
    password = _new_password_field(_l("Contraseña"))
    sector = RequiredSelectField(_l("Sector"), choices=Sector.choices)


class LoginForm(Form):
    email = _email_field()
    password = PasswordField(
        _l("Contraseña"),
        validators=[required(), length(maximum=128)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Recordarme en este dispositivo"))


class EmailForm(Form):
    email = _email_field()


class ResetPasswordForm(Form):
    password = _new_password_field(_l("Nueva contraseña"))
    confirm = _confirm_field()


class ProfileForm(Form):
    name = StringField(
        _l("Nombre"),
        filters=[_strip],
        validators=[required(), length(maximum=120)],
        render_kw={"autocomplete": "name"},
    )
    preferred_language = SelectField(_l("Idioma"), choices=language_options,
                                     validators=[Optional()])
    notify_by_email = BooleanField(_l("Recibir avisos por correo electrónico"))
    department_code = SelectField(
        _l("Departamento donde vive"), choices=lambda: territory_department_options(),
        description=_l("Opcional. No se muestra a nadie: solo se cuenta en las estadísticas."),
        validators=[Optional()],
    )
    municipality_code = SelectField(
        _l("Municipio"), choices=lambda: territory_municipality_options(),
        description=_l("Opcional; uno de los municipios del departamento elegido."),
        validators=[Optional()],
    )


def territory_department_options() -> list[tuple[str, str]]:
    return [("", _l("Sin indicar")), *department_choices()]


def territory_municipality_options() -> dict:
    """The municipalities grouped by department; the first choice, outside any group, is
    none."""
    return {None: [("", _l("Sin indicar"))], **municipality_choices()}


class ChangePasswordForm(Form):
    current_password = _current_password_field()
    password = _new_password_field(_l("Nueva contraseña"))
    confirm = _confirm_field()


class ReauthForm(Form):
    """For actions that need the password again (log out everywhere, delete account)."""

    password = _current_password_field()

    def password_of(self, user) -> bool:
        """Posted, valid, and ``user``'s password; otherwise the message is beside the
        field."""
        return self.validate_on_submit() and is_current_password(self.password, user)


class DeleteAccountForm(ReauthForm):
    confirm = BooleanField(
        _l("Entiendo que mi cuenta se elimina y que lo que publiqué queda sin mi nombre."),
        validators=[required()],
    )


class RolesForm(Form):
    is_admin = BooleanField(_l("Administración"))
    is_moderator = BooleanField(_l("Moderación (MTGA)"))


class TwoFactorCodeForm(Form):
    """The six digits of the authenticator app."""

    code = StringField(
        _l("Código de verificación"),
        filters=[_strip],
        validators=[required(), length(maximum=20)],
        description=_l("Los 6 números que muestra ahora su aplicación de autenticación."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric",
                   "maxlength": 20, "spellcheck": "false"},
    )


class RecoveryCodeForm(Form):
    code = StringField(
        _l("Código de recuperación"),
        filters=[_strip],
        validators=[required(), length(maximum=40)],
        description=_l("Uno de los códigos que guardó al activar la verificación en dos "
                       "pasos, por ejemplo abcde-fghjk. Cada código sirve una sola vez."),
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "none",
                   "maxlength": 40, "spellcheck": "false"},
    )
