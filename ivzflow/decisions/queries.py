"""List queries for decision items, filtered in SQL to what the user may see (same rules as permissions)."""
from __future__ import annotations

from sqlalchemy import and_, false, or_, select, true

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import roles_of
from ivzflow.bodies.districts import EVERY_DISTRICT, districts_of, scope_clause
from ivzflow.decisions.models import CommunicationAdvice, Consultation, DecisionItem
from ivzflow.decisions.permissions import is_secretariat
from ivzflow.extensions import db
from ivzflow.bodies.permissions import seating
from ivzflow.workflows.models import WorkflowState


def visible_items(user):
    """A select of the decision items this user may see."""
    return select(DecisionItem).where(visible_clause(user))


def visible_clause(user):
    """The condition on DecisionItem of visible_items, to add to a query that already selects proposals: as a
    condition it is checked per row found, where `id IN (visible_items)` made the database list every one.
    The secretariat sees all of its districts' proposals; elsewhere only public ones (as anyone without a seat
    there: a seat in a district's body makes it one of his districts)."""
    mine = scope_clause(user, DecisionItem.district_id)
    secretariat = is_secretariat(user)
    if secretariat and districts_of(user) is EVERY_DISTRICT:
        return true()
    roles = {r.value for r in roles_of(user)}
    person_id = getattr(user, "person_id", None)
    states = db.session.execute(select(WorkflowState.id, WorkflowState.visible_to)).all()
    open_states = [sid for sid, vis in states if {"all", "route"} & set(vis) or roles & set(vis)]
    if secretariat:  # a seat elsewhere gives that district: what is left are others' public proposals
        return or_(mine, DecisionItem.submitter_id == user.id,
                   DecisionItem.trekker_id == person_id if person_id else false(),
                   and_(DecisionItem.confidentiality == "openbaar", DecisionItem.state_id.in_(open_states)))
    as_submitter = [sid for sid, vis in states if "submitter" in vis]
    as_trekker = [sid for sid, vis in states if "trekker" in vis]
    state_ok = or_(
        DecisionItem.state_id.in_(open_states),
        and_(DecisionItem.state_id.in_(as_submitter), DecisionItem.submitter_id == user.id),
        and_(DecisionItem.state_id.in_(as_trekker), DecisionItem.trekker_id == person_id) if person_id else false(),
    )
    seated = seating(user)
    bodies = seated.member_of | seated.prepares | seated.secretary_of
    confidentiality_ok = or_(
        DecisionItem.confidentiality == "openbaar",
        and_(mine, DecisionItem.confidentiality == "intern") if bodies else false(),  # a seat in its district
        mine if Role.COMMUNICATIE.value in roles else false(),  # its district's advisors
        DecisionItem.submitter_id == user.id,
        DecisionItem.trekker_id == person_id if person_id else false(),
        DecisionItem.id.in_(select(CommunicationAdvice.item_id).where(CommunicationAdvice.local_advisor_id == person_id))
        if person_id else false(),
        DecisionItem.id.in_(select(Consultation.item_id).where(Consultation.body_id.in_(bodies))) if bodies
        else false(),
    )
    return and_(state_ok, confidentiality_ok)


def filtered(query, *, state: str | None = None, body_id: int | None = None, meeting_id: int | None = None,
             project_id: int | None = None, search: str | None = None, districts=None):
    """districts: a bodies.district_filter.DistrictFilter (the picked districts' proposals)."""
    if districts is not None and districts.ids is not None:
        query = query.where(districts.clause(DecisionItem.district_id))
    if state:
        query = query.where(DecisionItem.state_id.in_(select(WorkflowState.id).where(WorkflowState.name == state)))
    if body_id:
        query = query.where(DecisionItem.id.in_(select(Consultation.item_id).where(Consultation.body_id == body_id)))
    if meeting_id:
        query = query.where(DecisionItem.target_meeting_id == meeting_id)
    if project_id:
        query = query.where(DecisionItem.project_id == project_id)
    if search:
        query = query.where(DecisionItem.title.ilike(f"%{search.strip()}%"))
    return query
