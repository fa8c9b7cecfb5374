"""Who may see and do what with meetings and agendas. One predicate per rule, for views and templates.

- The secretariat (and administrators) keep rules and calendars, and may do everything below.
- A meeting is prepared by whoever sits in a body that prepares this body (the agendacommissie prepares
  the Platform and the DVO) or holds this body's secretary seat (a driehoek's secretariat); a member who
  only reads (a mayor in the DB DVO) prepares nothing (prepared_bodies: the one rule every page asks).
  Those who prepare see the readiness table and the minutes; members see the members' view.
- A published meeting is in everyone's calendar; its agenda is readable once sent. Confidential items
  only for the body's members and those who prepare it; an item that carries a proposal only for those who
  may see the proposal (meetings.visibility, above this module and decisions.permissions).
"""
from __future__ import annotations


from sqlalchemy import ColumnElement, and_, false, or_, select, true

from ivzflow.accounts.permissions import reads_only
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role
from ivzflow.bodies.districts import EVERY_DISTRICT, districts_of, is_secretariat_of_body, scoped_bodies
from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.bodies.permissions import seating
from ivzflow.core.web import per_request
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Deadline, Meeting

AGENDA_VISIBLE_STATES = {"sent", "held", "minutes_adopted"}
AGENDA_EDITABLE_STATES = {"planned", "preparing"}
AGENDA_AMENDABLE_STATES = {"sent"}  # changes after sending are sent again as a new version (amendments)
# documents may follow the fixed agenda; after sending they come with the amended agenda
DOCUMENTS_EDITABLE_STATES = {"planned", "preparing", "fixed", "sent"}
RECORD_EDITABLE_STATES = {"planned", "sent", "held"}
CLOSED_STATES = {"held", "minutes_adopted", "cancelled"}
# Roles that submit items to the bodies the agendacommissie prepares (Platform IVZ, DVO): the submission
# deadlines of those bodies are theirs to act on.
SUBMITTING_ROLES = (Role.PROJECTLEIDER, Role.COMMUNICATIE, Role.SECRETARIAT)


def is_secretariat(user) -> bool:
    """Has the secretariat's role somewhere (menus); it prepares the bodies of its own districts only."""
    return has_role(user, Role.SECRETARIAT, Role.ADMIN)


def can_manage_calendar(user) -> bool:
    return is_secretariat(user)


def can_view_calendar(user) -> bool:
    """Every user with an account has the calendar (showing the meetings they may see) and a feed link."""
    return bool(getattr(user, "is_authenticated", False))


def prepared_bodies(user) -> frozenset[int]:
    """The bodies whose meetings the user prepares (besides the secretariat, who prepares all): those his
    seats prepare, unless he only reads, and those where he holds the secretary's seat."""
    mine = seating(user)
    return mine.secretary_of | (frozenset() if reads_only(user) else mine.prepares)


def can_prepare_agenda_of(user, body_id: int) -> bool:
    return body_id in prepared_bodies(user) or is_secretariat_of_body(user, body_id)


def prepares_meeting(user, meeting) -> bool:
    """Sees the meeting as those who prepare it do (readiness, minutes, draft agenda) rather than the
    members' view."""
    return can_prepare_agenda_of(user, meeting.body_id)


def is_member_of(user, body_id: int) -> bool:
    return body_id in seating(user).member_of


def can_view_meeting(user, meeting) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return meeting.is_published or can_prepare_agenda_of(user, meeting.body_id)


def visible_meetings(user) -> ColumnElement[bool]:
    """can_view_meeting as an SQL condition on Meeting, for lists that must not load what they hide."""
    if is_secretariat(user):
        if districts_of(user) is EVERY_DISTRICT:
            return true()
        return or_(Meeting.is_published, Meeting.body_id.in_(scoped_bodies(user)))
    prepared = prepared_bodies(user)
    return or_(Meeting.is_published, Meeting.body_id.in_(prepared)) if prepared else Meeting.is_published


def visible_agenda_items(user) -> ColumnElement[bool]:
    """visibility.item_visibility as an SQL condition on AgendaItem joined with its Meeting (for search)."""
    if is_secretariat(user) and districts_of(user) is EVERY_DISTRICT:
        return true()
    prepared = prepared_bodies(user)
    readers = prepared | seating(user).member_of
    if is_secretariat(user):
        ours = Meeting.body_id.in_(scoped_bodies(user))
        agenda_open = and_(Meeting.is_published, Meeting.state.in_(AGENDA_VISIBLE_STATES))
        return or_(ours, and_(agenda_open, or_(AgendaItem.is_public, Meeting.body_id.in_(readers))
                                           if readers else AgendaItem.is_public))
    agenda_open = and_(Meeting.is_published, Meeting.state.in_(AGENDA_VISIBLE_STATES))
    return and_(or_(Meeting.body_id.in_(prepared), agenda_open) if prepared else agenda_open,
                or_(AgendaItem.is_public, Meeting.body_id.in_(readers)) if readers else AgendaItem.is_public)


