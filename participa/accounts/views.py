from __future__ import annotations

from functools import wraps

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..base.extensions import db, limiter
from ..i18n.selection import SESSION_KEY, interface_language
from ..web import current, slots
from ..web.forms import form_status, refusals_on
from ..web.mail import MailError, send_template
from ..web.ratelimits import email_key
from ..web.security import safe_next
from . import bp, passwords, permissions, services, tokens
from .forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    EmailForm,
    LoginForm,
    ProfileForm,
    ReauthForm,
    ResetPasswordForm,
    SignupForm,
    is_current_password,
)
from .models import Sector, User
from .signin import begin_second_step, fresh_session, sign_in

# The page a person signed up from (a path of this site), kept in her session until she
# confirms her address in the same browser.
AFTER_CONFIRM = "after_confirm"

# The profile page's sections that upper features fill (translation: «Traducción»).
PROFILE_SECTIONS = "profile.sections"


def _policy_ok(form, field, *, name: str, email: str) -> bool:
    errors = passwords.policy_errors(field.data or "", name=name, email=email)
    field.errors = list(field.errors) + errors
    return not errors


def _send(user: User, template: str, **context) -> bool:
    try:
        send_template(to=user.email, lang=user.preferred_language, template=template,
                      user=user, **context)
    except MailError:
        flash(_("No pudimos enviar el correo. Inténtelo de nuevo en unos minutos."), "error")
        return False
    return True


def _mailed_link(purpose: str, page: str):
    """A page an e-mailed link opens (``tokens``, for ``purpose``): the view gets the account
    the link's token names, and the token; a link that is forged, used already or expired
    is a 400 that says so (``page``: which link it was)."""
    def decorate(view):
        @wraps(view)
        def opened(token: str):
            try:
                user = tokens.load_user(token, purpose)
            except tokens.TokenError as error:
                return render_template("accounts/token_invalid.html", expired=error.expired,
                                       purpose=page), 400
            return view(user, token)
        return opened
    return decorate


