"""What the data calls for, per subject: which reminder goes to whom, when, and until when it makes sense."""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import exists, func, or_, select

from ivzflow.accounts.models import User, UserRole
from ivzflow.accounts.permissions import reads_only
from ivzflow.accounts.roles import Role
from ivzflow.bodies.districts import working_districts
from ivzflow.bodies.models import Body, BodyRelation, Membership, Seat
from ivzflow.bodies.services import current_on, next_in_pool
from ivzflow.core import clock
from ivzflow.decisions.models import ActionAssignment, CommunicationAdvice, DecisionItem, FollowUpAction
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaChange, AgendaItem, Deadline, Meeting, MeetingChange, MeetingRule
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.plans import audience, policy
from ivzflow.projects.due import current_cycle, due_state
from ivzflow.projects.models import Project, StatusUpdate
from ivzflow.reminders.models import PolicyEvent, Reminder
from ivzflow.reminders.planner import TASK_KINDS, Wanted, at_send_hour, days_before, planner, replan, watch
from ivzflow.settings.services import get_setting
from ivzflow.tasks.rules import awaits_consent

CLOSED = ("held", "minutes_adopted", "cancelled")
# Messages that ask for work: done when the data no longer asks it (see planner.settle_notifications).
TASK_KINDS.update({"agenda_due", "documents_due", "submission_deadline", "comms_advice", "comms_advice_secretariat",
                   "consent_requested", "advice_to_approve", "action_due", "action_overdue", "status_update_due",
                   "term_ending", "term_ended", "cycle_behind", "cycle_next_year", "local_advice_requested"})


# --- recipients --------------------------------------------------------------------------------------

def users_of_people(person_ids) -> list[int]:
    if not person_ids:
        return []
    return list(db.session.scalars(select(User.id).where(User.person_id.in_(set(person_ids)),
                                                         User.is_enabled.is_(True)).order_by(User.id)))


def users_with_role(role: Role) -> list[int]:
    return list(db.session.scalars(select(User.id).join(UserRole).where(UserRole.role == role.value,
                                                                        User.is_enabled.is_(True)).order_by(User.id)))


def member_users(body_id: int) -> list[int]:
    people = db.session.scalars(select(Membership.person_id).where(Membership.body_id == body_id,
                                                                   current_on(clock.today())))
    return users_of_people(list(people))


def preparer_users(body_id: int) -> list[int]:
    """Those who prepare this body's meetings (the rule of meetings.permissions.prepared_bodies, seen from the
    body): the holder of its secretary seat, and the members of the bodies that prepare it who do more than
    read (a mayor in the DB DVO is not asked to draw up the DVO's agenda)."""
    preparing = select(BodyRelation.source_id).where(BodyRelation.kind == "prepares", BodyRelation.target_id == body_id)
    rows = db.session.execute(select(Membership.person_id, Membership.body_id == body_id).join(
        Seat, Membership.seat_id == Seat.id).where(
        current_on(clock.today()),
        or_(Membership.body_id.in_(preparing), (Membership.body_id == body_id) & (Seat.role == "secretary")))).all()
    secretaries = users_of_people([person for person, own in rows if own])
    seated = [user for user in db.session.scalars(
        select(User).where(User.id.in_(users_of_people([person for person, own in rows if not own]))))
        if not reads_only(user)]
    return sorted(set(secretaries) | {user.id for user in seated})


def secretary_users(body_id: int) -> list[int]:
    """The holders of the body's secretary seats now (the DVO has two: the regiocoördinator and the VRT's
    directiesecretaris); they send its agenda, so its documents deadline is theirs too."""
    people = db.session.scalars(select(Membership.person_id).join(Seat, Membership.seat_id == Seat.id).where(
        Membership.body_id == body_id, Seat.role == "secretary", current_on(clock.today())))
    return users_of_people(list(people))


def contact_users(organisation_id: int) -> list[int]:
    """The organisation's contact person, or else everyone of the organisation with an account."""
    org = db.session.get(Organisation, organisation_id)
    if org is not None and org.contact_person_id:
        found = users_of_people([org.contact_person_id])
        if found:
            return found
    return users_of_people(db.session.scalars(select(Person.id).where(Person.organisation_id == organisation_id)))


