"""Content translation's pages: an item's translations (anyone reads the approved ones;
its translators, reviewers, requesters and moderators act there), the form of a
translation, and a language's workspace of open requests and reviews
(``/traduccion/<code>/contenido``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..base.errors import NotFound, enforce
from ..base.extensions import db
from ..base.roles import can_moderate
from ..content.visibility import ModerationState
from ..i18n import languages
from ..i18n.selection import enabled_languages, language_name
from ..translation import permissions as translator_permissions
from ..web import current, slots
from ..web.forms import form_status, posted, refusals_on
from . import bp, kinds, permissions, queries, services
from .forms import EmptyForm, HideForm, ReportForm, RequestForm, ReviewForm, translation_form
from .models import ContentTranslation, TranslationRequest, TranslationStatus

PREFIX = "/traduccion/contenido"


def _language_or_404(code: str) -> str:
    if code not in {language.code for language in enabled_languages()}:
        raise NotFound()
    return code


def _public_or_404(source: kinds.Source) -> kinds.Source:
    """Only what the public reads is translated, or shown here with its translations (and
    what is open to translation before it is public, to those who may see it)."""
    if not permissions.may_see(current.user(), source):
        raise NotFound()
    return source


def _item_page(kind: str, item_id: int, *, request_form: RequestForm | None = None,
               review_form: ReviewForm | None = None, reviewed: int | None = None,
               hide_form: HideForm | None = None, hidden: int | None = None,
               report_form: ReportForm | None = None, reported: int | None = None,
               status=200):
    data = queries.item(kind, item_id)
    _public_or_404(data.source)
    user = current.user()
    moderator = can_moderate(user)
    roles = {role.language: role for role in translator_permissions.roles_of(user)}

    def may_review(translation: ContentTranslation) -> bool:
        return permissions.review_refusal(user, translation, roles) is None

    def sees(translation: ContentTranslation) -> bool:
        """The public reads approved and visible translations; the language's
        translators and the moderators everything."""
        language = permissions.work_language(translation.source_language, translation.language)
        return moderator or language in roles or (
            translation.status == TranslationStatus.APPROVED
            and translation.moderation_state == ModerationState.VISIBLE)

    def may_report(translation: ContentTranslation) -> bool:
        return permissions.report_refusal(user, translation) is None

    may_request = permissions.request_refusal(user, data.source, "es") is None or \
        any(permissions.request_refusal(user, data.source, code) is None
            for code in languages.BY_CODE if code != data.source.language)
    targets = [language for language in enabled_languages()
               if language.code != data.source.language
               and permissions.work_language(data.source.language, language.code) in roles]
    return render_template(
        "content_translation/item.html", data=data, kind=data.kind, source=data.source,
        translations=[t for t in data.translations if sees(t)],
        requests=data.requests, may_review=may_review, moderator=moderator,
        may_request=may_request, targets=targets,
        request_form=request_form or RequestForm(formdata=None),
        review_form=review_form or ReviewForm(formdata=None), reviewed=reviewed,
        hide_form=hide_form or HideForm(formdata=None), hidden=hidden,
        report_form=report_form or ReportForm(formdata=None), reported=reported,
        may_report=may_report,
        button=EmptyForm(formdata=None), language_name=language_name,
    ), status


@bp.route(f"{PREFIX}/<kind:kind>/<int:item_id>")
def item(kind: str, item_id: int):
    return _item_page(kind, item_id)


@bp.route(f"{PREFIX}/<kind:kind>/<int:item_id>/pedir", methods=["POST"])
@login_required
def ask(kind: str, item_id: int):
    source = _public_or_404(kinds.source(kind, item_id))
    form = RequestForm()
    if form.validate_on_submit():
        with refusals_on(form):
            services.request_translation(requester=current.user(), kind=kind,
                                         item_id=source.id, language=form.language.data)
            flash(_("Pidió la traducción. Le avisaremos cuando esté revisada."), "success")
            return redirect(url_for(".item", kind=kind, item_id=item_id), code=303)
    return _item_page(kind, item_id, request_form=form, status=form_status(form))


@bp.route(f"{PREFIX}/<kind:kind>/<int:item_id>/<language>", methods=["GET", "POST"])
@login_required
def translate(kind: str, item_id: int, language: str):
    _language_or_404(language)
    source = _public_or_404(kinds.source(kind, item_id))
    user = current.user()
    enforce(permissions.translate_refusal(user, source, language))
    form_class = translation_form(kind)
    if request.method == "POST":
        form = form_class()
        if form.validate_on_submit():
            with refusals_on(form):
                services.deliver_translation(
                    translator=user, kind=kind, item_id=item_id, language=language,
                    texts={field.name: form[field.name].data or ""
                           for field in kinds.get(kind).fields})
                flash(_("Entregó la traducción: otra persona la revisará antes de mostrarla."),
                      "success")
                return redirect(url_for(".item", kind=kind, item_id=item_id), code=303)
    else:
        previous = db.session.scalar(
            db.select(ContentTranslation).where(
                ContentTranslation.target_kind == kind, ContentTranslation.target_id == item_id,
                ContentTranslation.language == language)
            .order_by(ContentTranslation.id.desc()).limit(1))
        form = form_class(formdata=None, data=previous.texts if previous else None)
    return render_template(
        "content_translation/translate.html", form=form, source=source,
        kind=kinds.get(kind), language=languages.get(language),
        source_language=languages.get(source.language),
    ), form_status(form)


def _translation(translation_id: int) -> ContentTranslation:
    translation = db.session.get(ContentTranslation, translation_id)
    if translation is None:
        raise NotFound()
    return translation


def _back_to_item(translation: ContentTranslation):
    """After a decision on a translation: the page of the item it translates."""
    return redirect(url_for(".item", kind=translation.target_kind,
                            item_id=translation.target_id), code=303)


def _decision(translation: ContentTranslation, form, act, *, form_level: bool = False,
              **page):
    """A decision on ``translation`` posted from its item's page: with the form valid,
    ``act`` (which calls the service and answers the message to show), then back to that
    page; an invalid form, or a refusal that names one of its fields (with ``form_level``,
    any refusal of what was sent), shows that page again with the form in its place
    (``page``: the form's slot and the translation it was for)."""
    if form.validate_on_submit():
        with refusals_on(form, form_level=form_level):
            flash(act(), "success")
            return _back_to_item(translation)
    return _item_page(translation.target_kind, translation.target_id,
                      status=form_status(form), **page)


@bp.route(f"{PREFIX}/traducciones/<int:translation_id>/revisar", methods=["POST"])
@login_required
def review(translation_id: int):
    translation = _translation(translation_id)
    form = ReviewForm()
    approve = request.form.get("decision") == "aprobar"

    def act() -> str:
        enforce(permissions.review_refusal(current.user(), translation))
        services.review_translation(reviewer=current.user(), translation=translation,
                                    approve=approve, note=form.note.data or "")
        return (_("Aprobada: los lectores ven la traducción desde ahora.") if approve
                else _("Rechazada; quien tradujo leerá su nota."))

    return _decision(translation, form, act, review_form=form, reviewed=translation.id)


@bp.route(f"{PREFIX}/traducciones/<int:translation_id>/ocultar", methods=["POST"])
@login_required
def hide(translation_id: int):
    translation = _translation(translation_id)
    enforce(permissions.hide_refusal(current.user(), translation))
    form = HideForm()

    def act() -> str:
        services.hide_translation(moderator=current.user(), translation=translation,
                                  reason=form.reason.data or "")
        return _("Ocultó la traducción; se conserva.")

    return _decision(translation, form, act, hide_form=form, hidden=translation.id)


@bp.route(f"{PREFIX}/traducciones/<int:translation_id>/denunciar", methods=["POST"])
@login_required
def report(translation_id: int):
    """A reader reports a shown translation; the MTGA sees it in its moderation queue."""
    translation = _translation(translation_id)
    _public_or_404(kinds.source(translation.target_kind, translation.target_id))
    form = ReportForm()

    def act() -> str:
        services.report_translation(reporter=current.user(), translation=translation,
                                    reason=form.reason.data or "")
        return _("Recibimos su denuncia: la moderación revisará esta traducción.")

    return _decision(translation, form, act, form_level=True, report_form=form,
                     reported=translation.id)


@bp.route(f"{PREFIX}/traducciones/<int:translation_id>/mostrar", methods=["POST"])
@login_required
def restore(translation_id: int):
    translation = _translation(translation_id)
    posted(EmptyForm())
    services.restore_translation(moderator=current.user(), translation=translation)
    flash(_("La traducción se muestra de nuevo."), "success")
    return _back_to_item(translation)


@bp.route(f"{PREFIX}/pedidos/<int:request_id>/tomar", methods=["POST"])
@login_required
def take(request_id: int):
    asked = db.session.get(TranslationRequest, request_id)
    if asked is None:
        raise NotFound()
    posted(EmptyForm())
    services.take_request(translator=current.user(), request=asked)
    flash(_("Tomó el pedido: nadie más lo verá abierto."), "success")
    return redirect(url_for(".translate", kind=asked.target_kind, item_id=asked.target_id,
                            language=asked.language), code=303)


@bp.route("/traduccion/<language>/contenido")
@login_required
def workspace(language: str):
    user = current.user()
    enforce(translator_permissions.read_refusal(user, language))
    data = queries.workspace(language)
    return render_template(
        "content_translation/workspace.html", language=languages.get(language), data=data,
        role=translator_permissions.role_of(user, language), button=EmptyForm(formdata=None),
        language_name=language_name,
        head_slots=slots.gather("translation.head", language=language),
    )
