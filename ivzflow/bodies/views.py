"""Bodies, seats, memberships and the portfolio allocation."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.bodies import services
from ivzflow.bodies.forms import (
    AppointForm, AtDateForm, BodyForm, EndMembershipForm, RelationForm, RotateForm, SeatForm,
)
from ivzflow.bodies.labels import BODY_KINDS, RELATION_KINDS, SEAT_ROLES
from ivzflow.bodies.models import Body, BodyRelation, Membership, PortfolioAssignment, Seat
from ivzflow.bodies.permissions import can_manage_in, can_manage_memberships, can_manage_structure, can_view_structure
from ivzflow.core import clock
from ivzflow.core.forms import options, status_of, submit
from ivzflow.core.i18n import day_in_words
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.organisations.services import basisteam_choices, organisation_choices
from ivzflow.people.models import Person
from ivzflow.people.services import person_choices

bp = Blueprint("bodies", __name__)


@bp.app_context_processor
def _labels():
    return {"BODY_KINDS": BODY_KINDS, "RELATION_KINDS": RELATION_KINDS, "SEAT_ROLES": SEAT_ROLES,
            "can_manage_structure": can_manage_structure, "can_manage_memberships": can_manage_memberships}


@bp.route("/bodies")
def index():
    require(can_view_structure(current_user))
    return render_template("bodies/index.html", bodies=services.list_bodies())


@bp.route("/bodies/<int:body_id>")
def show(body_id: int):
    require(can_view_structure(current_user))
    body = db.get_or_404(Body, body_id)
    at_form = AtDateForm(request.args)
    on = at_form.on.data if at_form.validate() and at_form.on.data else clock.today()
    page = services.body_page(body, on)
    return render_template("bodies/show.html", page=page, at_form=at_form, is_today=on == clock.today())


@bp.route("/bodies/<int:body_id>/history")
def history(body_id: int):
    require(can_view_structure(current_user))
    body = db.get_or_404(Body, body_id)
    return render_template("bodies/history.html", body=body, memberships=services.body_history(body.id))


def _fill_body_choices(form: BodyForm) -> None:
    form.basisteam_id.choices = basisteam_choices(_("— geen —"))
    form.organisation_id.choices = organisation_choices(_("— geen —"))


def _body_values(form: BodyForm) -> dict:
    return dict(name=form.name.data, short_name=form.short_name.data or None, kind=form.kind.data,
                description=form.description.data or None, basisteam_id=form.basisteam_id.data or None,
                organisation_id=form.organisation_id.data or None, grants_role=form.grants_role.data or None)


@bp.route("/bodies/new", methods=["GET", "POST"])
def new():
    require(can_manage_structure(current_user))
    form = BodyForm()
    _fill_body_choices(form)
    if done := submit(form, lambda: services.save_body(None, **_body_values(form)),
                      done=_("Het gremium is aangemaakt."), to=lambda body: url_for("bodies.show", body_id=body.id)):
        return done
    return render_template("bodies/form.html", form=form, body=None), status_of(form)


@bp.route("/bodies/<int:body_id>/edit", methods=["GET", "POST"])
def edit(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_structure(current_user) and can_manage_in(current_user, body.district_id))
    form = BodyForm(obj=body if request.method == "GET" else None)
    _fill_body_choices(form)
    if request.method == "GET":
        form.basisteam_id.data = body.basisteam_id or 0
        form.organisation_id.data = body.organisation_id or 0
        form.grants_role.data = body.grants_role or ""
    if done := submit(form, lambda: services.save_body(body, version=form.version.data, **_body_values(form)),
                      done=_("Het gremium is bijgewerkt."), to=url_for("bodies.show", body_id=body.id)):
        return done
    return render_template("bodies/form.html", form=form, body=body), status_of(form)


@bp.route("/bodies/<int:body_id>/relations", methods=["GET", "POST"])
def relations(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_structure(current_user) and can_manage_in(current_user, body.district_id))
    form = RelationForm()
    form.target_id.choices = options((b.id, b.name) for b, _n in services.list_bodies() if b.id != body.id)

    def save():
        return services.add_relation(body, db.get_or_404(Body, form.target_id.data), form.kind.data, form.note.data)

    if done := submit(form, save, done=_("De relatie is toegevoegd."), to=url_for("bodies.show", body_id=body.id)):
        return done
    return render_template("bodies/relation_form.html", form=form, body=body), status_of(form)


@bp.route("/relations/<int:relation_id>/delete", methods=["POST"])
def delete_relation(relation_id: int):
    relation = db.get_or_404(BodyRelation, relation_id)
    require(can_manage_structure(current_user) and can_manage_in(current_user, relation.source.district_id))
    body_id = relation.source_id
    services.remove_relation(relation)
    db.session.commit()
    flash(_("De relatie is verwijderd."), "success")
    return redirect(url_for("bodies.show", body_id=body_id))


# --- seats -------------------------------------------------------------------------------------------

def _fill_seat_choices(form: SeatForm) -> None:
    orgs = organisation_choices(_("— geen —"))
    people = person_choices(_("— nog niet bekend —"))
    form.organisation_id.choices = orgs
    for entry in form.pool:
        entry.organisation_id.choices = orgs
        entry.person_id.choices = people


def _pool_from_form(form: SeatForm) -> list[tuple[int, int | None]]:
    return [(e.organisation_id.data, e.person_id.data or None) for e in form.pool if e.organisation_id.data]


def _seat_values(form: SeatForm) -> dict:
    return dict(name=form.name.data, role=form.role.data, position=form.position.data or 0,
                term_months=form.term_months.data, rotates=form.rotates.data,
                organisation_id=form.organisation_id.data or None)


def _seat_form(seat: Seat | None) -> SeatForm:
    if request.method == "POST":
        form = SeatForm()
    else:
        form = SeatForm(obj=seat)
        form.pool.entries = []
        for entry in (seat.pool if seat else []):
            form.pool.append_entry({"organisation_id": entry.organisation_id, "person_id": entry.person_id or 0})
        if seat:
            form.organisation_id.data = seat.organisation_id or 0
    while len(form.pool.entries) < (len(seat.pool) if seat else 0) + 3 and request.method == "GET":
        form.pool.append_entry({"organisation_id": 0, "person_id": 0})
    _fill_seat_choices(form)
    return form


@bp.route("/bodies/<int:body_id>/seats/new", methods=["GET", "POST"])
def new_seat(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_structure(current_user) and can_manage_in(current_user, body.district_id))
    form = _seat_form(None)
    if done := submit(form, lambda: services.save_seat(None, body, pool=_pool_from_form(form), **_seat_values(form)),
                      done=_("De zetel is aangemaakt."), to=url_for("bodies.show", body_id=body.id)):
        return done
    return render_template("bodies/seat_form.html", form=form, body=body, seat=None), status_of(form)


@bp.route("/seats/<int:seat_id>/edit", methods=["GET", "POST"])
def edit_seat(seat_id: int):
    seat = db.get_or_404(Seat, seat_id)
    require(can_manage_structure(current_user) and can_manage_in(current_user, seat.body.district_id))
    form = _seat_form(seat)

    def save():
        return services.save_seat(seat, seat.body, version=form.version.data, pool=_pool_from_form(form),
                                  **_seat_values(form))

    if done := submit(form, save, done=_("De zetel is bijgewerkt."), to=url_for("bodies.show", body_id=seat.body_id)):
        return done
    return render_template("bodies/seat_form.html", form=form, body=seat.body, seat=seat), status_of(form)


# --- memberships -------------------------------------------------------------------------------------

@bp.route("/seats/<int:seat_id>/appoint", methods=["GET", "POST"])
def appoint(seat_id: int):
    seat = db.get_or_404(Seat, seat_id)
    require(can_manage_memberships(current_user) and can_manage_in(current_user, seat.body.district_id))
    form = AppointForm(is_deputy=request.args.get("deputy") == "1")
    form.person_id.choices = person_choices(_("— kies —"))
    form.on_behalf_of_id.choices = organisation_choices(_("— organisatie van de persoon —"))
    if request.method == "GET" and form.start_on.data is None:
        form.start_on.data = clock.today()

    def save():
        person = db.get_or_404(Person, form.person_id.data)
        on_behalf_of = db.session.get(Organisation, form.on_behalf_of_id.data) if form.on_behalf_of_id.data else None
        services.appoint(current_user, seat, person, form.start_on.data, on_behalf_of=on_behalf_of,
                         is_deputy=form.is_deputy.data, term_ends_on=form.term_ends_on.data)

    if done := submit(form, save, done=_("Het lidmaatschap is vastgelegd."),
                      to=url_for("bodies.show", body_id=seat.body_id)):
        return done
    return render_template("bodies/appoint.html", form=form, seat=seat,
                           history=services.seat_history(seat.id)), status_of(form)


@bp.route("/memberships/<int:membership_id>/end", methods=["GET", "POST"])
def end_membership(membership_id: int):
    membership = db.get_or_404(Membership, membership_id)
    require(can_manage_memberships(current_user) and can_manage_in(current_user, membership.body.district_id))
    form = EndMembershipForm()
    if request.method == "GET":
        form.version.data = membership.version
        form.end_on.data = clock.today()

    def save():
        return services.end_membership(current_user, membership, form.end_on.data, form.reason.data,
                                       version=form.version.data)

    if done := submit(form, save, done=_("Het lidmaatschap is beëindigd."),
                      to=url_for("bodies.show", body_id=membership.body_id)):
        return done
    return render_template("bodies/end_membership.html", form=form, membership=membership), status_of(form)


@bp.route("/seats/<int:seat_id>/rotate", methods=["GET", "POST"])
def rotate(seat_id: int):
    seat = db.get_or_404(Seat, seat_id)
    require(can_manage_memberships(current_user) and can_manage_in(current_user, seat.body.district_id))
    form = RotateForm()
    form.organisation_id.choices = organisation_choices(_("— volgende in de rotatievolgorde —"))
    form.person_id.choices = person_choices(_("— vertegenwoordiger uit de rotatievolgorde —"))
    holder = services.current_holder(seat, clock.today())
    proposal = services.next_in_pool(seat, holder)
    if request.method == "GET":
        form.version.data = seat.version
        form.effective_on.data = (holder.term_ends_on + timedelta(days=1)) if holder and holder.term_ends_on else clock.today()
        form.organisation_id.data = proposal.organisation_id if proposal else 0
        form.person_id.data = (proposal.person_id or 0) if proposal else 0

    def save():
        organisation = db.session.get(Organisation, form.organisation_id.data) if form.organisation_id.data else None
        person = db.session.get(Person, form.person_id.data) if form.person_id.data else None
        _old, new = services.rotate_seat(current_user, seat, form.effective_on.data, organisation=organisation,
                                         person=person, version=form.version.data)
        return new

    def done_message(new: Membership) -> str:
        return _("De zetel is geroteerd: %(name)s neemt de zetel over per %(day)s.",
                 name=new.person.name, day=day_in_words(new.start_on))

    if done := submit(form, save, done=done_message,
                      to=url_for("bodies.history", body_id=seat.body_id, _anchor=f"seat-{seat.id}")):
        return done
    return render_template("bodies/rotate.html", form=form, seat=seat, holder=holder, proposal=proposal,
                           history=services.seat_history(seat.id)), status_of(form)


@bp.route("/portfolios")
def portfolios():
    require(can_view_structure(current_user))
    bodies = list(db.session.scalars(
        select(Body).where(Body.id.in_(select(PortfolioAssignment.body_id).distinct())).order_by(Body.name)))
    municipalities = list(db.session.scalars(
        select(Organisation).where(Organisation.classification == "gemeente").order_by(Organisation.name)))
    table = services.portfolio_overview([b.id for b in bodies])
    return render_template("bodies/portfolios.html", bodies=bodies, municipalities=municipalities, table=table)
