"""Two-step log-in pages: the code after the password, recovery codes, and the set-up,
new recovery codes and switching off on the account pages.

After a right password, an account with the second step gets no session yet: the session
is cleared and holds only who passed the password, when, and the session epoch then
(``PENDING``). The right code within ``TOTP_PENDING_SECONDS`` signs in with a fresh session
(``signin.sign_in``); a changed epoch (password reset meanwhile) or a deleted account ends
the attempt.
"""

from __future__ import annotations

import time
from functools import wraps

import segno
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..base.errors import DomainError, enforce
from ..base.extensions import db, limiter
from ..web import current
from ..web.forms import Form, form_status, posted
from ..web.mail import MailError, send_template
from . import bp, permissions, totp, two_factor
from .forms import ReauthForm, RecoveryCodeForm, TwoFactorCodeForm
from .models import User
from .signin import PENDING, sign_in

# What an administrator who must set up the second step may still reach.
OPEN_BLUEPRINTS = frozenset({"accounts", "personal_data", "core"})

def _tell(user: User, change: str) -> None:
    """A notice by e-mail of a change to how the person signs in (ASVS 6.3.7). A mail
    server that is down does not stop the change (the failure is logged)."""
    try:
        send_template(to=user.email, lang=user.preferred_language, template="two_factor",
                      user=user, change=change, minutes=_lockout_minutes())
    except MailError:
        pass


def _pending() -> tuple[User, dict] | None:
    state = session.get(PENDING)
    if not isinstance(state, dict) or not isinstance(state.get("user"), int):
        return None
    if int(time.time()) - int(state.get("at", 0)) > current_app.config["TOTP_PENDING_SECONDS"]:
        return None
    user = db.session.get(User, state["user"])
    if (user is None or user.is_deleted or user.session_epoch != state.get("epoch")
            or not user.has_two_factor):
        return None
    return user, state


def _restart():
    session.pop(PENDING, None)
    flash(_("Inicie sesión otra vez: pasaron más de 5 minutos o la sesión cambió."), "info")
    return redirect(url_for("accounts.login"))


def _second_step(form, check, template: str, *, then=None):
    pending = _pending()
    if pending is None:
        return _restart()
    user, state = pending
    if form.validate_on_submit():
        outcome = check(user, form.code.data)
        # Kept whatever the answer: a wrong code counts towards the lock-out (and a right one
        # is committed before the new session opens, see ``sessions``).
        db.session.commit()
        if outcome is two_factor.Outcome.ACCEPTED:
            sign_in(user, remember=state["remember"])
            if then is not None:
                then(user)
            return redirect(state["next"])
        if outcome in (two_factor.Outcome.LOCKED, two_factor.Outcome.LOCKED_NOW):
            session.pop(PENDING, None)
            if outcome is two_factor.Outcome.LOCKED_NOW:
                _tell(user, "lockout")
            flash(ngettext(
                "Demasiados códigos incorrectos: la cuenta quedó bloqueada durante %(num)d "
                "minuto. Inténtelo más tarde.",
                "Demasiados códigos incorrectos: la cuenta quedó bloqueada durante %(num)d "
                "minutos. Inténtelo más tarde.",
                _lockout_minutes(),
            ), "error")
            return redirect(url_for("accounts.login"))
        form.code.errors = [_("El código no es correcto o ya se usó.")]
    return render_template(template, form=form), form_status(form)


