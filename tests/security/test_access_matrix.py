"""Every route of the URL map, tried by every principal, against the expected matrix in access_matrix.py.

One test per principal (anonymous, each role, a user of another body): it requests every rule and method
with the URL filled from the seeded world, then the object-level cases, and reports all mismatches at
once. Refused POSTs must change nothing. A rule that is not in the matrix fails with its name.

`IVZFLOW_MATRIX_RECORD=1 pytest tests/security/test_access_matrix.py -k sqlite -s` prints what the app
does now, in the matrix's format, to help write a row for a new route (review it before pasting).
"""
from __future__ import annotations

import os
import re

import pytest

from tests.security import access_matrix as M
from tests.security.conftest import DEMO_PASSWORD, PRINCIPALS, ROLE_USERS, fingerprint, restore_world

RECORD = os.environ.get("IVZFLOW_MATRIX_RECORD") == "1"
SKIP_METHODS = {"HEAD", "OPTIONS"}


def route_keys(app) -> list[tuple[str, str]]:
    """(method, rule) for every rule of the URL map."""
    keys = set()
    for rule in app.url_map.iter_rules():
        for method in rule.methods - SKIP_METHODS:
            keys.add((method, rule.rule))
    return sorted(keys, key=lambda k: (k[1], k[0]))


def _item_id(rule: str, world) -> int:
    """`item_id` means a different object under each prefix."""
    ids = world.ids
    if rule.startswith("/agenda-items/"):
        return ids["public_agenda_item"]
    if rule.startswith("/standing-items/"):
        return ids["standing_item"]
    if rule.startswith("/projects/"):
        return ids["indicator"] if "indicators" in rule else ids["activity"]
    return ids["decision_item"]


def fill(rule: str, world) -> str:
    """The rule's URL with its parameters filled with seeded objects."""
    ids = world.ids
    values = {
        "body_id": ids["dvo"], "meeting_id": ids["sent_meeting"], "attachment_id": ids["public_attachment"],
        "action_id": ids["action"], "assignment_id": ids["assignment"], "project_id": ids["own_project"],
        "value_id": ids["target"], "notification_id": ids["notification"], "delivery_id": ids["delivery"],
        "token_id": ids["token_id"], "user_id": ids["member_user"], "org_id": ids["org"], "person_id": ids["person"],
        "location_id": ids["location"], "event_id": ids["event"], "relation_id": ids["relation"],
        "membership_id": ids["membership"], "seat_id": ids["seat"], "consultation_id": ids["consultation"],
        "workflow_id": ids["workflow"], "number": 1, "secret": world.feed_secret, "record_type": "body",
        "record_id": ids["dvo"], "fmt": "csv", "kind": "activities", "what": "targets", "filename": "css/app.css",
    }
    url = rule
    for match in re.finditer(r"<(?:([a-z_]+)(?:\([^)]*\))?:)?([a-z_]+)>", rule):
        name = match.group(2)
        if name in M.URL_VALUES.get(rule, {}):
            value = ids[M.URL_VALUES[rule][name]]
        elif name == "item_id":
            value = _item_id(rule, world)
        elif name in values:
            value = values[name]
        else:
            raise AssertionError(f"{rule}: no seeded object for <{name}>; add one to URL_VALUES in access_matrix.py "
                                 f"(and to build_world in tests/security/conftest.py if it is a new kind of object)")
        url = url.replace(match.group(0), str(value), 1)
    return url