def _wanted(kind, subject_type, subject_id, users, due, expires=None, context=None):
    return [Wanted(kind, subject_type, subject_id, u, due, expires, context) for u in dict.fromkeys(users)]


# --- meetings ----------------------------------------------------------------------------------------

def _deadline(meeting: Meeting, kind: str) -> Deadline | None:
    return next((d for d in meeting.deadlines if d.kind == kind and not d.is_cancelled), None)


@planner("meeting")
def plan_meeting(meeting_id: int):
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not meeting.is_published:
        return []
    members = member_users(meeting.body_id)
    wanted = []
    for change in db.session.scalars(select(MeetingChange).where(MeetingChange.meeting_id == meeting.id)):
        kind = "meeting_cancelled" if change.kind == "cancelled" else "meeting_moved"
        wanted += _wanted(kind, "meeting", meeting.id, members, change.at, change.old_start_at if change.kind ==
                          "cancelled" else meeting.start_at, context=str(change.id))
    if meeting.state in CLOSED:
        return wanted
    wanted += _wanted("meeting_reminder", "meeting", meeting.id, members,
                      days_before(meeting.start_at, int(get_setting("reminders.meeting_days_before"))), meeting.start_at)
    if meeting.sent_at is not None:
        wanted += _wanted("invitation", "meeting", meeting.id, members, meeting.sent_at, meeting.start_at)
    if meeting.agenda_version > 1:  # each amended version that was sent: the members hear what changed
        for number, sent_at in db.session.execute(
                select(AgendaChange.version, func.min(AgendaChange.sent_at)).where(
                    AgendaChange.meeting_id == meeting.id, AgendaChange.version.is_not(None))
                .group_by(AgendaChange.version)):
            wanted += _wanted("agenda_amended", "meeting", meeting.id, members, sent_at, meeting.start_at,
                              context=str(number))
    agenda = _deadline(meeting, "agenda_fixed")
    if agenda is not None and meeting.state in ("planned", "preparing"):
        wanted += _wanted("agenda_due", "meeting", meeting.id, preparer_users(meeting.body_id),
                          days_before(agenda.due_at, int(get_setting("reminders.agenda_days_before"))), agenda.due_at)
    documents = _deadline(meeting, "documents")
    if documents is not None and meeting.sent_at is None:
        wanted += _wanted("documents_due", "meeting", meeting.id,
                          users_with_role(Role.SECRETARIAT) + secretary_users(meeting.body_id),
                          days_before(documents.due_at, int(get_setting("reminders.documents_days_before"))),
                          documents.due_at)
    return wanted


def _items_of_meeting(meeting_id):
    return [("decision_item", i) for i in db.session.scalars(
        select(DecisionItem.id).where(DecisionItem.target_meeting_id == meeting_id))]


@watch("Meeting")
def _meeting_changed(meeting: Meeting):
    subjects = [("meeting", meeting.id), ("cycle", meeting.body_id)]
    if meeting.body is not None and meeting.body.kind == "platform":
        subjects.append(("platform_projects", meeting.id))
    return subjects


@planner("platform_projects")
def plan_platform_projects(meeting_id: int):
    """Not a subject of its own: a Platform meeting moved, so each project's due day may have moved."""
    for subject_type, subject_id in _running_projects():
        replan(subject_type, subject_id)
    return []


@watch("Deadline")
def _deadline_changed(deadline: Deadline):
    return [("meeting", deadline.meeting_id), ("meeting_items", deadline.meeting_id)]


@watch("MeetingChange")
def _change_recorded(change: MeetingChange):
    return [("meeting", change.meeting_id), ("meeting_items", change.meeting_id)]


@planner("meeting_items")
def plan_meeting_items(meeting_id: int):
    """Not a subject of its own: replans the items aimed at the meeting (their deadlines moved)."""
    for subject_type, subject_id in _items_of_meeting(meeting_id):
        replan(subject_type, subject_id)
    return []


# --- decision items: consent, submission deadlines and communication advice --------------------------

@planner("decision_item")
def plan_item(item_id: int):
    item = db.session.get(DecisionItem, item_id)
    if item is None:
        return []
    reported = _reported_back(item)
    if item.state.is_final:
        return reported
    return reported + _consent_asked(item) + _approval_asked(item) + _before_submission(item) + _local_advisor_asked(item)


