"""Workflow administration through the client: diagram, edit as JSON, import and export; admins only."""
import copy
import html
import io
import json
import re

import pytest
from sqlalchemy import func, select

from ivzflow.accounts.roles import Role
from ivzflow.extensions import db
from ivzflow.workflows import loader
from ivzflow.workflows.models import Workflow, WorkflowVersion


@pytest.fixture
def workflow(ctx):
    loader.ensure_defaults()
    db.session.commit()
    return db.session.scalar(select(Workflow).where(Workflow.key == "dvo_voorstel"))


@pytest.fixture
def admin(login_as):
    return login_as(Role.ADMIN)


def versions() -> int:
    return db.session.scalar(select(func.count(WorkflowVersion.id)))


def definition() -> dict:
    return copy.deepcopy(loader.latest("dvo_voorstel").definition)


def edit(client, workflow, data, based_on=1, note=""):
    text = data if isinstance(data, str) else json.dumps(data)
    return client.post(f"/workflows/{workflow.id}/edit", data={"definition": text, "based_on": based_on, "note": note})


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.AGENDACOMMISSIE, Role.COMMUNICATIE, Role.MEMBER])
def test_only_administrators_manage_workflows(client, workflow, login_as, role):
    login_as(role)
    data = definition()
    for url in ("/workflows", f"/workflows/{workflow.id}", f"/workflows/{workflow.id}/edit",
                f"/workflows/{workflow.id}/versions/1/export"):
        assert client.get(url).status_code == 403, url
    assert edit(client, workflow, data).status_code == 403
    upload = {"file": (io.BytesIO(json.dumps(data).encode()), "wf.json")}
    assert client.post("/workflows/import", data=upload, content_type="multipart/form-data").status_code == 403
    assert versions() == 1
    assert 'href="/workflows"' not in client.get("/").get_data(as_text=True)


def test_the_list_shows_each_workflow_with_its_versions(client, workflow, admin):
    page = client.get("/workflows").get_data(as_text=True)
    assert "DVO-voorstel" in page and "versie 1" in page and "Importeren" in page
    assert 'href="/workflows"' in client.get("/").get_data(as_text=True)


def test_the_diagram_shows_every_state_and_marks_final_ones_in_text(client, workflow, admin):
    page = client.get(f"/workflows/{workflow.id}").get_data(as_text=True)
    svg = page[page.index("<svg"):page.index("</svg>")]
    states = definition()["states"]
    for state in states:
        assert f">{state['label']['nl']}</text>" in svg, state["name"]
    finals = [s for s in states if s.get("final")]
    assert svg.count("(eindtoestand)") == len(finals) == 3
    assert len(re.findall(r'<rect [^>]*fill="none"', svg)) == len(finals)  # the inner border of the double one
    assert svg.count("marker-end=") == len(definition()["transitions"])
    assert 'role="img"' in svg and "<title" in svg
    table = page[page.index('<table id="transitions"'):]
    assert "<caption" in table and "Agenderen voor het DVO" in table
    assert "communication_advice_approved" in table and "place_on_agenda" in table and "Agendacommissie" in table


def test_an_older_version_can_be_shown(client, workflow, admin):
    data = definition()
    data["states"][0]["label"]["nl"] = "Eerste opzet"
    assert edit(client, workflow, data).status_code == 302
    assert "Eerste opzet" in client.get(f"/workflows/{workflow.id}").get_data(as_text=True)
    old = client.get(f"/workflows/{workflow.id}?version=1").get_data(as_text=True)
    assert "Eerste opzet" not in old and ">Concept</text>" in old
    assert client.get(f"/workflows/{workflow.id}?version=9").status_code == 404


def test_a_valid_edit_makes_a_new_version(client, workflow, admin):
    form = client.get(f"/workflows/{workflow.id}/edit").get_data(as_text=True)
    assert '"key": "dvo_voorstel"' in html.unescape(form)
    data = definition()
    data["transitions"][0]["label"]["nl"] = "Aanbieden aan het Platform"
    response = edit(client, workflow, data, note="Label aangepast")
    assert response.status_code == 302
    latest = loader.latest("dvo_voorstel")
    assert latest.number == 2 and latest.note == "Label aangepast"
    assert latest.transitions[0].label_nl == "Aanbieden aan het Platform"