def _lockout_minutes() -> int:
    return max(1, current_app.config["LOCKOUT_SECONDS"] // 60)


def _check_code(user: User, code: str) -> two_factor.Outcome:
    return two_factor.verify_login_code(user=user, code=code)


def _check_recovery(user: User, code: str) -> two_factor.Outcome:
    return two_factor.use_recovery_code(user=user, code=code)


def _recovery_used(user: User) -> None:
    _tell(user, "recovery")
    flash(ngettext(
        "Usó un código de recuperación. Le queda %(num)d; genere códigos nuevos en "
        "Verificación en dos pasos.",
        "Usó un código de recuperación. Le quedan %(num)d; genere códigos nuevos en "
        "Verificación en dos pasos si le quedan pocos.",
        two_factor.remaining_recovery_codes(user),
    ), "info")


@bp.route("/entrar/codigo", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login_code():
    return _second_step(TwoFactorCodeForm(), _check_code, "accounts/login_code.html")


@bp.route("/entrar/recuperacion", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login_recovery():
    return _second_step(RecoveryCodeForm(), _check_recovery, "accounts/login_recovery.html",
                        then=_recovery_used)


# Set-up, new recovery codes, switching off ---------------------------------------------------


def _allowed() -> User:
    """The signed-in person, if they may use the second step (else the plain 403)."""
    user = current.user()
    enforce(permissions.two_factor_refusal(user))
    return user


def _refused(refusal: DomainError):
    """A step that does not apply now (set up twice in two tabs...): said on the page."""
    flash(str(refusal), "info")
    return redirect(url_for("accounts.two_factor_page"))


def _qr_data_uri(uri: str) -> str:
    """A QR code drawn on the server as an SVG data URI (no script, nothing from elsewhere)."""
    return segno.make(uri, error="m").svg_data_uri(scale=4, border=4)


def _render(user: User, *, code_form=None, disable_form=None, codes_form=None, status=200):
    setup = None
    if user.totp_secret and not user.has_two_factor:
        uri = totp.provisioning_uri(user.totp_secret, account=user.email,
                                    issuer=current_app.config["TOTP_ISSUER"])
        setup = {"secret": totp.grouped(user.totp_secret), "uri": uri, "qr": _qr_data_uri(uri)}
    return render_template(
        "accounts/two_factor.html",
        setup=setup,
        required=two_factor.required_for(user),
        remaining=two_factor.remaining_recovery_codes(user) if user.has_two_factor else 0,
        code_form=code_form or TwoFactorCodeForm(formdata=None),
        disable_form=disable_form or ReauthForm(prefix="off", formdata=None),
        codes_form=codes_form or ReauthForm(prefix="codes", formdata=None),
    ), status


@bp.route("/dos-pasos")
@login_required
def two_factor_page():
    return _render(_allowed())


@bp.route("/dos-pasos/configurar", methods=["POST"])
@login_required
def two_factor_start():
    user = _allowed()
    posted(Form())
    if refusal := permissions.two_factor_setup_refusal(user):
        return _refused(refusal)
    two_factor.start_setup(user=user)
    return redirect(url_for("accounts.two_factor_page"))


def _show_codes(codes: list[str], message: str):
    return render_template("accounts/recovery_codes.html", codes=codes, message=message)


@bp.route("/dos-pasos/confirmar", methods=["POST"])
@login_required
def two_factor_confirm():
    user = _allowed()
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        if refusal := permissions.two_factor_confirm_refusal(user):
            return _refused(refusal)
        codes = two_factor.enable(user=user, code=form.code.data)
        if codes is not None:
            db.session.commit()  # before the new session opens (sessions.start) and the mail
            sign_in(user, remember=False)
            _tell(user, "enabled")
            return _show_codes(codes, _(
                "La verificación en dos pasos quedó activa y se cerraron sus demás sesiones."
            ))
        form.code.errors = [_("El código no es correcto. Revise que la hora de su teléfono "
                              "sea la correcta y escriba el código que se muestra ahora.")]
    return _render(user, code_form=form, status=form_status(form))


def _password_again(prefix: str, slot: str):
    """Recovery codes and switching off ask the password again (the form ``prefix``): the
    view gets the person once it is right; a wrong one shows the page again with that form
    (``slot``, its keyword of ``_render``) and its error."""
    def decorate(view):
        @wraps(view)
        def checked():
            user = _allowed()
            form = ReauthForm(prefix=prefix)
            if not form.password_of(user):
                return _render(user, **{slot: form}, status=form_status(form))
            return view(user)
        return checked
    return decorate


@bp.route("/dos-pasos/codigos", methods=["POST"])
@login_required
@_password_again("codes", "codes_form")
def two_factor_codes(user: User):
    if refusal := permissions.recovery_codes_refusal(user):
        return _refused(refusal)
    codes = two_factor.new_recovery_codes(user=user)
    db.session.commit()  # the new codes are kept before the mail about them goes
    _tell(user, "codes")
    return _show_codes(codes, _("Sus códigos de recuperación anteriores ya no sirven."))


@bp.route("/dos-pasos/desactivar", methods=["POST"])
@login_required
@_password_again("off", "disable_form")
def two_factor_disable(user: User):
    two_factor.disable(user=user)
    db.session.commit()  # before the new session opens (sessions.start) and the mail
    sign_in(user, remember=False)
    _tell(user, "disabled")
    flash(_("La verificación en dos pasos quedó desactivada y se cerraron sus demás "
            "sesiones."), "success")
    return redirect(url_for("accounts.two_factor_page"))


@bp.before_app_request
def require_admin_second_step():
    """An administrator who must use the second step and has not set it up reaches only
    their account's pages (and the home, about and language pages) until they do."""
    if request.endpoint is None or request.endpoint == "static":
        return None
    if request.blueprint in OPEN_BLUEPRINTS:
        return None
    if not current_user.is_authenticated or current_user.has_two_factor:
        return None
    if not two_factor.required_for(current_user):
        return None
    flash(_("Las cuentas de administración deben activar la verificación en dos pasos "
            "antes de continuar."), "info")
    return redirect(url_for("accounts.two_factor_page"))
