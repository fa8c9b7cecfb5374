"""Decision items through the browser's and the API's eyes: who sees what, buttons with reasons, 409s."""
import threading

import pytest
from sqlalchemy import select

from ivzflow.accounts.services import create_token
from ivzflow.decisions import services
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.workflows import engine
from tests.conftest import PASSWORD
from tests.decisions.conftest import body, next_meeting, user
from tests.decisions.test_route import approve_advice, to_ready


def login_demo(client, name):
    from ivzflow.demo.twente import DEMO_PASSWORD
    response = client.post("/login", data={"email": f"{name}@demo.ivzflow.nl", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def token_for(name, scope="write"):
    _token, secret = create_token(user(name), "test", scope)
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_agendacommissie_is_told_why_it_cannot_place_the_item(client, proposal):
    to_ready(proposal)
    db.session.commit()
    login_demo(client, "agendacommissie")
    page = client.get(f"/decisions/{proposal.id}").get_data(as_text=True)
    assert "Agenderen voor het DVO" in page and "disabled" in page
    assert "communicatieadvies is nog niet goedgekeurd" in page
    response = client.post(f"/decisions/{proposal.id}/transitions",
                           data={"version": proposal.version, "transition": "agenderen"}, follow_redirects=True)
    assert "communicatieadvies is nog niet goedgekeurd" in response.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.state.name == "gereed"


def test_a_draft_is_invisible_to_others(client, proposal):
    login_demo(client, "lid")
    assert client.get(f"/decisions/{proposal.id}").status_code == 404
    assert "Inzet buurtpreventie-apps" not in client.get("/decisions").get_data(as_text=True)


def test_confidential_items_only_for_the_route(client, story, make_user):
    item = services.create_item(user("secretariaat"), decision_body=body("DVO"), title="Vertrouwelijke casus",
                                confidentiality="vertrouwelijk", points=["x"])
    engine.take(item, "indienen", user("secretariaat"))
    db.session.commit()
    outsider = make_user()
    client.post("/login", data={"email": outsider.email, "password": PASSWORD})
    assert client.get(f"/decisions/{item.id}").status_code == 404
    client.post("/logout")
    login_demo(client, "lid")  # a DVO member: on the route
    assert client.get(f"/decisions/{item.id}").status_code == 200


def test_projectleider_drafts_through_the_form(client, story):
    login_demo(client, "projectleider")
    meeting = next_meeting("DVO")
    response = client.post("/decisions/new", data={
        "title": "Proefvoorstel via het formulier", "kind": "decision", "confidentiality": "intern",
        "decision_body_id": body("DVO").id, "points": "Vaststellen aanpak\nBudget beschikbaar stellen",
        "summary": "<p>Zie <strong>bijlage</strong></p><script>alert(1)</script>", "trekker_id": 0, "project_id": 0,
        "target_meeting_id": meeting.id})
    assert response.status_code == 302
    item = db.session.scalar(select(DecisionItem).where(DecisionItem.title == "Proefvoorstel via het formulier"))
    assert [p.text for p in item.points] == ["Vaststellen aanpak", "Budget beschikbaar stellen"]
    assert "<script>" not in item.summary and "<strong>bijlage</strong>" in item.summary
    assert item.state.name == "concept" and item.communication_advice.status == "requested"


@pytest.mark.parametrize("body_id", ["99999999999999999999999", "987654", "-1"])
def test_a_draft_for_a_body_that_does_not_decide_is_refused_on_the_form(client, story, body_id):
    """Any number may be posted for the deciding body (found by the full-strength fuzz: a 500)."""
    login_demo(client, "projectleider")
    response = client.post("/decisions/new", data={"title": "Voorstel", "kind": "decision",
                                                   "confidentiality": "intern", "decision_body_id": body_id,
                                                   "points": "Vaststellen", "trekker_id": 0, "project_id": 0,
                                                   "target_meeting_id": 0})
    assert response.status_code == 400
    assert 'class="error' in response.get_data(as_text=True)


def test_a_member_cannot_draft(client, story, make_user):
    outsider = make_user()
    client.post("/login", data={"email": outsider.email, "password": PASSWORD})
    assert client.get("/decisions/new").status_code == 403


def test_api_lists_and_shows_items_with_available_transitions(client, proposal):
    headers = token_for("projectleider")
    listing = client.get("/api/v1/decision-items?state=concept&per_page=200", headers=headers).json
    assert proposal.id in [i["id"] for i in listing["data"]]
    assert {i["state"] for i in listing["data"]} == {"concept"}
    detail = client.get(f"/api/v1/decision-items/{proposal.id}", headers=headers).json
    assert [p["number"] for p in detail["decisionPoints"]] == [1, 2]
    assert detail["consultation"][-1]["role"] == "decision"
    assert {t["name"] for t in detail["availableTransitions"]} == {"indienen"}


def test_api_transition_refused_by_a_guard_is_409_with_the_reason_and_changes_nothing(client, proposal):
    to_ready(proposal)
    db.session.commit()
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions", headers=token_for("agendacommissie"),
                           json={"transition": "agenderen", "comment": "graag", "version": proposal.version})
    assert response.status_code == 409
    assert "communicatieadvies" in response.json["error"]["message"]
    db.session.refresh(proposal)
    assert proposal.state.name == "gereed"


def test_api_transition_without_the_right_is_403(client, proposal):
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions", headers=token_for("agendacommissie"),
                           json={"transition": "indienen", "version": proposal.version})
    assert response.status_code in (403, 404)


