"""Stored XSS (issue 8): hostile text typed into every user-editable text field through the real forms and
the API never comes back as markup on any page, PDF, iCal feed or export; rich text keeps its allowed
formatting and loses its scripts."""
from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from flask import url_for
from pypdf import PdfReader
from sqlalchemy import String, Text, or_, select
from werkzeug.datastructures import MultiDict

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.extensions import db
from tests.security.fuzz_support import post_form_for, quick_login
from tests.security.test_fuzz import POST_RULES, RECIPES

# Each payload carries a marker (XSSn) that is only visible as text when the payload is shown literally.
PAYLOADS = [
    "<script>alert('XSS1')</script>",
    "<img src=x onerror=alert('XSS2')>",
    "\"><svg onload=alert('XSS3')>",
    "<a href=\"javascript:alert('XSS4')\">klik</a>",
    "' onmouseover='alert(\"XSS5\")' x='",
    "</textarea><script>alert('XSS6')</script>",
    "<iframe src=\"javascript:alert('XSS7')\"></iframe>",
    "javascript:alert('XSS8')",
    "<style>*{x:expression(alert('XSS9'))}</style>",
    "<svg><script>alert('XSS10')</script></svg>",
    "<body onload=alert('XSS11')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS12')>",
]
MARKER = re.compile(r"XSS\d+")
TEXT_INPUTS = {"text", "search", "textarea", "url", "tel"}
SKIP_FORMS = {"accounts.login", "accounts.change_password", "accounts.set_language", "calendar.import_ics",
              "workflows.edit"}  # no free text, or text that is code (the workflow definition as JSON)
RICH = "<p><strong>vet</strong> en <em>schuin</em> <a href=\"https://example.org\">link</a></p>" \
       "<script>alert('XSS99')</script><img src=x onerror=alert('XSS98')>"

LITERALS = {**{f"XSS{i + 1}": p for i, p in enumerate(PAYLOADS)},
            "XSS99": "<script>alert('XSS99')</script>", "XSS98": "<img src=x onerror=alert('XSS98')>"}


def _payload(n: int) -> str:
    return PAYLOADS[n % len(PAYLOADS)]


# --- checking what comes back -----------------------------------------------------------------------

# Elements a payload would create; the app's own (chart svg, its scripts) carry no user text.
PAYLOAD_TAGS = {"svg", "img", "iframe", "script", "style", "math", "mglyph", "object", "embed", "body"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}


