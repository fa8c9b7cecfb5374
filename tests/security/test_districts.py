"""One district's intern and vertrouwelijk material is never shown to users of another district (issue 18).

District A is the Twente demo with the access matrix's world (a vertrouwelijk and an intern proposal, a
confidential driehoek agenda item with its file, a follow-up action, a project that is not public and one
that is). District B gets its own DVO with a secretariat user, a projectleider, a communication advisor and a
member. B's users walk every GET route of the app, filled with A's objects as the access matrix fills them,
and the API with their own tokens: none of A's secret titles appears in any answer, A's secret objects answer
403 or 404 (a project 404), A's public project is readable. A's own users still see their things.
"""
from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from ivzflow.accounts.models import UserDistrict
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token, create_user
from ivzflow.bodies.models import Body, Seat
from ivzflow.bodies.services import appoint
from ivzflow.core import clock
from ivzflow.decisions.models import DecisionItem, FollowUpAction
from ivzflow.extensions import db
from ivzflow.organisations.models import District, Organisation
from ivzflow.people.models import Person
from ivzflow.projects.models import Project
from tests.security import access_matrix as M
from tests.security.conftest import DEMO_PASSWORD, ROLE_USERS
from tests.security.test_access_matrix import fill, route_keys

B_USERS = {  # principal -> (e-mail, roles, seat in B's DVO)
    "secretariat_b": ("secretariaat@district-b.example", {Role.SECRETARIAT}, True),
    "projectleider_b": ("projectleider@district-b.example", {Role.PROJECTLEIDER}, False),
    "communicatie_b": ("communicatie@district-b.example", {Role.COMMUNICATIE}, False),
    "member_b": ("lid@district-b.example", {Role.MEMBER}, True),
}
ACTION_A = "Geheime vervolgactie van district A"
PROJECT_A = "Niet-openbaar project van district A"
PUBLIC_PROJECT_A = "Openbaar project van district A"


def _district_b(world) -> dict:
    """District B with its DVO, a municipality, and its users (each with a read token)."""
    district = District(name="District B", police_unit="Eenheid B")
    db.session.add(district)
    db.session.flush()
    municipality = Organisation(name="Gemeente B-stad", classification="gemeente", district_id=district.id)
    dvo = Body(name="DVO District B", kind="dvo", district_id=district.id)
    db.session.add_all([municipality, dvo])
    db.session.flush()
    tokens = {}
    for principal, (email, roles, seated) in B_USERS.items():
        person = Person(name=f"Persoon {principal}", organisation_id=municipality.id)
        db.session.add(person)
        db.session.flush()
        if seated:
            seat = Seat(body_id=dvo.id, name=f"Zetel {principal}")
            db.session.add(seat)
            db.session.flush()
            appoint(None, seat, person, clock.today() - timedelta(days=30))
        user = create_user(email, DEMO_PASSWORD, roles, person_id=person.id)
        db.session.add(UserDistrict(user_id=user.id, district_id=district.id))
        _token, tokens[principal] = create_token(user, f"{principal}-read", "read")
    return {"district": district.id, "dvo": dvo.id, "tokens": tokens}


def _secrets_of_a(world) -> dict:
    """A's material that B may not see, by name: what its titles are, where it lives."""
    ids = world.ids
    confidential = db.session.get(DecisionItem, ids["confidential_item"])
    intern = db.session.scalar(select(DecisionItem).where(DecisionItem.confidentiality == "intern")
                               .order_by(DecisionItem.id).limit(1))
    if intern is None:  # the demo has none: make the open proposal intern
        intern = db.session.get(DecisionItem, ids["decision_item"])
        intern.confidentiality = "intern"
    intern.title = "Intern voorstel van district A"
    confidential.title = "Vertrouwelijk voorstel van district A"
    db.session.add(FollowUpAction(item_id=confidential.id, description=ACTION_A, created_at=clock.now()))
    own, other = db.session.get(Project, ids["own_project"]), db.session.get(Project, ids["other_project"])
    own.title, own.is_public = PROJECT_A, False
    other.title, other.is_public = PUBLIC_PROJECT_A, True
    db.session.commit()
    return {"titles": [intern.title, confidential.title, "Vertrouwelijk driehoekpunt", "vertrouwelijk.pdf",
                       ACTION_A, PROJECT_A],
            "intern": intern.id, "confidential": confidential.id}


@pytest.fixture
def two_districts(world, app):
    secrets = _secrets_of_a(world)
    b = _district_b(world)
    db.session.commit()
    return world, secrets, b


def _login(client, email):
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email


def _leaks(page: str, titles) -> list[str]:
    return [t for t in titles if t in page]