def test_an_invalid_edit_lists_every_problem_and_makes_no_version(client, workflow, admin):
    data = definition()
    data["transitions"][0]["guards"] = ["bestaat_niet"]
    data["states"].append({"name": "zwevend", "label": {"nl": "Zwevend", "en": "Floating"}})
    response = edit(client, workflow, data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "onbekende voorwaarde" in page and "bestaat_niet" in page
    assert "niet bereikbaar" in page and "zwevend" in page
    assert versions() == 1


def test_broken_json_is_refused_with_its_position(client, workflow, admin):
    response = edit(client, workflow, '{"key": "dvo_voorstel", ')
    assert response.status_code == 400 and "Geen geldige JSON" in response.get_data(as_text=True)
    assert versions() == 1


def test_a_state_still_in_use_cannot_be_removed(client, workflow, admin):
    from ivzflow.bodies.models import Body, BodyRelation
    from ivzflow.decisions import services

    dvo = Body(name="DVO Twente", short_name="DVO", kind="bestuur")
    platform = Body(name="Platform IVZ", short_name="Platform IVZ", kind="platform")
    db.session.add_all([dvo, platform])
    db.session.flush()
    db.session.add(BodyRelation(source_id=platform.id, target_id=dvo.id, kind="advises"))
    db.session.flush()
    services.create_item(admin, decision_body=dvo, title="In concept", points=["x"])
    db.session.commit()
    data = definition()
    data["states"] = [s for s in data["states"] if s["name"] != "concept"]
    data["states"][0]["initial"] = True
    data["transitions"] = [t for t in data["transitions"] if "concept" not in (t["from"], t["to"])]
    response = edit(client, workflow, data)
    assert response.status_code == 400
    assert "'concept' is nog in gebruik" in html.unescape(response.get_data(as_text=True))
    assert versions() == 1


def test_an_edit_on_an_old_version_gets_409(client, workflow, admin):
    assert edit(client, workflow, definition()).status_code == 302
    response = edit(client, workflow, definition(), based_on=1)
    assert response.status_code == 409 and "intussen gewijzigd" in response.get_data(as_text=True)
    assert versions() == 2


def test_the_key_cannot_change_in_an_edit(client, workflow, admin):
    data = definition()
    data["key"] = "ander_proces"
    response = edit(client, workflow, data)
    assert response.status_code == 400 and "kan niet veranderen" in response.get_data(as_text=True)
    assert versions() == 1


def test_export_and_import_round_trip(client, workflow, admin):
    response = client.get(f"/workflows/{workflow.id}/versions/1/export")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="dvo_voorstel-v1.json"'
    exported = json.loads(response.data)
    assert exported == definition()
    exported["states"][1]["label"]["nl"] = "Bij het Platform"
    upload = {"file": (io.BytesIO(json.dumps(exported).encode()), "dvo_voorstel-v1.json"), "note": ""}
    response = client.post("/workflows/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302
    latest = loader.latest("dvo_voorstel")
    assert latest.number == 2 and latest.note == "dvo_voorstel-v1.json"
    assert latest.states[1].label_nl == "Bij het Platform"
    again = json.loads(client.get(f"/workflows/{workflow.id}/versions/2/export").data)
    assert again == exported


def test_importing_a_new_key_makes_a_new_workflow(client, workflow, admin):
    data = definition()
    data["key"], data["name"] = "kennisgeving", {"nl": "Ter kennisname", "en": "For information"}
    upload = {"file": (io.BytesIO(json.dumps(data).encode()), "kennisgeving.json")}
    assert client.post("/workflows/import", data=upload, content_type="multipart/form-data").status_code == 302
    assert db.session.scalar(select(func.count(Workflow.id))) == 2
    assert "Ter kennisname" in client.get("/workflows").get_data(as_text=True)


def test_an_invalid_import_shows_the_problems(client, workflow, admin):
    data = definition()
    data["transitions"][0]["roles"] = ["burgemeester"]
    upload = {"file": (io.BytesIO(json.dumps(data).encode()), "wf.json")}
    response = client.post("/workflows/import", data=upload, content_type="multipart/form-data")
    assert response.status_code == 400 and "onbekende rollen burgemeester" in response.get_data(as_text=True)
    not_json = {"file": (io.BytesIO(b"\xff\xfe"), "wf.json")}
    response = client.post("/workflows/import", data=not_json, content_type="multipart/form-data")
    assert response.status_code == 400
    wrong_type = {"file": (io.BytesIO(b"{}"), "wf.txt")}
    response = client.post("/workflows/import", data=wrong_type, content_type="multipart/form-data")
    assert response.status_code == 400 and ".json" in response.get_data(as_text=True)
    assert versions() == 1
