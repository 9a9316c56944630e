"""The translation workspace, for translators and reviewers: the languages one translates,
a language's messages (filtered, searched), one message with its context, history, glossary
terms and memory matches, where one suggests and another reviews, and the glossary.

Translators of a language read and suggest; its reviewers also approve, reject and edit the
glossary; administrators, who assign them, read every language without a role of their own
but neither suggest nor review (``permissions.read_refusal``)."""

from __future__ import annotations

from functools import partial

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..base.errors import NotFound, enforce
from ..base.extensions import db
from ..base.roles import can_administer
from ..i18n import coverage, languages
from ..i18n.selection import enabled_languages
from ..web import current, slots
from ..web.args import single
from ..web.forms import form_status, posted, refusals_on
from ..web.pagination import page_arg, page_size_args, per_page_arg
from . import bp, glossary, memory, permissions, queries, services, template
from .forms import ReviewForm, SuggestForm, TermForm
from .models import (
    GlossaryTerm,
    Origin,
    SourceMessage,
    Suggestion,
    TermStatus,
    TranslatorRole,
)

PER_PAGE_CHOICES = (25, 50, 100)


def memory_matches(source: SourceMessage, language: str) -> list[memory.Match]:
    """The translation memory's suggestions for the message: exact and close matches from
    the imported memories and the approved texts of other messages, each with its source
    and licence."""
    return memory.matches(source.msgid, language, exclude_message_id=source.id)


def _language(language: str) -> TranslatorRole | None:
    """The person's role for the language, after the rule of who reads its workspace."""
    user = current.user()
    enforce(permissions.read_refusal(user, language))
    return permissions.role_of(user, language)


def _shared(language: str, role: TranslatorRole | None) -> dict:
    return {
        "language": languages.get(language),
        "role": role,
        "may_suggest": permissions.suggest_refusal(current.user(), language) is None,
        "may_edit_glossary": permissions.glossary_refusal(current.user(), language) is None,
        # Slot "translation.head": the other parts of a language's workspace (the texts
        # people and the MTGA wrote, content_translation).
        "head_slots": slots.gather("translation.head", language=language),
    }


@bp.route("/")
@login_required
def index():
    user = current.user()
    roles = permissions.roles_of(user)
    mine = [(languages.get(role.language), role) for role in roles
            if permissions.translatable(role.language)]
    others = []
    if can_administer(user):
        held = {role.language for role in roles}
        others = [language for language in enabled_languages()
                  if permissions.translatable(language.code) and language.code not in held]
    shares = coverage.shares([language.code for language, _role in mine]
                             + [language.code for language in others])
    return render_template("translation/index.html", mine=mine, others=others, shares=shares)


@bp.route("/<language>")
@login_required
def messages(language: str):
    role = _language(language)
    filters = queries.parse(request.args)
    per_page = per_page_arg(request.args, PER_PAGE_CHOICES)
    page = page_arg(request.args)
    template.in_step()
    pagination, counts = queries.listing(language, filters, page=page, per_page=per_page)
    return render_template(
        "translation/messages.html", **_shared(language, role), filters=filters,
        states=queries.STATES, pagination=pagination, counts=counts,
        **page_size_args(per_page, PER_PAGE_CHOICES, filters.url_args()),
        search_max=queries.SEARCH_MAX,
    )


def _message(message_id: int) -> SourceMessage:
    template.in_step()
    source = queries.message(message_id)
    if source is None:
        raise NotFound(_("Ese mensaje no existe."))
    return source


def _match_number(text: str | None) -> int | None:
    """The memory match a form or a link names (its place on the page), if it names one."""
    text = text or ""
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return int(text)
    return None


def _memory_detail(match: memory.Match) -> str:
    return f"{match.source_name} ({match.licence})"


def _render_message(language: str, role, source, *, form: SuggestForm | None = None,
                    review_form: ReviewForm | None = None, reviewed: int | None = None,
                    status: int = 200):
    user = current.user()
    page = queries.message_page(language, source)
    matches = memory_matches(source, language)
    plural = bool(source.msgid_plural)
    if form is None:
        form = SuggestForm(formdata=None)
        used = _match_number(single(request.args, "memoria"))
        if used is not None and used < len(matches):
            form.singular.data = matches[used].text
            form.memoria.data = str(used)
        elif page.current:
            form.singular.data = page.current[0]
            if plural and len(page.current) > 1:
                form.plural.data = page.current[1]
    form.for_message(plural=plural)
    reviewable = {suggestion.id for suggestion in page.pending
                  if permissions.review_refusal(user, suggestion) is None}
    return render_template(
        "translation/message.html", **_shared(language, role), page=page, form=form,
        plural=plural, matches=matches, reviewable=reviewable,
        review_form=review_form or ReviewForm(formdata=None), reviewed=reviewed,
        memory_detail=_memory_detail,
        back=url_for(".messages", language=language),
    ), status


