"""Meetings: cycle rules, planning a year, one meeting (move, cancel, host, state), compliance, holidays."""
from __future__ import annotations

from datetime import date, time

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.errors import DomainError, ValidationError
from ivzflow.core.forms import options, status_of, submit
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require
from ivzflow.bodies.districts import is_secretariat_of_body
from ivzflow.extensions import db
from ivzflow.meetings import hosts, locations, services
from ivzflow.meetings.forms import (
    CancelForm, HolidaysForm, HostForm, LocationForm, MeetingForm, MoveForm, RosterForm, RuleForm, StateForm, YearForm,
)
from ivzflow.meetings.models import Location, Meeting
from ivzflow.meetings.permissions import (
    can_manage_calendar, can_move_meeting, can_record_meeting, can_view_agenda, can_view_meeting,
)
from ivzflow.organisations.services import organisation_choices
from ivzflow.settings.services import get_setting, set_settings, settings_version

bp = Blueprint("meetings", __name__)


bp.add_app_template_global(services.state_label, "state_label")  # globals reach imported macros too
bp.add_app_template_global(services.deadline_label, "deadline_label")


@bp.app_context_processor
def _helpers():
    return {"can_manage_calendar": can_manage_calendar, "can_view_agenda": can_view_agenda,
            "can_move_meeting": can_move_meeting, "can_record_meeting": can_record_meeting}


def _year_arg() -> int:
    raw = request.args.get("year", "")
    return whole_number(raw, 2000, 2100) or clock.today().year


def _start(form) -> object:
    services.check_meeting_day(form.start_on.data)  # before the arithmetic: year 1 has no day before it
    return clock.local_to_utc(form.start_on.data, form.start_time.data.hour, form.start_time.data.minute)


# --- rules -------------------------------------------------------------------------------------------

@bp.route("/bodies/<int:body_id>/rule", methods=["GET", "POST"])
def rule(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_calendar(current_user) and is_secretariat_of_body(current_user, body.id))
    existing = services.rule_of(body.id)
    form = RuleForm(obj=existing if request.method == "GET" else None)
    form.anchor_body_id.choices = options([(0, _("— geen —"))] + [
        (b.id, b.name) for b in db.session.scalars(select(Body).where(Body.id != body.id).order_by(Body.name))])
    if request.method == "GET":
        if existing:
            form.weekday.data = existing.weekday if existing.weekday is not None else -1
            form.anchor_body_id.data = existing.anchor_body_id or 0
            form.start_time.data = _time(existing.start_time)
        else:
            form.process(data={"per_year": 4, "duration_minutes": 90, "weekday": -1, "start_time": _time("09:30"),
                               "submission_days": 21, "agenda_fixed_days": 14, "documents_days": 7,
                               "anchor_offset": 0})
    if done := submit(form, lambda: services.save_rule(body, version=form.version.data or None, **_rule_values(form)),
                      done=_("De vergaderregel is opgeslagen."), to=url_for("meetings.plan", body_id=body.id)):
        return done
    return render_template("meetings/rule.html", form=form, body=body), status_of(form)


def _time(text: str) -> time:
    hour, minute = (int(p) for p in text.split(":"))
    return time(hour, minute)


def _rule_values(form: RuleForm) -> dict:
    return dict(per_year=form.per_year.data, exactly=form.exactly.data, duration_minutes=form.duration_minutes.data,
                weekday=None if form.weekday.data < 0 else form.weekday.data,
                start_time=form.start_time.data.strftime("%H:%M"), anchor=form.anchor.data,
                anchor_body_id=form.anchor_body_id.data or None, anchor_offset=form.anchor_offset.data or 0,
                submission_days=form.submission_days.data, agenda_fixed_days=form.agenda_fixed_days.data,
                documents_days=form.documents_days.data, has_host_rotation=form.has_host_rotation.data)


# --- planning a year ---------------------------------------------------------------------------------

@bp.route("/bodies/<int:body_id>/plan")
def plan(body_id: int):
    """A body's meetings of a year; drafts only for those who plan or prepare them."""
    body = db.get_or_404(Body, body_id)
    year = _year_arg()
    meetings = [m for m in services.meetings_of(body.id, year, include_cancelled=True)
                if can_view_meeting(current_user, m)]
    active = [m for m in meetings if not m.is_cancelled]
    rule = services.rule_of(body.id)
    return render_template(
        "meetings/plan.html", body=body, year=year, meetings=meetings, rule=rule,
        anchor_missing=services.anchor_missing(rule, year),
        clashes=services.clashes(active), holidays=services.closed_days(year),
        form=YearForm(year=year), has_drafts=any(not m.is_published for m in active))


