"""The district wizard (issue 18): the administrator starts a district from the template, its secretariat
plans its year, and a proposal drafted there goes to the new district's Platform and DVO; bad input is
refused in Dutch and leaves nothing behind."""
from datetime import date

import pytest
from sqlalchemy import func, select

from ivzflow.accounts.models import UserDistrict
from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body, BodyRelation, Seat
from ivzflow.core.errors import ValidationError
from ivzflow.decisions import services as decisions
from ivzflow.districts import services
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting, MeetingRule
from ivzflow.organisations.models import UNIT, Basisteam, District, Organisation
from tests.decisions.conftest import story, user  # noqa: F401  (the demo on its story date)

TEAMS = "Basisteam Noord: Lindewaard, Beekveld\nBasisteam Zuid: Heidedorp, Molenbroek, Ossendam\n"
EVERY_BODY = ["dvo", "platform", "agendacommissie", "driehoek"]


def wizard(client, **values):
    data = {"name": "Veenland", "unit_id": "0", "new_unit": "Proefeenheid", "basisteams": TEAMS,
            "bodies": EVERY_BODY} | values
    return client.post("/districts/new", data=data)


def bodies_of(district) -> dict[str, Body]:
    return {b.name: b for b in db.session.scalars(select(Body).where(Body.district_id == district.id))}


def counts() -> tuple:
    return tuple(db.session.scalar(select(func.count()).select_from(model)) for model in
                 (District, Basisteam, Organisation, Body, Seat, BodyRelation, MeetingRule, UserDistrict))


def test_the_wizard_creates_the_district_with_its_chain(client, make_user, login_as):
    secretary = make_user(Role.SECRETARIAT, districts=[])
    login_as(Role.ADMIN)
    response = wizard(client, secretariat_ids=[str(secretary.id)])
    assert response.status_code == 302, response.get_data(as_text=True)
    district = db.session.scalar(select(District).where(District.name == "Veenland"))
    assert response.headers["Location"].endswith(f"/districts/{district.id}")
    assert district.parent.name == "Proefeenheid" and district.parent.level == UNIT
    bodies = bodies_of(district)
    assert set(bodies) == {"DVO Veenland", "Platform IVZ Veenland", "Agendacommissie Veenland",
                           "Gezagsdriehoek Basisteam Noord (Veenland)", "Gezagsdriehoek Basisteam Zuid (Veenland)"}
    dvo, platform, commission = bodies["DVO Veenland"], bodies["Platform IVZ Veenland"], bodies["Agendacommissie Veenland"]
    assert commission.grants_role == "agendacommissie"
    relations = {(r.source_id, r.target_id, r.kind) for r in db.session.scalars(select(BodyRelation).where(
        BodyRelation.target_id.in_([b.id for b in bodies.values()])))}
    assert {(platform.id, dvo.id, "advises"), (commission.id, platform.id, "prepares"),
            (commission.id, dvo.id, "prepares")} <= relations
    seats = [s.name for s in db.session.scalars(select(Seat).where(Seat.body_id == dvo.id).order_by(Seat.position))]
    assert seats[0] == "Voorzitter" and {f"Gemeente {t}" for t in ("Lindewaard", "Beekveld", "Heidedorp",
                                                                   "Molenbroek", "Ossendam")} <= set(seats)
    noord = db.session.scalars(select(Seat).where(Seat.body_id == commission.id, Seat.name == "Basisteam Noord")).one()
    assert noord.rotates and [e.organisation.short_name for e in noord.pool] == ["Lindewaard", "Beekveld"]
    rules = {r.body_id: r for r in db.session.scalars(select(MeetingRule))}
    assert (rules[dvo.id].per_year, rules[dvo.id].anchor) == (6, "none")
    assert (rules[platform.id].anchor, rules[platform.id].anchor_body_id) == ("weeks_before", dvo.id)
    assert rules[bodies["Gezagsdriehoek Basisteam Zuid (Veenland)"].id].per_year == 4
    assert db.session.scalar(select(UserDistrict.district_id).where(UserDistrict.user_id == secretary.id)) == district.id

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Lindewaard" in page and f"/bodies/{dvo.id}/plan" in page and f"/bodies/{dvo.id}/edit" in page


def test_the_new_districts_secretariat_plans_the_year_and_a_proposal_goes_to_its_own_chain(
        story, client, make_user, make_person, login):
    admin = user("admin")
    secretary = make_user(Role.SECRETARIAT, districts=[])
    district = services.create_district(admin, services.NewDistrict(
        name="Veenland", basisteams=TEAMS, bodies=EVERY_BODY, new_unit="Proefeenheid",
        secretariat_ids=[secretary.id]))
    db.session.commit()
    bodies = bodies_of(district)
    dvo, platform = bodies["DVO Veenland"], bodies["Platform IVZ Veenland"]

    login(secretary)
    for body in (dvo, platform):
        response = client.post(f"/bodies/{body.id}/plan/generate", data={"year": "2016"})
        assert response.status_code == 302
    planned = db.session.scalars(select(Meeting).where(Meeting.body_id.in_([dvo.id, platform.id]))).all()
    dvo_meetings = {m.id for m in planned if m.body_id == dvo.id}
    platform_meetings = [m for m in planned if m.body_id == platform.id]
    assert len(dvo_meetings) == 6
    # three weeks before each DVO (one falls in 2015 when the first DVO is in January)
    assert len(platform_meetings) >= 5 and {m.anchor_meeting_id for m in platform_meetings} <= dvo_meetings

    town = db.session.scalar(select(Organisation).where(Organisation.name == "Gemeente Lindewaard"))
    leader = make_user(Role.PROJECTLEIDER, person=make_person("Projectleider Veenland", organisation_id=town.id),
                       districts=[])
    assert [b.name for b in decisions.deciding_bodies(leader)] == ["DVO Veenland"]
    item = decisions.propose(leader, title="Ondermijning in het veen", points=["Instemmen"])
    assert item.decision_body_id == dvo.id and item.district_id == district.id
    assert [c.body.name for c in item.route] == ["Platform IVZ Veenland", "DVO Veenland"]