def can_view_agenda(user, meeting) -> bool:
    """Drafts for those who prepare it; once sent, for everyone who sees the meeting."""
    if can_prepare_agenda_of(user, meeting.body_id):
        return True
    return can_view_meeting(user, meeting) and meeting.state in AGENDA_VISIBLE_STATES


def sees_confidential_items(user, meeting) -> bool:
    """Of those who may read the agenda: who also reads its confidential items."""
    return can_prepare_agenda_of(user, meeting.body_id) or is_member_of(user, meeting.body_id)


def can_prepare_agenda(user, meeting) -> bool:
    """May work on this meeting's agenda at all; whether its state allows a change is the service's word."""
    return can_prepare_agenda_of(user, meeting.body_id)


def can_edit_agenda(user, meeting) -> bool:
    return meeting.state in AGENDA_EDITABLE_STATES and can_prepare_agenda_of(user, meeting.body_id)


def can_amend_agenda(user, meeting) -> bool:
    """Change a sent agenda, and send the changes to the members: those who fix and send it."""
    return meeting.state in AGENDA_AMENDABLE_STATES and can_prepare_agenda_of(user, meeting.body_id)


def can_fix_agenda(user, meeting) -> bool:
    return meeting.state == "preparing" and can_prepare_agenda_of(user, meeting.body_id)


def can_reopen_agenda(user, meeting) -> bool:
    return meeting.state == "fixed" and can_prepare_agenda_of(user, meeting.body_id)


def can_send_agenda(user, meeting) -> bool:
    return meeting.state == "fixed" and meeting.is_published and can_prepare_agenda_of(user, meeting.body_id)


def can_attach_documents(user, meeting) -> bool:
    return meeting.state in DOCUMENTS_EDITABLE_STATES and can_prepare_agenda_of(user, meeting.body_id)


def can_manage_standing_items(user) -> bool:
    """A body's standing agenda items are part of its calendar set-up, kept by the secretariat."""
    return can_manage_calendar(user)


def can_record_meeting(user, meeting) -> bool:
    """Attendance, results and minutes: the secretariat or the body's own secretary."""
    if meeting.state == "cancelled":
        return False
    return meeting.body_id in seating(user).secretary_of or is_secretariat_of_body(user, meeting.body_id)


def can_edit_record(user, meeting) -> bool:
    return meeting.state in RECORD_EDITABLE_STATES and can_record_meeting(user, meeting)


def can_mark_held(user, meeting) -> bool:
    """A sent agenda's meeting, or a planned meeting without an agenda, can be marked held."""
    return meeting.state in {"planned", "sent"} and can_record_meeting(user, meeting)


def can_adopt_minutes(user, meeting) -> bool:
    return meeting.state == "held" and can_record_meeting(user, meeting)


def can_move_meeting(user, meeting) -> bool:
    return meeting.state not in CLOSED_STATES and is_secretariat_of_body(user, meeting.body_id)


# --- deadlines: shown to those who must act on them ----------------------------------------------------

def submits_to(user) -> frozenset[int]:
    """The bodies the agendacommissie prepares, for users who submit items to them (one query a request)."""
    if not has_role(user, *SUBMITTING_ROLES):
        return frozenset()
    cache = per_request("submits_to")
    if user.id not in cache:
        preparer = select(Body.id).where(Body.grants_role == Role.AGENDACOMMISSIE.value)
        cache[user.id] = frozenset(db.session.scalars(select(BodyRelation.target_id).where(
            BodyRelation.kind == "prepares", BodyRelation.source_id.in_(preparer))))
    return cache[user.id]


def acts_on_deadline(user, deadline) -> bool:
    """Whoever prepares the meeting acts on all its deadlines; those who submit items to it on its
    submission deadline. A member who only reads acts on none."""
    body_id = deadline.meeting.body_id
    return (can_prepare_agenda_of(user, body_id)
            or (deadline.kind == "submission" and body_id in submits_to(user)))


def acted_on_deadlines(user) -> ColumnElement[bool]:
    """acts_on_deadline as an SQL condition on Deadline joined with its Meeting."""
    if is_secretariat(user):
        return true() if districts_of(user) is EVERY_DISTRICT else Meeting.body_id.in_(scoped_bodies(user))
    conditions = []
    if prepared := prepared_bodies(user):
        conditions.append(Meeting.body_id.in_(prepared))
    if submits := submits_to(user):
        conditions.append(and_(Deadline.kind == "submission", Meeting.body_id.in_(submits)))
    return or_(*conditions) if conditions else false()


def shows_all_deadlines(user) -> bool:
    """The user's choice in the profile: all deadlines of the meetings he sees, or only those he acts on."""
    return bool(getattr(user, "show_all_deadlines", False))


def shown_deadlines(user) -> ColumnElement[bool]:
    """The deadlines the calendar shows the user (of meetings he may see)."""
    return true() if shows_all_deadlines(user) else acted_on_deadlines(user)
