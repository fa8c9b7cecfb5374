"""Follow-up actions from decisions: an owner (a person, or organisations with a status each), a due date."""
from __future__ import annotations

from datetime import date

from flask import has_request_context, request
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from ivzflow.core import clock
from ivzflow.core.errors import ValidationError, check_version
from ivzflow.core.web import per_request
from ivzflow.decisions.models import ActionAssignment, DecisionItem, FollowUpAction
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation

STATUSES = ("open", "in_progress", "done", "n_a")
OPEN = ("open", "in_progress")


def create_action(actor, item: DecisionItem, *, description: str, due_on: date | None, owner_person_id: int | None = None,
                  organisation_ids: list[int] = (), all_municipalities: bool = False,
                  point_id: int | None = None) -> FollowUpAction:
    """An action from a decision; "all municipalities" fans out to one status per municipality of its district."""
    description = (description or "").strip()
    if not description:
        raise ValidationError(_("Beschrijf de actie."), field="description")
    if point_id and point_id not in {p.id for p in item.points}:
        raise ValidationError(_("Dit beslispunt hoort niet bij dit voorstel."), field="point_id")
    if all_municipalities:  # the municipalities of the proposal's district
        municipalities = select(Organisation.id).where(Organisation.classification == "gemeente")
        if item.district_id is not None:
            municipalities = municipalities.where(Organisation.district_id == item.district_id)
        organisation_ids = list(db.session.scalars(municipalities.order_by(Organisation.name)))
    organisation_ids = list(dict.fromkeys(organisation_ids))
    if not owner_person_id and not organisation_ids:
        raise ValidationError(_("Kies een eigenaar: een persoon of een of meer organisaties."), field="owner_person_id")
    action = FollowUpAction(item_id=item.id, point_id=point_id, description=description[:5000], due_on=due_on,
                            owner_person_id=owner_person_id, created_at=clock.now(),
                            created_by_id=getattr(actor, "id", None))
    action.assignments = [ActionAssignment(organisation_id=org_id) for org_id in organisation_ids]
    db.session.add(action)
    db.session.flush()
    return action


def _roll_up(action: FollowUpAction) -> None:
    """A fanned-out action is done when every organisation is done or not concerned."""
    if action.assignments:
        statuses = {a.status for a in action.assignments}
        if statuses <= {"done", "n_a"}:
            action.status = "done" if "done" in statuses else "n_a"
        elif statuses & {"in_progress", "done"}:
            action.status = "in_progress"
        else:
            action.status = "open"


def set_assignment_status(actor, assignment: ActionAssignment, status: str, note: str | None, version) -> None:
    """One organisation reports its part: open, in progress, done or not applicable."""
    check_version(assignment, version)
    if status not in STATUSES:
        raise ValidationError(_("Kies een status."), field="status")
    assignment.status, assignment.note = status, (note or "").strip()[:500] or None
    assignment.updated_at, assignment.updated_by_id = clock.now(), actor.id
    _roll_up(assignment.action)
    db.session.flush()


def set_action_status(actor, action: FollowUpAction, status: str, notes: str | None, version) -> None:
    check_version(action, version)
    if status not in STATUSES:
        raise ValidationError(_("Kies een status."), field="status")
    if action.assignments:
        raise ValidationError(_("De status volgt uit die van de organisaties."), field="status")
    action.status, action.notes = status, (notes or "").strip() or None
    db.session.flush()


def open_action_count(item_id: int) -> int:
    """Counted from the actions a page already listed (a read, so they cannot have changed), else in SQL."""
    listed = per_request("actions_of").get(item_id) if has_request_context() and request.method == "GET" else None
    if listed is not None:
        return sum(1 for action in listed if action.status in OPEN)
    return db.session.scalar(select(func.count(FollowUpAction.id)).where(
        FollowUpAction.item_id == item_id, FollowUpAction.status.in_(OPEN))) or 0


def _in_order(query):
    return query.order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)


def actions_query():
    return _in_order(select(FollowUpAction).options(selectinload(FollowUpAction.assignments)))


def my_actions(user, limit: int = 200) -> list[FollowUpAction]:
    """Actions owned by the user, or assigned to the user's organisation."""
    person = user.person
    conditions = []
    if person is not None:
        conditions.append(FollowUpAction.owner_person_id == person.id)
        if person.organisation_id:
            conditions.append(FollowUpAction.id.in_(select(ActionAssignment.action_id).where(
                ActionAssignment.organisation_id == person.organisation_id)))
    if not conditions:
        return []
    return list(db.session.scalars(actions_query().where(or_(*conditions), FollowUpAction.status.in_(OPEN))
                                   .limit(limit)))


def overdue_actions(limit: int = 200, visible=None) -> list[FollowUpAction]:
    """Open actions past their due date; `visible` (a select of items) limits them to those items."""
    query = actions_query().where(FollowUpAction.status.in_(OPEN), FollowUpAction.due_on < clock.today())
    if visible is not None:
        query = query.where(FollowUpAction.item_id.in_(visible.with_only_columns(DecisionItem.id)))
    return list(db.session.scalars(query.limit(limit)))


def actions_by_item(item_ids: list[int]) -> dict[int, list[FollowUpAction]]:
    """The actions of several items in one query (for a decision list)."""
    found: dict[int, list[FollowUpAction]] = {item_id: [] for item_id in item_ids}
    if item_ids:
        # the items are on the page already: loaded again with each action, their workflows came along
        query = actions_query().options(lazyload(FollowUpAction.item)).where(FollowUpAction.item_id.in_(item_ids))
        for action in db.session.scalars(query):
            found[action.item_id].append(action)
    return found


def actions_of(item_id: int) -> list[FollowUpAction]:
    # The item is on the page already (in the session): loading it again with every action, and with it
    # its workflow, people and bodies, cost more than the actions themselves.
    # An item has a few actions with a few assignments each: one query with a join, not two.
    found = list(db.session.scalars(_in_order(
        select(FollowUpAction).options(lazyload(FollowUpAction.item), joinedload(FollowUpAction.assignments))
        .where(FollowUpAction.item_id == item_id))).unique())
    if has_request_context():
        per_request("actions_of")[item_id] = found
    return found


def may_update_assignment(user, assignment: ActionAssignment) -> bool:
    """Someone of the organisation concerned reports its status."""
    person = getattr(user, "person", None)
    return person is not None and person.organisation_id == assignment.organisation_id
