"""The JSON API: tokens, OParl names, pagination, filters and clear errors."""
from datetime import date

import pytest
from sqlalchemy import select

from ivzflow.accounts.models import ApiToken
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token, revoke_token
from ivzflow.bodies.models import Body, Seat
from ivzflow.bodies.services import rotate_seat
from ivzflow.extensions import db
from ivzflow.organisations.models import District


@pytest.fixture
def token(make_user):
    user = make_user(Role.MEMBER)
    _token, secret = create_token(user, "test")
    db.session.commit()
    return secret


def get(client, url, secret):
    return client.get(url, headers={"Authorization": f"Bearer {secret}"})


def _agendacommissie() -> Body:
    return db.session.scalar(select(Body).where(Body.name == "Agendacommissie Platform IVZ"))


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer ivz_not-a-real-token", "Basic abc"])
def test_without_a_valid_token_the_api_answers_401_json(client, header):
    response = client.get("/api/v1/bodies", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.json["error"]["status"] == 401
    assert "API-token" in response.json["error"]["message"]


def test_session_cookie_alone_does_not_open_the_api(client, login_as):
    login_as(Role.SECRETARIAT)
    assert client.get("/api/v1/bodies").status_code == 401


def test_revoked_token_is_refused(client, make_user):
    user = make_user(Role.MEMBER)
    token, secret = create_token(user, "test")
    revoke_token(user, token)
    db.session.commit()
    assert get(client, "/api/v1/bodies", secret).status_code == 401


def test_token_use_is_recorded(client, token):
    assert get(client, "/api/v1/bodies", token).status_code == 200
    assert db.session.scalar(select(ApiToken.last_used_at)) is not None


def test_bodies_are_listed_with_oparl_names_and_pagination(client, demo, token):
    response = get(client, "/api/v1/bodies?per_page=5", token)
    assert response.status_code == 200
    data = response.json
    assert len(data["data"]) == 5
    total = db.session.scalar(select(db.func.count(Body.id)))  # 16 gremia plus the projects' expert groups
    assert total >= 16
    assert data["pagination"]["totalElements"] == total
    assert data["pagination"]["totalPages"] == -(-total // 5)
    assert "next" in data["links"]
    first = data["data"][0]
    assert {"id", "type", "name", "shortName", "classification", "url"} <= set(first)
    assert first["type"].endswith("/Organization")
    following = get(client, data["links"]["next"].replace("http://ivzflow.test", ""), token).json
    assert following["pagination"]["currentPage"] == 2
    assert {b["id"] for b in following["data"]}.isdisjoint({b["id"] for b in data["data"]})


def test_body_detail_has_its_current_memberships(client, demo, token):
    body = _agendacommissie()
    data = get(client, f"/api/v1/bodies/{body.id}", token).json
    roles = {m["role"] for m in data["membership"]}
    assert any(r.startswith("Basisteam Midden") for r in roles)
    membership = data["membership"][0]
    assert {"person", "organization", "role", "onBehalfOf", "startDate", "endDate"} <= set(membership)


def test_memberships_at_a_date_show_a_rotation(client, demo, token):
    body = _agendacommissie()
    seat = db.session.scalar(select(Seat).where(Seat.body_id == body.id, Seat.name.startswith("Basisteam Midden")))
    rotate_seat(None, seat, date(2017, 1, 1), version=seat.version)
    db.session.commit()

    def holder(on: str) -> str:
        data = get(client, f"/api/v1/memberships?body={body.id}&at={on}&per_page=200", token).json
        return next(m["person"]["name"] for m in data["data"]
                    if m["role"].startswith("Basisteam Midden") and not m["deputy"])

    assert holder("2016-03-01") == "Anne de Vries"
    assert holder("2017-03-01") == "Sanne Veldkamp"
    history = get(client, f"/api/v1/memberships?body={body.id}", token).json
    midden = [m for m in history["data"] if m["role"].startswith("Basisteam Midden")]
    assert {m["endDate"] for m in midden} >= {"2016-12-31", "2014-12-31", None}


@pytest.mark.parametrize("query, status", [
    ("at=2016-13-01", 400), ("at=yesterday", 400), ("body=abc", 400), ("body=-1", 400),
    ("page=0", 400), ("per_page=100000", 400), ("body=999999", 404),
])
def test_malformed_parameters_get_a_clear_json_error(client, token, query, status):
    response = get(client, f"/api/v1/memberships?{query}", token)
    assert response.status_code == status
    assert response.json["error"]["message"]


def test_unknown_ids_are_404_json(client, token):
    for url in ("/api/v1/bodies/999", "/api/v1/persons/999", "/api/v1/organisations/999"):
        response = get(client, url, token)
        assert response.status_code == 404
        assert response.json["error"]["status"] == 404


def test_organisations_and_persons(client, demo, token):
    orgs = get(client, "/api/v1/organisations?per_page=200", token).json["data"]
    twente = db.session.scalar(select(District.id).where(District.name == "Twente"))
    municipalities = [o for o in orgs if o["classification"] == "gemeente" and o["district"] == twente]
    assert len(municipalities) == 14
    assert sum(o["inhabitants"] for o in municipalities) == 626_092
    persons = get(client, "/api/v1/persons", token).json
    assert persons["pagination"]["totalElements"] > 14
    assert persons["data"][0]["type"].endswith("/Person")


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["database"] == "ok"


def test_the_favicon_is_served_without_login_and_named_by_every_page(client):
    with client.get("/favicon.ico") as icon:
        assert icon.status_code == 200
        assert icon.mimetype == "image/vnd.microsoft.icon" and icon.data[:4] == b"\x00\x00\x01\x00"
    login_page = client.get("/login").get_data(as_text=True)
    assert 'rel="icon" href="/favicon.ico"' in login_page
    with client.get(login_page.split('rel="icon" href="')[1].split('"')[0]) as svg:
        assert svg.status_code == 200 and b"<svg" in svg.data


def test_token_created_on_the_profile_page_works(client, login_as):
    login_as(Role.MEMBER)
    page = client.post("/profile/tokens", data={"tok-name": "Excel", "tok-scope": "read"}).get_data(as_text=True)
    secret = page.split('id="new-token">')[1].split("<")[0]
    assert get(client, "/api/v1/bodies", secret).status_code == 200


def test_token_cli_creates_a_working_token(app, client, make_user):
    user = make_user(Role.MEMBER)
    result = app.test_cli_runner().invoke(args=["token", "create", user.email])
    assert result.exit_code == 0, result.output
    assert get(client, "/api/v1/bodies", result.output.strip()).status_code == 200