@pytest.mark.parametrize("values, message", [
    ({"name": ""}, "Vul de naam van het district in."),
    ({"name": "Twente"}, "Er is al een district of eenheid Twente."),
    ({"basisteams": ""}, "Noem ten minste één basisteam met zijn gemeenten."),
    ({"basisteams": "Noord Lindewaard"}, "Regel 1: schrijf het basisteam"),
    ({"basisteams": "Noord: Lindewaard\nZuid:"}, "Regel 2: noem de gemeenten van basisteam Zuid."),
    ({"basisteams": "Noord: Lindewaard\nZuid: Lindewaard"}, "Gemeente Lindewaard staat bij twee basisteams."),
    ({"basisteams": "Noord: Enschede"}, "Gemeente Enschede bestaat al (district Twente)"),
    ({"unit_id": "999999"}, "Kies"),
    ({"bodies": []}, "Kies welke gremia het district krijgt."),
])
def test_bad_input_is_refused_in_dutch_and_writes_nothing(client, login_as, values, message):
    db.session.add(District(name="Twente"))
    db.session.flush()
    twente = db.session.scalar(select(District).where(District.name == "Twente"))
    db.session.add(Organisation(name="Gemeente Enschede", classification="gemeente", district_id=twente.id))
    db.session.commit()
    login_as(Role.ADMIN)
    before = counts()
    response = wizard(client, **values)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True).replace("&#34;", '"').replace("&#39;", "'")
    assert counts() == before


def test_a_refusal_halfway_leaves_nothing_behind(client, login_as, monkeypatch):
    """The wizard writes in one transaction: a failure after the bodies are made undoes them all."""
    def refuse(_made):
        raise ValidationError("Vergaderregel geweigerd.")

    monkeypatch.setattr(services, "_make_rules", refuse)
    login_as(Role.ADMIN)
    before = counts()
    response = wizard(client)
    assert response.status_code == 400 and "Vergaderregel geweigerd." in response.get_data(as_text=True)
    assert counts() == before


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.MEMBER, Role.PROJECTLEIDER])
def test_only_the_administrator_starts_a_district(client, login_as, role):
    login_as(role)
    before = counts()
    assert client.get("/districts/new").status_code == 403
    assert wizard(client).status_code == 403
    assert counts() == before
    page = client.get("/districts/")
    assert page.status_code == 200 and "Nieuw district" not in page.get_data(as_text=True)


def test_the_list_shows_units_districts_and_their_counts(client, login_as, count_queries):
    login_as(Role.ADMIN)
    assert wizard(client).status_code == 302
    with count_queries() as counted:
        page = client.get("/districts/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Nieuw district" in text
    assert "Proefeenheid" in text and "Veenland" in text and "Eenheid" in text
    assert ">5</td>" in text  # five bodies, five municipalities
    assert counted.n <= 8


def test_the_administrator_gives_a_user_extra_districts(client, login_as, make_user):
    db.session.add_all([District(name="Twente"), District(name="IJsselland")])
    db.session.commit()
    twente, ijsselland = (db.session.scalar(select(District).where(District.name == n)) for n in ("Twente", "IJsselland"))
    user = make_user(Role.SECRETARIAT, email="sec@example.org", districts=[twente])
    login_as(Role.ADMIN)
    form = client.get(f"/users/{user.id}").get_data(as_text=True)
    assert "Extra districten" in form and "IJsselland" in form
    response = client.post(f"/users/{user.id}", data={
        "version": str(user.version), "email": user.email, "person_id": str(user.person_id),
        "roles": ["secretariat"], "is_enabled": "y", "districts": [str(twente.id), str(ijsselland.id)]})
    assert response.status_code == 302, response.get_data(as_text=True)
    granted = set(db.session.scalars(select(UserDistrict.district_id).where(UserDistrict.user_id == user.id)))
    assert granted == {twente.id, ijsselland.id}
    assert "IJsselland, Twente" in client.get("/users").get_data(as_text=True)
    refused = client.post(f"/users/{user.id}", data={
        "version": str(db.session.get(type(user), user.id).version), "email": user.email, "roles": ["secretariat"],
        "person_id": str(user.person_id), "is_enabled": "y", "districts": ["999999"]})
    assert refused.status_code == 400


def test_the_district_page_shows_its_basisteams_and_bodies_in_a_few_queries(client, login_as, count_queries):
    login_as(Role.ADMIN)
    location = wizard(client).headers["Location"]
    client.post("/logout")
    login_as(Role.MEMBER)
    with count_queries() as counted:
        page = client.get(location)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Noord" in text and "Ossendam" in text and "DVO Veenland" in text
    assert "vergaderjaar plannen" not in text  # the links to adjust are the secretariat's
    assert counted.n <= 10
