"""The signed-in person's notifications: newest first, paginated, unread ones marked."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from ..web import current
from ..web.args import page_number
from ..web.pagination import paginate
from . import bp, following, queries, services

PER_PAGE = 20


@bp.route("/")
@login_required
def index():
    user = current.user()
    page = page_number(request.args.get("page"), lenient=True)
    pagination = paginate(queries.for_user(user), page=page, per_page=PER_PAGE)
    # The page shows the unread count; the nav (web.layout) uses the same value.
    return render_template("notifications/index.html", pagination=pagination,
                           unread_notifications=queries.unread_count(user))


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


def _target(target: str, target_id: int):
    """The registered target for the person, or a 404."""
    registered = following.TARGETS.get(target)
    if registered is None:
        abort(404)
    obj = registered.load(target_id, current.user())
    if obj is None:
        abort(404)
    return registered, obj


@bp.route("/seguir/<target>/<int:target_id>", methods=["POST"])
@login_required
def follow(target: str, target_id: int):
    registered, obj = _target(target, target_id)
    following.set_following(user=current.user(), target_type=target, target_id=target_id,
                            active=True)
    flash(_("Ahora lo sigue: recibirá avisos de sus novedades."), "success")
    return redirect(registered.link(obj), code=303)


@bp.route("/dejar-de-seguir/<target>/<int:target_id>", methods=["POST"])
@login_required
def unfollow(target: str, target_id: int):
    registered, obj = _target(target, target_id)
    following.set_following(user=current.user(), target_type=target, target_id=target_id,
                            active=False)
    flash(_("Dejó de seguirlo: no recibirá más avisos de sus novedades."), "info")
    return redirect(registered.link(obj), code=303)
