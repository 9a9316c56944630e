"""The administration: every route needs an administrator (see ``require_admin``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts import permissions as account_permissions
from ..accounts import queries as account_queries
from ..accounts import services as account_services
from ..accounts.forms import RolesForm
from ..accounts.guards import admin_only
from ..accounts.models import User
from ..base.extensions import db
from ..base.time import to_local, utcnow
from ..forum import services as forum_services
from ..organizations.models import Membership, MembershipStatus, Organization
from ..translation.models import RequestStatus, TranslatorRequest, TranslatorRole
from ..web import current
from ..web.args import page_number
from ..web.forms import form_status
from ..web.pagination import paginate
from . import bp
from .forms import QUERY_MAX, UserSearchForm

USERS_PER_PAGE = 50


admin_only(bp)


def _count(statement) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery())) or 0


@bp.route("/")
def index():
    counts = {
        "users": _count(sa.select(User.id).where(User.deleted_at.is_(None))),
        "organizations": _count(sa.select(Organization.id)),
        "verified": _count(sa.select(Organization.id).where(Organization.is_verified.is_(True))),
        "pending": _count(
            sa.select(Membership.id).where(Membership.status == MembershipStatus.PENDING)
        ),
        "translator_requests": _count(
            sa.select(TranslatorRequest.id)
            .where(TranslatorRequest.status == RequestStatus.PENDING)
        ),
    }
    # OGP's Standard 1: the forum meets at least every six months.
    late, last = forum_services.overdue(to_local(utcnow()).date())
    return render_template("admin/index.html", counts=counts,
                           forum={"late": late, "last": last})


def _roles_form(user: User, *, formdata=None) -> RolesForm:
    # Each row posts its own form; the prefix keeps the checkbox ids unique on the page.
    return RolesForm(formdata=formdata, obj=user, prefix=f"u{user.id}")


def _render_users(*, query: str, page: int, row_form: RolesForm | None = None,
                  row_user: User | None = None, row_error: str | None = None,
                  status: int = 200):
    search = UserSearchForm(formdata=None, q=query)
    pagination = paginate(account_queries.people(query), page=page, per_page=USERS_PER_PAGE)
    forms = {user.id: _roles_form(user) for user in pagination.items}
    translates: dict[int, list[str]] = {}
    for user_id, language in db.session.execute(
        sa.select(TranslatorRole.user_id, TranslatorRole.language)
        .where(TranslatorRole.user_id.in_(list(forms)), TranslatorRole.revoked_at.is_(None))
        .order_by(TranslatorRole.language)
    ) if forms else ():
        translates.setdefault(user_id, []).append(language)
    if row_user is not None and row_form is not None:
        forms[row_user.id] = row_form
    return render_template(
        "admin/users.html", search=search, query=query, pagination=pagination, forms=forms,
        row_user=row_user, row_error=row_error, translates=translates,
    ), status


def _list_args(source) -> tuple[str, int]:
    query = (source.get("q") or "").strip()[:QUERY_MAX]
    return query, page_number(source.get("page"), lenient=True)


@bp.route("/usuarios")
def users():
    query, page = _list_args(request.args)
    return _render_users(query=query, page=page)


@bp.route("/usuarios/<int:user_id>/roles", methods=["POST"])
def set_roles(user_id: int):
    user = db.get_or_404(User, user_id)
    query, page = _list_args(request.form)
    form = _roles_form(user, formdata=request.form)
    if not form.validate_on_submit():
        return _render_users(query=query, page=page, row_form=form, row_user=user,
                             row_error=_("El valor no es válido."), status=form_status(form))
    # Refused on the row that was sent (a deleted account, one's own administration role).
    refusal = account_permissions.roles_refusal(current.user(), user,
                                                is_admin=form.is_admin.data)
    if refusal is not None:
        return _render_users(query=query, page=page, row_form=form, row_user=user,
                             row_error=str(refusal), status=refusal.status)
    account_services.set_roles(
        actor=current.user(),
        user=user,
        is_admin=form.is_admin.data,
        is_moderator=form.is_moderator.data,
    )
    flash(_("Los roles de %(name)s quedaron guardados.", name=user.display_name), "success")
    return redirect(url_for(".users", q=query or None, page=page if page > 1 else None))
