"""Shared helpers for the fuzz and XSS tests: reading the forms a page renders, hostile values, a
fingerprint of every table (to prove a refused post wrote nothing) and the visible-message check."""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import strategies as st
from sqlalchemy import func, select, text

from ivzflow.extensions import db

# A few per endpoint by default, so the whole file stays within a few minutes per database backend (each
# example is about half a second on CI's two cores; 90 endpoints on two databases: 5 take about 4 minutes)
FUZZ_EXAMPLES = int(os.environ.get("IVZFLOW_FUZZ_EXAMPLES", "5"))
# A new seed each run, printed in pytest's header and in a failure; IVZFLOW_FUZZ_SEED=<seed> replays a run
# (the examples of an endpoint share one client and database, so the whole sequence is what replays).
FUZZ_SEED = int(os.environ.get("IVZFLOW_FUZZ_SEED") or 0)
SHRINK = os.environ.get("IVZFLOW_FUZZ_SHRINK", "") not in ("", "0")

# Tables that a refused request may legitimately touch: failed logins are counted on purpose.
VOLATILE_TABLES = {"login_attempt"}
# Append-only tables, too long to digest on every example: their count and highest id say enough.
APPEND_ONLY = {"audit_entry", "item_transition", "meeting_change"}
VOLATILE_COLUMNS = {("api_token", "last_used_at")}


# --- reading forms ---------------------------------------------------------------------------------

@dataclass
class Field:
    name: str
    kind: str                      # input type, "select", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


class _FormParser(HTMLParser):
    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None
        self._option: str | None = None
        self._option_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = a.get("action") or self.base
            self._form = Form(urlsplit(action).path or urlsplit(self.base).path, (a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            existing = self._form.field_named(a["name"])
            if kind in ("checkbox", "radio") and existing is not None:
                existing.options.append(a.get("value") or "y")
                if "checked" in a and kind == "radio":
                    existing.value = a.get("value") or "y"
                return
            f = Field(a["name"], kind, a.get("value") or "")
            if kind in ("checkbox", "radio"):
                f.options = [a.get("value") or "y"]
                f.value = (a.get("value") or "y") if "checked" in a else ""
                f.multiple = kind == "checkbox"
            self._form.fields.append(f)
        elif tag == "select" and a.get("name"):
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = value
            self._option_text = []
            if value is not None:
                self._select.options.append(value)
                if "selected" in a:
                    self._select.value = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is None and self._select is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "option" and self._select is not None and self._option is None:
            label = "".join(self._option_text).strip()
            self._select.options.append(label)


def forms_on(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


def post_form_for(html: str, page_url: str, target_path: str) -> Form | None:
    """The POST form on a page that posts to target_path."""
    for form in forms_on(html, page_url):
        if form.method == "post" and form.action == target_path:
            return form
    return None


# --- hostile values ----------------------------------------------------------------------------------

# The first value is what hypothesis tries first: everything at once.
SCRIPTY = ["<script>alert(1)</script>\u202e😀' OR 1=1 --" + "x" * 300, "a\x00b", "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)",
           "' OR '1'='1' --", "Robert'); DROP TABLE person;--", "%(name)s {{7*7}} ${7*7}", "../../etc/passwd"]
NUMBERISH = ["0", "-1", "-99999999999999999999", "99999999999999999999999999", "1e309", "NaN", "inf", "3.5",
             "2147483648", "9223372036854775808", "0x1F", "１２", "٣"]
DATEISH = ["0000-00-00", "9999-12-31", "0001-01-01", "2015-02-30", "2015-13-01", "31-12-2015", "20150101",
           "2015-06-01T25:61", "-2015-01-01", "99999-01-01", "1900-01-01", "2100-01-01T00:00"]
ODD_TEXT = ["", " ", "\u202eRTL override\u202c", "שלום עולם", "مرحبا", "😀👍🏽🇳🇱", "a\x00b", "\x00",
            "tab\tnew\nline\r\n", "\x07\x1b[31m", "Ünïcödé ĳ ß", "\ufeffBOM", "\u200b", "null", "None", "true", "[]",
            "{}", "<b>vet</b>", "x" * 5000, "é" * 70000]

# Text without surrogates (they cannot be encoded in a request); NUL and control characters allowed.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
huge_text = st.integers(min_value=256, max_value=200_000).map(lambda n: "x" * n)


def hostile_value() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(SCRIPTY + NUMBERISH + DATEISH + ODD_TEXT), any_text, huge_text,
                     st.integers(min_value=-2**70, max_value=2**70).map(str),
                     st.floats(allow_nan=True, allow_infinity=True).map(repr),
                     st.dates().map(lambda d: d.isoformat()))


# What to do with one field. The draws have the same shape whatever the page shows (hypothesis replays
# examples against a database that earlier examples changed, so the form may have other fields by then).
field_plan = st.fixed_dictionaries({
    "how": st.sampled_from(["valid", "valid", "hostile", "missing", "duplicate"]),
    "pick": st.integers(0, 2**16),
    "date": st.dates(),
    "number": st.integers(-10, 10_000),
    "text": st.one_of(st.just("Een gewone tekst"),
                      st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                              max_size=40)),
    "hostile": hostile_value(),
    "second": hostile_value(),
    "unchecked": st.booleans(),
})
PLANNED_FIELDS = 16
UNKNOWN_NAMES = ["id", "created_at", "is_admin", "roles", "x" * 300]


def valid_value(f: Field, plan: dict) -> str:
    """A value the form itself could have sent."""
    choices = ([f.value] if f.value else []) + f.options
    pick = plan["pick"]
    if f.kind == "date":
        return choices[pick % len(choices)] if choices and pick % 2 else plan["date"].isoformat()
    if f.kind == "number":
        return choices[pick % len(choices)] if choices and pick % 2 else str(plan["number"])
    if choices:
        return choices[pick % len(choices)]
    if f.kind == "time":
        return "09:30"
    if f.kind == "datetime-local":
        return f"{plan['date'].isoformat()}T09:30"
    if f.kind == "email":
        return f"iemand{pick}@example.org"
    return plan["text"]


def form_data(data, form_fields: list[Field]) -> list[tuple[str, str]]:
    """Draw field values: mostly what the form would send, some hostile, some missing or duplicated."""
    mode = data.draw(st.sampled_from(["hostile", "mixed", "mixed", "valid"]), label="mode")
    plans = data.draw(st.lists(field_plan, min_size=PLANNED_FIELDS, max_size=PLANNED_FIELDS), label="fields")
    stale = data.draw(st.integers(0, 9), label="stale version?") == 0
    unknown = data.draw(st.integers(0, 3 * len(UNKNOWN_NAMES)), label="unknown field")
    pairs: list[tuple[str, str]] = []
    fields = [f for f in form_fields if f.name != "csrf_token"]
    for i, f in enumerate(fields):
        plan = plans[i % PLANNED_FIELDS]
        if f.name == "version" and not stale:
            pairs.append((f.name, f.value))
            continue
        how = {"valid": "valid", "hostile": "hostile"}.get(mode) or plan["how"]
        if how == "missing" or (f.kind in ("checkbox", "radio") and how == "valid" and plan["unchecked"]):
            continue
        if f.multiple and how == "valid" and f.options:
            pairs += [(f.name, v) for k, v in enumerate(f.options) if plan["pick"] >> k & 1]
            continue
        pairs.append((f.name, valid_value(f, plan) if how == "valid" else plan["hostile"]))
        if how == "duplicate":
            pairs.append((f.name, plan["second"]))
    if unknown < len(UNKNOWN_NAMES):
        pairs.append((UNKNOWN_NAMES[unknown], "1"))
    return pairs


# API payloads: JSON values of every type.
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                        st.floats(allow_nan=False, allow_infinity=False), any_text,
                        st.sampled_from(SCRIPTY + ODD_TEXT + DATEISH))
