"""The Mesa Técnica's public page and meeting pages; the forms the MTGA keeps them with."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..base.errors import enforce
from ..base.extensions import db
from ..base.time import to_local, utcnow
from ..files.services import size_text
from ..organizations.models import Organization
from ..web.current import user as current_person
from ..web.forms import form_status, refusals_on
from . import bp, permissions, queries, services
from .forms import DocumentForm, MeetingForm, MemberForm, RulesForm
from .models import DOCUMENT_MAX_BYTES, ForumMeeting, ForumRole

# A somewhat larger file gets the form back with its message rather than a bare 413.
BODY_MARGIN = 8 * 1024 * 1024


def _overdue():
    late, last = services.overdue(to_local(utcnow()).date())
    return {"late": late, "last": last}


@bp.route("/mesa-tecnica")
def page():
    members = queries.members()
    by_role = {role: [m for m in members if m.role == role] for role in ForumRole}
    can_manage = permissions.can_manage(current_person())
    return render_template(
        "forum/page.html", by_role=by_role, member_count=len(members),
        rules=queries.current_rules(), meetings=queries.meetings(), can_manage=can_manage,
        overdue=_overdue() if can_manage else None,
    )


@bp.route("/mesa-tecnica/reuniones/<int:meeting_id>")
def meeting(meeting_id: int):
    found = queries.meeting_or_none(meeting_id)
    if found is None:
        abort(404)
    return render_template("forum/meeting.html", meeting=found, size_text=size_text,
                           can_manage=permissions.can_manage(current_person()))


def _meeting_form(**kwargs) -> MeetingForm:
    form = MeetingForm(**kwargs)
    form.organizations.choices = [(m.organization.id, m.organization.label)
                                  for m in queries.members()]
    return form


def _fields(form: MeetingForm) -> dict:
    chosen = set(form.organizations.data or [])
    organizations = list(db.session.scalars(
        sa.select(Organization).where(Organization.id.in_(chosen)))) if chosen else []
    return {
        "held_on": form.held_on.data, "online": form.online.data, "place": form.place.data,
        "agenda": form.agenda.data, "minutes": form.minutes.data,
        "decisions": form.decisions.data, "people_present": form.people_present.data,
        "organizations": organizations,
    }


def _meeting_saved(form: MeetingForm, meeting: ForumMeeting | None, message: str,
                   save: Callable[[dict], ForumMeeting]):
    """The meeting's form, new (``meeting`` None) or of ``meeting``: once valid, ``save``d
    with its fields and the meeting's page saying ``message``; else the form again."""
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            found = save(_fields(form))
            flash(message, "success")
            return redirect(url_for(".meeting", meeting_id=found.id))
    return render_template("forum/meeting_form.html", form=form, meeting=meeting), \
        form_status(form)


@bp.route("/mesa-tecnica/reuniones/nueva", methods=["GET", "POST"])
@login_required
def new_meeting():
    staff = current_person()
    enforce(permissions.manage_refusal(staff))
    return _meeting_saved(
        _meeting_form(), None, _("La reunión quedó registrada."),
        lambda fields: services.record_meeting(staff=staff, **fields))


@bp.route("/mesa-tecnica/reuniones/<int:meeting_id>/editar", methods=["GET", "POST"])
@login_required
def edit_meeting(meeting_id: int):
    staff = current_person()
    enforce(permissions.manage_refusal(staff))
    found = db.get_or_404(ForumMeeting, meeting_id)
    form = _meeting_form(obj=found)
    if not form.is_submitted():
        form.organizations.data = [org.id for org in found.organizations]
    return _meeting_saved(
        form, found, _("La reunión quedó actualizada."),
        lambda fields: services.edit_meeting(staff=staff, meeting=found, **fields))


@bp.route("/mesa-tecnica/reglas", methods=["GET", "POST"])
@login_required
def rules():
    staff = current_person()
    enforce(permissions.manage_refusal(staff))
    current = queries.current_rules()
    form = RulesForm(body=current.body if current else "")
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            services.set_rules(staff=staff, body=form.body.data)
            flash(_("Las reglas quedaron actualizadas; la versión anterior se conserva."),
                  "success")
            return redirect(url_for(".page"))
    return render_template("forum/rules_form.html", form=form,
                           versions=queries.rules_versions()), form_status(form)


@bp.route("/mesa-tecnica/miembros", methods=["GET", "POST"])
@login_required
def members():
    staff = current_person()
    enforce(permissions.manage_refusal(staff))
    form = MemberForm()
    form.organization_id.choices = [(0, _("Elija una organización"))] + [
        (org.id, org.label) for org in db.session.scalars(
            sa.select(Organization).order_by(Organization.name))]
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            services.set_member(
                staff=staff,
                organization=db.session.get(Organization, form.organization_id.data)
                if form.organization_id.data else None,
                role=ForumRole(form.role.data))
            flash(_("La organización quedó en la Mesa Técnica con ese papel."), "success")
            return redirect(url_for(".page", _anchor="miembros"))
    return render_template("forum/member_form.html", form=form), form_status(form)


@bp.route("/mesa-tecnica/reuniones/<int:meeting_id>/documentos/nuevo",
          methods=["GET", "POST"])
@login_required
def new_document(meeting_id: int):
    staff = current_person()
    enforce(permissions.manage_refusal(staff))
    found = db.get_or_404(ForumMeeting, meeting_id)
    request.max_content_length = DOCUMENT_MAX_BYTES + BODY_MARGIN
    form = DocumentForm()
    if form.validate_on_submit():
        with refusals_on(form, form_level=True):
            services.attach_document(staff=staff, meeting=found, title=form.title.data,
                                     upload=request.files.get("document"))
            flash(_("El documento quedó adjunto a la reunión."), "success")
            return redirect(url_for(".meeting", meeting_id=found.id, _anchor="documentos"),
                            code=303)
    return render_template("forum/document_form.html", form=form, meeting=found,
                           max_size=size_text(DOCUMENT_MAX_BYTES)), form_status(form)
