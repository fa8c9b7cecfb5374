"""Every form and API write endpoint, driven with generated input (issue 8): never a 500, never a
half-written record, always a clear message.

The endpoints come from the app's url_map, so a new POST route is fuzzed as soon as it has a recipe
(which object its URL points at, and which page renders its form), and this test fails until it has one.
Field names come from the form the page renders. Examples per endpoint: IVZFLOW_FUZZ_EXAMPLES (a few by
default; `make fuzz` runs 1000 each), from a seed that pytest's header and every failure show:
IVZFLOW_FUZZ_SEED=<seed> replays it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from ivzflow import create_app
from ivzflow.accounts.models import ApiToken, User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.bodies.models import Body, BodyRelation, Membership, Seat
from ivzflow.decisions.models import ActionAssignment, Consultation, DecisionItem, FollowUpAction, ItemAttachment
from ivzflow.extensions import db
from ivzflow.finance.models import Commitment
from ivzflow.meetings.models import AgendaItem, Attachment, Location, Meeting, StandingItem
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.plans.models import LocalPlan, PolicySeries
from ivzflow.projects.models import (Activity, BudgetLine, Indicator, IndicatorTarget, Measurement, Milestone,
                                     Project)
from ivzflow.reminders.models import Delivery, Notification, PolicyEvent
from ivzflow.workflows.models import Workflow
from tests.security.fuzz_support import (FUZZ_EXAMPLES, FUZZ_SEED, SHRINK, Field, changed_tables, fingerprint, form_data,
                                         has_visible_message, json_value, post_form_for, quick_login)

PER_MODEL = 4  # objects of each kind an example may pick


def ids(model, *where, n: int = PER_MODEL) -> list[int]:
    """Some ids of a model: the first and the last few, so old and new records are both tried."""
    all_ids = list(db.session.scalars(select(model.id).where(*where).order_by(model.id)))
    picked = all_ids[: n // 2] + all_ids[-(n - n // 2):]
    return sorted(set(picked)) or [987_654]


def one(name: str, model, *where) -> Callable[[], list[dict]]:
    return lambda: [{name: i} for i in ids(model, *where)]


def pairs_of(model, parent: str, child: str, parent_attr: str) -> Callable[[], list[dict]]:
    def make():
        rows = db.session.scalars(select(model).order_by(model.id)).all()
        rows = rows[:2] + rows[-2:]
        return [{parent: getattr(r, parent_attr), child: r.id} for r in rows] or [{parent: 987_654, child: 987_654}]
    return make


PROJECT_KINDS = {"activities": Activity, "milestones": Milestone, "budget": BudgetLine, "indicators": Indicator}


def project_children():
    out = []
    for kind, model in PROJECT_KINDS.items():
        rows = db.session.scalars(select(model).order_by(model.id)).all()
        out += [{"project_id": r.project_id, "kind": kind, "item_id": r.id} for r in rows[:1] + rows[-1:]]
    return out


def project_kinds():
    return [{"project_id": p, "kind": k} for p in ids(Project, n=2) for k in PROJECT_KINDS]


def indicator_values():
    out = []
    for what, model in (("targets", IndicatorTarget), ("measurements", Measurement)):
        rows = db.session.scalars(select(model).order_by(model.id)).all()
        for r in rows[:1] + rows[-1:]:
            indicator = db.session.get(Indicator, r.indicator_id)
            out.append({"project_id": indicator.project_id, "item_id": r.indicator_id, "what": what,
                        "value_id": r.id})
    return out


def page_of(model, arg: str, url: Callable, fallback: str) -> Callable[[dict], str]:
    """The page that shows the form for the record in the URL argument `arg` (or a list when it is gone)."""
    def page(args) -> str:
        row = db.session.get(model, args[arg])
        return url(row) if row else fallback
    return page


_item_meeting = page_of(AgendaItem, "item_id", lambda r: f"/meetings/{r.meeting_id}/agenda", "/meetings")
_standing_body = page_of(StandingItem, "item_id", lambda r: f"/bodies/{r.body_id}/standing-items", "/bodies")
_attachment_page = page_of(Attachment, "attachment_id", lambda r: f"/agenda-items/{r.agenda_item_id}/documents",
                           "/meetings")
_document_page = page_of(ItemAttachment, "document_id", lambda r: f"/decisions/{r.item_id}", "/decisions")
_relation_page = page_of(BodyRelation, "relation_id", lambda r: f"/bodies/{r.source_id}/relations", "/bodies")


def _publication_page(args) -> str:
    return f"/bodies/{args['body_id']}/publicatie"


def withdrawals():
    """The demo withdraws nothing: take one published agenda back, so there is something to republish."""
    from ivzflow.publication import public, services
    from ivzflow.publication.models import Withdrawal

    if db.session.scalar(select(Withdrawal.id).limit(1)) is None:
        meeting = next(iter(public.published_agendas(limit=1)), None)
        if meeting is not None:
            services.withdraw(None, "agenda", meeting.id, "Fuzz", meeting.body_id)
    return pairs_of(Withdrawal, "body_id", "withdrawal_id", "body_id")()


@dataclass
class Recipe:
    """How to fuzz one POST endpoint: candidate URL arguments, the page with its form, extra field names."""
    args: Callable[[], list[dict]] = lambda: [{}]
    page: Callable[[dict], str] | str | None = None   # None: the endpoint's own URL (GET renders the form)
    extra: list[str] = field(default_factory=list)     # fields the form may not show (state-dependent)
    preview: bool = False                              # a 200 without a message and without a write is fine
    shows_result: bool = False                         # success answers 200 with a page (a secret shown once)
    relogin: bool = False                              # the post may end the session
    json: dict[str, st.SearchStrategy] | None = None   # API: JSON keys and their sensible values


DECISIONS = one("item_id", DecisionItem)
MEETINGS = one("meeting_id", Meeting)
BODIES = one("body_id", Body)

RECIPES: dict[str, Recipe] = {
    # the plan cycle (issue 16)
    "plans.threshold": Recipe(page="/plannen/"),
    "plans.edit_plan": Recipe(lambda: [{}] + [{"plan_id": i} for i in ids(LocalPlan)]),
    "plans.weighing_page": Recipe(page="/plannen/weging", extra=["action", "version", "opgaven", "theme_id"]),
    "plans.policy_calendar": Recipe(page="/plannen/kalender"),
    "plans.delete_policy_series": Recipe(one("series_id", PolicySeries), page="/plannen/kalender",
                                         extra=["version"]),
    "finance.save_rule": Recipe(page="/financien/"),
    "finance.add_commitment": Recipe(page="/financien/"),
    "finance.add_expenditure": Recipe(page="/financien/"),
    "finance.spending_proposal": Recipe(one("commitment_id", Commitment), page="/financien/"),
    # accounts
    "accounts.login": Recipe(page="/login", relogin=True),
    "accounts.logout": Recipe(page="/", relogin=True),
    "accounts.set_language": Recipe(page="/", extra=["language", "next"]),
    "accounts.change_password": Recipe(page="/profile"),
    "accounts.create_token": Recipe(page="/profile", shows_result=True),
    "accounts.choose_deadlines": Recipe(page="/profile"),
    "accounts.revoke_token": Recipe(one("token_id", ApiToken), page="/profile"),
    "accounts.new_user": Recipe(),
    "accounts.edit_user": Recipe(lambda: [{"user_id": i} for i in ids(User, ~User.email.like("fuzz%"))]),
    # organisations, people, bodies
    "organisations.new": Recipe(),
    "districts.new": Recipe(),
    "organisations.edit": Recipe(one("org_id", Organisation)),
    "people.new": Recipe(),
    "people.edit": Recipe(one("person_id", Person)),
    "bodies.new": Recipe(),
    "bodies.edit": Recipe(BODIES),
    "bodies.relations": Recipe(BODIES),
    "bodies.delete_relation": Recipe(one("relation_id", BodyRelation), page=_relation_page),
    "bodies.new_seat": Recipe(BODIES),
    "bodies.edit_seat": Recipe(one("seat_id", Seat)),
    "bodies.appoint": Recipe(one("seat_id", Seat)),
    "bodies.rotate": Recipe(one("seat_id", Seat)),
    "bodies.end_membership": Recipe(one("membership_id", Membership, Membership.end_on.is_(None))),
    # meetings, calendar, agenda
    "meetings.new": Recipe(BODIES),
    "meetings.roster": Recipe(BODIES),
    "meetings.rule": Recipe(BODIES),
    "meetings.generate": Recipe(BODIES, page=lambda a: f"/bodies/{a['body_id']}/plan", extra=["year"]),
    "meetings.publish": Recipe(BODIES, page=lambda a: f"/bodies/{a['body_id']}/plan", extra=["year"]),
    "meetings.cancel": Recipe(MEETINGS),
    "meetings.host": Recipe(MEETINGS),
    "meetings.move": Recipe(MEETINGS),
    "meetings.change_state": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}", extra=["state"]),
    "meetings.location_form": Recipe(lambda: [{}] + [{"location_id": i} for i in ids(Location)]),
    "meetings.holidays": Recipe(),
    "calendar.import_ics": Recipe(BODIES, preview=True),
    "calendar.confirm_import": Recipe(BODIES, page=lambda a: f"/bodies/{a['body_id']}/meetings/import",
                                      extra=["ics", "selected", "token", "payload"]),
    "calendar.renew_feed": Recipe(page="/calendar/subscribe", shows_result=True),
    "calendar.revoke_feed": Recipe(page="/calendar/subscribe"),
    "agenda.new_item": Recipe(MEETINGS),
    "agenda.edit_item": Recipe(one("item_id", AgendaItem)),
    "agenda.delete_item": Recipe(one("item_id", AgendaItem), page=_item_meeting),
    "agenda.move_item": Recipe(one("item_id", AgendaItem), page=_item_meeting, extra=["direction", "version"]),
    "agenda.documents": Recipe(one("item_id", AgendaItem)),
    "agenda.delete_attachment": Recipe(one("attachment_id", Attachment), page=_attachment_page),
    "agenda.standing_items": Recipe(BODIES),
    "agenda.edit_standing_item": Recipe(one("item_id", StandingItem)),
    "agenda.delete_standing_item": Recipe(one("item_id", StandingItem), page=_standing_body),
    "agenda.move_standing_item": Recipe(one("item_id", StandingItem), page=_standing_body, extra=["direction"]),
    "agenda.reorder": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}/agenda",
                             extra=["order", "version"]),
    "agenda.prepare": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}/agenda"),
    "agenda.fix": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}/agenda", extra=["version"]),
    "agenda.reopen": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}/agenda",
                            extra=["version", "reason"]),
    "agenda.send": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}/agenda", extra=["version"]),
    "agenda.send_amended": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}/agenda", extra=["version"]),
    "agenda.place_proposal": Recipe(lambda: [{**m, **d} for m in MEETINGS()[:2] for d in DECISIONS()[:2]],
                                    page=lambda a: f"/meetings/{a['meeting_id']}/agenda"),
    "agenda.mark_held": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}", extra=["version"]),
    "agenda.adopt_minutes": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}",
                                   extra=["version", "meeting_id"]),
    "agenda.record": Recipe(MEETINGS),
    # decisions, advice, follow-up actions
    "decisions.new": Recipe(),
    "decisions.edit": Recipe(DECISIONS),
    "decisions.consent": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}", extra=["version"]),
    "decisions.override": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}",
                                 extra=["version", "reason"]),
    "decisions.pass_up": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}", extra=["note"]),
    "decisions.report_down": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}"),
    "decisions.opinion": Recipe(pairs_of(Consultation, "item_id", "consultation_id", "item_id"),
                                page=lambda a: f"/decisions/{a['item_id']}", extra=["opinion", "note", "version"]),
    "decisions.set_target": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}",
                                   extra=["meeting_id", "version"]),
    "decisions.upload_document": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}", extra=["file"]),
    "decisions.delete_document": Recipe(one("document_id", ItemAttachment), page=_document_page),
    "decisions.transition": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}",
                                   extra=["transition", "comment", "version", "advice", "meeting_id"]),
    "advice.edit": Recipe(DECISIONS),
    "advice.approve": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}", extra=["version"]),
    "advice.waive": Recipe(DECISIONS, page=lambda a: f"/decisions/{a['item_id']}", extra=["version", "reason"]),
    "actions.new": Recipe(DECISIONS),
    "actions.outcomes": Recipe(DECISIONS),
    "actions.show": Recipe(one("action_id", FollowUpAction)),
    "actions.assignment": Recipe(pairs_of(ActionAssignment, "action_id", "assignment_id", "action_id"),
                                 page=lambda a: f"/actions/{a['action_id']}", extra=["status", "version", "note"]),
    "actions.adopt_decision_list": Recipe(MEETINGS, page=lambda a: f"/meetings/{a['meeting_id']}/decisions",
                                          extra=["version"]),
    # projects
    "projects.new": Recipe(),
    "projects.edit": Recipe(one("project_id", Project)),
    "projects.setup": Recipe(one("project_id", Project)),
    "projects.new_status_update": Recipe(one("project_id", Project)),
    "projects.comment": Recipe(one("project_id", Project), page=lambda a: f"/projects/{a['project_id']}",
                               extra=["text", "body"]),
    "projects.item_form": Recipe(lambda: project_kinds() + project_children()),
    "projects.delete_item": Recipe(project_children, page=lambda a: f"/projects/{a['project_id']}/setup"),
    "projects.indicator_values": Recipe(pairs_of(Indicator, "project_id", "item_id", "project_id")),
    "projects.delete_indicator_value": Recipe(
        indicator_values, page=lambda a: f"/projects/{a['project_id']}/indicators/{a['item_id']}/values"),
    # reminders, notifications, policy, workflows
    "reminders.read": Recipe(one("notification_id", Notification), page="/notifications"),
    "reminders.read_all": Recipe(page="/notifications"),
    "reminders.preferences": Recipe(),
    "reminders.resend": Recipe(one("delivery_id", Delivery), page="/reminders"),
    "reminders.lead_times": Recipe(),
    "reminders.policy_form": Recipe(lambda: [{}] + [{"event_id": i} for i in ids(PolicyEvent)]),
    "workflows.edit": Recipe(one("workflow_id", Workflow)),
    "workflows.import_": Recipe(page="/workflows", extra=["file", "definition", "name"]),
    # what a body publishes (Woo)
    "publication.settings": Recipe(BODIES),
    "publication.withdraw": Recipe(BODIES, page=_publication_page, extra=["kind", "subject_id", "reason"]),
    "publication.republish": Recipe(withdrawals, page=_publication_page),
    # the API: JSON with bearer tokens
    "api.create_decision_item": Recipe(json={
        "name": st.one_of(st.just("Voorstel"), json_value), "summary": json_value,
        "decisionBody": st.one_of(st.integers(1, 40), json_value), "kind": st.one_of(st.just("decision"), json_value),
        "confidentiality": st.one_of(st.just("intern"), json_value),
        "decisionPoints": st.one_of(st.lists(st.text(max_size=50), max_size=3), json_value),
        "trekker": json_value, "project": json_value, "touchesBothAgendas": json_value,
        "targetMeeting": json_value}),
    "api.take_transition": Recipe(DECISIONS, json={
        "transition": st.one_of(st.sampled_from(["submit", "agree", "advise", "decide", "withdraw"]), json_value),
        "version": st.one_of(st.integers(0, 5), json_value), "comment": json_value, "advice": json_value,
        "advice_text": json_value, "meeting_id": json_value}),
    "api.post_status_update": Recipe(one("project_id", Project), json={
        "status": st.one_of(st.sampled_from(["green", "amber", "red", "groen"]), json_value),
        "progress": st.one_of(st.integers(-5, 105), json_value), "summary": json_value,
        "achievements": json_value, "risks": json_value, "nextSteps": json_value, "decisionNeeded": json_value,
        "previousId": json_value}),
}


def _post_rules():
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted({r.endpoint: r for r in app.url_map.iter_rules() if "POST" in r.methods}.items())


POST_RULES = dict(_post_rules())


def test_every_post_endpoint_has_a_fuzz_recipe():
    missing = sorted(set(POST_RULES) - set(RECIPES))
    assert not missing, f"POST endpoints without a fuzz recipe in tests/security/test_fuzz.py: {missing}"
    assert not set(RECIPES) - set(POST_RULES), "recipes for endpoints that no longer exist"


def _url(rule, args: dict) -> str:
    from flask import url_for
    return url_for(rule.endpoint, **args, _external=False)


FUZZ_SETTINGS = settings(max_examples=FUZZ_EXAMPLES, deadline=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                HealthCheck.data_too_large, HealthCheck.filter_too_much],
                         database=None, print_blob=True,
                         # shrinking a failure through the whole app takes minutes; IVZFLOW_FUZZ_SHRINK=1 to do it
                         phases=[Phase.explicit, Phase.generate] + ([Phase.shrink] if SHRINK else []))


@pytest.mark.parametrize("endpoint", sorted(RECIPES))
def test_fuzz_endpoint(endpoint, app, client, demo, make_user):
    """Generated posts never cause a 5xx; refused ones say why and write nothing; accepted ones hold up."""
    rule = POST_RULES.get(endpoint)
    if rule is None:
        pytest.fail(f"{endpoint} has a recipe but is no POST route")
    recipe = RECIPES[endpoint]
    user = make_user(Role.ADMIN, Role.SECRETARIAT, email="fuzz-admin@example.org")
    quick_login(client, user)
    _token, secret = create_token(user, "fuzz", "write")
    create_token(user, "fuzz-revocable", "read")
    db.session.commit()
    candidates = recipe.args()
    db.session.commit()

    @seed(FUZZ_SEED)
    @FUZZ_SETTINGS
    @given(data=st.data())
    def run(data):
        args = data.draw(st.sampled_from(candidates), label="url args")
        with app.test_request_context():
            url = _url(rule, args)
        if recipe.relogin:
            client.post("/logout")
            db.session.refresh(user)
            quick_login(client, user)
        headers = {}
        if recipe.json is not None:
            payload = data.draw(st.one_of(
                st.fixed_dictionaries({}, optional=recipe.json),
                json_value), label="json")
            headers["Authorization"] = f"Bearer {secret}"
            before = fingerprint()
            response = client.post(url, json=payload, headers=headers)
        else:
            page = recipe.page(args) if callable(recipe.page) else (recipe.page or url)
            page_response = client.get(page)
            assert page_response.status_code < 500, f"GET {page}: {page_response.status_code}"
            form = None
            if page_response.status_code == 200:
                form = post_form_for(page_response.get_data(as_text=True), page, url)
            fields = form.fields if form else []
            fields = fields + [Field(n, "text") for n in recipe.extra if all(f.name != n for f in fields)]
            pairs = form_data(data, fields)
            before = fingerprint()
            response = client.post(url, data=MultiDict(pairs))
        status = response.status_code
        assert status < 500, f"POST {url}: {status}\n{response.get_data(as_text=True)[:2000]}"
        if status in (301, 302, 303) or status in (200, 201) and recipe.json is not None:
            if status in (301, 302, 303):
                location = response.headers["Location"]
                followed = client.get(location)
                assert followed.status_code < 500, f"after POST {url}: GET {location} -> {followed.status_code}"
            return
        if endpoint == "accounts.login" and status == 200:
            assert has_visible_message(response), f"POST {url}: refused without a message"
            return
        if status == 200 and recipe.shows_result and not has_visible_message(response):
            return
        if status == 200 and recipe.preview and not changed_tables(before, fingerprint()):
            return
        if status == 200 and response.mimetype != "text/html":
            return  # a download
        after = fingerprint()
        assert has_visible_message(response), \
            f"POST {url} -> {status} without a visible message\n{response.get_data(as_text=True)[:3000]}"
        assert not changed_tables(before, after), \
            f"POST {url} -> {status} refused, but wrote to {changed_tables(before, after)}"

    try:
        run()
    except Exception as error:
        error.add_note(f"Replay: IVZFLOW_FUZZ_SEED={FUZZ_SEED} IVZFLOW_FUZZ_EXAMPLES={FUZZ_EXAMPLES} .venv/bin/python "
                       f"-m pytest tests/security/test_fuzz.py -k '{endpoint}'")
        raise


LENGTHS = [31, 121, 301, 5001]  # just past the column lengths the models use most


def test_every_text_field_takes_or_refuses_long_text(app, client, demo, make_user):
    """Each text field filled to just past the usual column lengths: stored or refused with a message,
    never a database error (PostgreSQL checks VARCHAR lengths, SQLite does not)."""
    user = make_user(Role.ADMIN, Role.SECRETARIAT, email="fuzz-admin@example.org")
    quick_login(client, user)
    failures = []
    for endpoint, recipe in sorted(RECIPES.items()):
        if recipe.json is not None or recipe.relogin or endpoint in ("accounts.change_password", "workflows.edit"):
            continue
        args = recipe.args()[0]
        with app.test_request_context():
            url = _url(POST_RULES[endpoint], args)
        page = recipe.page(args) if callable(recipe.page) else (recipe.page or url)
        response = client.get(page)
        form = post_form_for(response.get_data(as_text=True), page, url) if response.status_code == 200 else None
        texts = [f for f in form.fields if f.kind in ("text", "textarea", "search", "tel")] if form else []
        if not texts:
            continue
        for length in LENGTHS:
            pairs = [(f.name, "x" * length if f in texts else
                      f.value or (f.options[1] if len(f.options) > 1 else f.options[0] if f.options else ""))
                     for f in form.fields if not (f.kind in ("checkbox", "radio") and not f.value)]
            before = fingerprint()
            response = client.post(url, data=MultiDict(pairs))
            if response.status_code >= 500:
                failures.append(f"{url} {length}: {response.status_code}")
            elif response.status_code not in (301, 302, 303) and not (recipe.shows_result or recipe.preview):
                if not has_visible_message(response):
                    failures.append(f"{url} {length}: {response.status_code} without a message")
                elif changed_tables(before, fingerprint()):
                    failures.append(f"{url} {length}: refused but wrote")
            # a form that was accepted changed the record: read the form again for the next length
            form = post_form_for(client.get(page).get_data(as_text=True), page, url) or form
    assert not failures, failures


@pytest.mark.parametrize("how", ["form", "query", "json"])
def test_a_nul_character_is_refused_with_a_message(client, demo, make_user, how):
    user = make_user(Role.ADMIN, Role.SECRETARIAT, email="fuzz-admin@example.org")
    quick_login(client, user)
    _token, secret = create_token(user, "fuzz", "write")
    db.session.commit()
    before = fingerprint()
    if how == "form":
        response = client.post("/people/new", data={"name": "Jan\x00", "organisation_id": "0"})
    elif how == "query":
        response = client.get("/people?q=%00")
    else:
        project = db.session.scalars(select(Project)).first()
        response = client.post(f"/api/v1/projects/{project.id}/status-updates", json={"summary": "a\x00"},
                               headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 400
    assert has_visible_message(response)
    assert not changed_tables(before, fingerprint())


def test_the_fingerprint_sees_a_change_in_any_row_but_not_a_tokens_last_use(demo, make_user):
    """The check behind "a refused post wrote nothing" must itself see writes (on PostgreSQL it is one
    statement of digests, on SQLite rows read back)."""
    user = make_user(Role.ADMIN, email="fuzz-admin@example.org")
    token, _secret = create_token(user, "fuzz", "read")
    db.session.commit()
    before = fingerprint()
    token.last_used_at = token.created_at
    db.session.commit()
    assert not changed_tables(before, fingerprint())
    person = db.session.scalars(select(Person).order_by(Person.id)).first()
    person.function = (person.function or "") + " (waarnemend)"
    db.session.commit()
    # the change is audited, and the search index follows it
    assert changed_tables(before, fingerprint()) == ["audit_entry", "person", "search_entry"]
