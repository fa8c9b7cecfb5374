"""The workflow engine: which transitions a user may take now, and taking one.

Code asks `options()` what is possible (the same answer drives the buttons) and calls `take()`; it never
compares state names. `take()` checks the graph of the item's own workflow version, the user's roles
and every guard, runs the effects, and records who moved what from where to where, when and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.accounts.services import roles_of
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, NotAllowed
from ivzflow.decisions.models import ItemTransition
from ivzflow.extensions import db
from ivzflow.workflows import registry
from ivzflow.workflows.models import WorkflowTransition


class TransitionRefused(Conflict):
    """A guard does not hold: 409 with the guard's Dutch reason(s)."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass
class Option:
    transition: WorkflowTransition
    by_guard: dict[str, str | None] = field(default_factory=dict)  # per guard its reason, None when it holds

    @property
    def reasons(self) -> list[str]:
        return [reason for reason in self.by_guard.values() if reason]

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def label(self) -> str:
        return self.transition.label(str(get_locale()))


def item_roles(item, user) -> set[str]:
    """The user's application roles plus their roles towards this item (submitter, trekker)."""
    roles = {r.value for r in roles_of(user)}
    if getattr(user, "id", None) is not None and item.submitter_id == user.id:
        roles.add("submitter")
    if getattr(user, "person_id", None) is not None and item.trekker_id == user.person_id:
        roles.add("trekker")
    return roles


def _outgoing(item) -> list[WorkflowTransition]:
    return [t for t in item.workflow_version.transitions if t.from_state_id == item.state_id]


def guard_results(transition: WorkflowTransition, item, user, params: dict | None = None) -> dict[str, str | None]:
    """Per guard of the transition, why it does not hold (None when it does)."""
    return {name: registry.GUARDS[name](item, user, params or {}) or None for name in transition.guards}


def guard_reasons(transition: WorkflowTransition, item, user, params: dict | None = None) -> list[str]:
    return [reason for reason in guard_results(transition, item, user, params).values() if reason]


def options(item, user) -> list[Option]:
    """Transitions from the item's state that this user's roles allow, each with why it cannot be taken
    now (empty when it can)."""
    roles = item_roles(item, user)
    return [Option(t, guard_results(t, item, user)) for t in _outgoing(item) if roles & set(t.roles)]


def take(item, name: str, user, comment: str | None = None, params: dict | None = None):
    """Take a transition by name; raises Conflict (graph, guards) or NotAllowed (roles). One transaction:
    the caller commits, and the item's version column makes a concurrent second transition fail."""
    transition = next((t for t in _outgoing(item) if t.name == name), None)
    if transition is None:
        state = item.state.label(str(get_locale()))
        raise Conflict(_("De stap '%(name)s' is vanuit de toestand '%(state)s' niet mogelijk.", name=name, state=state))
    if not item_roles(item, user) & set(transition.roles):
        raise NotAllowed(_("U mag de stap '%(label)s' niet zetten.", label=transition.label(str(get_locale()))))
    params = {**(params or {}), "_transition": transition.name}
    reasons = guard_reasons(transition, item, user, params)
    if reasons:
        raise TransitionRefused(reasons)
    for effect in transition.effects:
        registry.EFFECTS[effect](item, user, params)
    now = clock.now()
    record = ItemTransition(item_id=item.id, transition=transition.name, from_state_id=item.state_id,
                            to_state_id=transition.to_state_id, by_id=getattr(user, "id", None), at=now,
                            comment=(comment or "").strip() or None)
    db.session.add(record)
    item.state_id = transition.to_state_id
    item.state = transition.to_state
    item.state_entered_at = now
    item.updated_at = now
    db.session.flush()
    return record


def history(item_id: int):
    return list(db.session.scalars(select(ItemTransition).where(ItemTransition.item_id == item_id)
                                   .order_by(ItemTransition.at, ItemTransition.id)))