def test_api_read_token_cannot_write(client, proposal):
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions",
                           headers=token_for("projectleider", scope="read"),
                           json={"transition": "indienen", "version": proposal.version})
    assert response.status_code == 403


@pytest.mark.parametrize("payload", [None, [], {"transition": 5}, {"transition": "x" * 500}, {"transition": "onbekend"},
                                     {"transition": "indienen", "version": "x"}])
def test_api_bad_input_is_a_clear_4xx(client, proposal, payload):
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions", headers=token_for("projectleider"),
                           json=payload)
    assert 400 <= response.status_code < 500 and response.json["error"]["message"]


def test_api_creates_an_item(client, story):
    response = client.post("/api/v1/decision-items", headers=token_for("projectleider"), json={
        "name": "Via de API", "decisionBody": body("DVO").id, "decisionPoints": ["Eén", "Twee"]})
    assert response.status_code == 201
    assert response.json["state"] == "concept" and len(response.json["decisionPoints"]) == 2


def test_api_transition_without_version_is_refused_and_changes_nothing(client, proposal):
    state = proposal.state.name
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions", headers=token_for("projectleider"),
                           json={"transition": "indienen"})
    assert response.status_code == 400
    assert "(version)" in response.json["error"]["message"]
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions", headers=token_for("projectleider"),
                           json={"transition": "indienen", "version": proposal.version + 1})
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in response.json["error"]["message"]
    db.session.refresh(proposal)
    assert proposal.state.name == state
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions", headers=token_for("projectleider"),
                           json={"transition": "indienen", "version": proposal.version})
    assert response.status_code == 200


def test_two_simultaneous_transitions_exactly_one_wins(app, client, proposal):
    headers = token_for("projectleider")
    url = f"/api/v1/decision-items/{proposal.id}/transitions"
    item_id, version = proposal.id, proposal.version
    db.session.commit()  # end this test's read transaction: the threads write
    barrier, statuses = threading.Barrier(2), []

    def go():
        other = app.test_client()
        barrier.wait()
        response = other.post(url, headers=headers, json={"transition": "indienen", "version": version})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=go) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 409]
    db.session.commit()
    assert len(engine.history(item_id)) == 1


def test_decision_list_query_count_does_not_grow(client, story, count_queries):
    login_demo(client, "secretariaat")
    for n in range(2):
        services.create_item(user("secretariaat"), decision_body=body("DVO"), title=f"Eerste {n}", points=["x"])
    db.session.commit()
    with count_queries() as few:
        assert client.get("/decisions").status_code == 200
    for n in range(25):
        services.create_item(user("secretariaat"), decision_body=body("DVO"), title=f"Voorstel {n}", points=["x"])
    db.session.commit()
    with count_queries() as many:
        assert client.get("/decisions").status_code == 200
    assert many.n == few.n <= 15

