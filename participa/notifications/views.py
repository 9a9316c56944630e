"""The signed-in person's notifications: newest first, paginated, unread ones marked."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..base.extensions import db
from ..web.args import page_number
from . import bp, services

PER_PAGE = 20


def _user():
    return current_user._get_current_object()


@bp.route("/")
@login_required
def index():
    page = page_number(request.args.get("page"), lenient=True)
    pagination = db.paginate(
        services.for_user(_user()), page=page, per_page=PER_PAGE,
        max_per_page=PER_PAGE, error_out=False,
    )
    return render_template("notifications/index.html", pagination=pagination)


@bp.route("/leidas", methods=["POST"])
@login_required
def mark_all_read():
    count = services.mark_all_read(user=_user())
    db.session.commit()
    if count:
        flash(ngettext("Marcó %(num)d aviso como leído.", "Marcó %(num)d avisos como leídos.",
                       count), "success")
    else:
        flash(_("No tenía avisos sin leer."), "info")
    return redirect(url_for(".index"), code=303)