@bp.route("/<language>/<int:message_id>", methods=["GET", "POST"])
@login_required
def message(language: str, message_id: int):
    role = _language(language)
    source = _message(message_id)
    if request.method == "GET":
        return _render_message(language, role, source)
    form = SuggestForm()
    plural = bool(source.msgid_plural)
    if form.validate_on_submit():
        forms = form.forms(plural=plural)
        origin, detail = Origin.TYPED, ""
        index = _match_number(form.memoria.data)
        if index is not None:
            matches = memory_matches(source, language)
            # The memory's text, sent unchanged: the suggestion says where it came from.
            if index < len(matches) and forms[0] == matches[index].text:
                origin, detail = Origin.MEMORY, _memory_detail(matches[index])
        with refusals_on(form, form_level=True):
            services.suggest(author=current.user(), message=source, language=language,
                             forms=forms, identical_ok=form.identical_ok.data,
                             origin=origin, origin_detail=detail)
            flash(_("Su sugerencia quedó guardada; otra persona la revisará."), "success")
            return redirect(url_for(".message", language=language, message_id=source.id),
                            code=303)
    return _render_message(language, role, source, form=form, status=form_status(form))


def _suggestion(language: str, suggestion_id: int) -> Suggestion:
    suggestion = db.session.get(Suggestion, suggestion_id)
    if suggestion is None or suggestion.language != language:
        raise NotFound(_("Esa sugerencia no existe."))
    return suggestion


@bp.route("/<language>/sugerencias/<int:suggestion_id>/aprobar", methods=["POST"])
@login_required
def approve(language: str, suggestion_id: int):
    _language(language)
    suggestion = _suggestion(language, suggestion_id)
    posted(ReviewForm())
    services.approve(reviewer=current.user(), suggestion=suggestion)
    flash(_("Aprobada: la traducción se ve desde ahora en las páginas."), "success")
    return redirect(url_for(".message", language=language, message_id=suggestion.message_id),
                    code=303)


@bp.route("/<language>/sugerencias/<int:suggestion_id>/rechazar", methods=["POST"])
@login_required
def reject(language: str, suggestion_id: int):
    role = _language(language)
    suggestion = _suggestion(language, suggestion_id)
    form = ReviewForm()
    if form.validate_on_submit():
        # The rule first: a refusal of the person is the error page, not a note's error.
        enforce(permissions.review_refusal(current.user(), suggestion))
        with refusals_on(form):
            services.reject(reviewer=current.user(), suggestion=suggestion,
                            note=form.note.data or "")
            flash(_("Rechazada; quien la sugirió leerá su nota."), "success")
            return redirect(url_for(".message", language=language,
                                    message_id=suggestion.message_id), code=303)
    return _render_message(language, role, suggestion.message, review_form=form,
                           reviewed=suggestion.id, status=form_status(form))


# The glossary -------------------------------------------------------------------------------


def _saved_term(form: TermForm, language: str, save, done: str):
    """Run the glossary's service ``save`` with the form's fields: the way back to the
    glossary, or None when the form goes back with its errors."""
    if form.validate_on_submit():
        with refusals_on(form):
            save(actor=current.user(), term=form.term.data or "",
                 translation=form.translation.data or "", note=form.note.data or "",
                 status=TermStatus(form.status.data), source=form.source.data or "")
            flash(done, "success")
            return redirect(url_for(".glossary_page", language=language), code=303)
    return None


@bp.route("/<language>/glosario", methods=["GET", "POST"])
@login_required
def glossary_page(language: str):
    role = _language(language)
    form = TermForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "POST":
        enforce(permissions.glossary_refusal(current.user(), language))
        add = partial(glossary.add_term, language=language)
        done = _saved_term(form, language, add, _("Término añadido al glosario."))
        if done is not None:
            return done
    return render_template("translation/glossary.html", **_shared(language, role),
                           terms=glossary.terms_of(language), form=form), form_status(form)


@bp.route("/<language>/glosario/<int:term_id>", methods=["GET", "POST"])
@login_required
def edit_term(language: str, term_id: int):
    role = _language(language)
    term = db.session.get(GlossaryTerm, term_id)
    if term is None or term.language != language:
        raise NotFound(_("Ese término no existe."))
    enforce(permissions.glossary_refusal(current.user(), language))
    if request.method == "POST":
        form = TermForm()
        edit = partial(glossary.edit_term, row=term)
        done = _saved_term(form, language, edit, _("Término modificado."))
        if done is not None:
            return done
    else:
        form = TermForm(formdata=None, obj=term, status=term.status.value)
    return render_template("translation/term.html", **_shared(language, role), term=term,
                           form=form), form_status(form)
