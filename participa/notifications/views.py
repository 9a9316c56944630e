"""The signed-in person's notifications: newest first, paginated, unread ones marked."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from ..accounts.models import User
from ..base.extensions import csrf, db
from ..i18n.selection import interface_language
from ..web import current
from ..web.args import page_number
from ..web.pagination import paginate
from ..web.security import safe_next
from . import bp, following, outbox, queries, services
from .models import Delivery

PER_PAGE = 20


@bp.route("/")
@login_required
def index():
    user = current.user()
    page = page_number(request.args.get("page"), lenient=True)
    pagination = paginate(queries.for_user(user), page=page, per_page=PER_PAGE)
    # The page shows the unread count; the nav (web.layout) uses the same value.
    return render_template(
        "notifications/index.html", pagination=pagination,
        unread_notifications=queries.unread_count(user),
        # In the reader's language, with the translations of what they name (issue 18).
        params=services.localized_params(pagination.items, interface_language()))


@bp.route("/leidas", methods=["POST"])
@login_required
def mark_all_read():
    count = services.mark_all_read(user=current.user())
    if count:
        flash(ngettext("Marcó %(num)d aviso como leído.", "Marcó %(num)d avisos como leídos.",
                       count), "success")
    else:
        flash(_("No tenía avisos sin leer."), "info")
    return redirect(url_for(".index"), code=303)


# Following ----------------------------------------------------------------------------------


def _set_following(target: str, target_id: int, *, active: bool):
    """Follow (``active``) or stop following a registered target the person may see (else a
    404), then back to the target's page saying so."""
    registered = following.TARGETS.get(target)
    if registered is None:
        abort(404)
    obj = registered.load(target_id, current.user())
    if obj is None:
        abort(404)
    following.set_following(user=current.user(), target_type=target, target_id=target_id,
                            active=active)
    if active:
        flash(_("Ahora lo sigue: recibirá avisos de sus novedades."), "success")
    else:
        flash(_("Dejó de seguirlo: no recibirá más avisos de sus novedades."), "info")
    return redirect(registered.link(obj), code=303)


@bp.route("/seguir/<target>/<int:target_id>", methods=["POST"])
@login_required
def follow(target: str, target_id: int):
    return _set_following(target, target_id, active=True)


@bp.route("/dejar-de-seguir/<target>/<int:target_id>", methods=["POST"])
@login_required
def unfollow(target: str, target_id: int):
    return _set_following(target, target_id, active=False)


# How often: the person's choices per kind -------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """The preferences form: each e-mailed kind with its label and the delivery chosen."""

    rows: list[tuple[str, str, str]]  # (kind, label, chosen delivery's value)
    options: list[Delivery]
    problems: list[str]
    master_off: bool


def choices_for(user: User, posted: dict[str, str] | None = None,
                problems: list[str] | None = None) -> Choices:
    chosen = services.deliveries(user)
    rows = []
    for kind in services.emailed_kinds():
        value = (posted or {}).get(kind.name) or chosen[kind.name].value
        rows.append((kind.name, services.label_for(kind.name), value))
    rows.sort(key=lambda row: row[1])
    return Choices(rows, list(Delivery), problems or [], not user.notify_by_email)


def profile_section(user: object, **_context: object) -> Choices | None:
    """The slot ``profile.sections``: the choices on the person's settings page."""
    return choices_for(user) if isinstance(user, User) else None


@bp.route("/preferencias", methods=["GET", "POST"])
@login_required
def preferences():
    """Per kind: an e-mail at once, the daily digest, or none (the list here keeps all)."""
    user = current.user()
    if request.method == "POST":
        posted: dict[str, str] = {}
        problems = []
        chosen: dict[str, Delivery] = {}
        for kind in services.emailed_kinds():
            raw = request.form.get(f"kind-{kind.name}", "")
            posted[kind.name] = raw
            try:
                chosen[kind.name] = Delivery(raw)
            except ValueError:
                problems.append(services.label_for(kind.name))
        if problems:
            return render_template("notifications/preferences.html",
                                   choices=choices_for(user, posted, problems)), 422
        services.set_deliveries(user_id=user.id, choices=chosen)
        flash(_("Guardó cómo quiere recibir sus avisos."), "success")
        return redirect(safe_next(request.form.get("next"), url_for(".preferences")), code=303)
    return render_template("notifications/preferences.html", choices=choices_for(user))


# One-click stop from a mail (RFC 8058) ------------------------------------------------------


def _unsubscribe_target(token: str) -> tuple[User, list[str]]:
    """The person and the kinds a signed link stops, or a 404 (a link we did not sign, or
    the account is gone)."""
    read = outbox.read_unsubscribe_token(token)
    if read is None:
        abort(404)
    user = db.session.get(User, read[0])
    if user is None or user.is_deleted:
        abort(404)
    return user, [kind for kind in read[1] if kind in services.KINDS]


@bp.route("/baja/<token>", methods=["GET", "POST"])
@csrf.exempt  # a mail program posts it (RFC 8058): the signature is the authority
def unsubscribe(token: str):
    """GET shows what the link stops and a button (no log-in needed); POST, the button or
    the mail program's one click, stops e-mail of those kinds."""
    user, kinds = _unsubscribe_target(token)
    labels = sorted({services.label_for(kind) for kind in kinds})
    if request.method == "POST":
        services.set_deliveries(user_id=user.id, choices=dict.fromkeys(kinds, Delivery.NONE))
        return render_template("notifications/unsubscribed.html", labels=labels)
    return render_template("notifications/unsubscribe.html", labels=labels, token=token)