def district_secretariat_users(district_id: int | None) -> list[int]:
    """The secretariat users who work in the district (bodies.districts: their grants, organisation, seats)."""
    return [user_id for user_id in users_with_role(Role.SECRETARIAT)
            if district_id in set(db.session.scalars(working_districts(user_id, clock.today())))]


def _reported_back(item: DecisionItem) -> list[Wanted]:
    """A proposal passed on to another tier (decisions.tiers) was decided there: the secretariat of the
    district it came from and its trekker hear the result."""
    if not item.continues_id:
        return []
    decision = next((c for c in item.route if c.role == "decision" and c.body_id == item.decision_body_id), None)
    original = db.session.get(DecisionItem, item.continues_id)
    if decision is None or decision.result is None or decision.recorded_at is None or original is None:
        return []
    users = district_secretariat_users(original.district_id) + users_of_people([original.trekker_id])
    return _wanted("reported_back", "decision_item", item.id, users, decision.recorded_at)


def _consent_asked(item: DecisionItem) -> list[Wanted]:
    """The bestuurlijk trekker of the project is asked to consent to its draft proposal, once per time it
    is (re)drafted."""
    if not awaits_consent(item):
        return []
    return _wanted("consent_requested", "decision_item", item.id, users_of_people([item.trekker_id]),
                   item.state_entered_at)


def _local_advisor_asked(item: DecisionItem) -> list[Wanted]:
    """The local communication advisor the advice is prepared with is asked once when chosen, until the
    advice is approved."""
    advice = item.communication_advice
    if advice is None or not advice.local_advisor_id or advice.status == "approved" or not advice.local_advisor_asked_at:
        return []
    return _wanted("local_advice_requested", "decision_item", item.id, users_of_people([advice.local_advisor_id]),
                   advice.local_advisor_asked_at, context=str(advice.local_advisor_id))


def _approval_asked(item: DecisionItem) -> list[Wanted]:
    """A written advice is announced to those who may approve it (the secretariat, another advisor), not to
    its writer; at most once a day however often it is saved."""
    advice = item.communication_advice
    if advice is None or advice.status != "draft" or advice.updated_at is None:
        return []
    approvers = [u for u in users_with_role(Role.SECRETARIAT) + users_with_role(Role.COMMUNICATIE)
                 if u != advice.advisor_id]
    return _wanted("advice_to_approve", "decision_item", item.id, approvers, days_before(advice.updated_at, 0))


def _before_submission(item: DecisionItem) -> list[Wanted]:
    """The submitter before the submission deadline; the advisors (and the day before, the secretariat)
    while the communication advice is not approved."""
    meeting = item.target_meeting
    if meeting is None or meeting.state in CLOSED:
        return []
    deadline = _deadline(meeting, "submission")
    placed = db.session.scalar(select(exists().where(AgendaItem.decision_item_id == item.id,
                                                     AgendaItem.meeting_id == meeting.id)))
    if deadline is None or placed:
        return []
    submitter = [item.submitter_id] if item.submitter_id else []
    wanted = _wanted("submission_deadline", "decision_item", item.id, submitter,
                     days_before(deadline.due_at, int(get_setting("reminders.submission_days_before"))), deadline.due_at)
    advice = item.communication_advice
    if advice is None or advice.status not in ("approved", "waived"):  # any kind (decisions.services.SETTLED)
        advisors = [advice.advisor_id] if advice is not None and advice.advisor_id else users_with_role(Role.COMMUNICATIE)
        for days in get_setting("reminders.comms_advice_days_before"):
            wanted += _wanted("comms_advice", "decision_item", item.id, submitter + advisors,
                              days_before(deadline.due_at, int(days)), deadline.due_at, context=str(days))
        days = int(get_setting("reminders.comms_advice_secretariat_days_before"))
        wanted += _wanted("comms_advice_secretariat", "decision_item", item.id, users_with_role(Role.SECRETARIAT),
                          days_before(deadline.due_at, days), deadline.due_at, context=str(days))
    return wanted


@watch("DecisionItem")
def _item_changed(item: DecisionItem):
    return [("decision_item", item.id)]


