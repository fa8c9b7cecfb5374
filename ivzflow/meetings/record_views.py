"""The meeting record: attendance, results and notes per item, held, minutes adopted."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.core.errors import DomainError
from ivzflow.core.forms import show_error, status_of
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.meetings import permissions as perm
from ivzflow.meetings import record as service
from ivzflow.meetings.agenda import build, load_items
from ivzflow.meetings.agenda_forms import RecordForm
from ivzflow.meetings.agenda_views import bp, run_button
from ivzflow.meetings.models import Meeting
from ivzflow.people.services import person_choices


def _int(value) -> int | None:
    return whole_number(value, 1)


def _record_form(meeting: Meeting, members, items) -> RecordForm:
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
            form.items.append_entry({"item_id": item.id, "version": item.version, "result": item.result or "",
                                     "minutes": item.minutes or ""})
    people = person_choices(_("— kies wie verving —"))
    for row in form.attendance:
        row.stand_in_id.choices = people
    return form


@bp.route("/meetings/<int:meeting_id>/record", methods=["GET", "POST"])
def record(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_record_meeting(current_user, meeting))
    members = service.members_of(meeting)
    items = load_items(meeting)
    form = _record_form(meeting, members, items)
    if form.validate_on_submit():
        try:
            service.save_record(
                current_user, meeting, version=form.version.data,
                attendance=[service.AttendanceEntry(_int(row.person_id.data) or 0, row.status.data or "",
                                                    row.stand_in_id.data or None) for row in form.attendance],
                results=[service.ItemRecord(_int(row.item_id.data) or 0, row.version.data, row.result.data,
                                            row.minutes.data) for row in form.items])
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("Het verloop van de vergadering is opgeslagen."), "success")
            return redirect(url_for("agenda.record", meeting_id=meeting.id), code=303)
    agenda = build(meeting, items, perm.item_visibility(current_user, meeting))
    return render_template(
        "agenda/record.html", meeting=meeting, form=form, agenda=agenda,
        members={m.person_id: m for m in members}, items={row.item.id: row for row in agenda.rows},
        attendance=service.attendance_of(meeting), status_label=service.status_label,
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
