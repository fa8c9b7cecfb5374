"""The names a workflow definition may use: roles, guards, effects and transition forms.

Guards answer None when they hold, or the Dutch reason why not. Effects change the item (and may
raise a ValidationError about their input). Both get (item, user, params).
"""
from __future__ import annotations

from collections.abc import Callable

from ivzflow.accounts.roles import Role

# Filled by ivzflow.workflows.effects, guards and remedies, which the app factory loads (ivzflow.models):
# they act on decision items, this module stays below them.
Guard = Callable[..., str | None]
Effect = Callable[..., None]

GUARDS: dict[str, Guard] = {}
EFFECTS: dict[str, Effect] = {}
# Per guard, who makes it hold and how: (item, user) → (who, what) in Dutch, for the "next step" guidance.
REMEDIES: dict[str, Callable[..., tuple[str, str] | None]] = {}
# Extra input a transition asks for, by name: the decision pages know how to show each.
FORMS = {"platform_advice", "target_meeting"}
# Roles relative to the item, next to the application roles.
ITEM_ROLES = {"submitter", "trekker"}
KNOWN_ROLES = {r.value for r in Role} | ITEM_ROLES
VISIBILITY = KNOWN_ROLES | {"route", "all"}


def guard(name: str):
    def register(function: Guard) -> Guard:
        GUARDS[name] = function
        return function
    return register


def remedy(name: str):
    def register(function):
        REMEDIES[name] = function
        return function
    return register


def effect(name: str):
    def register(function: Effect) -> Effect:
        EFFECTS[name] = function
        return function
    return register

