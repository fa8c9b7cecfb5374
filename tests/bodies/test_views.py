"""The governance structure through the browser's eyes: pages, forms, refusals, query bounds."""
from datetime import date

import pytest
from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body, Membership, Seat
from ivzflow.extensions import db


def _body(name: str) -> Body:
    return db.session.scalar(select(Body).where(Body.name == name))


def _seat(body: Body, name: str) -> Seat:
    return db.session.scalar(select(Seat).where(Seat.body_id == body.id, Seat.name.startswith(name)))


def test_body_page_shows_type_chair_secretary_relations_and_members(client, demo, login_as):
    login_as(Role.MEMBER)
    body = _body("Agendacommissie Platform IVZ")
    page = client.get(f"/bodies/{body.id}?on=2015-06-01").get_data(as_text=True)
    assert "Commissie" in page
    assert "Voorzitter" in page and "Secretaris" in page
    assert "bereidt voor" in page and "Platform IVZ" in page
    assert "Basisteam Midden" in page and "Anne de Vries" in page


def test_who_sat_in_the_agendacommissie_on_a_past_date(client, demo, login_as):
    login_as(Role.MEMBER)
    body = _body("Agendacommissie Platform IVZ")
    before = client.get(f"/bodies/{body.id}?on=2014-06-01").get_data(as_text=True)
    after = client.get(f"/bodies/{body.id}?on=2015-06-01").get_data(as_text=True)
    assert "Femke Jansen" in before and "Femke Jansen" not in after  # Haaksbergen's turn ended 2014
    assert "Anne de Vries" in after


def test_member_sees_no_management_actions(client, demo, login_as):
    login_as(Role.MEMBER)
    body = _body("Agendacommissie Platform IVZ")
    page = client.get(f"/bodies/{body.id}").get_data(as_text=True)
    assert "Zetel rouleren" not in page and "Beëindigen" not in page


@pytest.mark.parametrize("role, allowed", [
    (Role.SECRETARIAT, True), (Role.ADMIN, True), (Role.MEMBER, False), (Role.PROJECTLEIDER, False),
    (Role.COMMUNICATIE, False), (Role.AGENDACOMMISSIE, False),
])
def test_only_secretariat_rotates_seats(client, demo, login_as, role, allowed):
    login_as(role)
    seat = _seat(_body("Agendacommissie Platform IVZ"), "Basisteam Midden")
    response = client.post(f"/seats/{seat.id}/rotate", data={
        "version": seat.version, "effective_on": "2017-01-01", "organisation_id": 0, "person_id": 0})
    assert response.status_code == (302 if allowed else 403)
    count = db.session.scalar(select(db.func.count(Membership.id)).where(Membership.seat_id == seat.id))
    assert count == (3 if allowed else 2)


def test_rotating_the_midden_seat_shows_old_and_new_holder_in_history(client, demo, login_as):
    secretary = login_as(Role.SECRETARIAT)
    body = _body("Agendacommissie Platform IVZ")
    seat = _seat(body, "Basisteam Midden")
    form = client.get(f"/seats/{seat.id}/rotate").get_data(as_text=True)
    assert "Gemeente Borne" in form  # proposed: next in the pool after Hengelo
    response = client.post(f"/seats/{seat.id}/rotate", data={
        "version": seat.version, "effective_on": "2017-01-01", "organisation_id": 0, "person_id": 0})
    assert response.status_code == 302
    history = client.get(f"/bodies/{body.id}/history").get_data(as_text=True)
    assert "Anne de Vries" in history and "Sanne Veldkamp" in history and "Rotatie" in history
    assert "neemt de zetel over per 1 januari 2017" in history  # a date in words, not 2017-01-01
    assert f"door {secretary.person.name}" in history and secretary.email not in history  # who, by name


def test_rotating_with_a_stale_form_is_refused_with_a_clear_message(client, demo, login_as):
    login_as(Role.SECRETARIAT)
    seat = _seat(_body("Agendacommissie Platform IVZ"), "Basisteam Midden")
    response = client.post(f"/seats/{seat.id}/rotate", data={
        "version": seat.version - 1, "effective_on": "2017-01-01", "organisation_id": 0, "person_id": 0})
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.get_data(as_text=True)


def test_two_secretaries_rotating_at_once_one_wins_the_other_is_told(app, client, demo, make_user):
    """Both forms carry the same version: exactly one rotation is stored, the other gets 409."""
    import threading

    from tests.conftest import PASSWORD

    seat = _seat(_body("Agendacommissie Platform IVZ"), "Basisteam Midden")
    data = {"version": seat.version, "effective_on": "2017-01-01", "organisation_id": 0, "person_id": 0}
    clients = []
    for _ in range(2):
        user = make_user(Role.SECRETARIAT)
        other = app.test_client()
        other.post("/login", data={"email": user.email, "password": PASSWORD})
        clients.append(other)
    url = f"/seats/{seat.id}/rotate"
    db.session.commit()
    barrier, statuses = threading.Barrier(2), []

    def rotate(c):
        barrier.wait()
        statuses.append(c.post(url, data=data).status_code)

    threads = [threading.Thread(target=rotate, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [302, 409]
    count = db.session.scalar(select(db.func.count(Membership.id)).where(Membership.seat_id == seat.id))
    assert count == 3


def test_overlapping_appointment_gets_a_message_on_the_form(client, demo, login_as):
    login_as(Role.SECRETARIAT)
    seat = _seat(_body("Agendacommissie Platform IVZ"), "Basisteam Midden")
    someone = db.session.scalar(select(Membership.person_id).limit(1))
    before = db.session.scalar(select(db.func.count(Membership.id)))
    response = client.post(f"/seats/{seat.id}/appoint", data={
        "person_id": someone, "on_behalf_of_id": 0, "start_on": "2016-01-01"})
    assert response.status_code == 400
    assert "al bezet" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(Membership.id))) == before


