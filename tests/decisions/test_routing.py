"""Routes that follow the chain: a project's request for a DVO decision and a new proposal get the workflow's
route (Platform IVZ advice, DVO decision) and the project's trekker; changing the deciding body or the
meeting re-plans the route or is refused with the reason; the choice lists follow the chosen body."""
import html

import pytest
from sqlalchemy import select

from ivzflow.bodies.models import BodyRelation
from ivzflow.decisions import route, services
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.projects import services as project_services
from ivzflow.projects.models import Project
from tests.decisions.conftest import body, next_meeting, user

pytestmark = pytest.mark.usefixtures("story")


def burglary() -> Project:
    return db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))


def steps(item) -> list[tuple[str, str]]:
    return [(c.body.short_name, c.role) for c in item.route]


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_status_update_asking_the_dvo_becomes_a_draft_on_the_dvo_route_with_the_projects_trekker():
    project = burglary()
    update = project_services.post_status_update(
        user("projectleider"), project, status="amber", progress=40, summary="De apps lopen achter.",
        decision_needed="Instemmen met de regionale inzet van buurtpreventie-apps\nSubsidie verlengen")
    item = db.session.get(DecisionItem, update.decision_item_id)
    assert item.decision_body.short_name == "DVO"
    assert steps(item)[0] == ("Platform IVZ", "advice") and steps(item)[-1] == ("DVO", "decision")
    assert "Agendacommissie" not in {name for name, _role in steps(item)}
    assert item.trekker_id == project.trekker_id == user("lid").person_id
    assert [p.text for p in item.points] == ["Instemmen met de regionale inzet van buurtpreventie-apps",
                                             "Subsidie verlengen"]
    advice = route.advice_step(item)
    assert advice.meeting is not None and advice.meeting.body.short_name == "Platform IVZ"


def test_the_route_is_data_of_the_workflow():
    from ivzflow.workflows import loader

    version = loader.latest(services.WORKFLOW_KEY)
    assert version.definition["route"] == {"advising_body_kind": "platform"}
    assert "DVO" in [b.short_name for b in route.deciding_bodies(version)]  # and the other districts' DVOs
    assert [b.short_name for b in services.deciding_bodies(user("projectleider"))] == ["DVO"]


def test_a_new_proposal_of_a_project_takes_its_trekker():
    project = burglary()
    item = services.create_item(user("projectleider"), title="Inbraakpreventie", points=["x"], project_id=project.id)
    assert item.trekker_id == project.trekker_id and item.decision_body.short_name == "DVO"


def test_the_new_proposal_form_of_a_project_offers_its_trekker_and_the_dvo_lists(login_demo, client):
    login_demo("projectleider")
    project = burglary()
    text = page(client.get(f"/decisions/new?project={project.id}"))
    trekker = project.trekker
    assert f'<option selected value="{trekker.id}">' in text or f'value="{trekker.id}" selected' in text
    assert "DVO Twente" in text and "Agendacommissie" not in text.split('id="decision_body_id"')[1].split("</select>")[0]


def test_a_body_that_nobody_advises_cannot_decide():
    with pytest.raises(Exception, match="kan er niet over besluiten"):
        services.create_item(user("secretariaat"), decision_body=body("AB VRT"), title="x", points=["x"])


def test_a_body_the_platform_does_not_advise_decides_after_its_own_adviser():
    """Spending: the functioneringscommissie advises the agendacommissie, not the Platform."""
    with pytest.raises(Exception, match="kan er niet over besluiten"):  # not as an ordinary proposal
        services.create_item(user("secretariaat"), decision_body=body("Agendacommissie"), title="x", points=["x"])
    item = services.create_item(user("secretariaat"), decision_body=body("Agendacommissie"), title="x", points=["x"],
                                own_adviser_ok=True)
    assert [(c.body.name, c.role) for c in item.route] == [
        ("Functioneringscommissie Platform IVZ", "advice"), ("Agendacommissie Platform IVZ", "decision")]


def test_a_trekker_who_is_not_a_member_of_the_deciding_body_is_refused():
    outsider = user("projectleider").person_id  # an IVZ coordinator, no DVO member
    with pytest.raises(Exception, match="geen lid van DVO Twente"):
        services.create_item(user("secretariaat"), title="x", points=["x"], trekker_id=outsider)


@pytest.fixture
def second_body():
    """Another body the Platform IVZ advises (the AB VRT), so a proposal can change its deciding body."""
    platform, ab = body("Platform IVZ"), body("AB VRT")
    db.session.add(BodyRelation(source_id=platform.id, target_id=ab.id, kind="advises"))
    db.session.commit()
    return ab


def _form(item, **changes) -> dict:
    data = {"version": item.version, "title": item.title, "kind": item.kind, "confidentiality": item.confidentiality,
            "summary": "", "points": "\n".join(p.text for p in item.points), "decision_body_id": item.decision_body_id,
            "trekker_id": item.trekker_id or 0, "project_id": item.project_id or 0,
            "target_meeting_id": item.target_meeting_id or 0}
    return {**data, **changes}