@watch("CommunicationAdvice")
def _advice_changed(advice: CommunicationAdvice):
    return [("decision_item", advice.item_id)]


@watch("AgendaItem")
def _agenda_item_changed(agenda_item: AgendaItem):
    return [("decision_item", agenda_item.decision_item_id)]


# --- follow-up actions -------------------------------------------------------------------------------

@planner("action")
def plan_action(action_id: int):
    action = db.session.get(FollowUpAction, action_id)
    if action is None or action.due_on is None or action.status not in ("open", "in_progress"):
        return []
    soon = at_send_hour(action.due_on - timedelta(days=int(get_setting("reminders.action_days_before"))))
    overdue = at_send_hour(action.due_on + timedelta(days=1))
    owners = users_of_people([action.owner_person_id]) if action.owner_person_id else []
    for assignment in action.assignments:
        if assignment.status in ("open", "in_progress"):
            owners += contact_users(assignment.organisation_id)
    return (_wanted("action_due", "action", action.id, owners, soon, overdue)
            + _wanted("action_overdue", "action", action.id, owners, overdue))


@watch("FollowUpAction")
def _action_changed(action: FollowUpAction):
    return [("action", action.id)]


@watch("ActionAssignment")
def _assignment_changed(assignment: ActionAssignment):
    return [("action", assignment.action_id)]


@planner("weekly_actions")
def plan_weekly(week_monday_ordinal: int):
    """The secretariat's weekly overview of open and overdue actions, on Monday morning."""
    monday = date.fromordinal(week_monday_ordinal)
    return _wanted("weekly_actions", "weekly_actions", week_monday_ordinal, users_with_role(Role.SECRETARIAT),
                   at_send_hour(monday), at_send_hour(monday + timedelta(days=7)))


# --- project status updates --------------------------------------------------------------------------

@planner("project")
def plan_project(project_id: int):
    """The projectleider's status update, due a set number of days before the next Platform IVZ meeting."""
    project = db.session.get(Project, project_id)
    if project is None or project.projectleider_id is None:
        return []
    cycle = current_cycle(district_id=project.district_id)  # the project's own district's Platform
    last = db.session.scalar(select(func.max(StatusUpdate.posted_at)).where(StatusUpdate.project_id == project.id))
    if cycle.due_on is None or due_state(cycle, project, last) not in ("due", "overdue"):
        return []
    due_day = cycle.due_on
    return _wanted("status_update_due", "project", project.id, users_of_people([project.projectleider_id]),
                   at_send_hour(due_day - timedelta(days=int(get_setting("reminders.submission_days_before")))),
                   at_send_hour(due_day + timedelta(days=1)), context=due_day.isoformat())


@watch("Project")
def _project_changed(project):
    return [("project", project.id)]


@watch("StatusUpdate")
def _update_posted(update):
    return [("project", update.project_id)]


def _running_projects() -> list[tuple[str, int]]:
    return [("project", pid) for pid in db.session.scalars(select(Project.id).where(
        Project.projectleider_id.is_not(None), or_(Project.end_on.is_(None), Project.end_on >= clock.today())))]


# --- memberships -------------------------------------------------------------------------------------

@planner("seat")
def plan_seat(seat_id: int):
    seat = db.session.get(Seat, seat_id)
    if seat is None or not seat.rotates:
        return []
    today = clock.today()
    holder = db.session.scalar(select(Membership).where(
        Membership.seat_id == seat.id, Membership.is_deputy.is_(False),
        or_(Membership.end_on.is_(None), Membership.end_on >= today)).order_by(Membership.start_on).limit(1))
    if holder is None or holder.term_ends_on is None:
        return []
    successor = db.session.scalar(select(exists().where(
        Membership.seat_id == seat.id, Membership.is_deputy.is_(False), Membership.start_on > holder.start_on)))
    if successor:
        return []
    secretariat = users_with_role(Role.SECRETARIAT)
    proposal = next_in_pool(seat, holder)
    ending = at_send_hour(holder.term_ends_on - relativedelta(months=int(get_setting("reminders.membership_months_before"))))
    ended = at_send_hour(holder.term_ends_on + timedelta(days=1))
    return (_wanted("term_ending", "seat", seat.id, secretariat, ending, ended,
                    context=str(proposal.organisation_id) if proposal else None)
            + _wanted("term_ended", "seat", seat.id, secretariat, ended, ended + timedelta(days=90)))