@bp.route("/bodies/<int:body_id>/plan/generate", methods=["POST"])
def generate(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_calendar(current_user) and is_secretariat_of_body(current_user, body.id))
    form = YearForm()
    if not form.validate_on_submit():
        flash(_("Kies een jaar tussen 2000 en 2100."), "error")
        return redirect(url_for("meetings.plan", body_id=body.id))
    try:
        result = services.generate_year(current_user, body, form.year.data)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("%(n)d vergaderingen gepland als concept; controleer ze en publiceer.", n=len(result.created)), "success")
        for line in result.skipped:
            flash(line, "info")
    return redirect(url_for("meetings.plan", body_id=body.id, year=form.year.data))


@bp.route("/bodies/<int:body_id>/plan/publish", methods=["POST"])
def publish(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_calendar(current_user) and is_secretariat_of_body(current_user, body.id))
    form = YearForm()
    if form.validate_on_submit():
        count = services.publish_year(current_user, body, form.year.data)
        db.session.commit()
        flash(_("%(n)d vergaderingen gepubliceerd.", n=count), "success")
    return redirect(url_for("meetings.plan", body_id=body.id, year=form.year.data or _year_arg()))


@bp.route("/bodies/<int:body_id>/meetings/new", methods=["GET", "POST"])
def new(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_calendar(current_user) and is_secretariat_of_body(current_user, body.id))
    rule = services.rule_of(body.id)
    form = MeetingForm()
    form.location_id.choices = locations.location_choices(_("— geen —"))
    if request.method == "GET":
        form.duration_minutes.data = rule.duration_minutes if rule else 90
        form.start_time.data = _time(rule.start_time if rule else "09:30")

    def save():
        meeting = services.create_meeting(
            current_user, body, _start(form), form.duration_minutes.data, name=form.name.data,
            publish=form.publish.data,
            location=db.session.get(Location, form.location_id.data) if form.location_id.data else None)
        if rule and rule.has_host_rotation and meeting.location is None:
            hosts.assign_hosts_in_turn([meeting])
        return meeting

    if done := submit(form, save, done=_("De vergadering is gepland."),
                      to=lambda meeting: url_for("meetings.show", meeting_id=meeting.id)):
        return done
    return render_template("meetings/new.html", form=form, body=body), status_of(form)


# --- one meeting -------------------------------------------------------------------------------------

