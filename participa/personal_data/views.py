"""Download my data: the password again on every download (a POST form: no link that could
be shared or leak, nothing kept on the server), answered with the archive and no-store."""

from __future__ import annotations

from flask import Response, render_template
from flask_login import login_required

from ..accounts.forms import ReauthForm
from ..base.extensions import limiter
from ..base.time import utcnow
from ..web import current
from ..web.forms import form_status
from ..web.ratelimits import user_key
from . import bp, export


@bp.route("/", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"], key_func=user_key)
def download():
    form = ReauthForm()
    user = current.user()
    if form.password_of(user):
        filename = f"participa-mis-datos-{utcnow():%Y-%m-%d}.zip"
        return Response(
            export.archive(user),
            mimetype="application/zip",
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "Cache-Control": "no-store",
            },
        )
    return render_template("personal_data/download.html", form=form), form_status(form)
