"""OParl 1.1 under /oparl/v1/: every object reachable from System validates against the specification's
schemas, only published records appear, and each page asks a fixed number of queries."""
from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest
from sqlalchemy import select

from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db

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
                                                            "agendaItem", "paper", "consultation", "locationList")]
    meeting = client.get(district["meeting"]).get_json()["data"][0]
    urls += [meeting["id"], meeting["agendaItem"][0]["id"]]
    for url in urls:
        client.get(url)
        with count_queries() as counted:
            assert client.get(url).status_code == 200, url
        assert counted.n <= 15, (url, counted.n)
