"""The route of a proposal through the chain, from its workflow definition and the bodies' structure.

The workflow says which kind of body gives the advice ("route": {"advising_body_kind": "platform"}); the
structure says the rest: the bodies such a body advises are the ones a proposal may go to for decision (each
district's DVO, advised by its own Platform; the first in the user's districts by default), and the bodies that take note of the deciding body's matters are on the
route too (deciding with it when the proposal touches both agendas). `plan()` (re)sets an item's route,
keeping the results already recorded, and aims its advice step at a meeting of the advising body.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from ivzflow.bodies.models import Body, BodyRelation, Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.decisions.models import Consultation
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Deadline, Meeting
from ivzflow.workflows.models import WorkflowVersion

# Definitions stored before the route was part of the data follow the chain of the action plan.
DEFAULT_ROUTE = {"advising_body_kind": "platform"}
CLOSED_MEETING_STATES = ("held", "minutes_adopted", "cancelled")
AGENDA_OPEN_STATES = ("planned", "preparing")


def spec(version: WorkflowVersion | None) -> dict:
    """The route part of a workflow definition."""
    found = (version.definition or {}).get("route") if version is not None else None
    return found if isinstance(found, dict) else DEFAULT_ROUTE


def advising_body(version: WorkflowVersion | None, decision_body: Body | None = None) -> Body | None:
    """The body that advises on proposals of this workflow (the Platform IVZ) for this deciding body: the one
    of the workflow's kind that advises it (each district has its own Platform); for a deciding body no such
    body advises (the agendacommissie, on spending), the body the structure says advises it (the
    functioneringscommissie). Without a deciding body: the first of that kind."""
    kind = spec(version).get("advising_body_kind")
    if decision_body is None:
        return db.session.scalar(select(Body).where(Body.kind == kind).order_by(Body.id).limit(1)) if kind else None
    if kind:
        adviser = db.session.scalar(
            select(Body).join(BodyRelation, BodyRelation.source_id == Body.id)
            .where(Body.kind == kind, BodyRelation.kind == "advises", BodyRelation.target_id == decision_body.id)
            .order_by(BodyRelation.id).limit(1))
        if adviser is not None:
            return adviser
    return own_adviser(decision_body)


def own_adviser(body: Body) -> Body | None:
    """The first body that advises this one."""
    return db.session.scalar(select(Body).join(BodyRelation, BodyRelation.source_id == Body.id).where(
        BodyRelation.kind == "advises", BodyRelation.target_id == body.id).order_by(BodyRelation.id).limit(1))


def deciding_bodies(version: WorkflowVersion | None, district_scope=None) -> list[Body]:
    """The bodies a proposal of this workflow may go to for decision: those a body of its advising kind
    advises (each district's DVO), in the order the relations were made. `district_scope`: an SQL condition on
    Body.district_id (bodies.districts.scope_clause), for the choices a user has. Without an advising kind:
    every advised body."""
    kind = spec(version).get("advising_body_kind")
    first = func.min(BodyRelation.id)
    query = (select(Body).join(BodyRelation, BodyRelation.target_id == Body.id)
             .where(BodyRelation.kind == "advises").group_by(Body.id).order_by(first))
    if kind:
        query = query.where(BodyRelation.source_id.in_(select(Body.id).where(Body.kind == kind)))
    if district_scope is not None:
        query = query.where(district_scope)
    return list(db.session.scalars(query))


def default_deciding_body(version: WorkflowVersion | None, district_scope=None) -> Body | None:
    bodies = deciding_bodies(version, district_scope)
    return bodies[0] if bodies else None


def check_deciding_body(version: WorkflowVersion | None, body: Body, *, own_adviser_ok: bool = False,
                        district_scope=None) -> None:
    """Refuse a body that proposals of this workflow do not go to, naming the ones they do. A service that
    drafts a proposal for another chain (spending: to the agendacommissie) may name a body with its own
    adviser. A structure that names no advised body yet (a new installation) does not limit the choice."""
    allowed = deciding_bodies(version, district_scope)
    if allowed and body.id not in {b.id for b in allowed} and not (own_adviser_ok and own_adviser(body) is not None):
        adviser = advising_body(version, allowed[0])
        raise ValidationError(
            _("Een voorstel gaat via %(adviser)s naar %(bodies)s; %(body)s kan er niet over besluiten.",
              adviser=adviser.name if adviser else _("het adviserend gremium"),
              bodies=", ".join(b.name for b in allowed) or "-", body=body.name), field="decision_body_id")


def planned(version: WorkflowVersion | None, decision_body: Body, touches_both: bool) -> list[tuple[Body, str]]:
    """[(body, role)] in order: the advice, the bodies that take note (or co-decide), the decision."""
    adviser = advising_body(version, decision_body)
    route = [(adviser, "advice")] if adviser is not None and adviser.id != decision_body.id else []
    noting = db.session.scalars(select(BodyRelation).where(
        BodyRelation.kind == "takes_note", BodyRelation.target_id == decision_body.id).order_by(BodyRelation.id)).all()
    route += [(r.source, "decision" if touches_both else "note") for r in noting]
    return route + [(decision_body, "decision")]


def plan(item) -> None:
    """(Re)plan the item's route from its workflow and deciding body; recorded steps are kept."""
    kept = {(c.body_id, c.role): c for c in item.route}
    steps = planned(item.workflow_version, item.decision_body, item.touches_both_agendas)
    item.route = [kept.get((body.id, role)) or Consultation(body_id=body.id, body=body, role=role, position=i)
                  for i, (body, role) in enumerate(steps)]
    for i, consultation in enumerate(item.route):
        consultation.position = i
        if consultation.role == "decision" and consultation.body_id == item.decision_body_id \
                and consultation.result is None:
            consultation.meeting_id = item.target_meeting_id
            consultation.meeting = item.target_meeting
    advice = advice_step(item)
    if advice is not None and advice.result is None:
        meeting = placed_meetings(item, advice.body_id)[-1:] or [planned_advice_meeting(item, advice.body_id)]
        advice.meeting_id = meeting[0].id if meeting[0] else None
        advice.meeting = meeting[0]


def advice_step(item):
    return next((c for c in item.route if c.role == "advice"), None)


def planned_advice_meeting(item, body_id: int) -> Meeting | None:
    """The meeting of the advising body the proposal should go to: of those whose agenda can still take it
    (not fixed yet), the last one before the deciding meeting's submission deadline, else the next one."""
    now = clock.now()
    fixed = (select(Deadline.id).where(Deadline.meeting_id == Meeting.id, Deadline.kind == "agenda_fixed",
                                       Deadline.is_cancelled.is_(False), Deadline.due_at <= now).exists())
    upcoming = (select(Meeting).where(Meeting.body_id == body_id, Meeting.start_at > now,
                                      Meeting.state.in_(AGENDA_OPEN_STATES), ~fixed))
    target = item.target_meeting
    if target is not None:
        deadline = next((d.due_at for d in target.deadlines if d.kind == "submission" and not d.is_cancelled),
                        target.start_at)
        before = db.session.scalar(upcoming.where(Meeting.start_at < deadline)
                                   .order_by(Meeting.start_at.desc()).limit(1))
        if before is not None:
            return before
    return db.session.scalar(upcoming.order_by(Meeting.start_at).limit(1))


def advice_meeting_ahead(item, step) -> Meeting | None:
    """The advising meeting the proposal is aimed at: the one planned on its route while that is still ahead."""
    meeting = step.meeting
    if meeting is not None and meeting.start_at > clock.now() and meeting.state in AGENDA_OPEN_STATES:
        return meeting
    return planned_advice_meeting(item, step.body_id)


def placed_meetings(item, body_id: int) -> list[Meeting]:
    """The meetings of a body on whose agenda the proposal is, oldest first."""
    if item.id is None:
        return []
    return list(db.session.scalars(
        select(Meeting).join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(AgendaItem.decision_item_id == item.id, Meeting.body_id == body_id, Meeting.state != "cancelled")
        .order_by(Meeting.start_at)))


def trekker_allowed(body_id: int, person_id: int | None, project=None) -> bool:
    """A bestuurlijk trekker is a current (not deputy) member of the deciding body, or the project's own."""
    if person_id is None or (project is not None and project.trekker_id == person_id):
        return True
    return db.session.scalar(select(Membership.id).where(
        Membership.body_id == body_id, Membership.person_id == person_id, Membership.is_deputy.is_(False),
        current_on(clock.today())).limit(1)) is not None