def _get(client, url, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get(url, headers=headers)
    body = response.get_data().decode("utf-8", "replace")
    response.close()
    return response.status_code, body


def _extra_urls(world) -> list[str]:
    """Lists that would show A's material if the scope let it through."""
    return ["/projects?district=alle", "/api/v1/projects?district=alle", f"/projects?district={world.ids['district']}",
            "/projects/export.csv?district=alle", "/api/v1/decision-items", "/actions", "/decisions",
            "/calendar", "/api/v1/meetings"]


def _search_leaks(client, token, secrets, world) -> list[str]:
    """Searching for A's secret titles finds none of them (the page repeats the words asked: what it links to
    and the API's data are checked)."""
    ids = world.ids
    links = [f'/decisions/{secrets["intern"]}"', f'/decisions/{secrets["confidential"]}"',
             f'/projects/{ids["own_project"]}"', f'/attachments/{ids["secret_attachment"]}"',
             f'/decisions/documents/{ids["confidential_document"]}"']
    problems = []
    for title in secrets["titles"]:
        _status, page = _get(client, f"/search?q={quote(title)}")
        problems += [f"search for {title!r} links to {link}" for link in links if link in page]
        response = client.get(f"/api/v1/search?q={quote(title)}", headers={"Authorization": f"Bearer {token}"})
        data = json.dumps(response.get_json()["data"], ensure_ascii=False)
        problems += [f"API search for {title!r} finds {leak}" for leak in _leaks(data, secrets["titles"])]
    return problems


@pytest.mark.parametrize("principal", ["secretariat_b", "member_b"])
def test_other_districts_users_see_none_of_its_intern_work_on_any_route(app, client, two_districts, principal):
    world, secrets, b = two_districts
    _login(client, B_USERS[principal][0])
    token = b["tokens"][principal]
    problems = []
    urls = [fill(rule, world) for method, rule in route_keys(app) if method == "GET"
            and (method, rule) in M.ROUTES and rule not in M.HEAVY and "<path:filename>" not in rule]
    for url in urls + _extra_urls(world):
        status, body = _get(client, url, token if url.startswith("/api/") else None)
        if status >= 500:
            problems.append(f"{url}: {status}")
        # the public site and OParl publish what A's publication policy opens to everyone (its project pages)
        titles = [t for t in secrets["titles"] if t != PROJECT_A or not url.startswith(("/openbaar", "/oparl"))]
        if leaked := _leaks(body, titles):
            problems.append(f"{url} ({status}) shows {leaked}")
    problems += _search_leaks(client, token, secrets, world)
    assert not problems, f"as {principal} of district B:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("principal", list(B_USERS))
def test_other_districts_secret_objects_answer_not_found_or_refused(client, two_districts, principal):
    world, secrets, b = two_districts
    ids = world.ids
    _login(client, B_USERS[principal][0])
    token = b["tokens"][principal]
    hidden = [f"/decisions/{secrets['intern']}", f"/decisions/{secrets['confidential']}",
              f"/api/v1/decision-items/{secrets['confidential']}", f"/api/v1/decision-items/{secrets['intern']}",
              f"/agenda-items/{ids['secret_agenda_item']}/documents", f"/attachments/{ids['secret_attachment']}",
              f"/decisions/documents/{ids['confidential_document']}"]
    problems = [f"{url}: {status}" for url in hidden
                if (status := _get(client, url, token if url.startswith("/api/") else None)[0]) not in (403, 404)]
    for url in (f"/projects/{ids['own_project']}", f"/api/v1/projects/{ids['own_project']}",
                f"/projects/{ids['own_project']}/status-updates", f"/projects/{ids['own_project']}/report.pdf"):
        status, _body = _get(client, url, token if url.startswith("/api/") else None)
        if status != 404:
            problems.append(f"{url}: {status}, not 404")
    for url in (f"/projects/{ids['other_project']}", f"/api/v1/projects/{ids['other_project']}"):
        status, body = _get(client, url, token if url.startswith("/api/") else None)
        if status != 200 or PUBLIC_PROJECT_A not in body:
            problems.append(f"{url}: {status}, the public project is not readable")
    status, body = _get(client, "/projects?district=alle")
    if PUBLIC_PROJECT_A not in body:
        problems.append("the portfolio of every district lacks A's public project")
    assert not problems, f"as {principal} of district B:\n  " + "\n  ".join(problems)


def test_other_districts_secretariat_cannot_manage_its_projects(client, two_districts):
    world, _secrets, _b = two_districts
    _login(client, B_USERS["secretariat_b"][0])
    assert client.get(f"/projects/{world.ids['other_project']}/setup").status_code == 403
    assert client.get(f"/projects/{world.ids['other_project']}/edit").status_code == 403


def test_the_districts_own_users_still_see_their_things(client, two_districts):
    world, secrets, _b = two_districts
    ids = world.ids
    _login(client, ROLE_USERS["secretariat"])
    for url, text in ((f"/decisions/{secrets['confidential']}", "Vertrouwelijk voorstel van district A"),
                      (f"/decisions/{secrets['intern']}", "Intern voorstel van district A"),
                      (f"/projects/{ids['own_project']}", PROJECT_A), ("/projects", PROJECT_A)):
        status, body = _get(client, url)
        assert status == 200 and text in body, url
    status, body = _get(client, "/projects")
    assert "District B" in body  # the district select
