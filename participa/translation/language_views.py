"""/idiomas, public: each enabled language, how much of the interface it translates and a
person reviewed, the suggestions waiting, who translated it and how to help; and what a
signed-in person does from their profile: ask to translate a language, and choose how they
are credited."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from ..accounts.models import User
from ..base.errors import NotFound
from ..base.extensions import db
from ..i18n.languages import BY_CODE, Language
from ..i18n.selection import enabled_codes
from ..web import current
from ..web.forms import form_status, refusals_on
from . import permissions, progress, public_bp, services
from .models import TranslatorRequest, TranslatorRole
from .volunteer_forms import AskForm, CreditForm

REQUESTS_SHOWN = 10


@public_bp.route("/idiomas")
def index():
    return render_template("translation/languages.html",
                           rows=progress.progress(enabled_codes()))


# The profile's section ---------------------------------------------------------------------


@dataclass
class Volunteer:
    """What the profile's section «Traducción» shows a person."""

    roles: list[tuple[TranslatorRole, Language, CreditForm]]
    requests: list[tuple[TranslatorRequest, Language | None]]
    ask: AskForm | None  # None: they translate every language there is


def _ask_form(user: User, *, sent: bool = False) -> AskForm | None:
    """The form, fresh or (``sent``) as the request posted it."""
    choices = [SelectChoice(code, BY_CODE[code].autonym, render_kw={"lang": code})
               for code in enabled_codes()
               if permissions.translatable(code) and permissions.role_of(user, code) is None]
    if not choices:
        return None
    form = AskForm(prefix="traducir") if sent else AskForm(formdata=None, prefix="traducir")
    form.language.choices = choices
    return form


def credit_form(language: str, role: TranslatorRole | None = None, *,
                formdata=None) -> CreditForm:
    return CreditForm(formdata=formdata, prefix=f"credito-{language}",
                      credit=role.credit if role is not None else None)


def volunteer(user: User, *, ask: AskForm | None = None,
              credit: tuple[str, CreditForm] | None = None) -> Volunteer:
    roles = db.session.scalars(
        sa.select(TranslatorRole).where(TranslatorRole.user_id == user.id,
                                        TranslatorRole.revoked_at.is_(None))
        .order_by(TranslatorRole.language)
    ).all()
    requests = db.session.scalars(
        sa.select(TranslatorRequest).where(TranslatorRequest.user_id == user.id)
        .order_by(TranslatorRequest.created_at.desc(), TranslatorRequest.id.desc())
        .limit(REQUESTS_SHOWN)
    ).all()
    credit_forms = []
    for role in roles:
        form = credit[1] if credit is not None and credit[0] == role.language else \
            credit_form(role.language, role)
        credit_forms.append((role, BY_CODE.get(role.language) or Language(role.language,
                                                                         role.language, "", ""),
                             form))
    return Volunteer(
        roles=credit_forms,
        requests=[(item, BY_CODE.get(item.language)) for item in requests],
        ask=ask if ask is not None else _ask_form(user),
    )


def profile_section(user: User, **_context: object) -> Volunteer | None:
    """The slot ``profile.sections`` of the profile page."""
    if not isinstance(user, User):
        return None
    return volunteer(user)


def _page(data: Volunteer, status: int):
    return render_template("translation/volunteer.html", slot_data=data), status


@public_bp.route("/idiomas/traducir", methods=["GET", "POST"])
@login_required
def ask():
    """Ask to translate a language (the same form as the profile's, on a page of its own
    where a form sent back shows its errors)."""
    user = current.user()
    form = _ask_form(user, sent=request.method == "POST")
    if form is not None and form.validate_on_submit():
        with refusals_on(form):
            services.request_role(user=user, language=form.language.data,
                                  motivation=form.motivation.data or "")
            flash(_("Su solicitud quedó enviada. La administración le responderá."), "success")
            return redirect(url_for("accounts.profile", _anchor="traduccion"))
    return _page(volunteer(user, ask=form), form_status(form) if form is not None else 200)


@public_bp.route("/idiomas/credito/<code>", methods=["POST"])
@login_required
def credit(code: str):
    """How the translator is named for one of their languages."""
    user = current.user()
    role = permissions.role_of(user, code)
    if role is None:
        raise NotFound(_("Usted no traduce ese idioma."))
    form = credit_form(code, role, formdata=request.form)
    if form.validate_on_submit():
        with refusals_on(form):
            services.set_credit(user=user, role=role, credit=form.credit.data)
            flash(_("Quedó guardado cómo se le nombra."), "success")
            return redirect(url_for("accounts.profile", _anchor="traduccion"))
    return _page(volunteer(user, credit=(code, form)), form_status(form))
