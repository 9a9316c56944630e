from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..base.errors import Conflict, enforce
from ..base.extensions import db
from ..web import current
from . import bp, permissions, queries, services
from .forms import DECISIONS, DecisionForm
from .models import Organization


@bp.route("/")
def index():
    return render_template("organizations/index.html", organizations=queries.organizations())


def _render_show(organization: Organization, *, error: str | None = None, status: int = 200):
    user = current.user()
    return render_template(
        "organizations/show.html",
        organization=organization,
        members=queries.members(organization),
        membership=permissions.membership_of(user, organization),
        can_request=permissions.can_request_membership(user, organization),
        can_manage=permissions.can_manage_members(user, organization),
        no_managers=permissions.no_manager_refusal(organization),
        error=error,
    ), status


@bp.route("/<int:organization_id>")
def show(organization_id: int):
    return _render_show(db.get_or_404(Organization, organization_id))


@bp.route("/<int:organization_id>/solicitar", methods=["POST"])
@login_required
def request_membership(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    user = current.user()
    # Refused on the organisation's page, with the reason (a request pending, a block...).
    refusal = permissions.membership_request_refusal(user, organization)
    if refusal is not None:
        return _render_show(organization, error=str(refusal), status=refusal.status)
    services.request_membership(user=user, organization=organization)
    flash(
        _("Su solicitud quedó enviada. Las personas responsables de la organización la "
          "revisarán."),
        "success",
    )
    return redirect(url_for(".show", organization_id=organization.id))


def _render_requests(organization: Organization, *, error: str | None = None, status: int = 200):
    return render_template(
        "organizations/requests.html", organization=organization,
        pending=queries.pending_requests(organization), error=error,
    ), status


@bp.route("/<int:organization_id>/solicitudes")
@login_required
def requests(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    enforce(permissions.manage_members_refusal(current.user(), organization))
    return _render_requests(organization)


@bp.route("/<int:organization_id>/solicitudes/<int:membership_id>", methods=["POST"])
@login_required
def decide(organization_id: int, membership_id: int):
    organization = db.get_or_404(Organization, organization_id)
    user = current.user()
    enforce(permissions.manage_members_refusal(user, organization))
    membership = queries.membership_or_404(organization, membership_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _render_requests(
            organization, error=_("Elija aceptar o rechazar la solicitud."), status=422
        )
    accept = DECISIONS[form.decision.data]
    try:
        services.decide_membership(actor=user, membership=membership, accept=accept)
    except Conflict as refusal:  # answered meanwhile: shown on the list of requests
        return _render_requests(organization, error=str(refusal), status=refusal.status)
    name = membership.user.display_name
    if accept:
        flash(_("%(name)s ya es integrante de la organización.", name=name), "success")
    else:
        flash(_("Se rechazó la solicitud de %(name)s.", name=name), "info")
    return redirect(url_for(".requests", organization_id=organization.id))


@bp.route("/mias")
@login_required
def mine():
    return render_template("organizations/mine.html",
                           memberships=queries.memberships_of(current.user()))
