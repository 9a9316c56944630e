from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import contains_eager, joinedload

from ..accounts.models import User
from ..base.extensions import db
from . import bp, services
from .forms import DECISIONS, DecisionForm
from .models import Membership, MembershipStatus, Organization
from .permissions import can_manage_members, can_request_membership, membership_of

INVALID = 422
CONFLICT = 409


@bp.route("/")
def index():
    organizations = db.session.scalars(sa.select(Organization).order_by(Organization.name)).all()
    return render_template("organizations/index.html", organizations=organizations)


def _render_show(organization: Organization, *, error: str | None = None, status: int = 200):
    members = db.session.scalars(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.organization_id == organization.id,
            Membership.status == MembershipStatus.ACCEPTED,
        )
        .order_by(User.name)
    ).all()
    return render_template(
        "organizations/show.html",
        organization=organization,
        members=members,
        membership=membership_of(current_user, organization),
        can_request=can_request_membership(current_user, organization),
        can_manage=can_manage_members(current_user, organization),
        error=error,
    ), status


@bp.route("/<int:organization_id>")
def show(organization_id: int):
    return _render_show(db.get_or_404(Organization, organization_id))


@bp.route("/<int:organization_id>/solicitar", methods=["POST"])
@login_required
def request_membership(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    try:
        services.request_membership(
            user=current_user._get_current_object(), organization=organization
        )
    except services.OrganizationError as error:
        db.session.rollback()
        return _render_show(organization, error=str(error), status=error.status)
    db.session.commit()
    flash(
        _("Su solicitud quedó enviada. Las personas responsables de la organización la "
          "revisarán."),
        "success",
    )
    return redirect(url_for(".show", organization_id=organization.id))


def _render_requests(organization: Organization, *, error: str | None = None, status: int = 200):
    pending = db.session.scalars(
        sa.select(Membership)
        .where(
            Membership.organization_id == organization.id,
            Membership.status == MembershipStatus.PENDING,
        )
        .options(joinedload(Membership.user))
        .order_by(Membership.created_at, Membership.id)
    ).all()
    return render_template(
        "organizations/requests.html", organization=organization, pending=pending, error=error
    ), status


@bp.route("/<int:organization_id>/solicitudes")
@login_required
def requests(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    if not can_manage_members(current_user, organization):
        abort(403)
    return _render_requests(organization)


@bp.route("/<int:organization_id>/solicitudes/<int:membership_id>", methods=["POST"])
@login_required
def decide(organization_id: int, membership_id: int):
    organization = db.get_or_404(Organization, organization_id)
    if not can_manage_members(current_user, organization):
        abort(403)
    # Loaded through its organisation: a manager of one cannot decide for another.
    membership = db.first_or_404(
        sa.select(Membership).where(
            Membership.id == membership_id, Membership.organization_id == organization.id
        )
    )
    form = DecisionForm()
    if not form.validate_on_submit():
        return _render_requests(
            organization, error=_("Elija aceptar o rechazar la solicitud."), status=INVALID
        )
    accept = DECISIONS[form.decision.data]
    try:
        services.decide_membership(
            actor=current_user._get_current_object(), membership=membership, accept=accept
        )
    except services.OrganizationError as error:
        db.session.rollback()
        return _render_requests(organization, error=str(error), status=CONFLICT)
    db.session.commit()
    name = membership.user.display_name
    if accept:
        flash(_("%(name)s ya es integrante de la organización.", name=name), "success")
    else:
        flash(_("Se rechazó la solicitud de %(name)s.", name=name), "info")
    return redirect(url_for(".requests", organization_id=organization.id))


@bp.route("/mias")
@login_required
def mine():
    memberships = db.session.scalars(
        sa.select(Membership)
        .join(Membership.organization)
        .where(Membership.user_id == current_user.id)
        .options(contains_eager(Membership.organization))
        .order_by(Organization.name)
    ).all()
    return render_template("organizations/mine.html", memberships=memberships)
