"""What a user must do now, computed from the data: there is no task table to keep in step.

`tasks_for(user, today)` gathers, each from its own source: status updates due (the projectleider of a
project), communication advice to write (advisors) or to approve (the secretariat or a second advisor,
never the writer), consent to give (the bestuurlijk trekker of a project's draft proposal), drafts the
submitter can take further, agendas to prepare, fix or send (those who prepare the meeting), today's and past
meetings until they are recorded (attendance, and the outcome of every proposal on the agenda), decision lists to adopt, and the open follow-up actions of the user or their organisation.
Who may do what is asked of the permission predicates the pages themselves use, so a task is shown
exactly when its button is. Each source is one query (the start page has a budget of 15), whatever the
size of the data, and a task is gone as soon as its work is done, because the data no longer asks it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, case, exists, false, func, or_, select, union
from sqlalchemy.orm import contains_eager, joinedload, lazyload

from ivzflow.core import clock
from ivzflow.decisions import permissions as decisions_can
from ivzflow.decisions.actions import OPEN as OPEN_ACTION
from ivzflow.decisions.models import (
    ADVICE_OPEN, ActionAssignment, CommunicationAdvice, Consultation, DecisionItem, DecisionList, DecisionPoint,
    FollowUpAction,
)
from ivzflow.decisions.queries import visible_clause
from ivzflow.extensions import db
from ivzflow.meetings import permissions as meetings_can
from ivzflow.meetings.models import AgendaChange, AgendaItem, Deadline, Meeting
from ivzflow.projects.due import current_cycle, due_state
from ivzflow.projects.models import Project, StatusUpdate
from ivzflow.projects.permissions import can_post_status_update
from ivzflow.tasks.rules import awaits_consent
from ivzflow.workflows.models import WorkflowState

# Same-day tasks in the order the cycle asks them.
KINDS = ("record_meeting", "status_update", "give_consent", "submit_proposal", "write_advice", "approve_advice",
         "prepare_agenda", "fix_agenda", "send_agenda", "send_amended_agenda", "adopt_decision_list", "action")
LIMIT = 50  # per source: a dashboard, not an archive


@dataclass(frozen=True)
class Task:
    """One thing to do: what, by when (a local date, or None), where it is done, and about what."""

    kind: str
    title: str
    due: date | None
    link: str
    context: str | None = None

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


def tasks_for(user, today: date) -> list[Task]:
    """Everything the user must do now, soonest first (undated last)."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = (_status_updates(user, today) + _proposals(user) + _meetings(user, today) + _records(user, today)
             + _actions(user))
    return sorted(found, key=lambda t: (t.due is None, t.due or date.max, KINDS.index(t.kind), t.title))


def _day(instant) -> date | None:
    return clock.local(instant).date() if instant is not None else None


