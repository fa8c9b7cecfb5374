"""Who acts next on a proposal, and what: derived from its workflow and guards, never from state names.

The way forward from a state is its first outgoing transition that neither loops back nor returns to the
draft. When a guard of that step does not hold, the guard's remedy (workflows.remedies) says who makes it
hold and how: that is "now", and the step itself comes "after". When every guard holds, the step is "now"
and the way forward from the state it leads to comes "after".
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _

from ivzflow.accounts.roles import Role
from ivzflow.workflows import engine, registry
from ivzflow.workflows.models import WorkflowState, WorkflowTransition
from ivzflow.workflows.remedies import submitter, trekker


@dataclass(frozen=True)
class Turn:
    who: str
    what: str

    def __post_init__(self):
        object.__setattr__(self, "what", self.what.rstrip(". "))  # the page ends the sentence


@dataclass(frozen=True)
class Guidance:
    now: Turn | None
    after: Turn | None


def forward(version, state: WorkflowState) -> WorkflowTransition | None:
    """The way forward from a state: its first transition that neither loops nor goes back to the draft."""
    return next((t for t in version.transitions
                 if t.from_state_id == state.id and t.to_state_id != state.id and not t.to_state.is_initial), None)


def actors(item, transition: WorkflowTransition) -> str:
    """The roles that may take a step, as words: "de indiener (Anna de Vries) of het secretariaat"."""
    words = {"submitter": submitter(item), "trekker": trekker(item), Role.SECRETARIAT.value: _("het secretariaat"),
             Role.AGENDACOMMISSIE.value: _("de agendacommissie"), Role.PROJECTLEIDER.value: _("de projectleider"),
             Role.COMMUNICATIE.value: _("de communicatieadviseur"), Role.ADMIN.value: _("de beheerder"),
             Role.MEMBER.value: _("de leden")}
    # The administrator may take most steps too; naming him adds nothing when someone else is named.
    roles = [r for r in transition.roles if r != Role.ADMIN.value] or list(transition.roles)
    names = [words.get(r, r) for r in roles]
    return names[0] if len(names) == 1 else _("%(some)s of %(last)s", some=", ".join(names[:-1]), last=names[-1])


def _step(item, transition: WorkflowTransition) -> Turn:
    return Turn(actors(item, transition), transition.label(str(get_locale())))


def next_turns(item, user=None, options=()) -> Guidance:
    """Who is next on this item and what they do, then who comes after them. `options` (engine.options of
    the same user) spares asking the guards again."""
    if item.state.is_final:
        return Guidance(None, None)
    step = forward(item.workflow_version, item.state)
    if step is None:
        return Guidance(None, None)
    known = next((o for o in options if o.transition.id == step.id), None)
    reasons = known.by_guard if known is not None else engine.guard_results(step, item, user)
    for name in step.guards:
        reason = reasons.get(name)
        if not reason:
            continue
        remedy = registry.REMEDIES.get(name)
        found = remedy(item, user) if remedy else None
        now = Turn(*found) if found else Turn(actors(item, step), reason)
        return Guidance(now, _step(item, step))
    after = forward(item.workflow_version, step.to_state)
    return Guidance(_step(item, step), _step(item, after) if after is not None else None)
