"""Outcomes per decision point, follow-up actions and their lists, decision lists of meetings."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.audit.services import log_read
from ivzflow.bodies.district_filter import district_choices, read_district
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import options, status_of, submit
from ivzflow.core.numbers import whole_number
from ivzflow.core.pdf import render_pdf
from ivzflow.core.web import require
from ivzflow.decisions import actions, outcomes as point_outcomes, permissions as can, queries, services
from ivzflow.decisions import decision_list as besluitenlijst
from ivzflow.decisions.forms import (
    STATUS_CHOICES, ActionForm, AdoptForm, OutcomesForm, StatusForm,
)
from ivzflow.decisions.models import ActionAssignment, FollowUpAction
from ivzflow.decisions.views import load_item
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.meetings.permissions import can_record_meeting
from ivzflow.meetings.record_forms import OUTCOME_CHOICES
from ivzflow.organisations.services import organisation_choices
from ivzflow.people.services import person_choices

bp = Blueprint("actions", __name__)

STATUS_LABELS = {c.value: c.label for c in STATUS_CHOICES}


@bp.app_context_processor
def _helpers():
    return {"action_status_label": lambda status: str(STATUS_LABELS.get(status, status)),
            "outcome_label": point_outcomes.label}


# --- outcomes ----------------------------------------------------------------------------------------

@bp.route("/decisions/<int:item_id>/outcomes", methods=["GET", "POST"])
def outcomes(item_id: int):
    item = load_item(item_id)
    require(can.can_record_outcomes(current_user, item))
    on_agenda = db.session.scalar(select(AgendaItem.id).where(AgendaItem.decision_item_id == item.id,
                                                              AgendaItem.meeting_id == item.target_meeting_id))
    if on_agenda is not None and can_record_meeting(current_user, item.target_meeting):
        # The outcome is entered once, with the rest of the meeting's record; the decision step follows from it.
        return redirect(url_for("agenda.record", meeting_id=item.target_meeting_id, _anchor=f"item-{on_agenda}"))
    if request.method == "POST":
        form = OutcomesForm()
    else:
        form = OutcomesForm(formdata=None, data={"version": item.version, "points": [
            {"point_id": p.id, "outcome": p.outcome or "", "decision_text": p.decision_text} for p in item.points]})
    for entry in form.points:
        entry.outcome.choices = options(OUTCOME_CHOICES)  # the labels of the meeting record

    def save():
        posted = {point_id: (entry.outcome.data, entry.decision_text.data)
                  for entry in form.points if (point_id := whole_number(entry.point_id.data, 1)) is not None}
        services.record_outcomes(current_user, item, posted, form.version.data)

    if done := submit(form, save, done=_("De uitkomsten per beslispunt zijn vastgelegd."),
                      to=url_for("decisions.show", item_id=item.id)):
        return done
    points = {p.id: p for p in item.points}
    return render_template("decisions/outcomes.html", item=item, form=form, points=points), status_of(form)


# --- follow-up actions -------------------------------------------------------------------------------

@bp.route("/actions")
def index():
    require(can.can_list_actions(current_user))
    picked = read_district(current_user, request.args.get("district"))  # his own actions are his anywhere
    visible = queries.filtered(queries.visible_items(current_user), districts=picked)
    return render_template("decisions/actions_index.html", mine=actions.my_actions(current_user),
                           overdue=actions.overdue_actions(visible=visible), districts=(district_choices(), picked),
                           my_organisation_id=current_user.person.organisation_id if current_user.person else None)


@bp.route("/decisions/<int:item_id>/actions/new", methods=["GET", "POST"])
def new(item_id: int):
    item = load_item(item_id)
    require(can.can_manage_actions(current_user) and can.secretariat_of(current_user, item))
    form = ActionForm()
    form.point_id.choices = options([(0, _("— geen —"))] + [(p.id, f"{p.number}. {p.text[:100]}") for p in item.points])
    form.owner_person_id.choices = person_choices(_("— geen persoon —"))
    form.organisation_ids.choices = organisation_choices(district_id=item.district_id)

    def save():
        return actions.create_action(
            current_user, item, description=form.description.data, due_on=form.due_on.data,
            owner_person_id=form.owner_person_id.data or None, organisation_ids=form.organisation_ids.data or [],
            all_municipalities=form.all_municipalities.data, point_id=form.point_id.data or None)

    if done := submit(form, save, done=_("De vervolgactie is aangemaakt."),
                      to=lambda action: url_for("actions.show", action_id=action.id)):
        return done
    return render_template("decisions/action_form.html", item=item, form=form), status_of(form)


def _load_action(action_id: int) -> FollowUpAction:
    """The action, or 404 also when the user may not see it."""
    action = db.get_or_404(FollowUpAction, action_id)
    if not can.can_view_action(current_user, action):
        abort(404)
    return action


def _action_page(action: FollowUpAction, form: StatusForm, status: int = 200, failed: tuple | None = None):
    return render_template("decisions/action.html", action=action, form=form, status_choices=STATUS_CHOICES,
                           failed=failed), status


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
def show(action_id: int):
    action = _load_action(action_id)
    if request.method == "GET":
        form = StatusForm(formdata=None, data={"version": action.version, "status": action.status,
                                               "note": action.notes})
        return _action_page(action, form)
    require(can.can_update_action(current_user, action))
    form = StatusForm()

    def save():
        return actions.set_action_status(current_user, action, form.status.data, form.note.data, form.version.data)

    def done_message(_result):  # the status the action has now
        return _("De status van de actie is nu: %(status)s.", status=STATUS_LABELS[action.status])

    if done := submit(form, save, done=done_message, to=url_for("actions.show", action_id=action.id)):
        return done
    return _action_page(action, form, status_of(form))


@bp.route("/actions/<int:action_id>/assignments/<int:assignment_id>", methods=["POST"])
def assignment(action_id: int, assignment_id: int):
    action = _load_action(action_id)
    part = db.get_or_404(ActionAssignment, assignment_id)
    if part.action_id != action.id:
        abort(404)
    require(can.can_update_assignment(current_user, part))
    form = StatusForm()

    def save():
        return actions.set_assignment_status(current_user, part, form.status.data, form.note.data, form.version.data)

    def done_message(_result):  # the status the part has now
        return _("%(org)s: %(status)s.", org=part.organisation.name, status=STATUS_LABELS[part.status])

    if done := submit(form, save, done=done_message,
                      to=url_for("actions.show", action_id=action.id, _anchor=f"assignment-{part.id}")):
        return done
    messages = form.form_errors + [m for errors in form.errors.values() if isinstance(errors, list)
                                   for m in errors if isinstance(m, str)]
    return _action_page(action, StatusForm(formdata=None, data={"version": action.version, "status": action.status}),
                        status_of(form), failed=(part.id, list(dict.fromkeys(messages))))


# --- decision lists ----------------------------------------------------------------------------------

def _load_meeting(meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    if not can.can_view_decision_list(current_user, meeting):
        abort(404)
    return meeting


def _listing(meeting: Meeting) -> dict:
    """The decision list with only what this user may see: attendance, every item's result, the proposals'
    outcomes per point at this meeting and their follow-up actions."""
    found = besluitenlijst.listing(current_user, meeting)
    record = found.record
    adopted_id = record.adopted_at_meeting_id if record else None
    adopted_at = db.session.get(Meeting, adopted_id) if adopted_id else None
    return {"meeting": meeting, "entries": found.entries, "attendees": found.attendees, "record": record,
            "adopted_at_meeting": adopted_at, "actions": actions.actions_by_item([i.id for i in found.items])}


def _later_meetings(meeting: Meeting) -> list:
    later = db.session.scalars(select(Meeting).where(
        Meeting.body_id == meeting.body_id, Meeting.start_at > meeting.start_at, Meeting.state != "cancelled")
        .order_by(Meeting.start_at).limit(6))
    return options((m.id, m.name) for m in later)


@bp.route("/meetings/<int:meeting_id>/decisions")
def decision_list(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    form = AdoptForm()
    form.meeting_id.choices = _later_meetings(meeting)
    return render_template("decisions/decision_list.html", form=form, **_listing(meeting))


@bp.route("/meetings/<int:meeting_id>/decisions.pdf")
def decision_list_pdf(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    pdf = render_pdf("decisions/decision_list_pdf.html", **_listing(meeting))
    log_read("export", "meeting", meeting.id, format="decisions.pdf")
    filename = f"besluitenlijst-{meeting.id}-{meeting.local_day.isoformat()}.pdf"
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{filename}"'})


@bp.route("/meetings/<int:meeting_id>/decisions/adopt", methods=["POST"])
def adopt_decision_list(meeting_id: int):
    meeting = _load_meeting(meeting_id)
    require(can.can_adopt_decision_list(current_user, meeting))
    form = AdoptForm()
    form.meeting_id.choices = _later_meetings(meeting)
    if not form.validate_on_submit():
        flash(_("Kies de vergadering waarin de besluitenlijst is vastgesteld."), "error")
        return redirect(url_for("actions.decision_list", meeting_id=meeting.id))
    try:
        services.adopt_decision_list(current_user, meeting, db.get_or_404(Meeting, form.meeting_id.data))
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("De besluitenlijst is vastgesteld."), "success")
    return redirect(url_for("actions.decision_list", meeting_id=meeting.id))