def outcome(response) -> str:
    """ok: the action answered (a page, a file, a redirect); invalid: it refused the input (400, 409, 422);
    login: sent to log in (or 401 from the API); forbidden: 403; hidden: 404; error: anything else."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if status in (301, 302, 303) and "/login" in location and "next=" in location:  # not logout's own redirect
        return "login"
    if status == 401:
        return "login"
    if status == 403:
        return "forbidden"
    if status == 404:
        return "hidden"
    if status < 400:
        return "ok"
    if status in (400, 409, 422):
        return "invalid"
    return "error"


def expected(allowed: set[str], principal: str, method: str, refusal: str, public: bool) -> set[str]:
    """What may come back. A GET that is allowed answers; a write that is allowed may still refuse the empty
    input it gets here (that is its validation, reached after the permission check). A refusal is a 403
    where the user sees the object but may not do this, a 404 where the object is hidden from them."""
    if principal in allowed:
        return {"ok"} if method == "GET" else {"ok", "invalid"}
    if principal == "anonymous" and not public:
        return {"login"}
    return {refusal}


class Runner:
    def __init__(self, app, client, world, principal):
        self.app, self.client, self.world, self.principal = app, client, world, principal
        self.mismatches: list[str] = []
        self.observed: dict[tuple[str, str], str] = {}

    def login(self):
        if self.principal == "anonymous":
            return
        response = self.client.post("/login", data={"email": ROLE_USERS[self.principal], "password": DEMO_PASSWORD})
        assert response.status_code == 302, f"{self.principal} cannot log in"

    def ensure_logged_in(self):
        if self.principal != "anonymous" and outcome(self.client.get("/profile")) == "login":
            self.login()

    def request(self, method: str, url: str, api: bool, scope: str = "read"):
        headers = {}
        if api and self.principal != "anonymous":
            headers["Authorization"] = f"Bearer {self.world.tokens[(self.principal, scope)]}"
        if method == "GET":
            return self.client.get(url, headers=headers)
        if api:
            return self.client.open(url, method=method, json={}, headers=headers)
        return self.client.open(url, method=method, data={}, headers=headers)

    def check(self, label: str, method: str, url: str, allowed: set[str], api: bool, scope: str = "read",
              refusal: str = "forbidden", public: bool = False, answers: set[str] | None = None):
        want = expected(allowed, self.principal, method, refusal, public)
        if answers and "ok" in want:
            want = answers
        if "ok" in want and label in M.HEAVY and self.principal != sorted(allowed)[0] and not RECORD:
            return  # a PDF takes seconds: its refusals are all checked, its permission once
        if ("ok" in want and method == "GET" and M.GROUPS["ALL"] <= allowed and not RECORD
                and self.principal not in ("member", "outsider", "anonymous")):
            return  # open to every account: proven by the two least privileged ones, to keep the run short
        changes_watched = method != "GET" and "ok" not in want
        before = fingerprint() if changes_watched else None
        response = self.request(method, url, api, scope)
        got = outcome(response)
        response.close()
        self.observed[(method, label)] = got
        if got not in want:
            self.mismatches.append(f"{method} {label} ({url}) as {self.principal}"
                                   f"{' with a ' + scope + ' token' if api else ''}: expected "
                                   f"{' or '.join(sorted(want))}, got {got} ({response.status_code})")
        if method != "GET":
            after = fingerprint()
            if changes_watched and after != before:
                self.mismatches.append(f"{method} {label} as {self.principal} was refused but changed data")
            if after != self.clean:
                restore_world()
                self.clean = fingerprint()
            self.ensure_logged_in()

    def run(self):
        self.login()
        self.clean = fingerprint()
        keys = route_keys(self.app)
        unknown = [f"{m} {r}" for m, r in keys if (m, r) not in M.ROUTES]
        assert RECORD or not unknown, ("routes without an access rule in tests/security/access_matrix.py:\n  "
                             + "\n  ".join(unknown))
        # GETs and refused writes first; allowed writes last, restoring the world after each.
        routes = {k: M.ROUTES.get(k, set()) for k in keys}
        ordered = sorted(keys, key=lambda k: (k[0] != "GET" and self.principal in routes[k], k[1], k[0]))
        for method, rule in ordered:
            api = rule.startswith("/api/")
            url = fill(rule, self.world)
            refusal = M.REFUSALS.get((method, rule), "forbidden")
            self.check(rule, method, url, routes[(method, rule)], api, "write" if api and method != "GET" else "read",
                       refusal, public=M.PUBLIC_ROUTE(rule), answers=M.ALLOWED_ANSWERS.get((method, rule)))
            if api and method != "GET" and self.principal != "anonymous":
                self.check(rule + " [read token]", method, url, set(), api, "read", "forbidden")
        for label, method, template, allowed, refusal in M.OBJECT_CASES:
            api = template.startswith("/api/")
            url = template.format(secret=self.world.feed_secret, **self.world.ids)
            self.check(label, method, url, allowed, api, "write" if api and method != "GET" else "read", refusal,
                       public=M.PUBLIC_ROUTE(template))
        for label, template, text, sees in M.CONTENT_CASES:
            if self.principal == "anonymous":
                continue
            url = template.format(**self.world.ids)
            response = self.request("GET", url, url.startswith("/api/"))
            page = response.get_data(as_text=True)
            response.close()
            text = text.format(**self.world.ids)
            if response.status_code != 200:
                self.mismatches.append(f"{label} ({url}) as {self.principal}: {response.status_code}")
            elif (text in page) != (self.principal in sees):
                self.mismatches.append(f"{label} ({url}) as {self.principal}: {text!r} "
                                       f"{'missing' if self.principal in sees else 'shown'}")


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_access_matrix(app, client, world, principal):
    runner = Runner(app, client, world, principal)
    runner.run()
    if RECORD:
        print(f"\n# observed as {principal}")
        for (method, label), got in sorted(runner.observed.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            print(f"{principal}\t{method}\t{label}\t{got}")
        return
    assert not runner.mismatches, f"{len(runner.mismatches)} access mismatches:\n  " + "\n  ".join(runner.mismatches)


def test_every_matrix_row_is_a_route(app):
    """Rows for removed routes go too, so the matrix stays the truth."""
    keys = set(route_keys(app))
    stale = [f"{m} {r}" for m, r in M.ROUTES if (m, r) not in keys]
    assert not stale, "matrix rows for routes that no longer exist: " + ", ".join(stale)