class _Scanner(HTMLParser):
    """Finds executable markup: script elements with user text, on* attributes, javascript: urls, and the
    elements a payload would create (img src=x, svg, iframe, style with a marker)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value.strip().lower().replace("\t", "").startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("math", "mglyph", "iframe", "object", "embed"):  # never part of the app's own pages
            self.problems.append(f"<{tag}>")
        if tag in ("script", "style") and any(n == "src" and not (v or "").startswith("/static/") for n, v in attrs):
            self.problems.append(f"<{tag} {attrs}>")
        if any(MARKER.search(v or "") or MARKER.search(n) for n, v in attrs) and tag in PAYLOAD_TAGS \
                or tag == "img" and ("src", "x") in attrs:
            self.problems.append(f"<{tag} {attrs}>")
        if tag in ("script", "style"):
            self._in = tag

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in and MARKER.search(data):
            self.problems.append(f"<{self._in}>{data[:80]}")


def html_problems(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_problems(content: bytes) -> list[str]:
    """A marker in the PDF's text must come with its payload's literal markup (escaped, not interpreted),
    and no link may point at javascript:."""
    reader = PdfReader(io.BytesIO(content))
    text = _flat("".join(page.extract_text() or "" for page in reader.pages))
    problems = []
    for marker in set(MARKER.findall(text)):
        literal = _flat(LITERALS[marker])
        # long texts wrap and may be cut off; compare the markup right before the marker
        head = literal[: literal.index(marker)][-12:]
        if head and head not in text:
            problems.append(f"{marker} appears without its markup {head!r}: interpreted")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            if uri.lower().startswith("javascript") or action.get("/S") == "/JavaScript":
                problems.append(f"link to {uri!r}")
    return problems


def ics_problems(content: bytes) -> list[str]:
    from icalendar import Calendar

    problems = []
    calendar = Calendar.from_ical(content)
    for component in calendar.walk():
        for name in component:
            if name.startswith("X-XSS") or name in ("ATTENDEE",) and "XSS" in str(component[name]):
                problems.append(f"injected property {name}")
    return problems


# --- putting payloads in ------------------------------------------------------------------------------

def _fill(fields, start: int, skip: set[str]) -> tuple[list[tuple[str, str]], dict[str, str]]:
    pairs, used = [], {}
    for i, f in enumerate(fields):
        if f.kind in TEXT_INPUTS and f.name not in skip and f.name != "csrf_token":
            payload = _payload(start + i)
            if f.kind == "url":
                payload = "javascript:alert('XSS8')"
            used[f.name] = payload
            pairs.append((f.name, payload))
        elif f.kind in ("checkbox", "radio") and not f.value:
            continue
        elif f.multiple:
            pairs += [(f.name, v) for v in f.options[:1]]
        else:
            pairs.append((f.name, f.value or (f.options[1] if len(f.options) > 1 else
                                                f.options[0] if f.options else "")))
    return pairs, used


def _errors_on(html: str) -> set[str]:
    return set(re.findall(r'id="([\w-]+)-error"', html))


def put_payloads(app, client) -> list[str]:
    """Post a payload into every text field of every form (GET+POST endpoints); returns what was stored."""
    stored = []
    n = 0
    for endpoint, recipe in sorted(RECIPES.items()):
        rule = POST_RULES[endpoint]
        if endpoint in SKIP_FORMS or recipe.json is not None or recipe.relogin:
            continue
        for args in recipe.args()[:1] + ([{}] if endpoint in ("meetings.location_form", "reminders.policy_form")
                                          else []):
            with app.test_request_context():
                url = url_for(endpoint, **args)
            page_url = recipe.page(args) if callable(recipe.page) else (recipe.page or url)
            page = client.get(page_url)
            if page.status_code != 200:
                continue
            form = post_form_for(page.get_data(as_text=True), page_url, url)
            if form is None:
                continue
            skip: set[str] = set()
            for _attempt in range(3):
                pairs, used = _fill(form.fields, n, skip)
                if not used:
                    break
                response = client.post(url, data=MultiDict(pairs))
                assert response.status_code < 500, f"POST {url} with payloads: {response.status_code}"
                if response.status_code in (302, 303):
                    stored += [f"{endpoint}:{name}" for name in used]
                    n += len(used)
                    break
                errors = _errors_on(response.get_data(as_text=True))
                rejected = {f.name for f in form.fields if f.name.replace("_", "-") in errors or f.name in errors}
                if not rejected & set(used):
                    break  # refused for another reason (state, rule); not a text field problem
                skip |= rejected
    return stored


def put_rich_text(app, client, secret: str) -> None:
    """Formatted text with scripts through the rich-text fields and the API."""
    from ivzflow.decisions.models import DecisionItem
    from ivzflow.projects.models import Project

    item = db.session.scalars(select(DecisionItem).order_by(DecisionItem.id)).first()
    project = db.session.scalars(select(Project).order_by(Project.id)).first()
    response = client.post("/api/v1/decision-items", headers={"Authorization": f"Bearer {secret}"}, json={
        "name": _payload(0), "summary": RICH, "decisionBody": item.decision_body_id,
        "decisionPoints": [_payload(1), _payload(2)]})
    assert response.status_code == 201, response.get_data(as_text=True)
    response = client.post(f"/api/v1/projects/{project.id}/status-updates",
                           headers={"Authorization": f"Bearer {secret}"},
                           json={"status": "green", "progress": 50, "summary": _payload(3), "risks": _payload(4),
                                 "achievements": RICH, "nextSteps": _payload(5)})
    assert response.status_code in (201, 400, 409), response.get_data(as_text=True)


# --- where it comes back --------------------------------------------------------------------------------

SKIP_PAGES = {"static", "accounts.logout", "agenda.download", "health.healthz", "audit.record"}


def _dirty_ids() -> dict[str, set[int]]:
    """Ids of rows with a payload, per table, and of the rows they point at."""
    dirty: dict[str, set[int]] = {}
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            texts = [c for c in table.c if isinstance(c.type, (String, Text))]
            if not texts or "id" not in table.c:
                continue
            rows = connection.execute(table.select().where(or_(*[c.like("%XSS%") for c in texts]))).all()
            for row in rows:
                dirty.setdefault(table.name, set()).add(row.id)
                for fk in table.foreign_keys:
                    value = row._mapping[fk.parent.name]
                    if value is not None:
                        dirty.setdefault(fk.column.table.name, set()).add(value)
    return dirty


ARG_TABLES = {"body_id": "body", "meeting_id": "meeting", "seat_id": "seat", "membership_id": "membership",
              "project_id": "project", "location_id": "location", "user_id": "user", "org_id": "organisation",
              "person_id": "person", "event_id": "policy_event", "action_id": "follow_up_action",
              "notification_id": "notification", "workflow_id": "workflow"}


def _item_table(endpoint: str) -> str | None:
    if endpoint.startswith("agenda.") and "standing" in endpoint:
        return "standing_item"
    if endpoint.startswith("agenda."):
        return "agenda_item"
    if endpoint.split(".")[0] in ("decisions", "advice", "actions", "api"):
        return "decision_item"
    return None


def pages_to_check(app, dirty: dict[str, set[int]]) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIP_PAGES or rule.rule.startswith("/api/") \
                or rule.endpoint.startswith("calendar.") and "feed" in rule.endpoint:
            continue
        names = set(rule.arguments)
        if not names:
            candidates = [{}]
        elif names == {"item_id"} and _item_table(rule.endpoint):
            candidates = [{"item_id": i} for i in sorted(dirty.get(_item_table(rule.endpoint), ()))]
        elif len(names) == 1 and next(iter(names)) in ARG_TABLES:
            name = next(iter(names))
            candidates = [{name: i} for i in sorted(dirty.get(ARG_TABLES[name], ()))]
        elif rule.endpoint == "projects.export":
            candidates = [{"fmt": "csv"}]
        elif rule.endpoint == "workflows.export":
            candidates = [{"workflow_id": i, "number": 1} for i in sorted(dirty.get("workflow", ()))]
        else:
            continue  # project children and values are shown on the project pages
        with app.test_request_context():
            urls += [url_for(rule.endpoint, **args) for args in candidates]
    urls += ["/calendar?month=2015-06", "/calendar?month=2015-09", "/meetings?year=2015", "/projects?q=XSS",
             "/people?q=" + _payload(0), "/decisions?q=" + _payload(2) + "&state=" + _payload(3)]
    return sorted(set(urls))


def check(url: str, response) -> list[str]:
    assert response.status_code < 500, f"GET {url}: {response.status_code}"
    if response.status_code != 200:
        return []
    if response.mimetype == "text/html":
        return html_problems(response.get_data(as_text=True))
    if response.mimetype == "application/pdf":
        return pdf_problems(response.data)
    if response.mimetype == "text/calendar":
        return ics_problems(response.data)
    return []


@pytest.fixture
def admin_secret(client, demo, make_user) -> str:
    user = make_user(Role.ADMIN, Role.SECRETARIAT, email="xss-admin@example.org")
    quick_login(client, user)
    _token, secret = create_token(user, "xss", "write")
    db.session.commit()
    return secret


def test_no_page_pdf_or_feed_runs_stored_payloads(app, client, admin_secret):
    stored = put_payloads(app, client)
    put_rich_text(app, client, admin_secret)
    assert len(stored) >= 40, stored  # the test proves nothing if the forms refused the payloads
    problems, seen = {}, Counter()
    dirty = _dirty_ids()
    # the iCal feeds, with the secret of a subscription
    response = client.post("/calendar/subscribe", follow_redirects=True)
    feeds = set(re.findall(r"/feeds/[\w-]+/[\w/.-]+\.ics", response.get_data(as_text=True)))
    for url in pages_to_check(app, dirty) + sorted(feeds):
        response = client.get(url)
        seen[response.mimetype] += 1
        found = check(url, response)
        if found:
            problems[url] = found[:5]
    assert not problems, problems
    assert seen["text/html"] > 100 and seen["application/pdf"] >= 3 and seen["text/calendar"] >= 2, seen


def test_rich_text_keeps_formatting_and_loses_scripts(app, client, admin_secret):
    from ivzflow.decisions.models import DecisionItem

    put_rich_text(app, client, admin_secret)
    item = db.session.scalars(select(DecisionItem).where(DecisionItem.summary.like("%vet%"))
                              .order_by(DecisionItem.id.desc())).first()
    assert item is not None
    assert "<script" not in item.summary and "onerror" not in item.summary  # sanitised on the way in
    html = client.get(f"/decisions/{item.id}").get_data(as_text=True)
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert 'href="https://example.org"' in html
    assert "XSS99" not in html and "XSS98" not in html
    assert not html_problems(html)


@pytest.mark.parametrize("payload", PAYLOADS[:7] + PAYLOADS[9:])
def test_the_scanner_finds_each_payload_when_unescaped(payload):
    """The checks above would see each payload if a template forgot to escape it."""
    assert html_problems(f"<div>{payload}</div>") or html_problems(f"<input value='{payload}'>")
