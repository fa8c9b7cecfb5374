"""API: local plans, the theme matrix and weighing, the money, the policy calendar; tokens and errors as elsewhere."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.accounts.services import create_token
from ivzflow.demo.twente_plans import SOURCE_TOTALS
from ivzflow.extensions import db


@pytest.fixture
def token(demo):
    def make(name: str) -> str:
        user = db.session.scalar(select(User).where(User.email == f"{name}@demo.ivzflow.nl"))
        _token, secret = create_token(user, "test")
        db.session.commit()
        return secret
    return make


def get(client, url, secret):
    return client.get(url, headers={"Authorization": f"Bearer {secret}"})


@pytest.mark.parametrize("url", ["/api/v1/local-plans", "/api/v1/theme-weighing?year=2015",
                                 "/api/v1/finances?year=2015", "/api/v1/policy-events"])
def test_the_new_endpoints_need_a_token(client, demo, url):
    response = client.get(url)
    assert response.status_code == 401 and response.json["error"]["status"] == 401


def test_local_plans_with_their_themes(client, token, count_queries):
    secret = token("lid")
    get(client, "/api/v1/local-plans?year=2015", secret)
    with count_queries() as counted:
        response = get(client, "/api/v1/local-plans?year=2015&per_page=20", secret)
    assert response.status_code == 200 and counted.n <= 15
    data = response.json["data"]
    assert len(data) == 14 and response.json["pagination"]["totalElements"] == 14
    almelo = data[0]
    assert almelo["municipality"]["name"] == "Gemeente Almelo" and almelo["startYear"] == 2013
    assert "Woninginbraken (HIC: overvallen en straatroof)" in [t["name"] for t in almelo["themes"]]


def test_theme_weighing_gives_the_matrix_and_for_the_agendacommissie_the_weighing(client, token, count_queries):
    secret = token("agendacommissie")
    with count_queries() as counted:
        response = get(client, "/api/v1/theme-weighing?year=2014", secret)
    assert response.status_code == 200 and counted.n <= 15
    body = response.json
    assert [t["count"] for t in body["themes"]] == SOURCE_TOTALS
    assert sum(t["qualifies"] for t in body["themes"]) == 8 and body["qualifyingCount"] == 7
    burglary = next(t for t in body["themes"] if t["name"].startswith("Woninginbraken"))
    assert len(burglary["municipalities"]) == 13 and burglary["group"] == "woon"
    speerpunten = [t["name"] for t in body["weighing"]["themes"] if t["outcome"] == "speerpunt"]
    assert len(speerpunten) == 3
    assert get(client, "/api/v1/theme-weighing?year=2014", token("lid")).json["weighing"] is None


def test_finances_as_exact_strings(client, token, count_queries):
    secret = token("secretariaat")
    with count_queries() as counted:
        response = get(client, "/api/v1/finances?year=2015", secret)
    assert response.status_code == 200 and counted.n <= 15
    body = response.json
    assert body["municipalTotal"] == "93913.80" and body["rate"] == "0.15"
    assert sum(c["inhabitants"] for c in body["contributions"]) == 626_092
    assert body["referenceDate"] == "2014-05-01" and body["partnerContributions"] == []
    assert body["reserveAfterCommitments"] == "50000.00"
    assert {c["fte"] for c in body["commitments"]} >= {"0.66"}
    assert get(client, "/api/v1/finances?year=2014", secret).json["partnerContributions"][0]["amount"] == "20000.00"
    assert get(client, "/api/v1/finances?year=2015", token("lid")).status_code == 403


def test_policy_events_between_dates(client, token):
    secret = token("lid")
    response = get(client, "/api/v1/policy-events?from=2015-01-01&to=2015-12-31", secret)
    titles = [e["title"] for e in response.json["data"]]
    assert "Integrale Veiligheidsmonitor: meting 2015" in titles
    assert all(e["date"].startswith("2015") for e in response.json["data"])


@pytest.mark.parametrize("url", ["/api/v1/theme-weighing?year=abc", "/api/v1/theme-weighing?year=1800",
                                 "/api/v1/finances?year=99999", "/api/v1/policy-events?from=2015-13-01",
                                 "/api/v1/policy-events?from=2016-01-01&to=2015-01-01",
                                 "/api/v1/local-plans?year=x"])
def test_bad_parameters_give_a_400_json(client, token, url):
    response = get(client, url, token("secretariaat"))
    assert response.status_code == 400 and response.json["error"]["status"] == 400
