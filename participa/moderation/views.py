"""The moderators' pages (``/moderacion/contenido``): the queue of reports grouped by item,
pending and hidden content, blocked accounts, one item's file with the decisions, and the
reason templates.

Every route needs a moderator or an administrator (``moderators_only``, blueprint-wide) and
answers ``Cache-Control: no-store``. Decisions are POST forms with the CSRF token and the
item's fingerprint (``state``): an item that changed since the page was loaded answers 409
with the typed text kept and the current state shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts.guards import moderators_only
from ..accounts.models import User
from ..base.extensions import db
from ..content.visibility import ModerationState
from ..content_translation import kinds as translation_kinds
from ..content_translation import services as translation_services
from ..content_translation.forms import EmptyForm
from ..content_translation.forms import HideForm as TranslationHideForm
from ..web import current
from ..web.args import page_number, query_args
from ..web.forms import form_status, notice, posted, refusals_on
from ..web.pagination import paginate
from ..web.security import never_cache, safe_next
from . import bp, permissions, queries, services, translations
from .forms import BlockForm, HideForm, NoteForm, ReasonTemplateForm, StateForm
from .models import ReasonTemplate

PER_PAGE = 20

moderators_only(bp)
never_cache(bp)  # reports and hidden content




def _page(args: dict[str, str]) -> int:
    return page_number(args.get("page"))


def _content_kind(args: dict[str, str]) -> str:
    segment = args.get("tipo", "propuestas")
    if segment not in queries.CONTENT_KINDS:
        abort(400)
    return segment


# Lists ----------------------------------------------------------------------------------------


@bp.route("/denuncias")
def queue():
    args = query_args(("orden", "page"))
    sort = args.get("orden", queries.DEFAULT_SORT)
    if sort not in queries.SORTS:
        abort(400)
    page = queries.queue(sort, _page(args), PER_PAGE)
    return render_template("moderation/queue.html", result=page, sort=sort,
                           sorts=queries.SORTS, counts=queries.state_counts(), here=current.here())


def _content_list(state: ModerationState, template: str):
    args = query_args(("tipo", "page"))
    segment = _content_kind(args)
    pagination = paginate(queries.content_in_state(queries.CONTENT_KINDS[segment], state),
                          page=_page(args), per_page=PER_PAGE)
    return render_template(
        template, pagination=pagination, segment=segment, counts=queries.state_counts(),
        tokens=queries.tokens(pagination.items) if state == ModerationState.PENDING else {},
        form=StateForm(formdata=None), here=current.here(),
    )


@bp.route("/pendientes")
def pending():
    return _content_list(ModerationState.PENDING, "moderation/pending.html")


@bp.route("/ocultos")
def hidden():
    return _content_list(ModerationState.HIDDEN, "moderation/hidden.html")


@bp.route("/cuentas-bloqueadas")
def blocked():
    args = query_args(("page",))
    pagination = paginate(queries.blocked_accounts(), page=_page(args), per_page=PER_PAGE)
    return render_template("moderation/blocked.html", pagination=pagination,
                           counts=queries.state_counts())


# One item's file and the decisions ------------------------------------------------------------


def _target(segment: str, item_id: int) -> Any:
    target = queries.load_target(segment, item_id)
    if target is None:
        abort(404)
    return target


def _render_item(target: Any, *, posted: dict[str, Any] | None = None, status: int = 200):
    """The item's file with its decision forms; ``posted``: a form sent back, with its
    errors (a refusal that names no field is the page's notice)."""
    file = queries.item_file(target)
    forms: dict[str, Any] = {
        "hide": HideForm(formdata=None),
        "note": NoteForm(formdata=None),
        "state": StateForm(formdata=None),
        "block": BlockForm(formdata=None),
    }
    forms.update(posted or {})
    error = next((message for form in forms.values() if (message := notice(form))), None)
    for form in forms.values():
        # A fresh form, or a refused one shown again: either way, deciding now decides on
        # the state shown on this page.
        form.state.data = file.token
    forms["hide"].for_templates(queries.active_templates())
    back = safe_next(request.values.get("volver"), url_for(".queue"))
    can_block = isinstance(target, User) and permissions.can_block(current.user(), target)
    return render_template("moderation/item.html", file=file, forms=forms, error=error,
                           back=back, can_block=can_block), status


@bp.route("/<any(propuestas, comentarios, personas):segment>/<int:item_id>")
def item(segment: str, item_id: int):
    query_args(("volver",))
    return _render_item(_target(segment, item_id))


def _decide(segment: str, item_id: int, key: str, form: Any,
            decide: Callable[[Any, Any], str]):
    """Validate ``form`` and call the service through ``decide`` (which returns the message
    to flash); a refusal shows the item's page again with the typed text kept (422 on a
    field, 409 when the item changed meanwhile)."""
    target = _target(segment, item_id)
    if key == "hide":
        form.for_templates(queries.active_templates())
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            message = decide(target, form)
            flash(message, "success")
            default = url_for(".item", segment=segment, item_id=item_id)
            return redirect(safe_next(request.form.get("volver"), default), code=303)
    return _render_item(target, posted={key: form}, status=form_status(form))


def _decide_on_state(segment: str, item_id: int, decision: Callable[..., Any], message: str):
    """``_decide`` for a decision that takes nothing but the state the moderator saw
    (``StateForm``): ``decision(moderator=, target=, expected=)``, then ``message``."""
    def decide(target, form):
        decision(moderator=current.user(), target=target, expected=form.state.data)
        return message

    return _decide(segment, item_id, "state", StateForm(), decide)


def _chosen_template(form: HideForm) -> ReasonTemplate | None:
    if form.template.data is None:
        return None
    template = db.session.get(ReasonTemplate, form.template.data)
    if template is None:  # the choices come from the active templates: not reachable
        abort(400)
    return template


@bp.route("/<any(propuestas, comentarios):segment>/<int:item_id>/ocultar", methods=["POST"])
def hide(segment: str, item_id: int):
    def decide(target, form):
        services.hide(moderator=current.user(), target=target, reason=form.reason.data,
                      template=_chosen_template(form), expected=form.state.data)
        return _("Quedó oculto. Se avisó a la persona autora, con el motivo.")

    return _decide(segment, item_id, "hide", HideForm(), decide)


@bp.route("/<any(propuestas, comentarios):segment>/<int:item_id>/restaurar", methods=["POST"])
def restore(segment: str, item_id: int):
    def decide(target, form):
        services.restore(moderator=current.user(), target=target, note=form.note.data,
                         expected=form.state.data)
        return _("Se muestra de nuevo, tal como estaba. Se avisó a la persona autora.")

    return _decide(segment, item_id, "note", NoteForm(), decide)


@bp.route("/<any(propuestas, comentarios, personas):segment>/<int:item_id>/descartar",
          methods=["POST"])
def dismiss(segment: str, item_id: int):
    return _decide_on_state(segment, item_id, services.dismiss_reports,
                            _("Se descartaron las denuncias."))


@bp.route("/<any(propuestas, comentarios):segment>/<int:item_id>/aprobar", methods=["POST"])
def approve(segment: str, item_id: int):
    return _decide_on_state(segment, item_id, services.approve,
                            _("Quedó aprobado y ya es público. Se avisó a la persona autora."))


@bp.route("/personas/<int:item_id>/bloquear", methods=["POST"])
def block(item_id: int):
    def decide(target, form):
        services.block_user(moderator=current.user(), user=target, reason=form.reason.data,
                            until=form.until.data, expected=form.state.data)
        return _("La cuenta quedó bloqueada y sus sesiones se cerraron. Se avisó a la "
                 "persona, con el motivo.")

    return _decide("personas", item_id, "block", BlockForm(), decide)


@bp.route("/personas/<int:item_id>/desbloquear", methods=["POST"])
def unblock(item_id: int):
    def decide(target, form):
        services.unblock_user(moderator=current.user(), user=target, note=form.note.data,
                              expected=form.state.data)
        return _("La cuenta quedó desbloqueada. Se avisó a la persona.")

    return _decide("personas", item_id, "note", NoteForm(), decide)


# Translations (issue 18) ---------------------------------------------------------------------


def _translations_page(*, posted: Any = None, posted_id: int | None = None, status: int = 200):
    args = query_args(("page",))
    data = translations.queue(_page(args), PER_PAGE)
    return render_template(
        "moderation/translations.html", data=data, counts=queries.state_counts(),
        hide_form=posted if isinstance(posted, TranslationHideForm) else None,
        posted_id=posted_id, error=notice(posted) if posted is not None else None,
        blank_hide=TranslationHideForm(formdata=None), button=EmptyForm(formdata=None),
        kind_label=lambda name: translation_kinds.KINDS[name].label
        if name in translation_kinds.KINDS else name,
    ), status


@bp.route("/traducciones")
def translations_queue():
    return _translations_page()


def _on_translation(translation_id: int, form: Any, decide: Callable[[Any, Any], str]):
    translation = translations.translation_or_none(translation_id)
    if translation is None:
        abort(404)
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            flash(decide(translation, form), "success")
            return redirect(url_for(".translations_queue"), code=303)
    return _translations_page(posted=form, posted_id=translation_id,
                              status=form_status(form))


@bp.route("/traducciones/<int:translation_id>/ocultar", methods=["POST"])
def hide_translation(translation_id: int):
    def decide(translation, form):
        translation_services.hide_translation(moderator=current.user(),
                                              translation=translation,
                                              reason=form.reason.data or "")
        return _("Ocultó la traducción; se conserva. Sus denuncias quedaron atendidas.")

    return _on_translation(translation_id, TranslationHideForm(), decide)


@bp.route("/traducciones/<int:translation_id>/restaurar", methods=["POST"])
def restore_translation(translation_id: int):
    def decide(translation, _form):
        translation_services.restore_translation(moderator=current.user(),
                                                 translation=translation)
        return _("La traducción se muestra de nuevo.")

    return _on_translation(translation_id, EmptyForm(), decide)


@bp.route("/traducciones/<int:translation_id>/descartar", methods=["POST"])
def dismiss_translation_reports(translation_id: int):
    def decide(translation, _form):
        translation_services.dismiss_translation_reports(moderator=current.user(),
                                                         translation=translation)
        return _("Se descartaron las denuncias.")

    return _on_translation(translation_id, EmptyForm(), decide)


# Reason templates -----------------------------------------------------------------------------


@bp.route("/motivos")
def templates():
    return render_template("moderation/templates.html", templates=queries.all_templates(),
                           delete_form=StateForm(formdata=None),
                           in_use=queries.templates_in_use())


def _save_template(form: ReasonTemplateForm, template: ReasonTemplate | None):
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            if template is None:
                services.create_template(moderator=current.user(), title=form.title.data,
                                         body=form.body.data)
                message = _("El motivo quedó guardado.")
            else:
                changed = services.update_template(
                    moderator=current.user(), template=template, title=form.title.data,
                    body=form.body.data, is_active=form.is_active.data)
                message = _("El motivo quedó guardado.") if changed else _("No cambió nada.")
            flash(message, "success")
            return redirect(url_for(".templates"), code=303)
        if (message := notice(form)) is not None:
            flash(message, "error")
    return render_template("moderation/template_form.html", form=form, template=template), \
        form_status(form)


@bp.route("/motivos/nuevo", methods=["GET", "POST"])
def new_template():
    return _save_template(ReasonTemplateForm(), None)


@bp.route("/motivos/<int:template_id>/editar", methods=["GET", "POST"])
def edit_template(template_id: int):
    template = db.get_or_404(ReasonTemplate, template_id)
    form = ReasonTemplateForm(data={"title": template.title, "body": template.body,
                                    "is_active": template.is_active})
    return _save_template(form, template)


@bp.route("/motivos/<int:template_id>/eliminar", methods=["POST"])
def delete_template(template_id: int):
    template = db.get_or_404(ReasonTemplate, template_id)
    form = posted(StateForm())
    with refusals_on(form, form_level=True):
        services.delete_template(moderator=current.user(), template=template)
        flash(_("El motivo quedó eliminado."), "success")
        return redirect(url_for(".templates"), code=303)
    return render_template("moderation/templates.html", templates=queries.all_templates(),
                           delete_form=StateForm(formdata=None),
                           in_use=queries.templates_in_use(),
                           error=notice(form)), form_status(form)
