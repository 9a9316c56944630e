from __future__ import annotations

import sqlalchemy as sa
from flask import jsonify, render_template, request, url_for

from ..base.extensions import db
from ..base.time import utcnow
from ..consultations.phases import current_phase
from ..consultations.queries import open_rounds
from ..i18n.links import links_to_address
from ..i18n.selection import enabled_languages, interface_language
from ..web.security import safe_next
from . import bp


@bp.route("/")
def home():
    """The invitation, and the rounds open now with the phase each is in (two statements)."""
    now = utcnow()
    open_now = [(round, phase) for round in open_rounds(now)
                if (phase := current_phase(round, now)) is not None]
    return render_template("core/home.html", open_now=open_now)


@bp.route("/acerca-de")
def about():
    return render_template("core/about.html")


@bp.route("/privacidad")
def privacy():
    return render_template("core/privacy.html")


@bp.route("/idioma")
def choose_language():
    """The languages as links to the page the person came from (``next``, a local address;
    else the home page) in each language (``i18n.links``): no form, no redirect."""
    back = safe_next(request.args.get("next"), url_for("core.home"))
    links = links_to_address(back, enabled_languages(), interface_language())
    return render_template("core/language.html", links=links)


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(sa.select(1))
        database = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        database = "error"
    status = 200 if database == "ok" else 503
    # Never kept by the proxy: a health check asks the app itself.
    return jsonify(
        status="ok" if status == 200 else "error",
        database=database,
        dialect=db.engine.dialect.name,
    ), status, {"Cache-Control": "no-store"}
