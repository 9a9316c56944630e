from __future__ import annotations

import sqlalchemy as sa
from flask import jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from ..accounts import services as account_services
from ..base.extensions import db
from ..i18n.selection import SESSION_KEY
from ..web import current
from ..web.forms import form_status
from ..web.security import safe_next
from . import bp
from .forms import LanguageForm


@bp.route("/")
def home():
    return render_template("core/home.html")


@bp.route("/acerca-de")
def about():
    return render_template("core/about.html")


@bp.route("/privacidad")
def privacy():
    return render_template("core/privacy.html")


@bp.route("/idioma", methods=["POST"])
def set_language():
    """The language menu: kept in the session and, when signed in, in the profile."""
    form = LanguageForm()
    target = safe_next(form.next.data, url_for("core.home"))
    if not form.validate_on_submit():
        return render_template("core/language.html", form=form), form_status(form)
    session[SESSION_KEY] = form.lang.data
    if current_user.is_authenticated:
        account_services.set_language(user=current.user(), language=form.lang.data)
    return redirect(target)


@bp.route("/idioma", methods=["GET"])
def choose_language():
    form = LanguageForm(formdata=None)
    form.next.data = safe_next(request.args.get("next"), url_for("core.home"))
    return render_template("core/language.html", form=form)


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(sa.select(1))
        database = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        database = "error"
    status = 200 if database == "ok" else 503
    return jsonify(
        status="ok" if status == 200 else "error",
        database=database,
        dialect=db.engine.dialect.name,
    ), status
