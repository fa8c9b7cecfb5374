"""OParl 1.1 under /oparl/v1/: every object reachable from System validates against the specification's
schemas, only published records appear, and each page asks a fixed number of queries."""
from __future__ import annotations

import json
import pathlib
from datetime import date, datetime, timedelta, timezone

import jsonschema
import pytest
from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Attachment, Location, Meeting
from ivzflow.organisations.models import District
from ivzflow.plans import policy
from ivzflow.plans.models import PolicyOccurrence, PolicySeries
from ivzflow.publication import public
from ivzflow.publication.models import PublicationPolicy

# the specification's schemas and examples, vendored (CC BY-SA 4.0, see its README.md)
STANDARD = pathlib.Path(__file__).resolve().parent / "oparl-1.1"
ROOT = "http://ivzflow.test/oparl/v1/"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"
INTERN = ["Bestedingsplan reserves Platform IVZ", "Regionale inzet van de Wet Bibob",
          "Regionaal afstemmingsoverleg radicalisering", "Convenant aanpak georganiseerde hennepteelt"]

def _validator(kind: str) -> jsonschema.Draft4Validator:
    schema = json.loads((STANDARD / "schema" / f"{kind}.json").read_text())
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def _objects(value):
    """Every OParl object in a response, embedded ones included."""
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith(TYPE_PREFIX):
            yield value
        for v in value.values():
            yield from _objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from _objects(v)