json_value = st.recursive(json_scalar, lambda children: st.one_of(st.lists(children, max_size=4),
                                                                  st.dictionaries(any_text, children, max_size=3)),
                          max_leaves=8)


# --- the database ------------------------------------------------------------------------------------

def fingerprint() -> dict[str, str]:
    """A digest of every row of every table (outside the test's session, so nothing is flushed)."""
    result = {}
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            result = dict(connection.execute(text(_digest_sql())).all())
            connection.rollback()
            return result
        for table in db.metadata.sorted_tables:
            if table.name in VOLATILE_TABLES:
                continue
            if table.name in APPEND_ONLY:
                query = select(func.count(), func.max(table.c.id))
                if table.name == "audit_entry":  # the API records a token's use, whatever the request
                    query = query.where(table.c.record_type != "api_token")
                row = connection.execute(query).one()
                result[table.name] = repr(tuple(row))
                continue
            columns = [c for c in table.c if (table.name, c.name) not in VOLATILE_COLUMNS]
            rows = connection.execute(table.select().with_only_columns(*columns)
                                      .order_by(*table.primary_key.columns)).all()
            result[table.name] = hashlib.sha1(repr(rows).encode()).hexdigest() + f":{len(rows)}"
        connection.rollback()
    return result


@functools.cache
def _digest_sql() -> str:
    """PostgreSQL digests every table in one statement (a query per table, twice per example, was most of
    the fuzz's time there). Names come from the metadata."""
    parts = []
    for table in db.metadata.sorted_tables:
        if table.name in VOLATILE_TABLES:
            continue
        name = f'"{table.name}"'
        if table.name in APPEND_ONLY:
            where = " WHERE record_type <> 'api_token'" if table.name == "audit_entry" else ""
            parts.append(f"SELECT '{table.name}', count(*)::text || ':' || coalesce(max(id), 0)::text "
                         f"FROM {name}{where}")
            continue
        columns = ", ".join(f'"{c.name}"' for c in table.c if (table.name, c.name) not in VOLATILE_COLUMNS)
        order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        parts.append(f"SELECT '{table.name}', md5(coalesce(string_agg(ROW({columns})::text, '|' ORDER BY {order}), "
                     f"'')) || ':' || count(*)::text FROM {name}")
    return "\nUNION ALL\n".join(parts)  # nosec B608: identifiers from the metadata


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in before if before[t] != after.get(t))


# --- the message ---------------------------------------------------------------------------------------

FORM_MESSAGE = re.compile(r'class="error-summary"|class="error"|class="flash flash-(error|warning)"')
ERROR_PAGE_MESSAGE = re.compile(r'<p class="lead">\s*\S|class="flash flash-\w+"[^>]*>\s*\S')


def has_visible_message(response) -> bool:
    """A refused post says why: a JSON error with a message, the error page, a flash, or the form's errors."""
    if response.is_json:
        error = (response.get_json(silent=True) or {}).get("error") or {}
        return bool(str(error.get("message") or "").strip())
    html = response.get_data(as_text=True)
    return bool(FORM_MESSAGE.search(html) or response.status_code >= 400 and ERROR_PAGE_MESSAGE.search(html))


def quick_login(client, user) -> None:
    """Log a test client in by writing the session the login form would write (the login form itself
    is fuzzed on its own; its password hashing would cost a second per test here)."""
    from ivzflow.core import clock

    with client.session_transaction() as session:
        now = clock.now().timestamp()
        session.update({"_user_id": user.get_id(), "_fresh": True, "login_at": now, "seen_at": now})
        session.permanent = True
