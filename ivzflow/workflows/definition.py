"""Reading and checking a workflow definition (a dict from a JSON file or the admin's editor).

`problems()` returns every problem as a Dutch sentence, so an administrator can fix them all at once.
"""
from __future__ import annotations

import json
import re
from collections import deque

from flask_babel import gettext as _

from ivzflow.workflows import registry

NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def parse(text: str) -> dict:
    """JSON text → definition dict, or a ValueError with a Dutch message."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(_("Geen geldige JSON (regel %(line)d, kolom %(col)d): %(msg)s",
                           line=exc.lineno, col=exc.colno, msg=exc.msg)) from None
    except RecursionError:
        raise ValueError(_("Een workflow is een JSON-object met states en transitions.")) from None
    if not isinstance(data, dict):
        raise ValueError(_("Een workflow is een JSON-object met states en transitions."))
    return data


def _label_problems(what: str, entry: dict) -> list[str]:
    label = entry.get("label")
    if not isinstance(label, dict) or not str(label.get("nl") or "").strip() or not str(label.get("en") or "").strip():
        return [_("%(what)s heeft een Nederlands en een Engels label nodig.", what=what)]
    return []


def _route_problems(route) -> list[str]:
    """"route" (optional) names the kind of body that advises on every item, e.g. {"advising_body_kind": "platform"}."""
    if route is None:
        return []
    if not isinstance(route, dict) or set(route) - {"advising_body_kind"}:
        return [_("De route (route) is een object met alleen advising_body_kind.")]
    kind = route.get("advising_body_kind")
    if kind is not None and (not isinstance(kind, str) or not NAME.match(kind)):
        return [_("De route: advising_body_kind is de soort van een gremium, zoals platform.")]
    return []


def _names(value) -> list[str] | None:
    """A list of names, or None when the value is anything else (a list of lists, a number ...)."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def problems(data: dict) -> list[str]:
    """Everything wrong with a definition; an empty list means it can be loaded."""
    found: list[str] = []
    if not isinstance(data.get("key"), str) or not NAME.match(data.get("key", "")):
        found.append(_("De sleutel (key) bestaat uit kleine letters, cijfers en liggende streepjes."))
    name = data.get("name")
    if not isinstance(name, dict) or not str(name.get("nl") or "").strip():
        found.append(_("De workflow heeft een Nederlandse naam nodig."))
    found += _route_problems(data.get("route"))
    states = data.get("states")
    transitions = data.get("transitions")
    if not isinstance(states, list) or not states:
        return found + [_("Een workflow heeft minstens één toestand (states).")]
    if not isinstance(transitions, list):
        return found + [_("De overgangen (transitions) moeten een lijst zijn.")]

    names: list[str] = []
    for state in states:
        if not isinstance(state, dict):
            found.append(_("Elke toestand is een object."))
            continue
        state_name = state.get("name")
        if not isinstance(state_name, str) or not NAME.match(state_name):
            found.append(_("Ongeldige naam van een toestand: %(name)r.", name=state_name))
            continue
        if state_name in names:
            found.append(_("De toestand '%(name)s' komt twee keer voor.", name=state_name))
        names.append(state_name)
        found += _label_problems(_("Toestand '%(name)s'", name=state_name), state)
        visible_to = _names(state.get("visible_to", []))
        if visible_to is None:
            found.append(_("Toestand '%(name)s': visible_to is een lijst van rollen.", name=state_name))
            continue
        unknown = set(visible_to) - registry.VISIBILITY
        if unknown:
            found.append(_("Toestand '%(name)s': onbekende rollen in visible_to: %(roles)s.",
                           name=state_name, roles=", ".join(sorted(unknown))))
    initial = [s.get("name") for s in states if isinstance(s, dict) and s.get("initial")]
    if len(initial) != 1:
        found.append(_("Er moet precies één begintoestand zijn (nu %(n)d).", n=len(initial)))
    final = {s.get("name") for s in states if isinstance(s, dict) and s.get("final") and isinstance(s.get("name"), str)}

    seen_transitions: set[str] = set()
    edges: dict[str, set[str]] = {}
    for transition in transitions:
        if not isinstance(transition, dict):
            found.append(_("Elke overgang is een object."))
            continue
        t_name = transition.get("name")
        if not isinstance(t_name, str) or not NAME.match(t_name):
            found.append(_("Ongeldige naam van een overgang: %(name)r.", name=t_name))
            continue
        if t_name in seen_transitions:
            found.append(_("De overgang '%(name)s' komt twee keer voor.", name=t_name))
        seen_transitions.add(t_name)
        found += _label_problems(_("Overgang '%(name)s'", name=t_name), transition)
        source, target = transition.get("from"), transition.get("to")
        if not isinstance(source, str) or not isinstance(target, str):
            found.append(_("Overgang '%(name)s': from en to zijn elk de naam van één toestand.", name=t_name))
            continue
        for end in (source, target):
            if end not in names:
                found.append(_("Overgang '%(name)s' verwijst naar een onbekende toestand '%(state)s'.",
                               name=t_name, state=end))
        if source in final:
            found.append(_("De eindtoestand '%(state)s' kan geen uitgaande overgang '%(name)s' hebben.",
                           state=source, name=t_name))
        edges.setdefault(source, set()).add(target)
        roles = _names(transition.get("roles"))
        if not roles:
            found.append(_("Overgang '%(name)s' noemt geen rollen die hem mogen nemen.", name=t_name))
        elif set(roles) - registry.KNOWN_ROLES:
            found.append(_("Overgang '%(name)s': onbekende rollen %(roles)s.", name=t_name,
                           roles=", ".join(sorted(set(roles) - registry.KNOWN_ROLES))))
        guards, effects = _names(transition.get("guards") or []), _names(transition.get("effects") or [])
        if guards is None or effects is None or not isinstance(transition.get("form"), (str, type(None))):
            found.append(_("Overgang '%(name)s': guards en effects zijn lijsten van namen, form is een naam.",
                           name=t_name))
            continue
        for entry in guards:
            if entry not in registry.GUARDS:
                found.append(_("Overgang '%(name)s': onbekende voorwaarde '%(entry)s'.", name=t_name, entry=entry))
        for entry in effects:
            if entry not in registry.EFFECTS:
                found.append(_("Overgang '%(name)s': onbekend effect '%(entry)s'.", name=t_name, entry=entry))
        if transition.get("form") is not None and transition["form"] not in registry.FORMS:
            found.append(_("Overgang '%(name)s': onbekend formulier '%(form)s'.", name=t_name, form=transition["form"]))

    if len(initial) == 1 and initial[0] in names:
        reachable = _reachable(initial[0], edges)
        for state_name in names:
            if state_name not in reachable:
                found.append(_("De toestand '%(name)s' is vanuit de begintoestand niet bereikbaar.", name=state_name))
    return found


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
