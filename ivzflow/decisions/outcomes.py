"""The result of a proposal, entered once: per decision point what a meeting decided.

Each meeting keeps its own outcome per point (PointOutcome), so a point deferred at one meeting and decided at a
later one stays 'aangehouden' in the first meeting's decision list. The point itself carries its final outcome.
When every open point of a proposal has an outcome at the meeting it is on, the deciding step of its workflow
follows from them (`DECISION_STEPS`): nobody types the decision a second time on the proposal's page, and the
step shows in the proposal's timeline like any other.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.decisions.models import DecisionItem, DecisionPoint, PointOutcome
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting
from ivzflow.workflows import engine

OUTCOMES = ("adopted", "amended", "deferred", "rejected", "noted")
LABELS = {"adopted": _l("Aangenomen"), "amended": _l("Gewijzigd aangenomen"), "deferred": _l("Aangehouden"),
          "rejected": _l("Verworpen"), "noted": _l("Voor kennisgeving aangenomen")}
# The workflow step that a meeting's outcomes make, by transition name, first match wins.
DECISION_STEPS = (("deferred", "aanhouden"), ("adopted", "vaststellen"), ("amended", "vaststellen"),
                  ("rejected", "afwijzen"), ("noted", "kennisnemen"))
STEP_NAMES = frozenset(name for _outcome, name in DECISION_STEPS)


def label(outcome: str | None) -> str:
    return str(LABELS[outcome]) if outcome in LABELS else (outcome or "")


def outcomes_at(meeting_id: int, point_ids) -> dict[int, PointOutcome]:
    """{point id: what this meeting decided on it}, for these points. One query."""
    point_ids = list(point_ids)
    if not point_ids:
        return {}
    return {row.point_id: row for row in db.session.scalars(
        select(PointOutcome).where(PointOutcome.meeting_id == meeting_id, PointOutcome.point_id.in_(point_ids)))}


def awaits_decision(item: DecisionItem, meeting: Meeting) -> bool:
    """The proposal is before this meeting and its deciding step has not been taken yet."""
    if item.target_meeting_id != meeting.id or item.state.is_final:
        return False
    return any(t.from_state_id == item.state_id and t.name in STEP_NAMES for t in item.workflow_version.transitions)


def open_points(item: DecisionItem, meeting: Meeting) -> list[DecisionPoint]:
    """The points this meeting decides: those not decided at an earlier meeting."""
    return [p for p in item.points if p.outcome is None or p.decided_at_meeting_id in (None, meeting.id)]


def note_outcome(point: DecisionPoint, meeting_id: int, outcome: str, text: str | None, user,
                 existing: PointOutcome | None = None) -> PointOutcome:
    """Keep what a meeting decided on a point, and the point's own (final) outcome with it."""
    row = existing or db.session.scalar(select(PointOutcome).where(
        PointOutcome.point_id == point.id, PointOutcome.meeting_id == meeting_id))
    if row is None:
        row = PointOutcome(point_id=point.id, point=point, meeting_id=meeting_id, outcome=outcome)
        db.session.add(row)
    row.outcome, row.text = outcome, text
    row.recorded_at, row.recorded_by_id = clock.now(), getattr(user, "id", None)
    if outcome == "deferred":
        point.outcome = point.decision_text = point.decided_at_meeting_id = None
    else:
        point.outcome, point.decision_text, point.decided_at_meeting_id = outcome, text, meeting_id
    return row


def record(actor, meeting: Meeting, item: DecisionItem, posted: dict[int, tuple[str | None, str | None]],
           existing: dict[int, PointOutcome]) -> None:
    """Per open point of the item the outcome at this meeting and its text; an empty outcome clears it."""
    for point in open_points(item, meeting):
        outcome, text = posted.get(point.id, (None, None))
        outcome, text = (outcome or "").strip(), (text or "").strip()[:5000] or None
        row = existing.get(point.id)
        if not outcome:
            if row is not None:
                db.session.delete(row)
            point.outcome = point.decision_text = point.decided_at_meeting_id = None
            continue
        if outcome not in OUTCOMES:
            raise ValidationError(_("Onbekende uitkomst bij beslispunt %(n)d van '%(title)s'.", n=point.number,
                                    title=item.title))
        if outcome == "amended" and not text:
            raise ValidationError(_("Schrijf bij beslispunt %(n)d van '%(title)s' hoe het gewijzigd is aangenomen.",
                                    n=point.number, title=item.title))
        note_outcome(point, meeting.id, outcome, text, actor, row)


def next_meeting(item: DecisionItem, meeting: Meeting) -> Meeting | None:
    """The deciding body's next meeting after this one, where a deferred proposal goes."""
    return db.session.scalar(select(Meeting).where(
        Meeting.body_id == item.decision_body_id, Meeting.start_at > meeting.start_at, Meeting.state != "cancelled")
        .order_by(Meeting.start_at).limit(1))


def follow_decision(actor, meeting: Meeting, item: DecisionItem) -> str | None:
    """Take the deciding step that the meeting's outcomes make, once every open point has one.

    Returns why it could not be taken yet (shown to the secretariat), or None when it was taken or is not due."""
    points = open_points(item, meeting)
    known = outcomes_at(meeting.id, [p.id for p in points])
    if not points or len(known) < len(points):
        return None
    present = {row.outcome for row in known.values()}
    name = next(step for outcome, step in DECISION_STEPS if outcome in present)
    params = {}
    if name == "aanhouden":
        later = next_meeting(item, meeting)
        if later is None:
            return _("'%(title)s' is aangehouden, maar %(body)s heeft nog geen volgende vergadering; plan die en leg "
                     "het verloop daarna opnieuw vast.", title=item.title, body=item.decision_body.name)
        if later.state not in ("planned", "preparing"):
            return _("'%(title)s' is aangehouden, maar de agenda van %(name)s is al vastgesteld; heropen die en leg "
                     "het verloop daarna opnieuw vast.", title=item.title, name=later.name)
        params["meeting_id"] = later.id
    option = next((o for o in engine.options(item, actor) if o.transition.name == name), None)
    if option is None:
        return _("U mag de stap '%(step)s' van '%(title)s' niet zetten.", step=name, title=item.title)
    if not option.allowed:
        return _("De stap '%(step)s' van '%(title)s' volgt nog niet: %(reasons)s", step=option.label,
                 title=item.title, reasons=" ".join(option.reasons))
    engine.take(item, name, actor, comment=_("Volgt uit het verloop van %(name)s.", name=meeting.name), params=params)
    return None