def _links(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _links(v)
    elif isinstance(value, list):
        for v in value:
            yield from _links(v)
    elif isinstance(value, str) and value.startswith(ROOT):
        yield value


def _walk(client) -> dict[str, dict]:
    """Fetch System and everything its URLs lead to; every object is validated against its type's schema."""
    seen, todo, found = set(), [ROOT], {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        payload = response.get_json()
        for obj in _objects(payload):
            kind = obj["type"].removeprefix(TYPE_PREFIX)
            errors = [e.message for e in _validator(kind).iter_errors(obj)]
            assert not errors, (url, kind, errors)
            found.setdefault(obj["id"], obj)
        if "data" in payload:
            assert set(payload) >= {"data", "pagination", "links"}, url
        todo += [link for link in _links(payload) if link not in seen]
    return found


@pytest.mark.parametrize("example", sorted(p.name for p in (STANDARD / "examples").glob("*.json"))
                         if (STANDARD / "examples").exists() else [])
def test_the_validator_accepts_the_specifications_own_examples(example):
    obj = json.loads((STANDARD / "examples" / example).read_text())
    kind = example.split("-")[0]
    assert not [e.message for e in _validator(kind).iter_errors(obj)]


def test_every_object_reachable_from_system_validates_and_only_published_records_appear(client, demo):
    found = _walk(client)
    kinds = {obj["type"].removeprefix(TYPE_PREFIX) for obj in found.values()}
    assert kinds >= {"System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
                     "Consultation", "Location"}
    for obj in found.values():
        assert obj["id"].startswith(ROOT)
    text = json.dumps(list(found.values()), ensure_ascii=False)
    assert "Deelname aan de Integrale Veiligheidsmonitor 2015" in text
    for title in INTERN:
        assert title not in text, title
    organizations = [o["name"] for o in found.values() if o["type"].endswith("/Organization")]
    assert organizations == ["DVO Twente"]


def test_a_proposal_made_intern_later_leaves_oparl(client, demo):
    ivm = db.session.scalar(select(DecisionItem).where(DecisionItem.title.like("Deelname aan de Integrale%")))
    assert client.get(f"{ROOT}paper/{ivm.id}").status_code == 200
    ivm.confidentiality = "intern"
    db.session.commit()
    assert client.get(f"{ROOT}paper/{ivm.id}").status_code == 404
    assert "Integrale Veiligheidsmonitor" not in json.dumps(list(_walk(client).values()), ensure_ascii=False)


def test_lists_are_paged(client, demo):
    body = client.get(ROOT).get_json()["body"]
    district = client.get(body).get_json()["data"][0]
    page = client.get(district["membership"]).get_json()
    assert page["pagination"]["currentPage"] == 1 and page["pagination"]["elementsPerPage"] == 20
    assert len(page["data"]) <= 20 and page["links"]["first"].endswith("page=1")
    assert client.get(district["membership"] + "?page=x").status_code == 400


def test_every_oparl_page_stays_within_a_fixed_number_of_queries(client, demo, count_queries):
    district = client.get(client.get(ROOT).get_json()["body"]).get_json()["data"][0]
    urls = [ROOT, district["id"]] + [district[k] for k in ("organization", "person", "membership", "meeting",
                                                            "agendaItem", "paper", "consultation", "file",
                                                            "locationList", "legislativeTermList")]
    meeting = client.get(district["meeting"]).get_json()["data"][0]
    urls += [meeting["id"], meeting["agendaItem"][0]["id"], district["legislativeTerm"][0]["id"]]
    for url in urls:
        client.get(url)
        with count_queries() as counted:
            assert client.get(url).status_code == 200, url
        assert counted.n <= 15, (url, counted.n)


def test_the_sql_rules_give_the_same_answer_as_the_public_sites_rules(demo):
    proposals = list(db.session.scalars(select(DecisionItem)))
    in_sql = set(db.session.scalars(select(DecisionItem.id).where(public.proposal_is_public_clause())))
    assert {p.id for p in proposals if public.proposal_is_public(p)} == in_sql
    assert in_sql and len(in_sql) < len(proposals)
    items = list(db.session.scalars(select(AgendaItem)))
    shown = public._public_item_rule(items)
    in_sql = set(db.session.scalars(select(AgendaItem.id).where(public.item_is_public_clause())))
    assert {i.id for i in items if shown(i)} == in_sql
    assert in_sql and len(in_sql) < len(items)


# --- lists paged in the database ------------------------------------------------------------------------

def _published_meetings(body: Body, location: Location, count: int, first: int = 0) -> None:
    """`count` sent, published meetings, a day apart, each with a public item carrying a document and an item
    that is not public."""
    start = datetime(2015, 1, 5, 9, tzinfo=timezone.utc)
    for n in range(first, first + count):
        at = start + timedelta(days=n)
        meeting = Meeting(body_id=body.id, name=f"Vergadering {n:03d}", start_at=at, end_at=at + timedelta(hours=1),
                          state="sent", is_published=True, location_id=location.id, updated_at=at)
        db.session.add(meeting)
        db.session.flush()
        shown = AgendaItem(meeting_id=meeting.id, title=f"Openbaar punt {n:03d}", position=1, is_public=True,
                           duration_minutes=10)
        db.session.add_all([shown, AgendaItem(meeting_id=meeting.id, title=f"Besloten punt {n:03d}", position=2,
                                              is_public=False, duration_minutes=10)])
        db.session.flush()
        db.session.add(Attachment(agenda_item_id=shown.id, filename=f"stuk-{n:03d}.pdf", stored_name=f"s{n:063d}",
                                  content_type="application/pdf", size=10, sha256="0" * 64, uploaded_at=at))
    db.session.commit()


@pytest.fixture
def many_meetings(ctx):
    """A district whose one publishing body has 45 published meetings, and 3 that are not published."""
    district = District(name="Oost")
    db.session.add(district)
    db.session.flush()
    body = Body(name="DVO Oost", kind="dvo", district_id=district.id)
    location = Location(name="Stadhuis")
    db.session.add_all([body, location])
    db.session.flush()
    db.session.add(PublicationPolicy(body_id=body.id, agendas=True, decision_lists=True, documents=True))
    _published_meetings(body, location, 45)
    at = datetime(2016, 1, 5, 9, tzinfo=timezone.utc)
    for state, published in (("sent", False), ("planned", True), ("preparing", True)):
        db.session.add(Meeting(body_id=body.id, name=f"Niet openbaar {state}", start_at=at, state=state,
                               end_at=at + timedelta(hours=1), is_published=published))
    db.session.commit()
    return district, body, location


def _page(client, url: str, page: int) -> dict:
    response = client.get(f"{url}?page={page}")
    assert response.status_code == 200, url
    return response.get_json()


@pytest.mark.parametrize("kind, name", [("meeting", "name"), ("agendaItem", "name"), ("file", "fileName")])
def test_a_long_list_is_paged_with_the_right_elements_and_links(client, many_meetings, kind, name):
    district = many_meetings[0]
    url = f"{ROOT}body/{district.id}/{kind}"
    pages = [_page(client, url, n) for n in (1, 2, 3)]
    for n, page in enumerate(pages, start=1):
        assert page["pagination"] == {"totalElements": 45, "elementsPerPage": 20, "currentPage": n, "totalPages": 3}
        assert page["links"]["first"] == f"{url}?page=1" and page["links"]["last"] == f"{url}?page=3"
        for obj in page["data"]:
            kind_name = obj["type"].removeprefix(TYPE_PREFIX)
            assert not [e.message for e in _validator(kind_name).iter_errors(obj)]
    assert "prev" not in pages[0]["links"] and pages[0]["links"]["next"] == f"{url}?page=2"
    assert pages[1]["links"]["prev"] == f"{url}?page=1" and pages[1]["links"]["next"] == f"{url}?page=3"
    assert pages[2]["links"]["prev"] == f"{url}?page=2" and "next" not in pages[2]["links"]
    names = [obj[name] for page in pages for obj in page["data"]]
    assert [len(page["data"]) for page in pages] == [20, 20, 5]
    assert len(set(names)) == 45 and not any("Besloten" in n or "Niet openbaar" in n for n in names)
    if kind == "meeting":  # newest first
        assert names == [f"Vergadering {n:03d}" for n in range(44, -1, -1)]
    else:  # in meeting order
        assert names == sorted(names)
    assert _page(client, url, 4)["data"] == []


def test_a_list_page_asks_the_same_number_of_queries_on_any_page_and_with_five_times_the_rows(
        client, many_meetings, count_queries):
    district, body, location = many_meetings
    lists = ["meeting", "agendaItem", "file", "location", "organization"]

    def counts(page: int) -> dict[str, int]:
        found = {}
        for kind in lists:
            url = f"{ROOT}body/{district.id}/{kind}?page={page}"
            with count_queries() as counted:
                assert client.get(url).status_code == 200
            found[kind] = counted.n
            # paged in the database: the rows are asked for one page at a time, the total counted there
            assert any("LIMIT" in q and "OFFSET" in q for q in counted.statements), kind
            assert any("count(*)" in q for q in counted.statements), kind
        return found

    first = counts(1)
    assert counts(3) == first
    assert max(first.values()) <= 12, first
    _published_meetings(body, location, 180, first=45)
    assert _page(client, f"{ROOT}body/{district.id}/meeting", 1)["pagination"]["totalElements"] == 225
    assert counts(1) == first
    assert counts(11) == first
    with count_queries() as counted:
        assert client.get(f"{ROOT}location/{location.id}").status_code == 200
    assert counted.n <= 6


# --- LegislativeTerm --------------------------------------------------------------------------------------

def test_the_districts_terms_are_the_periods_of_its_local_safety_plans(client, demo):
    district = client.get(client.get(ROOT).get_json()["body"]).get_json()["data"][0]
    terms = district["legislativeTerm"]
    assert [(t["name"], t["startDate"], t["endDate"]) for t in terms] == [
        ("Lokale integrale veiligheidsplannen 2013-2016", "2013-01-01", "2016-12-31"),
        ("Lokale integrale veiligheidsplannen 2017-2020", "2017-01-01", "2020-12-31")]
    for term in terms:
        assert not [e.message for e in _validator("LegislativeTerm").iter_errors(term)]
        assert client.get(term["id"]).get_json() == term
        assert term["body"] == district["id"]
    assert client.get(district["legislativeTermList"]).get_json()["data"] == terms
    action_plan = db.session.scalar(select(PolicyOccurrence).join(PolicySeries)
                                    .where(PolicySeries.kind == "action_plan"))
    assert client.get(f"{ROOT}legislativeTerm/{action_plan.id}").status_code == 404  # not a term


def test_a_district_without_local_plans_has_no_terms(client, many_meetings):
    district = many_meetings[0]
    policy.save_series(None, None, district_id=None, kind="local_plans", title="Landelijk", starts_on=date(2015, 1, 1),
                       ends_on=date(2018, 12, 31), repeat_years=None, until_year=None, remind_days_before=30)
    db.session.commit()
    body = client.get(f"{ROOT}body/{district.id}").get_json()
    assert body["legislativeTerm"] == []
    assert not [e.message for e in _validator("Body").iter_errors(body)]
