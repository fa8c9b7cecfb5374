"""The meeting record: attendance, results and notes per item, outcomes per decision point, held, minutes adopted."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.bodies.services import memberships_at
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import options, run_button, show_error, status_of
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require
from ivzflow.decisions import outcomes as point_outcomes
from ivzflow.extensions import db
from ivzflow.meetings import permissions as perm
from ivzflow.meetings import record as service
from ivzflow.meetings.agenda import build, load_items
from ivzflow.meetings.record_forms import RecordForm
from ivzflow.meetings.agenda_views import bp
from ivzflow.meetings.models import Meeting
from ivzflow.meetings.visibility import item_visibility
from ivzflow.people.models import Person


def _int(value) -> int | None:
    return whole_number(value, 1)


def _record_form(meeting: Meeting, members, items, proposals, stand_ins) -> RecordForm:
    if request.method == "POST":
        form = RecordForm()
    else:
        form = RecordForm(version=meeting.version)
        entries = service.entries_from(service.attendance_of(meeting))
        for member in members:
            entry = entries.get(member.person_id, service.AttendanceEntry(member.person_id))
            form.attendance.append_entry({"person_id": member.person_id, "status": entry.status,
                                          "stand_in_id": entry.stand_in_id or 0})
        for item in items:
            proposal = proposals.get(item.id)
            points = []
            if proposal is not None and proposal.editable:
                points = [{"point_id": p.id, "outcome": proposal.here[p.id].outcome if p.id in proposal.here else "",
                           "text": proposal.here[p.id].text if p.id in proposal.here else ""} for p in proposal.points]
            form.items.append_entry({"item_id": item.id, "version": item.version, "result": item.result or "",
                                     "minutes": item.minutes or "", "points": points})
    for row in form.attendance:
        choices = stand_ins.get(_int(row.person_id.data) or 0, [])
        current = _int(row.stand_in_id.data)
        if current and current not in {pid for pid, _name in choices}:  # kept as recorded, whoever it was
            person = db.session.get(Person, current)
            choices = choices + ([(person.id, person.name)] if person else [])
        row.stand_in_id.choices = options([(0, _("— kies wie verving —")), *choices])
    return form


def _outcomes(row) -> dict[int, tuple[str, str]]:
    return {point_id: (p.outcome.data or "", p.text.data or "")
            for p in row.points if (point_id := _int(p.point_id.data)) is not None}


@bp.route("/meetings/<int:meeting_id>/record", methods=["GET", "POST"])
def record(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_record_meeting(current_user, meeting))
    memberships = memberships_at(meeting.local_day, body_id=meeting.body_id)
    members = service.members_of(meeting, memberships)
    items = load_items(meeting)
    proposals = service.proposals_of(current_user, meeting, items)
    stand_ins = service.stand_in_options(meeting, memberships)
    form = _record_form(meeting, members, items, proposals, stand_ins)
    if form.validate_on_submit():
        entries = [service.AttendanceEntry(_int(row.person_id.data) or 0, row.status.data or "",
                                           _int(row.stand_in_id.data)) for row in form.attendance]
        if form.all_present.data:
            entries = service.everyone_present(entries)
        try:
            warnings = service.save_record(
                current_user, meeting, version=form.version.data, attendance=entries,
                results=[service.ItemRecord(_int(row.item_id.data) or 0, row.version.data, row.result.data,
                                            row.minutes.data, _outcomes(row)) for row in form.items])
        except DomainError as exc:
            show_error(form, exc)  # rolls the half-done record back
        else:
            db.session.commit()
            flash(_("Iedereen is als aanwezig vastgelegd; geef hieronder aan wie er niet was.")
                  if form.all_present.data else _("Het verloop van de vergadering is opgeslagen."), "success")
            for warning in warnings:
                flash(warning, "warning")
            return redirect(url_for("agenda.record", meeting_id=meeting.id), code=303)
    agenda = build(meeting, items, item_visibility(current_user, meeting))
    return render_template(
        "agenda/record.html", meeting=meeting, form=form, agenda=agenda, proposals=proposals,
        members={m.person_id: m for m in members}, items={row.item.id: row for row in agenda.rows},
        attendance=service.attendance_of(meeting), status_label=service.status_label,
        outcome_label=point_outcomes.label,
    ), status_of(form)


@bp.route("/meetings/<int:meeting_id>/held", methods=["POST"])
def mark_held(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_record_meeting(current_user, meeting))
    return run_button(url_for("agenda.record", meeting_id=meeting.id),
                      lambda version: service.mark_held(current_user, meeting, version=version),
                      _("De vergadering is gehouden."))


@bp.route("/meetings/<int:meeting_id>/minutes-adopted", methods=["POST"])
def adopt_minutes(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_record_meeting(current_user, meeting))
    return run_button(url_for("agenda.record", meeting_id=meeting.id),
                      lambda version: service.adopt_minutes(current_user, meeting, version=version),
                      _("Het verslag is vastgesteld."))
