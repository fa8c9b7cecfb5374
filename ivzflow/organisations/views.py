"""Organisations: municipalities with their basisteam and inhabitants, and the partners."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.bodies.permissions import can_manage_in, can_manage_structure, can_view_structure
from ivzflow.core.forms import status_of, submit
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.organisations import services
from ivzflow.organisations.forms import OrganisationForm
from ivzflow.organisations.models import CLASSIFICATIONS, Organisation
from ivzflow.people.models import Person

bp = Blueprint("organisations", __name__)


@bp.route("/organisations")
def index():
    require(can_view_structure(current_user))
    organisations = services.list_organisations()
    municipalities = [o for o in organisations if o.classification == "gemeente"]
    return render_template(
        "organisations/index.html", organisations=organisations, municipalities=municipalities,
        partners=[o for o in organisations if o.classification != "gemeente"],
        total_inhabitants=sum(o.inhabitants or 0 for o in municipalities),
        has_demo_values=any(o.inhabitants_is_demo for o in municipalities), CLASSIFICATIONS=CLASSIFICATIONS)


@bp.route("/organisations/<int:org_id>")
def show(org_id: int):
    require(can_view_structure(current_user))
    org = db.get_or_404(Organisation, org_id)
    people = list(db.session.scalars(select(Person).where(Person.organisation_id == org.id).order_by(Person.name)))
    return render_template("organisations/show.html", org=org, people=people, CLASSIFICATIONS=CLASSIFICATIONS)


def _fill(form: OrganisationForm, exclude_id: int | None = None) -> None:
    form.basisteam_id.choices = services.basisteam_choices(_("— geen —"))
    form.parent_id.choices = [c for c in services.organisation_choices(_("— geen —")) if c.value != exclude_id]


def _values(form: OrganisationForm) -> dict:
    return dict(name=form.name.data, short_name=form.short_name.data or None,
                classification=form.classification.data, basisteam_id=form.basisteam_id.data or None,
                parent_id=form.parent_id.data or None, inhabitants=form.inhabitants.data,
                inhabitants_is_demo=form.inhabitants_is_demo.data, website=form.website.data or None,
                notes=form.notes.data or None)


@bp.route("/organisations/new", methods=["GET", "POST"])
def new():
    require(can_manage_structure(current_user))
    form = OrganisationForm()
    _fill(form)
    if done := submit(form, lambda: services.save_organisation(None, **_values(form)),
                      done=_("De organisatie is aangemaakt."),
                      to=lambda org: url_for("organisations.show", org_id=org.id)):
        return done
    return render_template("organisations/form.html", form=form, org=None), status_of(form)


@bp.route("/organisations/<int:org_id>/edit", methods=["GET", "POST"])
def edit(org_id: int):
    org = db.get_or_404(Organisation, org_id)
    require(can_manage_structure(current_user) and can_manage_in(current_user, org.district_id))
    form = OrganisationForm(obj=org if request.method == "GET" else None)
    _fill(form, exclude_id=org.id)
    if request.method == "GET":
        form.basisteam_id.data = org.basisteam_id or 0
        form.parent_id.data = org.parent_id or 0
    if done := submit(form, lambda: services.save_organisation(org, version=form.version.data, **_values(form)),
                      done=_("De organisatie is bijgewerkt."), to=url_for("organisations.show", org_id=org.id)):
        return done
    return render_template("organisations/form.html", form=form, org=org), status_of(form)
