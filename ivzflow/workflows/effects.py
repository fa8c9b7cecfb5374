"""Named effects: what a transition changes besides the item's state."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError
from ivzflow.core.numbers import whole_number
from ivzflow.decisions import route, tiers
from ivzflow.decisions.outcomes import note_outcome, outcomes_at
from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.workflows.registry import effect

ADVICE_VALUES = ("positief", "aanpassen", "negatief")
POINT_OUTCOME = {"vaststellen": "adopted", "afwijzen": "rejected", "kennisnemen": "noted"}


def _consultation(item, role: str, body_id: int | None = None):
    return next((c for c in item.route if c.role == role and (body_id is None or c.body_id == body_id)), None)


@effect("record_platform_advice")
def record_platform_advice(item, user, params):
    """The advice as given in a meeting of the advising body that had the proposal on its agenda (the guard
    advice_in_meeting sees to that); the advice is tied to that meeting."""
    advice, text = params.get("advice"), (params.get("advice_text") or "").strip()
    if advice not in ADVICE_VALUES:
        raise ValidationError(_("Kies het advies: positief, aanpassen of negatief."), field="advice")
    if not text:
        raise ValidationError(_("Schrijf de tekst van het advies."), field="advice_text")
    consultation = _consultation(item, "advice")
    if consultation is None:
        raise Conflict(_("Dit voorstel heeft geen adviserend gremium op zijn route."))
    held = [m for m in route.placed_meetings(item, consultation.body_id) if m.start_at <= clock.now()]
    meeting = held[-1] if held else None
    if params.get("meeting_id"):
        meeting_id = whole_number(params["meeting_id"], 1)  # from a form's list, or anything from the API
        if meeting_id is None or db.session.get(Meeting, meeting_id) is None:
            raise ValidationError(_("Deze vergadering bestaat niet."), field="meeting_id")
        meeting = next((m for m in held if m.id == meeting_id), None)
        if meeting is None:
            raise ValidationError(_("Het voorstel stond niet op de agenda van die vergadering van %(body)s.",
                                    body=consultation.body.name), field="meeting_id")
    if meeting is None:
        raise Conflict(_("Het voorstel stond nog niet op de agenda van een vergadering van %(body)s.",
                         body=consultation.body.name))
    consultation.result, consultation.result_text = advice, text[:5000]
    consultation.recorded_at, consultation.recorded_by_id = clock.now(), getattr(user, "id", None)
    consultation.meeting_id, consultation.meeting = meeting.id, meeting


def _put_on_agenda(item, meeting: Meeting, user=None) -> AgendaItem:
    """The proposal becomes an item of the meeting's agenda (which goes into preparation if it was not; on
    a sent agenda it is an amendment, sent again to the members). A fixed agenda must be reopened first."""
    if meeting.state == "fixed":
        raise Conflict(_("De agenda van %(name)s is al vastgesteld; heropen die eerst of kies een andere vergadering.",
                         name=meeting.name))
    agenda_item = agenda.add_item(user, meeting, title=item.title[:300], duration_minutes=15,
                                  is_public=item.confidentiality == "openbaar", section="common",
                                  presenter=item.trekker.name if item.trekker else None)
    agenda_item.decision_item_id = item.id
    decision = _consultation(item, "decision", item.decision_body_id)
    if decision is not None:
        decision.meeting_id = meeting.id
    return agenda_item


@effect("place_on_agenda")
def place_on_agenda(item, user, params):
    _put_on_agenda(item, item.target_meeting, user)


@effect("record_decision")
def record_decision(item, user, params):
    """The DVO's decision: the deciding step of the route gets its result, open points their outcome."""
    meeting = item.target_meeting
    outcome = POINT_OUTCOME.get(params.get("_transition"), "adopted")
    for point in item.points:
        if not point.outcome:
            point.outcome = outcome
        point.decided_at_meeting_id = point.decided_at_meeting_id or (meeting.id if meeting else None)
    _keep_outcomes(item, user, meeting)
    decision = _consultation(item, "decision", item.decision_body_id)
    if decision is not None:
        decision.result = params.get("_transition")
        decision.meeting_id = meeting.id if meeting else decision.meeting_id
        decision.recorded_at, decision.recorded_by_id = clock.now(), getattr(user, "id", None)
    for agenda_item in db.session.scalars(select(AgendaItem).where(AgendaItem.decision_item_id == item.id,
                                                                   AgendaItem.meeting_id == getattr(meeting, "id", None))):
        agenda_item.result = _result_label(params.get("_transition"))
    tiers.report_back(item, user, params.get("_transition"))  # a continuation's result goes back to its tier


def _keep_outcomes(item, user, meeting: Meeting | None, deferred: bool = False) -> None:
    """Each meeting keeps its own outcome per point (decisions.outcomes); a step taken by hand writes it too."""
    if meeting is None:
        return
    known = outcomes_at(meeting.id, [p.id for p in item.points])
    for point in item.points:
        if point.id in known:
            continue
        if point.outcome and point.decided_at_meeting_id == meeting.id:
            note_outcome(point, meeting.id, point.outcome, point.decision_text, user)
        elif deferred and not point.outcome:
            note_outcome(point, meeting.id, "deferred", None, user)


def _result_label(transition: str | None) -> str:
    return {"vaststellen": _("vastgesteld"), "afwijzen": _("afgewezen"), "kennisnemen": _("voor kennisgeving aangenomen"),
            "aanhouden": _("aangehouden")}.get(transition or "", transition or "")


@effect("defer_to_meeting")
def defer_to_meeting(item, user, params):
    """Aangehouden: the item goes to another (later) meeting of the deciding body."""
    try:
        meeting_id = int(params.get("meeting_id") or 0)
    except (TypeError, ValueError):
        meeting_id = 0
    meeting = db.session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is None or meeting.body_id != item.decision_body_id:
        raise ValidationError(_("Kies de vergadering van %(body)s waarnaar het voorstel wordt aangehouden.",
                                body=item.decision_body.name), field="meeting_id")
    current = item.target_meeting
    if current is not None and meeting.start_at <= current.start_at:
        raise ValidationError(_("Kies een latere vergadering dan %(name)s.", name=current.name), field="meeting_id")
    if current is not None:
        _keep_outcomes(item, user, current, deferred=True)
        for agenda_item in db.session.scalars(select(AgendaItem).where(
                AgendaItem.decision_item_id == item.id, AgendaItem.meeting_id == current.id)):
            agenda_item.result = _result_label("aanhouden")
    item.target_meeting = meeting
    item.target_meeting_id = meeting.id
    _put_on_agenda(item, meeting, user)