@watch("Membership")
def _membership_changed(membership: Membership):
    return [("seat", membership.seat_id), ("policy_person", membership.person_id)]


@watch("Seat")
def _seat_changed(seat: Seat):
    return [("seat", seat.id)]


# --- cycles and the policy calendar ------------------------------------------------------------------

def _planned(body_id: int, year: int) -> int:
    start, end = clock.local_to_utc(date(year, 1, 1)), clock.local_to_utc(date(year + 1, 1, 1))
    return db.session.scalar(select(func.count(Meeting.id)).where(
        Meeting.body_id == body_id, Meeting.start_at >= start, Meeting.start_at < end,
        Meeting.state != "cancelled")) or 0


@planner("cycle")
def plan_cycle(body_id: int):
    """A body behind its norm this year (from 1 February), or next year not planned (from the check date)."""
    rule = db.session.scalar(select(MeetingRule).where(MeetingRule.body_id == body_id))
    if rule is None:
        return []
    year = clock.today().year
    secretariat = users_with_role(Role.SECRETARIAT)
    wanted = []
    if _planned(body_id, year) < rule.per_year:
        wanted += _wanted("cycle_behind", "cycle", body_id, secretariat, at_send_hour(date(year, 2, 1)),
                          at_send_hour(date(year, 12, 31)), context=str(year))
    month, day = (int(p) for p in str(get_setting("reminders.cycle_check_date")).split("-"))
    if _planned(body_id, year + 1) < rule.per_year:
        wanted += _wanted("cycle_next_year", "cycle", body_id, secretariat, at_send_hour(date(year, month, day)),
                          at_send_hour(date(year + 1, 1, 1)), context=str(year + 1))
    return wanted


@watch("MeetingRule")
def _rule_changed(rule: MeetingRule):
    return [("cycle", rule.body_id)]


@planner("policy")
def plan_policy(event_id: int):
    event = db.session.get(PolicyEvent, event_id)
    if event is None or not event.is_active:
        return []
    users = audience.users_concerned(audience.district_of_event(event.id))
    return _wanted("policy_event", "policy", event.id, users,
                   at_send_hour(event.happens_on - timedelta(days=event.remind_days_before)),
                   at_send_hour(event.happens_on))


@watch("PolicyEvent")
def _policy_changed(event: PolicyEvent):
    return [("policy", event.id)]


@planner("policy_person")
def plan_policy_person(person_id: int):
    """Not a subject of its own: the person's seats changed (an agendacommissie joined or left)."""
    for user_id in db.session.scalars(select(User.id).where(User.person_id == person_id)):
        replan("policy_user", user_id)
    return []


@planner("policy_user")
def plan_policy_user(user_id: int):
    """Not a subject of its own: whether the user is concerned with policy dates may have changed (a seat,
    the secretariat role), so his coming dates and those he was to be reminded of are replanned."""
    user = db.session.get(User, user_id)
    if user is None:
        return []
    pending = select(Reminder.subject_id).where(Reminder.user_id == user_id, Reminder.subject_type == "policy",
                                                Reminder.processed_at.is_(None))
    events = set(db.session.scalars(pending))
    if districts := audience.districts_of(user):
        events |= set(db.session.scalars(policy.coming_events(clock.today(), districts)))
    for event_id in sorted(events):
        replan("policy", event_id)
    return []


@watch("UserRole")
def _role_changed(role: UserRole):
    return [("policy_user", role.user_id)] if role.role == Role.SECRETARIAT.value else []


# --- the daily pass over date-based subjects ---------------------------------------------------------

def daily_subjects(today: date) -> list[tuple[str, int]]:
    """Subjects whose reminders depend on the date itself (the year turning, a new week)."""
    monday = today - timedelta(days=today.weekday())
    subjects = [("weekly_actions", (monday + timedelta(days=7)).toordinal())]
    subjects += [("cycle", body_id) for body_id in db.session.scalars(select(MeetingRule.body_id))]
    subjects += [("seat", seat_id) for seat_id in db.session.scalars(select(Seat.id).where(Seat.rotates.is_(True)))]
    return subjects + _running_projects()
