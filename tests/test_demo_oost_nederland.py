"""The demo's police unit Oost-Nederland: Twente and four other districts, their DVOs and mayors, and a
second district's secretariat that sees its own work and only Twente's public projects."""
from sqlalchemy import func, select

from ivzflow.bodies.models import Body, Membership
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.organisations.models import UNIT, District, Organisation
from ivzflow.people.models import Person
from ivzflow.projects.models import Project

OTHER_DISTRICTS = {"IJsselland": 11, "Noord- en Oost-Gelderland": 22, "Gelderland-Midden": 16, "Gelderland-Zuid": 17}
CHAIRS = {"Twente": "Enschede", "IJsselland": "Zwolle", "Noord- en Oost-Gelderland": "Apeldoorn",
          "Gelderland-Midden": "Arnhem", "Gelderland-Zuid": "Nijmegen"}
LOGIN = "secretariaat.ijsselland@demo.ivzflow.nl"


def _district(name: str) -> District:
    return db.session.scalar(select(District).where(District.name == name))


def test_five_districts_under_the_unit(demo):
    unit = _district("Oost-Nederland")
    assert unit.level == UNIT and unit.parent_id is None
    districts = db.session.scalars(select(District).where(District.parent_id == unit.id)).all()
    assert {d.name for d in districts} == {"Twente", *OTHER_DISTRICTS}
    for name, count in OTHER_DISTRICTS.items():
        towns = db.session.scalar(select(func.count(Organisation.id)).where(
            Organisation.classification == "gemeente", Organisation.district_id == _district(name).id))
        assert towns == count, name


def test_each_dvo_has_its_mayors_chaired_by_the_largest_city(demo):
    for name, chair in CHAIRS.items():
        district = _district(name)
        dvo = db.session.scalar(select(Body).where(Body.name == f"DVO {name}"))
        assert dvo.district_id == district.id
        towns = set(db.session.scalars(select(Organisation.short_name).where(
            Organisation.classification == "gemeente", Organisation.district_id == district.id)))
        members = db.session.execute(select(Person.function, Membership.is_deputy).join(
            Membership, Membership.person_id == Person.id).where(Membership.body_id == dvo.id)).all()
        mayors = {f.removeprefix("burgemeester ").split(",")[0] for f, deputy in members
                  if f.startswith("burgemeester") and not deputy}
        assert mayors == towns, name
        chair_function = db.session.scalar(select(Person.function).join(Membership).where(
            Membership.body_id == dvo.id, Membership.seat.has(role="chair"), Membership.is_deputy.is_(False)))
        assert chair_function.startswith(f"burgemeester {chair}"), name


def _login(client):
    from ivzflow.demo import twente

    response = client.post("/login", data={"email": LOGIN, "password": twente.DEMO_PASSWORD})
    assert response.status_code == 302


def test_ijsselland_secretariat_works_in_its_own_district(demo, client):
    _login(client)
    for url in ("/", "/calendar", "/decisions"):
        assert client.get(url).status_code == 200, url
    ijsselland = _district("IJsselland")
    own = db.session.scalars(select(DecisionItem).where(DecisionItem.district_id == ijsselland.id)).all()
    assert {i.confidentiality for i in own} == {"intern", "vertrouwelijk"}
    for item in own:
        assert client.get(f"/decisions/{item.id}").status_code == 200
    assert "IJsselland" in client.get("/calendar").get_data(as_text=True)


def test_ijsselland_cannot_open_twente_intern_proposals_but_reads_its_public_project(demo, client):
    _login(client)
    twente = _district("Twente")
    intern = db.session.scalars(select(DecisionItem.id).where(
        DecisionItem.district_id == twente.id, DecisionItem.confidentiality != "openbaar")).all()
    assert intern
    for item_id in intern:
        assert client.get(f"/decisions/{item_id}").status_code == 404
    public = db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))
    assert public.is_public and public.district_id == twente.id
    page = client.get(f"/projects/{public.id}")
    assert page.status_code == 200 and "Aanpak woninginbraken" in page.get_data(as_text=True)


def test_ijsselland_has_a_public_and_a_non_public_project(demo):
    ijsselland = _district("IJsselland")
    projects = db.session.scalars(select(Project).where(Project.district_id == ijsselland.id)).all()
    assert sorted(p.is_public for p in projects) == [False, True]


def test_ijsselland_keeps_its_own_structure_and_calendar_not_twentes(demo, client):
    """Reading Twente's structure is open; changing it is Twente's secretariat's (403), and its own is his."""
    from ivzflow.bodies.models import Seat

    _login(client)
    twente, ijsselland = _district("Twente"), _district("IJsselland")

    def first(model, *where):
        return db.session.scalars(select(model).where(*where).order_by(model.id)).first()

    def pages(district):
        body = first(Body, Body.district_id == district.id, Body.name.startswith("DVO"))
        seat = first(Seat, Seat.body_id == body.id)
        membership = first(Membership, Membership.body_id == body.id, Membership.end_on.is_(None))
        town = first(Organisation, Organisation.district_id == district.id, Organisation.classification == "gemeente")
        person = first(Person, Person.organisation_id == town.id)
        return [f"/bodies/{body.id}/edit", f"/bodies/{body.id}/relations", f"/bodies/{body.id}/seats/new",
                f"/seats/{seat.id}/edit", f"/seats/{seat.id}/appoint", f"/memberships/{membership.id}/end",
                f"/organisations/{town.id}/edit", f"/people/{person.id}/edit", f"/bodies/{body.id}/rule",
                f"/bodies/{body.id}/meetings/new", f"/bodies/{body.id}/meetings/import"], body

    theirs, twente_dvo = pages(twente)
    for url in theirs:
        assert client.get(url).status_code == 403, url
    assert client.get(f"/bodies/{twente_dvo.id}").status_code == 200  # reading stays open
    assert client.post(f"/bodies/{twente_dvo.id}/plan/generate", data={"year": "2016"}).status_code == 403
    own, _body = pages(ijsselland)
    for url in own:
        assert client.get(url).status_code == 200, url


def test_what_others_do_shows_other_districts_public_projects_per_theme(demo, client, count_queries):
    from ivzflow.plans.models import SafetyTheme, WeighingEntry

    _login(client)
    client.get("/plannen/wat-anderen-doen")
    with count_queries() as counted:
        page = client.get("/plannen/wat-anderen-doen")
    assert page.status_code == 200 and counted.n <= 8
    text = page.get_data(as_text=True)
    twente, ijsselland = _district("Twente"), _district("IJsselland")
    public = db.session.scalars(select(Project).where(Project.district_id == twente.id, Project.is_public)).all()
    hidden = db.session.scalars(select(Project).where(Project.district_id == twente.id, ~Project.is_public)).all()
    own = db.session.scalars(select(Project).where(Project.district_id == ijsselland.id)).all()
    assert public and hidden and own
    assert all(p.title in text for p in public)
    assert not any(p.title in text for p in hidden + own)
    themed = db.session.execute(select(SafetyTheme.name, Project.title).join(
        WeighingEntry, WeighingEntry.theme_id == SafetyTheme.id).join(Project, Project.id == WeighingEntry.project_id)
        .where(Project.is_public, Project.district_id == twente.id)).first()
    if themed:  # a project that carries a theme stands under it
        assert text.index(themed.name) < text.index(themed.title)
