from __future__ import annotations

import sqlalchemy as sa
from flask import render_template
from flask_login import login_required

from ..extensions import db
from . import bp
from .models import Organization


@bp.route("/")
def index():
    organizations = db.session.scalars(sa.select(Organization).order_by(Organization.name)).all()
    return render_template("organizations/index.html", organizations=organizations)


@bp.route("/mias")
@login_required
def mine():
    return render_template("organizations/index.html", organizations=[])