def test_end_date_before_start_is_refused(client, demo, login_as):
    login_as(Role.SECRETARIAT)
    membership = db.session.scalar(select(Membership).where(Membership.end_on.is_(None)).limit(1))
    response = client.post(f"/memberships/{membership.id}/end", data={
        "version": membership.version, "end_on": "2000-01-01", "reason": ""})
    assert response.status_code == 400
    assert "vóór de begindatum" in response.get_data(as_text=True)
    assert f"({membership.start_on.day} " in response.get_data(as_text=True)  # in words, not ISO
    assert f"({membership.start_on.isoformat()})" not in response.get_data(as_text=True)
    db.session.refresh(membership)
    assert membership.end_on is None


def test_empty_body_name_is_refused(client, login_as):
    login_as(Role.SECRETARIAT)
    response = client.post("/bodies/new", data={"name": "", "kind": "commissie", "basisteam_id": 0,
                                                 "organisation_id": 0, "grants_role": ""})
    assert response.status_code == 400
    assert db.session.scalar(select(db.func.count(Body.id))) == 0


def test_secretariat_creates_a_body_and_a_rotating_seat(client, login_as, make_org, make_person):
    login_as(Role.SECRETARIAT)
    orgs = [make_org(f"Gemeente {n}") for n in "ABC"]
    people = [make_person(organisation_id=o.id) for o in orgs]
    response = client.post("/bodies/new", data={"name": "Regiegroep Woninginbraken", "kind": "expertgroep",
                                                 "basisteam_id": 0, "organisation_id": 0, "grants_role": ""})
    body = _body("Regiegroep Woninginbraken")
    assert response.status_code == 302 and body is not None
    data = {"name": "Gemeentelijke vertegenwoordiger", "role": "member", "position": 1, "term_months": 12,
            "rotates": "y", "organisation_id": 0}
    for i, (org, person) in enumerate(zip(orgs, people)):
        data[f"pool-{i}-organisation_id"] = org.id
        data[f"pool-{i}-person_id"] = person.id
    assert client.post(f"/bodies/{body.id}/seats/new", data=data).status_code == 302
    seat = _seat(body, "Gemeentelijke")
    assert [e.organisation_id for e in seat.pool] == [o.id for o in orgs]


def test_person_page_shows_memberships_at_a_date(client, demo, login_as):
    login_as(Role.MEMBER)
    from ivzflow.people.models import Person
    femke = db.session.scalar(select(Person).where(Person.name == "Femke Jansen"))
    page = client.get(f"/people/{femke.id}?on=2014-01-01").get_data(as_text=True)
    assert "Agendacommissie Platform IVZ" in page.split("Alle lidmaatschappen")[0]
    page = client.get(f"/people/{femke.id}?on=2016-01-01").get_data(as_text=True)
    assert "Agendacommissie Platform IVZ" not in page.split("Alle lidmaatschappen")[0]


def test_organisations_page_totals_the_inhabitants(client, demo, login_as):
    login_as(Role.MEMBER)
    page = client.get("/organisations").get_data(as_text=True)
    assert "626.092" in page
    assert "Demowaarde" in page
    for partner in ("RIEC", "Veiligheidshuis Twente", "GGD Twente", "Openbaar Ministerie"):
        assert partner in page


def test_portfolio_allocation_per_municipality(client, demo, login_as):
    login_as(Role.MEMBER)
    page = client.get("/portfolios").get_data(as_text=True)
    assert "Aanpak woninginbraken" in page
    assert "Bevolkingszorg" in page


def _fill_body(body: Body, members: int, make_person, make_seat):
    from ivzflow.bodies.services import appoint
    for _ in range(members):
        appoint(None, make_seat(body), make_person(), date(2015, 1, 1))
    db.session.commit()


def test_body_page_queries_do_not_grow_with_members(client, login_as, make_body, make_person, make_seat,
                                                    count_queries):
    login_as(Role.MEMBER)
    small, large = make_body(), make_body()
    _fill_body(small, 2, make_person, make_seat)
    _fill_body(large, 40, make_person, make_seat)
    with count_queries() as few:
        assert client.get(f"/bodies/{small.id}").status_code == 200
    with count_queries() as many:
        assert client.get(f"/bodies/{large.id}").status_code == 200
    assert many.n == few.n <= 15


def test_person_list_queries_do_not_grow_with_people(client, login_as, make_person, count_queries):
    login_as(Role.MEMBER)
    with count_queries() as few:
        assert client.get("/people").status_code == 200
    for _ in range(60):
        make_person()
    with count_queries() as many:
        assert client.get("/people").status_code == 200
    assert many.n == few.n <= 10
