"""Organisations in the administration (behind ``views.require_admin``)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.services import find_by_email
from ..base.extensions import db
from ..organizations import queries, services
from ..organizations.forms import ManagerForm, OrganizationForm
from ..organizations.models import Organization, OrganizationKind
from ..web import current
from ..web.forms import form_status, refusals_on
from . import bp


def _values(form: OrganizationForm) -> dict:
    return {
        "name": form.name.data,
        "acronym": form.acronym.data,
        "kind": OrganizationKind(form.kind.data),
        "website": form.website.data,
    }


@bp.route("/organizaciones")
def organizations():
    return render_template("admin/organizations.html", organizations=queries.organizations())


@bp.route("/organizaciones/nueva", methods=["GET", "POST"])
def create_organization():
    form = OrganizationForm()
    if form.validate_on_submit():
        with refusals_on(form):
            organization = services.create_organization(actor=current.user(), **_values(form))
            flash(_("Se creó la organización %(name)s.", name=organization.name), "success")
            return redirect(url_for(".edit_organization", organization_id=organization.id))
    return render_template("admin/organization_form.html", form=form, organization=None), \
        form_status(form)


def _render_edit(organization: Organization, form: OrganizationForm, manager_form: ManagerForm,
                 status: int = 200):
    return render_template(
        "admin/organization_form.html", form=form, manager_form=manager_form,
        organization=organization, memberships=queries.memberships(organization),
    ), status


def _manager_form(*, submitted: bool = False) -> ManagerForm:
    if submitted:
        return ManagerForm(prefix="responsable")  # bound to the request's form data
    return ManagerForm(formdata=None, prefix="responsable")


@bp.route("/organizaciones/<int:organization_id>/editar", methods=["GET", "POST"])
def edit_organization(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    form = OrganizationForm(obj=organization)
    if form.validate_on_submit():
        with refusals_on(form):
            services.update_organization(
                actor=current.user(), organization=organization, **_values(form)
            )
            flash(_("Los cambios quedaron guardados."), "success")
            return redirect(url_for(".edit_organization", organization_id=organization.id))
    return _render_edit(organization, form, _manager_form(), form_status(form))


@bp.route("/organizaciones/<int:organization_id>/responsables", methods=["POST"])
def add_manager(organization_id: int):
    organization = db.get_or_404(Organization, organization_id)
    manager_form = _manager_form(submitted=True)
    if manager_form.validate_on_submit():
        user = find_by_email(manager_form.email.data)
        with refusals_on(manager_form):
            services.add_manager(actor=current.user(), organization=organization, user=user)
            flash(_("%(name)s es responsable de la organización.", name=user.display_name),
                  "success")
            return redirect(url_for(".edit_organization", organization_id=organization.id))
    form = OrganizationForm(formdata=None, obj=organization)
    return _render_edit(organization, form, manager_form, form_status(manager_form))


def _set_verified(organization_id: int, verified: bool):
    organization = db.get_or_404(Organization, organization_id)
    services.set_verified(actor=current.user(), organization=organization, verified=verified)
    if verified:
        flash(_("%(name)s quedó verificada.", name=organization.name), "success")
    else:
        flash(_("%(name)s ya no está verificada.", name=organization.name), "info")
    return redirect(url_for(".organizations"))


@bp.route("/organizaciones/<int:organization_id>/verificar", methods=["POST"])
def verify_organization(organization_id: int):
    return _set_verified(organization_id, True)


@bp.route("/organizaciones/<int:organization_id>/quitar-verificacion", methods=["POST"])
def unverify_organization(organization_id: int):
    return _set_verified(organization_id, False)
