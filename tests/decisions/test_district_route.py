"""Each district's chain is its own (issue 18): a proposal drafted in a second district goes to that district's
Platform and DVO, never to Twente's; its secretariat and members read it by the district's rules, Twente's
do not; the project's trekker is a member of its own district's DVO."""
from datetime import date

import pytest
from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.bodies.services import appoint
from ivzflow.core.errors import ValidationError
from ivzflow.decisions import permissions, services
from ivzflow.decisions.models import DecisionItem
from ivzflow.decisions.queries import visible_clause
from ivzflow.extensions import db
from ivzflow.organisations.models import District, Organisation
from ivzflow.projects import services as project_services
from tests.decisions.conftest import body, user

pytestmark = pytest.mark.usefixtures("story")


@pytest.fixture
def ijsselland(make_user, make_person, make_seat):
    district = District(name="IJsselland (test)", police_unit="Oost-Nederland")
    db.session.add(district)
    db.session.flush()
    town = Organisation(name="Gemeente Zwolle (test)", classification="gemeente", district_id=district.id)
    platform = Body(name="Platform IVZ IJsselland", short_name="Platform IJ", kind="platform", district_id=district.id)
    dvo = Body(name="DVO IJsselland", short_name="DVO IJ", kind="dvo", district_id=district.id)
    db.session.add_all([town, platform, dvo])
    db.session.flush()
    db.session.add(BodyRelation(source_id=platform.id, target_id=dvo.id, kind="advises"))
    db.session.commit()
    mayor = make_person("Burgemeester Zwolle (test)", organisation_id=town.id)
    appoint(None, make_seat(dvo, "Zwolle"), mayor, start_on=date(2015, 1, 1))
    db.session.commit()
    leader = make_user(Role.PROJECTLEIDER, person=make_person("Projectleider IJsselland", organisation_id=town.id),
                       districts=[])
    secretariat = make_user(Role.SECRETARIAT, person=make_person("Regiocoördinator IJsselland",
                                                                 organisation_id=town.id), districts=[])
    return district, platform, dvo, mayor, leader, secretariat


def steps(item) -> list[str]:
    return [c.body.name for c in item.route]


def test_a_proposal_drafted_in_a_second_district_goes_to_its_own_platform_and_dvo(ijsselland):
    district, platform, dvo, _mayor, leader, _secretariat = ijsselland
    assert [b.name for b in services.deciding_bodies(leader)] == ["DVO IJsselland"]
    item = services.propose(leader, title="Ondermijning in het buitengebied", points=["Instemmen"])
    assert item.decision_body_id == dvo.id and item.district_id == district.id
    assert steps(item) == ["Platform IVZ IJsselland", "DVO IJsselland"]


def test_twentes_dvo_is_refused_to_a_projectleider_of_another_district(ijsselland):
    *_rest, leader, _secretariat = ijsselland
    with pytest.raises(ValidationError) as refused:
        services.propose(leader, title="Verkeerd gremium", points=["x"], decision_body=body("DVO"))
    assert "DVO IJsselland" in str(refused.value) and refused.value.field == "decision_body_id"


def test_each_districts_secretariat_reads_its_own_intern_proposals_only(ijsselland):
    _district, _platform, _dvo, _mayor, leader, secretariat = ijsselland
    theirs = services.propose(leader, title="Intern IJsselland", points=["x"], confidentiality="intern")
    twente = db.session.scalar(select(DecisionItem).where(DecisionItem.confidentiality == "intern",
                                                          DecisionItem.district_id == body("DVO").district_id))
    db.session.commit()
    assert permissions.secretariat_of(secretariat, theirs) and not permissions.secretariat_of(secretariat, twente)
    assert not permissions.can_view_item(user("secretariaat"), theirs)
    visible = set(db.session.scalars(select(DecisionItem.id).where(
        DecisionItem.id.in_([theirs.id, twente.id]), visible_clause(secretariat))))
    assert visible == {theirs.id}


def test_a_projects_trekker_sits_in_its_own_districts_dvo(ijsselland):
    district, _platform, _dvo, mayor, leader, _secretariat = ijsselland
    project = project_services.create_project(leader, title="Buitengebied", kind="speerpunt", trekker_id=mayor.id)
    assert project.district_id == district.id
    with pytest.raises(ValidationError) as refused:
        project_services.create_project(leader, title="Buitengebied 2", kind="speerpunt",
                                        lead_organisation_id=mayor.organisation_id, trekker_id=user("lid").person_id)
    assert "DVO IJsselland" in str(refused.value)
