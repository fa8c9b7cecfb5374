"""Who may see and do what with decision items. One predicate per rule, for views, templates and the API.

Visibility has two layers: the workflow state says who sees an item in that state (a draft only its
submitter, trekker and the secretariat; later "route": everyone the confidentiality allows), and the
confidentiality: an intern item only for those with a seat in some body, a vertrouwelijk item only for the
members of the bodies on its route (and those who prepare them).
"""
from __future__ import annotations

from sqlalchemy import select

from ivzflow.accounts.permissions import reads_only
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role, roles_of
from ivzflow.bodies.districts import in_scope, is_secretariat_for, is_secretariat_of_body
from ivzflow.core.web import per_request
from ivzflow.decisions.actions import may_update_assignment
from ivzflow.meetings.permissions import can_view_meeting, seating
from ivzflow.decisions.models import CommunicationAdvice
from ivzflow.extensions import db
from ivzflow.workflows.engine import item_roles

PRIVILEGED = (Role.SECRETARIAT, Role.ADMIN)


def is_secretariat(user) -> bool:
    """Has the secretariat's role somewhere (menus); its powers over a proposal hold in its districts only."""
    return has_role(user, *PRIVILEGED)


def secretariat_of(user, item) -> bool:
    """The secretariat of the proposal's district (or unit)."""
    return is_secretariat_for(user, item.district_id)


def _on_route(user, item) -> bool:
    mine = seating(user)
    bodies = {c.body_id for c in item.route}
    return bool(bodies & (mine.member_of | mine.prepares | mine.secretary_of))


def has_a_seat(user) -> bool:
    """A member (or deputy) of some body, one who prepares a body's meetings, or a body's secretary."""
    mine = seating(user)
    return bool(mine.member_of | mine.prepares | mine.secretary_of)


def has_a_seat_in(user, item) -> bool:
    """A seat in some body of the proposal's district: who reads its intern proposals."""
    return has_a_seat(user) and in_scope(user, item.district_id)


def confidentiality_allows(user, item) -> bool:
    """openbaar: everyone logged in; intern: whoever has a seat in a body of its district; vertrouwelijk: the
    members of the bodies on its route. Always: its district's secretariat and communication advisors, its
    submitter and trekker, and the local communication advisor its advice was prepared with (who is asked to
    read it). queries.visible_items is the same rule in SQL."""
    if item.confidentiality == "openbaar" or secretariat_of(user, item):
        return True
    roles = item_roles(item, user)
    if roles & {"submitter", "trekker"}:
        return True
    if Role.COMMUNICATIE.value in roles and in_scope(user, item.district_id):
        return True
    if has_a_seat_in(user, item) if item.confidentiality == "intern" else _on_route(user, item):
        return True
    return _asked_for_local_advice(user, item)


def _asked_for_local_advice(user, item) -> bool:
    """Asked last; one query per request, whatever the number of proposals on a page."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return False
    asked = per_request("asked_for_local_advice")
    if person_id not in asked:
        asked[person_id] = set(db.session.scalars(select(CommunicationAdvice.item_id).where(
            CommunicationAdvice.local_advisor_id == person_id)))
    return item.id in asked[person_id]


def can_view_item(user, item) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if secretariat_of(user, item):
        return True
    visible_to = set(item.state.visible_to)
    roles = item_roles(item, user)
    if "all" not in visible_to and "route" not in visible_to and not roles & visible_to:
        return False
    return confidentiality_allows(user, item)


def can_create_item(user) -> bool:
    """Proposals start with a projectleider, a trekker (a member of the deciding body) or the secretariat;
    not with a member who only reads."""
    if reads_only(user):
        return False
    return has_role(user, Role.PROJECTLEIDER, *PRIVILEGED) or bool(seating(user).member_of)


def can_edit_item(user, item) -> bool:
    return item.state.is_editable and (secretariat_of(user, item) or "submitter" in item_roles(item, user))


def can_manage_item_documents(user, item) -> bool:
    """The submitter, the trekker and the secretariat keep a proposal's documents until it is settled; a
    member who only reads uploads nothing (a mayor as trekker consents, he does not keep the file)."""
    if item.state.is_final or reads_only(user):
        return False
    return secretariat_of(user, item) or bool(item_roles(item, user) & {"submitter", "trekker"})


def can_set_target(user, item) -> bool:
    if item.state.is_final:
        return False
    roles = item_roles(item, user)
    return secretariat_of(user, item) or bool(roles & {"submitter", Role.AGENDACOMMISSIE.value})


def can_give_consent(user, item) -> bool:
    return bool(item.project_id) and item.trekker_consent_at is None and "trekker" in item_roles(item, user)


def can_override_deadline(user, item) -> bool:
    return secretariat_of(user, item) and not item.state.is_final


def can_record_opinion(user, item) -> bool:
    return secretariat_of(user, item) and not item.state.is_final


def is_communication_advisor(user) -> bool:
    """The advice work list is their menu item."""
    return has_role(user, Role.COMMUNICATIE)


def can_view_advice_worklist(user) -> bool:
    """Advisors write from it; the secretariat approves from it."""
    return has_role(user, Role.COMMUNICATIE, *PRIVILEGED)


def can_write_advice(user, item) -> bool:
    return has_role(user, Role.COMMUNICATIE, *PRIVILEGED) and can_view_item(user, item)


def can_approve_advice(user, item) -> bool:
    """Four eyes: the secretariat, or a communication advisor other than the one who wrote it."""
    advice = item.communication_advice
    if advice is None or advice.status != "draft" or advice.advisor_id == getattr(user, "id", None):
        return False
    return secretariat_of(user, item) or has_role(user, Role.COMMUNICATIE)


def can_waive_advice(user, item) -> bool:
    """The secretariat records why a proposal needs no communication advice (before it is approved)."""
    advice = item.communication_advice
    return (secretariat_of(user, item) and advice is not None and advice.status in ("requested", "draft")
            and not item.state.is_final)


def can_record_outcomes(user, item) -> bool:
    return secretariat_of(user, item) and item.target_meeting_id is not None and not item.state.is_final


def can_manage_actions(user) -> bool:
    return is_secretariat(user)


def can_list_actions(user) -> bool:
    """Everyone logged in has the action lists (each list shows only what concerns or is visible to them)."""
    return bool(getattr(user, "is_authenticated", False))


def can_update_action(user, action) -> bool:
    """Its owner, or its district's secretariat (asked second: the owner's task list loads no proposals)."""
    owner = action.owner_person_id
    return (owner is not None and owner == getattr(user, "person_id", None)) or secretariat_of(user, action.item)


def can_view_action(user, action) -> bool:
    """Whoever sees its proposal, and whoever has to carry it out."""
    if can_view_item(user, action.item) or can_update_action(user, action):
        return True
    return any(can_update_assignment(user, a) for a in action.assignments)


def can_update_assignment(user, assignment) -> bool:
    return may_update_assignment(user, assignment) or secretariat_of(user, assignment.action.item)


def can_view_decision_list(user, meeting) -> bool:
    return can_view_meeting(user, meeting)


def can_adopt_decision_list(user, meeting) -> bool:
    return is_secretariat_of_body(user, meeting.body_id)


def can_manage_workflows(user) -> bool:
    return has_role(user, Role.ADMIN)