def test_changing_the_body_with_a_trekker_who_does_not_sit_there_is_refused_and_nothing_changes(
        login_demo, client, proposal, second_body):
    from ivzflow.bodies.models import Membership

    ab_members = select(Membership.person_id).where(Membership.body_id == second_body.id)
    trekker = db.session.scalar(select(Membership.person_id).where(
        Membership.body_id == proposal.decision_body_id, Membership.is_deputy.is_(False),
        Membership.person_id.not_in(ab_members)).limit(1))  # in the DVO, not in the AB VRT (the police chief)
    services.update_item(proposal, version=proposal.version, title=proposal.title, kind="decision",
                         confidentiality="intern", summary=None, points=[p.text for p in proposal.points],
                         trekker_id=trekker, project_id=None, touches_both_agendas=False)
    db.session.commit()
    login_demo("projectleider")
    response = client.post(f"/decisions/{proposal.id}/edit", data=_form(
        proposal, decision_body_id=second_body.id, target_meeting_id=next_meeting("AB VRT").id))
    assert response.status_code == 400 and f"geen lid van {second_body.name}" in page(response)
    db.session.expire_all()
    item = db.session.get(DecisionItem, proposal.id)
    assert item.decision_body.short_name == "DVO" and item.trekker_id == trekker


def test_changing_the_body_keeping_the_old_bodys_meeting_is_refused_with_the_reason(login_demo, client, proposal,
                                                                                     second_body):
    login_demo("projectleider")
    dvo_meeting = proposal.target_meeting
    response = client.post(f"/decisions/{proposal.id}/edit", data=_form(proposal, decision_body_id=second_body.id))
    assert response.status_code == 400
    assert f"{dvo_meeting.name} is geen vergadering van {second_body.name}" in page(response)
    db.session.expire_all()
    item = db.session.get(DecisionItem, proposal.id)
    assert item.decision_body.short_name == "DVO" and item.target_meeting_id == dvo_meeting.id


def test_changing_the_body_saves_and_replans_the_route(login_demo, client, proposal, second_body):
    login_demo("projectleider")
    meeting = next_meeting("AB VRT")
    response = client.post(f"/decisions/{proposal.id}/edit",
                           data=_form(proposal, decision_body_id=second_body.id, target_meeting_id=meeting.id))
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(DecisionItem, proposal.id)
    assert item.decision_body_id == second_body.id and item.target_meeting_id == meeting.id
    assert steps(item)[0] == ("Platform IVZ", "advice") and steps(item)[-1] == ("AB VRT", "decision")
    assert ("DVO", "decision") not in steps(item)
    assert item.route[-1].meeting_id == meeting.id


def test_without_javascript_the_choose_button_shows_the_lists_of_the_chosen_body_and_saves_nothing(
        login_demo, client, proposal, second_body):
    login_demo("projectleider")
    response = client.post(f"/decisions/{proposal.id}/edit",
                           data=_form(proposal, decision_body_id=second_body.id, choose_body="1"))
    text = page(response)
    assert response.status_code == 200 and f"De lijsten volgen nu {second_body.name}" in text
    meetings = text.split('id="target_meeting_id"')[1].split("</select>")[0]
    assert next_meeting("AB VRT").name in meetings and proposal.target_meeting.name not in meetings
    db.session.expire_all()
    assert db.session.get(DecisionItem, proposal.id).decision_body.short_name == "DVO"


def test_the_choice_lists_for_the_script_follow_the_body(login_demo, client, second_body):
    login_demo("projectleider")
    data = client.get(f"/decisions/choices?body={second_body.id}").get_json()
    assert next_meeting("AB VRT").name in [label for _id, label in data["meetings"]]
    assert next_meeting("DVO").name not in [label for _id, label in data["meetings"]]
    assert client.get(f"/decisions/choices?body={body('Agendacommissie').id}").status_code == 400
    project = burglary()
    data = client.get(f"/decisions/choices?body={body('DVO').id}&project={project.id}").get_json()
    assert data["project_trekker"] == project.trekker_id
    assert project.trekker_id in [pid for pid, _label in data["trekkers"]]


def test_choosing_a_body_that_may_not_decide_on_the_form_is_refused(login_demo, client, proposal):
    login_demo("projectleider")
    response = client.post(f"/decisions/{proposal.id}/edit",
                           data=_form(proposal, decision_body_id=body("Agendacommissie").id, target_meeting_id=0))
    assert response.status_code == 400 and "kan er niet over besluiten" in page(response)


def test_a_new_target_meeting_replans_the_platform_meeting(proposal):
    later = db.session.scalars(select(type(proposal.target_meeting)).where(
        type(proposal.target_meeting).body_id == proposal.decision_body_id,
        type(proposal.target_meeting).start_at > proposal.target_meeting.start_at)
        .order_by(type(proposal.target_meeting).start_at)).first()
    before = route.advice_step(proposal).meeting
    services.set_target_meeting(proposal, later.id)
    after = route.advice_step(proposal).meeting
    assert after.start_at < later.start_at and after.start_at >= before.start_at
    assert proposal.route[-1].meeting_id == later.id


def test_through_the_api_a_proposal_without_a_body_takes_the_route_of_the_workflow(client):
    from tests.decisions.test_views_api import token_for

    project = burglary()
    response = client.post("/api/v1/decision-items", headers=token_for("projectleider"),
                           json={"name": "Via de API", "decisionPoints": ["Eén"], "project": project.id})
    assert response.status_code == 201, response.get_json()
    item = db.session.get(DecisionItem, response.get_json()["id"])
    assert steps(item)[0] == ("Platform IVZ", "advice") and steps(item)[-1] == ("DVO", "decision")
    assert item.trekker_id == project.trekker_id
