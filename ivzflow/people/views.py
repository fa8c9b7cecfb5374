"""People and their memberships, now and at any date."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.bodies.forms import AtDateForm
from ivzflow.bodies.permissions import can_manage_in, can_manage_structure, can_view_structure
from ivzflow.bodies.services import person_memberships
from ivzflow.core import clock
from ivzflow.core.forms import status_of, submit
from ivzflow.core.pagination import Page
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.organisations.services import organisation_choices
from ivzflow.people import services
from ivzflow.people.forms import PeopleFilterForm, PersonForm
from ivzflow.people.models import Person

bp = Blueprint("people", __name__)
PER_PAGE = 50


@bp.route("/people")
def index():
    require(can_view_structure(current_user))
    form = PeopleFilterForm(request.args)
    form.organisation.choices = organisation_choices(_("Alle organisaties"))
    form.validate()
    page = Page.from_request(PER_PAGE)
    rows, total = services.list_people(form.q.data if not form.q.errors else None,
                                       form.organisation.data or None, limit=page.per_page, offset=page.offset)
    return render_template("people/index.html", rows=rows, form=form, page=page.with_total(total))


@bp.route("/people/<int:person_id>")
def show(person_id: int):
    require(can_view_structure(current_user))
    person = db.get_or_404(Person, person_id)
    at_form = AtDateForm(request.args)
    on = at_form.on.data if at_form.validate() and at_form.on.data else clock.today()
    memberships = person_memberships(person.id)
    return render_template("people/show.html", person=person, memberships=memberships, on=on, at_form=at_form,
                           current=[m for m in memberships if m.is_current_on(on)])


def _values(form: PersonForm) -> dict:
    return dict(name=form.name.data, function=form.function.data, organisation_id=form.organisation_id.data or None,
                email=form.email.data, phone=form.phone.data)


@bp.route("/people/new", methods=["GET", "POST"])
def new():
    require(can_manage_structure(current_user))
    form = PersonForm()
    form.organisation_id.choices = organisation_choices(_("— geen —"))
    if done := submit(form, lambda: services.save_person(None, **_values(form)),
                      done=_("De persoon is toegevoegd."),
                      to=lambda person: url_for("people.show", person_id=person.id)):
        return done
    return render_template("people/form.html", form=form, person=None), status_of(form)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
def edit(person_id: int):
    person = db.get_or_404(Person, person_id)
    require(can_manage_structure(current_user) and can_manage_in(
        current_user, person.organisation.district_id if person.organisation else None))
    form = PersonForm(obj=person if request.method == "GET" else None)
    form.organisation_id.choices = organisation_choices(_("— geen —"))
    if request.method == "GET":
        form.organisation_id.data = person.organisation_id or 0
    if done := submit(form, lambda: services.save_person(person, version=form.version.data, **_values(form)),
                      done=_("De persoon is bijgewerkt."), to=url_for("people.show", person_id=person.id)):
        return done
    return render_template("people/form.html", form=form, person=person), status_of(form)