def _load(meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    if not can_view_meeting(current_user, meeting):
        abort(404)  # an unpublished meeting does not exist for those who may not see it
    return meeting


@bp.route("/meetings/<int:meeting_id>")
def show(meeting_id: int):
    meeting = _load(meeting_id)
    return render_template(
        "meetings/show.html", meeting=meeting, changes=services.changes_of(meeting.id),
        skips=hosts.skips_of(meeting.id), next_states=sorted(services.NEXT_STATES[meeting.state]),
        dependents=services.dependents(meeting), state_form=StateForm(version=meeting.version))


@bp.route("/meetings/<int:meeting_id>/move", methods=["GET", "POST"])
def move(meeting_id: int):
    meeting = _load(meeting_id)
    require(can_move_meeting(current_user, meeting))
    form = MoveForm()
    if request.method == "GET":
        local = clock.local(meeting.start_at)
        form.process(data={"version": meeting.version, "start_on": local.date(), "start_time": local.time(),
                           "duration_minutes": meeting.duration_minutes, "with_dependents": True})

    def save():
        return services.move_meeting(current_user, meeting, _start(form), form.reason.data, version=form.version.data,
                                     with_dependents=form.with_dependents.data,
                                     duration_minutes=form.duration_minutes.data)

    if done := submit(form, save, done=lambda lines: _lines(_("Verplaatst:"), lines),
                      to=url_for("meetings.show", meeting_id=meeting.id)):
        return done
    return render_template("meetings/move.html", form=form, meeting=meeting,
                           dependents=services.dependents(meeting)), status_of(form)


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
def cancel(meeting_id: int):
    meeting = _load(meeting_id)
    require(can_move_meeting(current_user, meeting))
    form = CancelForm()
    if request.method == "GET":
        form.version.data = meeting.version
    if done := submit(form, lambda: services.cancel_meeting(current_user, meeting, form.reason.data,
                                                            version=form.version.data,
                                                            with_dependents=form.with_dependents.data),
                      done=lambda lines: _lines(_("Geannuleerd:"), lines),
                      to=url_for("meetings.show", meeting_id=meeting.id)):
        return done
    return render_template("meetings/cancel.html", form=form, meeting=meeting,
                           dependents=services.dependents(meeting)), status_of(form)


def _lines(title: str, lines: list[str]) -> str:
    return title + " " + "; ".join(line.strip() for line in lines) if lines else _("Er veranderde niets.")


@bp.route("/meetings/<int:meeting_id>/state", methods=["POST"])
def change_state(meeting_id: int):
    meeting = _load(meeting_id)
    require(can_record_meeting(current_user, meeting) or can_manage_calendar(current_user))
    form = StateForm()
    if form.validate_on_submit():
        try:
            services.change_state(current_user, meeting, form.state.data, version=form.version.data)
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
        db.session.commit()
        flash(_("De vergadering is nu: %(state)s.", state=services.state_label(meeting.state)), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/host", methods=["GET", "POST"])
def host(meeting_id: int):
    meeting = _load(meeting_id)
    require(can_move_meeting(current_user, meeting))
    roster = hosts.roster(meeting.body_id)
    choices = [(t.organisation_id, t.organisation.name) for t in roster]
    form = HostForm()
    form.organisation_id.choices = options([(0, _("— de eerstvolgende in het rooster —"))] + choices)
    form.skip_organisation_id.choices = options([(0, _("— niemand —"))] + choices)
    proposal = hosts.next_host(meeting)

    def save():
        skips = [(form.skip_organisation_id.data, form.skip_reason.data)] if form.skip_organisation_id.data else []
        return hosts.assign_host(meeting, organisation_id=form.organisation_id.data or None, skips=skips)

    if done := submit(form, save, done=lambda turn: _("Gastheer: %(org)s.", org=turn.organisation.name),
                      to=url_for("meetings.show", meeting_id=meeting.id)):
        return done
    return render_template("meetings/host.html", form=form, meeting=meeting, proposal=proposal,
                           roster=roster), status_of(form)


@bp.route("/bodies/<int:body_id>/hosts", methods=["GET", "POST"])
def roster(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_calendar(current_user) and is_secretariat_of_body(current_user, body.id))
    current = hosts.roster(body.id)
    form = RosterForm()
    if request.method == "GET":
        for turn in current:
            form.entries.append_entry({"organisation_id": turn.organisation_id, "location_id": turn.location_id or 0})
        for _i in range(3):
            form.entries.append_entry({"organisation_id": 0, "location_id": 0})
    orgs = organisation_choices(_("— geen —"))
    places = locations.location_choices(_("— eerste locatie van de organisatie —"))
    for entry in form.entries:
        entry.organisation_id.choices, entry.location_id.choices = orgs, places

    def save():
        hosts.save_roster(body.id, [(e.organisation_id.data, e.location_id.data or None)
                                    for e in form.entries if e.organisation_id.data])

    if done := submit(form, save, done=_("Het gastheerrooster is opgeslagen."),
                      to=url_for("meetings.roster", body_id=body.id)):
        return done
    return render_template("meetings/roster.html", form=form, body=body, roster=current), status_of(form)


# --- locations ---------------------------------------------------------------------------------------

@bp.route("/locations")
def location_list():
    require(can_manage_calendar(current_user))
    return render_template("meetings/locations.html", locations=locations.list_locations())


@bp.route("/locations/new", methods=["GET", "POST"], defaults={"location_id": None})
@bp.route("/locations/<int:location_id>/edit", methods=["GET", "POST"])
def location_form(location_id: int | None):
    require(can_manage_calendar(current_user))
    location = db.get_or_404(Location, location_id) if location_id else None
    form = LocationForm(obj=location if request.method == "GET" else None)
    form.organisation_id.choices = organisation_choices(_("— geen —"))
    if request.method == "GET" and location:
        form.organisation_id.data = location.organisation_id or 0

    def save():
        return locations.save_location(location, version=form.version.data or None,
                                       organisation_id=form.organisation_id.data or None, name=form.name.data,
                                       street=form.street.data, postcode=form.postcode.data, town=form.town.data,
                                       room=form.room.data)

    if done := submit(form, save, done=_("De locatie is opgeslagen."), to=url_for("meetings.location_list")):
        return done
    return render_template("meetings/location_form.html", form=form, location=location), status_of(form)


# --- compliance and holidays -------------------------------------------------------------------------

@bp.route("/compliance")
def compliance():
    require(can_manage_calendar(current_user))
    year = _year_arg()
    return render_template("meetings/compliance.html", year=year, rows=services.compliance(year))


HOLIDAY_SETTINGS = ("holidays.include_liberation_day", "holidays.extra_days")


@bp.route("/settings/holidays", methods=["GET", "POST"])
def holidays():
    require(can_manage_calendar(current_user))
    form = HolidaysForm()
    if request.method == "GET":
        form.version.data = settings_version(HOLIDAY_SETTINGS)
        form.include_liberation_day.data = bool(get_setting("holidays.include_liberation_day"))
        form.extra_days.data = "\n".join(get_setting("holidays.extra_days") or [])

    def save():
        try:
            days = sorted({date.fromisoformat(line.strip()).isoformat()
                           for line in (form.extra_days.data or "").splitlines() if line.strip()})
        except ValueError:
            raise ValidationError(_("Schrijf elke datum als 2015-12-28, één per regel."), field="extra_days") from None
        set_settings({"holidays.include_liberation_day": form.include_liberation_day.data,
                      "holidays.extra_days": days}, version=form.version.data)

    if done := submit(form, save, done=_("De vrije dagen zijn opgeslagen. Ze gelden voor wat u vanaf nu plant."),
                      to=url_for("meetings.holidays")):
        return done
    year = _year_arg()
    return render_template("meetings/holidays.html", form=form, year=year,
                           days=sorted((d, n) for d, n in services.closed_days(year).items() if d.year == year)), \
        status_of(form)
