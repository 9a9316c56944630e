"""The administration of translators: a person's roles per language (translate, review) and
the requests to translate a language that people send from their profile. Every change goes
through ``translation.services`` (audited)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts.models import User
from ..base.extensions import db
from ..i18n.languages import BY_CODE, Language
from ..translation import permissions as translation_permissions
from ..translation import services as translation_services
from ..translation.models import RequestStatus, TranslatorRequest, TranslatorRole
from ..web import current
from ..web.forms import form_status, notice, refusals_on
from . import bp
from .forms import RequestDecisionForm, translator_roles_form

DECIDED_SHOWN = 20


def _languages() -> list[Language]:
    return [BY_CODE[code] for code in current_app.config["LANGUAGES"]
            if translation_permissions.translatable(code)]


def _roles(user: User) -> dict[str, TranslatorRole]:
    return {role.language: role for role in db.session.scalars(
        sa.select(TranslatorRole).where(TranslatorRole.user_id == user.id))}


@bp.route("/usuarios/<int:user_id>/traduccion", methods=["GET", "POST"])
def translator_roles(user_id: int):
    user = db.get_or_404(User, user_id)
    languages = _languages()
    codes = [language.code for language in languages]
    roles = _roles(user)
    data = {}
    for code, role in roles.items():
        if role.is_active and code in codes:
            data[f"translate_{code}"] = True
            data[f"review_{code}"] = role.can_review
    form = translator_roles_form(codes, data=data,
                                 formdata=None if request.method == "GET" else request.form)
    if request.method == "POST":
        if form.validate_on_submit():
            with refusals_on(form, form_level=True):
                for code in codes:
                    translate, review = form.language_fields(code)
                    translation_services.set_language_roles(
                        actor=current.user(), user=user, language=code,
                        translate=translate.data, review=review.data)
                flash(_("Los idiomas de %(name)s quedaron guardados.",
                        name=user.display_name), "success")
                return redirect(url_for(".translator_roles", user_id=user.id))
    return render_template("admin/translator_roles.html", person=user, form=form,
                           languages=languages, roles=roles, notice=notice(form)), \
        form_status(form)


def _render_requests(forms: dict[int, RequestDecisionForm] | None = None, *,
                     status: int = 200, page_notice: str | None = None):
    pending = db.session.scalars(
        sa.select(TranslatorRequest)
        .where(TranslatorRequest.status == RequestStatus.PENDING)
        .options(sa.orm.joinedload(TranslatorRequest.user))
        .order_by(TranslatorRequest.created_at, TranslatorRequest.id)
    ).all()
    decided = db.session.scalars(
        sa.select(TranslatorRequest)
        .where(TranslatorRequest.status != RequestStatus.PENDING)
        .options(sa.orm.joinedload(TranslatorRequest.user))
        .order_by(TranslatorRequest.decided_at.desc(), TranslatorRequest.id.desc())
        .limit(DECIDED_SHOWN)
    ).all()
    forms = forms or {}
    for item in pending:
        forms.setdefault(item.id, RequestDecisionForm(formdata=None, prefix=f"s{item.id}"))
    return render_template("admin/translator_requests.html", pending=pending, decided=decided,
                           forms=forms, languages=BY_CODE, notice=page_notice), status


@bp.route("/traduccion/solicitudes")
def translator_requests():
    return _render_requests()


@bp.route("/traduccion/solicitudes/<int:request_id>", methods=["POST"])
def decide_translator_request(request_id: int):
    item = db.get_or_404(TranslatorRequest, request_id)
    form = RequestDecisionForm(prefix=f"s{item.id}")
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            accept = form.decision.data == "aceptar"
            translation_services.decide_request(actor=current.user(), request=item,
                                                accept=accept, note=form.note.data or "")
            flash(_("La solicitud de %(name)s quedó aceptada.", name=item.user.display_name)
                  if accept else
                  _("La solicitud de %(name)s quedó rechazada.", name=item.user.display_name),
                  "success")
            return redirect(url_for(".translator_requests"))
    return _render_requests({item.id: form}, status=form_status(form),
                            page_notice=notice(form))
