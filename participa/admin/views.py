from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user, login_required

from ..accounts.permissions import can_administer
from . import bp


@bp.route("/")
@login_required
def index():
    if not can_administer(current_user):
        abort(403)
    return render_template("admin/index.html")