@bp.route("/registro", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = SignupForm()
    if form.validate_on_submit() and _policy_ok(
        form, form.password, name=form.name.data, email=form.email.data
    ):
        password_hash = passwords.hash_password(form.password.data)
        user = services.register_user(
            name=form.name.data,
            email=form.email.data,
            password_hash=password_hash,
            sector=Sector(form.sector.data),
            language=interface_language(),
        )
        db.session.commit()  # the account exists before the e-mail about it goes
        if user is not None:
            _send(user, "confirm", token=tokens.make(user, tokens.CONFIRM))
        else:
            existing = services.find_by_email(form.email.data)
            if existing is not None and not existing.is_deleted:
                _send(existing, "already_registered")
        session["pending_email"] = services.normalize_email(form.email.data)
        # Where she was before signing up, for after the confirmation in this browser.
        after = safe_next(request.args.get("next"), "")
        if after:
            session[AFTER_CONFIRM] = after
        return redirect(url_for("accounts.check_email"))
    return render_template("accounts/signup.html", form=form), form_status(form)


@bp.route("/registro/revise-su-correo")
def check_email():
    return render_template("accounts/check_email.html", email=session.get("pending_email"))


@bp.route("/confirmar/<token>", methods=["GET", "POST"])
@_mailed_link(tokens.CONFIRM, "confirm")
def confirm(user: User, token: str):
    if request.method == "POST":
        services.confirm_email(user=user)
        db.session.commit()  # confirmed before a session opens (``sessions``)
        target = safe_next(session.pop(AFTER_CONFIRM, None), url_for("core.home"))
        if current_user.is_authenticated:
            if current_user.id != user.id:
                target = url_for("core.home")  # someone else's session: nobody is switched
        elif user.has_two_factor:
            target = url_for("accounts.login", next=target)  # only her code passes that step
        else:
            # The link proved she holds the address, and it works once (its fingerprint
            # changes with the confirmation): she is signed in.
            sign_in(user, remember=False)
        flash(_("Su correo electrónico quedó confirmado. Ya puede participar."), "success")
        return redirect(target)
    return render_template("accounts/confirm.html", user=user, token=token)


@bp.route("/reenviar-confirmacion", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=email_key)
def resend_confirmation():
    form = EmailForm()
    if current_user.is_authenticated and request.method == "GET":
        form.email.data = current_user.email
    if form.validate_on_submit():
        user = services.find_by_email(form.email.data)
        if user is not None and not user.is_deleted and not user.is_confirmed:
            _send(user, "confirm", token=tokens.make(user, tokens.CONFIRM))
        session["pending_email"] = services.normalize_email(form.email.data)
        return redirect(url_for("accounts.check_email"))
    return render_template("accounts/resend_confirmation.html", form=form), form_status(form)


@bp.route("/entrar", methods=["GET", "POST"])
@limiter.limit("100 per minute", methods=["POST"])
@limiter.limit("5 per minute", methods=["POST"], key_func=email_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(email=form.email.data, password=form.password.data)
        # Kept whatever the answer: a failure counts towards the lock-out (and a success is
        # committed before the new session opens, see ``sessions``).
        db.session.commit()
        if user is not None and user.has_two_factor:
            begin_second_step(user, remember=form.remember.data,
                              next_url=request.args.get("next"))
            return redirect(url_for("accounts.login_code"))
        if user is not None:
            sign_in(user, remember=form.remember.data)
            if not user.is_confirmed:
                flash(_("Confirme su correo electrónico para poder participar."), "info")
            return redirect(safe_next(request.args.get("next"), url_for("core.home")))
        form.password.errors = [
            _("El correo electrónico o la contraseña no son correctos. Si olvidó su "
              "contraseña, puede restablecerla.")
        ]
    return render_template("accounts/login.html", form=form), form_status(form)


@bp.route("/salir", methods=["POST"])
def logout():
    logout_user()
    fresh_session()
    flash(_("Cerró su sesión."), "info")
    return redirect(url_for("core.home"))


@bp.route("/contrasena/olvido", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=email_key)
def forgot_password():
    form = EmailForm()
    if form.validate_on_submit():
        user = services.find_by_email(form.email.data)
        if user is not None and not user.is_deleted:
            _send(user, "reset", token=tokens.make(user, tokens.RESET))
        return render_template("accounts/reset_sent.html",
                               email=services.normalize_email(form.email.data))
    return render_template("accounts/forgot_password.html", form=form), form_status(form)


@bp.route("/contrasena/restablecer/<token>", methods=["GET", "POST"])
@_mailed_link(tokens.RESET, "reset")
def reset_password(user: User, token: str):
    form = ResetPasswordForm()
    if form.validate_on_submit() and _policy_ok(
        form, form.password, name=user.name, email=user.email
    ):
        password_hash = passwords.hash_password(form.password.data)
        services.set_password(user=user, password_hash=password_hash)
        # The link came to their inbox, so the address is theirs.
        services.confirm_email(user=user)
        db.session.commit()  # before the log-out, which ends its session on its own (sessions)
        if current_user.is_authenticated:
            logout_user()
        session.clear()
        flash(_("Su contraseña cambió. Inicie sesión con la nueva."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, token=token), \
        form_status(form)


def _render_profile(user: User, form: ProfileForm, sessions_form: ReauthForm):
    """The profile page, with the form that was sent back (422) or both fresh."""
    return render_template(
        "accounts/profile.html", form=form, sessions_form=sessions_form,
        two_factor=permissions.can_use_two_factor(user),
        slots=slots.gather(PROFILE_SECTIONS, user=user),
    ), form_status(form)


@bp.route("/", methods=["GET", "POST"])
@login_required
def profile():
    user = current.user()
    form = ProfileForm(obj=user)
    if form.validate_on_submit():
        with refusals_on(form):
            services.update_profile(
                user=user,
                name=form.name.data,
                preferred_language=form.preferred_language.data,
                notify_by_email=form.notify_by_email.data,
                department_code=form.department_code.data,
                municipality_code=form.municipality_code.data,
            )
            session[SESSION_KEY] = form.preferred_language.data
            flash(_("Sus datos quedaron guardados."), "success")
            return redirect(url_for("accounts.profile"))
    return _render_profile(user, form, ReauthForm(prefix="sessions"))


@bp.route("/contrasena", methods=["GET", "POST"])
@login_required
def change_password():
    user = current.user()
    form = ChangePasswordForm()
    if (form.validate_on_submit() and is_current_password(form.current_password, user)
            and _policy_ok(form, form.password, name=user.name, email=user.email)):
        password_hash = passwords.hash_password(form.password.data)
        services.set_password(user=user, password_hash=password_hash)
        db.session.commit()  # before the new session opens (sessions.start)
        sign_in(user, remember=False)
        flash(_("Su contraseña cambió. Las demás sesiones se cerraron."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form), form_status(form)


@bp.route("/cerrar-sesiones", methods=["POST"])
@login_required
def end_sessions():
    form = ReauthForm(prefix="sessions")
    user = current.user()
    if form.password_of(user):
        services.end_all_sessions(user=user)
        db.session.commit()  # before the new session opens (sessions.start)
        sign_in(user, remember=False)
        flash(_("Se cerraron todas sus otras sesiones."), "success")
        return redirect(url_for("accounts.profile"))
    return _render_profile(user, ProfileForm(obj=user, formdata=None), form)


@bp.route("/eliminar", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    user = current.user()
    if form.password_of(user):
        refusal = permissions.deletion_refusal(user)
        if refusal is not None:
            return render_template("accounts/delete.html", form=form,
                                   refusal=str(refusal)), refusal.status
        services.delete_account(user=user)
        db.session.commit()  # before the log-out, which ends its session on its own (sessions)
        logout_user()
        session.clear()
        flash(_("Su cuenta fue eliminada. Lo que publicó queda sin su nombre."), "info")
        return redirect(url_for("core.home"))
    return render_template("accounts/delete.html", form=form), form_status(form)