def _short(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


# --- projects ----------------------------------------------------------------------------------------

def _status_updates(user, today: date) -> list[Task]:
    """The projectleider's status update before the next Platform IVZ meeting (projects.due)."""
    if user.person_id is None:
        return []
    rows = db.session.execute(
        select(Project, StatusUpdate.posted_at).outerjoin(StatusUpdate, StatusUpdate.id == Project.latest_update_id)
        .where(Project.projectleider_id == user.person_id, or_(Project.end_on.is_(None), Project.end_on >= today))
        .order_by(Project.title).limit(LIMIT)).all()
    if not rows:
        return []
    cycle = current_cycle(clock.now() if today == clock.today() else clock.local_to_utc(today))
    return [Task("status_update", _("Plaats de statusupdate van %(project)s", project=project.title), cycle.due_on,
                 url_for("projects.new_status_update", project_id=project.id),
                 _("vóór %(meeting)s", meeting=cycle.next_meeting.name))
            for project, posted_at in rows
            if due_state(cycle, project, posted_at) in ("due", "overdue") and can_post_status_update(user, project)]


# --- proposals ---------------------------------------------------------------------------------------

def _submission_due(meeting_id):
    """SQL: the submission deadline of the meeting in `meeting_id` (a column of the outer query)."""
    return (select(Deadline.due_at).where(Deadline.meeting_id == meeting_id, Deadline.kind == "submission",
                                          Deadline.is_cancelled.is_(False)).limit(1).scalar_subquery())


def _proposals(user) -> list[Task]:
    """The advice to write (advisors) or approve (someone else); the trekker's consent to a project's draft;
    the submitter's drafts that can go on. One query for all of them."""
    writes, approves = decisions_can.is_communication_advisor(user), decisions_can.can_view_advice_worklist(user)
    # The conditions as indexed lookups joined by UNION: an OR of them made the database scan every proposal.
    asked = [select(DecisionItem.id).join(WorkflowState, WorkflowState.id == DecisionItem.state_id)
             .where(DecisionItem.submitter_id == user.id, WorkflowState.is_initial.is_(True))]
    if approves:  # the advice work list's proposals: any kind, advice neither approved nor waived yet
        asked.append(select(CommunicationAdvice.item_id).where(CommunicationAdvice.status.in_(ADVICE_OPEN)))
    if user.person_id is not None:
        asked.append(select(DecisionItem.id).where(DecisionItem.trekker_id == user.person_id,
                                                   DecisionItem.trekker_consent_at.is_(None)))
    # A draft goes first to the meeting of its advice step (the Platform), then to its deciding meeting.
    first_due = (select(Deadline.due_at).join(Consultation, Consultation.meeting_id == Deadline.meeting_id)
                 .where(Consultation.item_id == DecisionItem.id, Consultation.role == "advice",
                        Deadline.kind == "submission", Deadline.is_cancelled.is_(False))
                 .order_by(Consultation.position).limit(1).correlate(DecisionItem).scalar_subquery())
    rows = db.session.execute(
        select(DecisionItem, _submission_due(DecisionItem.target_meeting_id), first_due)
        .join(WorkflowState, WorkflowState.id == DecisionItem.state_id)
        .outerjoin(CommunicationAdvice, CommunicationAdvice.item_id == DecisionItem.id)
        .where(DecisionItem.id.in_(union(*asked)), WorkflowState.is_final.is_(False), visible_clause(user))
        .options(contains_eager(DecisionItem.state),
                 contains_eager(DecisionItem.communication_advice).lazyload(CommunicationAdvice.inform),
                 # only what a task names: not the people and places every proposal and project joins by default
                 *(contains_eager(DecisionItem.communication_advice).lazyload(rel) for rel in (
                     CommunicationAdvice.local_advisor, CommunicationAdvice.approved_by, CommunicationAdvice.waived_by)),
                 joinedload(DecisionItem.target_meeting).lazyload("*"),
                 lazyload(DecisionItem.workflow_version), joinedload(DecisionItem.project).lazyload("*"))
        .order_by(DecisionItem.id).limit(LIMIT)).all()
    tasks = []
    for item, target_due, first_due in rows:
        link, advice = url_for("decisions.show", item_id=item.id), item.communication_advice
        if awaits_consent(item) and decisions_can.can_give_consent(user, item):
            tasks.append(Task("give_consent", _("Stem in met het voorstel '%(title)s'", title=item.title),
                              _day(first_due or target_due), link,
                              _("als bestuurlijk trekker van %(project)s", project=item.project.title)))
        if item.submitter_id == user.id and item.state.is_initial and not awaits_consent(item):
            tasks.append(Task("submit_proposal", _("Werk uw voorstel '%(title)s' af en dien het in", title=item.title),
                              _day(first_due or target_due), link))
        if not approves or advice is None:
            continue
        context = item.target_meeting.name if item.target_meeting else None
        if advice.status == "requested" and writes and advice.advisor_id in (None, user.id):
            tasks.append(Task("write_advice", _("Schrijf het communicatieadvies bij '%(title)s'", title=item.title),
                              _day(target_due), url_for("advice.edit", item_id=item.id), context))
        elif (advice.status == "draft" and advice.advisor_id != user.id
              and decisions_can.can_approve_advice(user, item)):
            writer = advice.advisor.display_name if advice.advisor else None
            tasks.append(Task("approve_advice", _("Keur het communicatieadvies bij '%(title)s' goed", title=item.title),
                              _day(target_due), url_for("advice.edit", item_id=item.id),
                              _("geschreven door %(name)s", name=writer) if writer else context))
    return tasks


# --- meetings ----------------------------------------------------------------------------------------

def _due(kind: str):
    return (select(Deadline.due_at).where(Deadline.meeting_id == Meeting.id, Deadline.kind == kind,
                                          Deadline.is_cancelled.is_(False)).limit(1).scalar_subquery())


def _meetings(user, today: date) -> list[Task]:
    """For the bodies the user prepares or is secretary of: the agenda of each body's next meeting and the
    decision lists still to be adopted. One query."""
    bodies = meetings_can.prepared_bodies(user)
    if not bodies:
        return []
    now = clock.now()
    ahead = and_(Meeting.start_at >= max(now, clock.local_to_utc(today)), Meeting.is_published.is_(True),
                 Meeting.state != "cancelled")
    # EXISTS per meeting, through the indexes on the meeting: `id IN (...)` listed every decided point and list
    decided = exists().where(DecisionPoint.decided_at_meeting_id == Meeting.id)
    adopted = exists().where(DecisionList.meeting_id == Meeting.id, DecisionList.adopted_at.is_not(None))
    to_adopt = and_(Meeting.start_at < now, decided, ~adopted)
    ranked = (select(Meeting.id, case((ahead, 1), else_=0).label("ahead"),
                     case((to_adopt, 1), else_=0).label("to_adopt"),
                     func.row_number().over(partition_by=(Meeting.body_id, case((ahead, 1), else_=0)),
                                            order_by=Meeting.start_at).label("n"))
              .where(Meeting.body_id.in_(bodies), or_(ahead, to_adopt)).subquery())
    rows = db.session.execute(
        select(Meeting, ranked.c.ahead, ranked.c.to_adopt, _due("agenda_fixed"), _due("documents"), _amended())
        .join(ranked, ranked.c.id == Meeting.id).where(or_(ranked.c.ahead == 0, ranked.c.n == 1))
        .order_by(Meeting.start_at.desc()).limit(2 * LIMIT)).all()
    following = {meeting.body_id: meeting for meeting, is_ahead, *_rest in rows if is_ahead}
    tasks = []
    for meeting, is_ahead, is_to_adopt, agenda_due, documents_due, amended in rows:
        if is_ahead:
            tasks += _agenda_task(user, meeting, _day(agenda_due), _day(documents_due), amended)
        if is_to_adopt and decisions_can.can_adopt_decision_list(user, meeting):
            later = following.get(meeting.body_id)
            tasks.append(Task("adopt_decision_list",
                              _("Laat de besluitenlijst van %(meeting)s vaststellen", meeting=meeting.name),
                              later.local_day if later else None,
                              url_for("actions.decision_list", meeting_id=meeting.id),
                              _("in %(meeting)s", meeting=later.name) if later else None))
    return tasks


def _records(user, today: date) -> list[Task]:
    """Today's meeting, and past ones, until recorded: held (saving its attendance makes it so) and every
    proposal on its agenda decided or deferred there (meetings.record). For the bodies the user prepares or is secretary of, when the
    user may record them. One query."""
    bodies = meetings_can.prepared_bodies(user)
    if not bodies:
        return []
    tomorrow = clock.local_to_utc(today + timedelta(days=1))
    undecided = (select(AgendaItem.id).join(DecisionItem, DecisionItem.id == AgendaItem.decision_item_id)
                 .join(DecisionPoint, DecisionPoint.item_id == DecisionItem.id)
                 .where(AgendaItem.meeting_id == Meeting.id, DecisionItem.target_meeting_id == Meeting.id,
                        DecisionPoint.outcome.is_(None)).exists())
    rows = db.session.scalars(
        select(Meeting).where(Meeting.body_id.in_(bodies), Meeting.start_at < tomorrow,
                              or_(Meeting.state.in_(("planned", "sent")),
                                  and_(Meeting.state == "held", undecided)))
        .order_by(Meeting.start_at.desc()).limit(LIMIT)).all()
    return [Task("record_meeting",
                 _("Vergadering van vandaag vastleggen: %(meeting)s", meeting=meeting.name) if meeting.local_day == today
                 else _("Verloop vastleggen van %(meeting)s", meeting=meeting.name),
                 meeting.local_day, url_for("agenda.record", meeting_id=meeting.id),
                 _("aanwezigheid en de uitkomst per beslispunt")) for meeting in rows
            if meetings_can.can_edit_record(user, meeting)]


def _amended():
    """Whether a sent agenda has changes not yet sent to the members (meetings.amendments)."""
    return (select(AgendaChange.id).where(AgendaChange.meeting_id == Meeting.id, AgendaChange.version.is_(None))
            .exists().label("amended"))


def _agenda_task(user, meeting: Meeting, agenda_due: date | None, documents_due: date | None,
                 amended: bool = False) -> list[Task]:
    link = url_for("agenda.show", meeting_id=meeting.id)
    if amended and meetings_can.can_amend_agenda(user, meeting):
        return [Task("send_amended_agenda", _("Verstuur de gewijzigde agenda van %(meeting)s", meeting=meeting.name),
                     meeting.local_day, link + "#changes-heading", _("de leden horen wat er veranderde"))]
    if meetings_can.can_send_agenda(user, meeting):
        return [Task("send_agenda", _("Verstuur de agenda van %(meeting)s", meeting=meeting.name), documents_due, link)]
    if meetings_can.can_fix_agenda(user, meeting):
        return [Task("fix_agenda", _("Stel de agenda vast van %(meeting)s", meeting=meeting.name), agenda_due, link)]
    if meetings_can.can_edit_agenda(user, meeting):
        return [Task("prepare_agenda", _("Stel de agenda op van %(meeting)s", meeting=meeting.name), agenda_due, link)]
    return []


# --- follow-up actions -------------------------------------------------------------------------------

def _actions(user) -> list[Task]:
    """Open actions the user owns, and the open parts of fanned-out actions of the user's organisation."""
    person = user.person
    if person is None:
        return []
    ours = ActionAssignment.organisation_id == person.organisation_id if person.organisation_id else false()
    # Two indexed lookups joined by UNION: an OR across the two tables made the database scan every action.
    wanted = (select(FollowUpAction.id).where(FollowUpAction.owner_person_id == person.id,
                                              FollowUpAction.status.in_(OPEN_ACTION))
              .union(select(ActionAssignment.action_id).where(ours, ActionAssignment.status.in_(OPEN_ACTION))))
    rows = db.session.execute(
        select(FollowUpAction, ActionAssignment, DecisionItem.title)
        .join(DecisionItem, DecisionItem.id == FollowUpAction.item_id)
        .outerjoin(ActionAssignment, and_(ActionAssignment.action_id == FollowUpAction.id, ours))
        .where(FollowUpAction.id.in_(wanted))
        .options(lazyload(FollowUpAction.item), lazyload(FollowUpAction.owner_person))
        .order_by(FollowUpAction.due_on, FollowUpAction.id).limit(LIMIT)).all()
    tasks = []
    for action, part, decided_on in rows:
        link, context = url_for("actions.show", action_id=action.id), _("uit het besluit over '%(title)s'",
                                                                         title=decided_on)
        if (action.owner_person_id == person.id and action.status in OPEN_ACTION
                and decisions_can.can_update_action(user, action)):
            tasks.append(Task("action", _("Actie: %(text)s", text=_short(action.description)), action.due_on, link,
                              context))
        if part is not None and part.status in OPEN_ACTION and decisions_can.can_update_assignment(user, part):
            tasks.append(Task("action", _("Actie voor %(organisation)s: %(text)s", organisation=part.organisation.name,
                                          text=_short(action.description)), action.due_on, link, context))
    return tasks
