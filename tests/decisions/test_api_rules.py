"""The API applies the rules of the proposal forms: the same service function decides for both."""
import pytest
from sqlalchemy import select

from ivzflow.accounts.models import UserRole
from ivzflow.accounts.roles import Role
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.projects.models import Project
from tests.decisions.conftest import body, user
from tests.decisions.test_views_api import token_for


def _project_of_another_trekker(mayor) -> Project:
    return db.session.scalar(select(Project).where(Project.trekker_id.is_not(None),
                                                   Project.trekker_id != mayor.person_id).limit(1))


def _mayor_who_also_leads_projects():
    """A DVO member (burgemeester Tubbergen) who may start proposals."""
    mayor = user("lid")
    db.session.add(UserRole(user_id=mayor.id, role=Role.PROJECTLEIDER.value))
    db.session.commit()
    return mayor


def test_a_submitter_cannot_name_himself_trekker_of_someone_elses_project(client, story):
    mayor = _mayor_who_also_leads_projects()
    project = _project_of_another_trekker(mayor)
    assert project.trekker_id and project.trekker_id != mayor.person_id
    response = client.post("/api/v1/decision-items", headers=token_for("lid"), json={
        "name": "Zelf trekker", "decisionPoints": ["Eén"], "project": project.id, "trekker": mayor.person_id})
    assert response.status_code == 400, response.get_json()
    assert "trekker" in response.get_json()["error"]["message"]
    assert db.session.scalar(select(DecisionItem).where(DecisionItem.title == "Zelf trekker")) is None


def test_the_form_refuses_the_same(client, story, login_demo):
    mayor = _mayor_who_also_leads_projects()
    project = _project_of_another_trekker(mayor)
    login_demo("lid")
    response = client.post("/decisions/new", data={
        "title": "Zelf trekker", "kind": "decision", "confidentiality": "intern", "points": "Eén",
        "decision_body_id": body("DVO").id, "trekker_id": mayor.person_id, "project_id": project.id,
        "target_meeting_id": 0})
    assert response.status_code in (400, 422)
    assert db.session.scalar(select(DecisionItem).where(DecisionItem.title == "Zelf trekker")) is None


def test_the_api_accepts_only_bodies_the_route_allows(client, story):
    response = client.post("/api/v1/decision-items", headers=token_for("projectleider"), json={
        "name": "Naar de agendacommissie", "decisionPoints": ["Eén"], "decisionBody": body("Agendacommissie").id})
    assert response.status_code == 400, response.get_json()
    assert "kan er niet over besluiten" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("field", ["decisionBody", "trekker", "project", "targetMeeting"])
def test_ids_that_do_not_exist_are_a_4xx_json_error(client, story, field):
    response = client.post("/api/v1/decision-items", headers=token_for("projectleider"), json={
        "name": "Onbekend", "decisionPoints": ["Eén"], field: 999_999})
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:300]
    assert response.get_json()["error"]["message"]


def test_a_transition_on_an_unknown_proposal_is_a_404_json_error(client, story):
    response = client.post("/api/v1/decision-items/999999/transitions", headers=token_for("secretariaat"),
                           json={"transition": "indienen"})
    assert response.status_code == 404 and response.get_json()["error"]["message"]
