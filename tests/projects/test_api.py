"""The projects API: lists with filters, one project in full, posting a status update with clear errors."""
from datetime import date

import pytest
from sqlalchemy import func, select

from ivzflow.accounts.services import create_token
from ivzflow.extensions import db
from ivzflow.projects import items, services
from ivzflow.projects.models import StatusUpdate


def token_of(user, scope="read") -> str:
    _token, secret = create_token(user, "test", scope)
    db.session.commit()
    return secret


def auth(secret):
    return {"Authorization": f"Bearer {secret}"}


def test_projects_are_listed_with_latest_status_and_pagination(client, users, make_project):
    project = users["project"]
    services.post_status_update(None, project, status="amber", progress=40, summary="Vertraging")
    for _ in range(3):
        make_project(kind="opgave")
    db.session.commit()
    secret = token_of(users["member"])
    response = client.get("/api/v1/projects?per_page=2", headers=auth(secret))
    assert response.status_code == 200
    data = response.json
    assert data["pagination"]["totalElements"] == 4 and len(data["data"]) == 2
    assert "next" in data["links"]
    first = data["data"][0]
    assert first["title"] == "Aanpak woninginbraken" and first["status"] == "amber" and first["progress"] == 40
    assert first["trekker"]["name"] == "Burgemeester Tubbergen"
    filtered = client.get("/api/v1/projects?kind=opgave", headers=auth(secret)).json
    assert filtered["pagination"]["totalElements"] == 3
    assert "kind=opgave" in filtered["links"]["self"]
    assert client.get("/api/v1/projects?status=amber", headers=auth(secret)).json["pagination"]["totalElements"] == 1


@pytest.mark.parametrize("query, name", [("kind=programma", "kind"), ("status=paars", "status"),
                                         ("trekker=abc", "trekker"), ("per_page=500", "per_page")])
def test_bad_filters_are_a_400_in_dutch(client, users, query, name):
    response = client.get(f"/api/v1/projects?{query}", headers=auth(token_of(users["member"])))
    assert response.status_code == 400
    assert f"Parameter {name}" in response.json["error"]["message"]


def test_one_project_with_latest_status_activities_and_indicators(client, users):
    project = users["project"]
    items.save_activity(None, project, title="Heling", status="open", due_on=date(2015, 1, 1))
    indicator = items.save_indicator(None, project, name="Woninginbraken", unit="aantal", direction="lower",
                                     baseline_value=2085, baseline_year=2014)
    items.set_target(None, indicator, 2015, 1895)
    items.set_measurement(None, indicator, 2014, 2085)
    services.post_status_update(None, project, status="green", progress=20, summary="Loopt",
                                decision_needed="Budget 2016")
    db.session.commit()
    data = client.get(f"/api/v1/projects/{project.id}", headers=auth(token_of(users["member"]))).json
    assert data["latestStatus"]["status"] == "green" and data["latestStatus"]["decisionNeeded"] == "Budget 2016"
    assert data["activities"][0] == {**data["activities"][0], "title": "Heling", "overdue": True}
    woninginbraken = data["indicators"][0]
    assert woninginbraken["targets"] == [{"year": 2015, "value": 1895.0}]
    assert woninginbraken["baseline"] == {"year": 2014, "value": 2085.0}
    assert woninginbraken["track"] == "on_track"
    assert client.get("/api/v1/projects/999999", headers=auth(token_of(users["member"]))).status_code == 404


def _post(client, project, secret, payload=None, **kwargs):
    return client.post(f"/api/v1/projects/{project.id}/status-updates", headers=auth(secret),
                       json=payload if payload is not None else {"status": "amber", "progress": 40,
                                                                  "summary": "Vertraging"}, **kwargs)


def test_the_projectleider_posts_a_status_update_with_a_write_token(client, users):
    project = users["project"]
    response = _post(client, project, token_of(users["projectleider"], "write"))
    assert response.status_code == 201
    assert response.json["status"] == "amber" and response.json["number"] == 1
    assert response.json["author"] == users["projectleider"].display_name
    assert response.headers["Location"].endswith(f"/api/v1/projects/{project.id}")


@pytest.mark.parametrize("role, scope, status", [
    ("projectleider", "read", 403), ("member", "write", 403), ("trekker", "write", 403),
    ("other_projectleider", "write", 403), ("secretariat", "write", 201),
])
def test_who_may_post_through_the_api(client, users, role, scope, status):
    response = _post(client, users["project"], token_of(users[role], scope))
    assert response.status_code == status
    if status == 403:
        assert response.json["error"]["status"] == 403
    assert db.session.scalar(select(func.count(StatusUpdate.id))) == (1 if status == 201 else 0)


@pytest.mark.parametrize("payload, field, text", [
    ({"status": "paars", "progress": 10, "summary": "x"}, "status", "groen, oranje of rood"),
    ({"status": "green", "progress": 150, "summary": "x"}, "progress", "0 tot en met 100"),
    ({"status": "green", "progress": "veel", "summary": "x"}, "progress", "geheel getal"),
    ({"status": "green", "progress": 10}, "summary", "samenvatting"),
    ({"status": "green", "progress": 10, "summary": ["a", "b"]}, "summary", "tekst"),
    ({"status": "green", "progress": 10, "summary": 7}, "summary", "tekst"),
    ({"status": "green", "progress": 10, "summary": "x", "nextSteps": ["a"]}, "nextSteps", "tekst"),
    ({"status": "green", "progress": 10, "summary": "x", "colour": "red"}, "colour", "Onbekende velden"),
    ({"status": "green", "progress": 10, "summary": "x", "previousId": "laatste"}, "previousId", "previousId"),
])
def test_bad_json_gets_a_400_naming_the_field_in_dutch(client, users, payload, field, text):
    response = _post(client, users["project"], token_of(users["projectleider"], "write"), payload)
    assert response.status_code == 400
    assert response.json["error"]["field"] == field
    assert text in response.json["error"]["message"]


def test_a_body_that_is_not_json_gets_a_400(client, users):
    response = client.post(f"/api/v1/projects/{users['project'].id}/status-updates",
                           headers={**auth(token_of(users["projectleider"], "write")), "Content-Type": "text/plain"},
                           data="status=green")
    assert response.status_code == 400
    assert "JSON-object" in response.json["error"]["message"]


def test_a_stale_previous_id_gets_a_409(client, users):
    project = users["project"]
    secret = token_of(users["projectleider"], "write")
    first = _post(client, project, secret).json
    stale = _post(client, project, secret, {"status": "green", "progress": 50, "summary": "x", "previousId": None})
    assert stale.status_code == 409 and "andere statusupdate" in stale.json["error"]["message"]
    fresh = _post(client, project, secret, {"status": "green", "progress": 50, "summary": "x",
                                            "previousId": first["id"]})
    assert fresh.status_code == 201 and fresh.json["number"] == 2
