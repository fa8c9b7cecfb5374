"""The Twente demo data: complete, idempotent, and loaded by the CLI."""
from datetime import date

from sqlalchemy import func, select

from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import roles_of
from ivzflow.bodies.models import Body, Membership
from ivzflow.bodies.services import memberships_at
from ivzflow.extensions import db
from ivzflow.organisations.models import District, Organisation

EXPECTED_BODIES = [
    "Platform IVZ", "Agendacommissie", "DVO Twente", "DB DVO", "Gezagsdriehoek Basisteam Midden",
    "Gezagsdriehoek Basisteam Noord", "Gezagsdriehoek Basisteam Noord-Oost", "Gezagsdriehoek Basisteam West",
    "Gezagsdriehoek Basisteam Enschede", "AB VRT", "DB VRT", "Veiligheidsdirectie", "Kring van Gemeentesecretarissen",
    "Regionaal Veiligheidsoverleg Oost-Nederland", "Bestuurscollege Oost-Nederland", "Functioneringscommissie",
]


def test_demo_has_the_whole_twente_structure(demo):
    names = [f"{b.name} | {b.short_name}".lower() for b in db.session.scalars(select(Body))]
    for expected in EXPECTED_BODIES:
        assert any(expected.lower() in n for n in names), expected
    twente = select(District.id).where(District.name == "Twente").scalar_subquery()
    municipalities = db.session.scalars(select(Organisation).where(
        Organisation.classification == "gemeente", Organisation.district_id == twente)).all()
    assert len(municipalities) == 14
    assert sum(m.inhabitants for m in municipalities) == 626_092
    assert all(m.inhabitants_is_demo and m.basisteam for m in municipalities)


def test_agendacommissie_composition_from_2015(demo):
    body = db.session.scalar(select(Body).where(Body.name.like("Agendacommissie%")))
    seats = {m.seat.name.split(" (")[0] for m in memberships_at(date(2015, 6, 1), body_id=body.id) if not m.is_deputy}
    assert len(seats) == 10
    assert {"Basisteam Midden", "Basisteam Noord", "Basisteam Noord-Oost", "Basisteam West",
            "Basisteam Enschede"} <= seats


def test_demo_load_is_idempotent(demo):
    before = db.session.scalar(select(func.count(Membership.id)))
    assert demo.load(demo.DEMO_PASSWORD) is False
    assert db.session.scalar(select(func.count(Membership.id))) == before


def test_agendacommissie_right_comes_from_the_membership(demo):
    user = db.session.scalar(select(User).where(User.email == "agendacommissie@demo.ivzflow.nl"))
    assert Role.AGENDACOMMISSIE not in user.assigned_roles
    user.is_authenticated  # noqa: B018 - a real user object, as roles_of expects
    assert Role.AGENDACOMMISSIE in roles_of(user)


def test_demo_logins_one_per_role(demo):
    """One per role, and the directiesecretaris VRT, whose secretary's seat lets him prepare the DVO."""
    emails = {email for email, _description in demo.DEMO_LOGINS}
    assert emails == {f"{n}@demo.ivzflow.nl" for n in ("admin", "secretariaat", "agendacommissie", "projectleider",
                                                        "communicatie", "lid", "directiesecretaris",
                                                        "secretariaat.ijsselland")}


def test_cli_loads_demo_only_when_empty(app, ctx):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load", "--if-empty"])
    assert first.exit_code == 0 and "loaded" in first.output
    second = runner.invoke(args=["demo", "load", "--if-empty"])
    assert "not empty" in second.output
