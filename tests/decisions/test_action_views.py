"""Outcomes per decision point, follow-up actions with per-organisation statuses, and their lists."""
from datetime import date

import pytest
from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.decisions import actions, services
from ivzflow.decisions.models import FollowUpAction
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from tests.decisions.conftest import body, item_titled, next_meeting, user

NUISANCE = "Regionaal meldpunt woonoverlast"  # on the agenda of the DVO of 1 July in the demo


def municipality(short_name: str) -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.short_name == short_name))


@pytest.fixture
def fan_out(story):
    """An action for all municipalities on the demo's woonoverlast proposal."""
    action = actions.create_action(user("secretariaat"), item_titled(NUISANCE), description="Meld een contactpersoon",
                                   due_on=date(2015, 7, 15), all_municipalities=True)
    db.session.commit()
    return action


@pytest.fixture
def oldenzaal_user(make_user):
    """A user of the municipality of Oldenzaal, linked to a person of that municipality."""
    person = Person(name="Petra Oldenzaal", function="beleidsadviseur veiligheid",
                    organisation=municipality("Oldenzaal"))
    db.session.add(person)
    db.session.commit()
    return make_user(Role.MEMBER, person=person)


def part_of(action, short_name):
    return next(a for a in action.assignments if a.organisation_id == municipality(short_name).id)


# --- outcomes ----------------------------------------------------------------------------------------

def outcome_data(item, version=None, outcome="adopted"):
    data = {"version": item.version if version is None else version}
    for n, point in enumerate(item.points):
        data.update({f"points-{n}-point_id": point.id, f"points-{n}-outcome": outcome,
                     f"points-{n}-decision_text": f"Besluit {point.number}"})
    return data


def off_the_agenda(item):
    """The proposal no longer has an item on its meeting's agenda (its outcome cannot go on the record)."""
    from ivzflow.meetings.models import AgendaItem
    db.session.execute(db.delete(AgendaItem).where(AgendaItem.decision_item_id == item.id))
    db.session.commit()


def test_the_outcome_of_a_proposal_on_an_agenda_is_entered_on_the_meeting_record(client, story, login_demo):
    login_demo("secretariaat")
    item = item_titled(NUISANCE)
    for response in (client.get(f"/decisions/{item.id}/outcomes"),
                     client.post(f"/decisions/{item.id}/outcomes", data=outcome_data(item))):
        assert response.status_code == 302 and f"/meetings/{item.target_meeting_id}/record#item-" in response.location
    db.session.refresh(item)
    assert all(p.outcome is None for p in item.points)  # entered once, there


def test_secretariat_records_the_outcome_of_each_point(client, story, login_demo):
    login_demo("secretariaat")
    item = item_titled(NUISANCE)
    off_the_agenda(item)
    page = client.get(f"/decisions/{item.id}/outcomes").get_data(as_text=True)
    assert "Beslispunt 1" in page and "Beslispunt 2" in page and "Gewijzigd aangenomen" in page
    response = client.post(f"/decisions/{item.id}/outcomes", data=outcome_data(item))
    assert response.status_code == 302
    db.session.refresh(item)
    assert [(p.outcome, p.decision_text) for p in item.points] == [("adopted", "Besluit 1"), ("adopted", "Besluit 2")]
    assert {p.decided_at_meeting_id for p in item.points} == {item.target_meeting_id}


@pytest.mark.parametrize("name", ["agendacommissie", "projectleider", "lid", "communicatie"])
def test_only_the_secretariat_records_outcomes(client, story, login_demo, name):
    login_demo(name)
    item = item_titled(NUISANCE)
    assert client.get(f"/decisions/{item.id}/outcomes").status_code == 403
    assert client.post(f"/decisions/{item.id}/outcomes", data=outcome_data(item)).status_code == 403


def test_stale_outcomes_get_409(client, story, login_demo):
    login_demo("secretariaat")
    item = item_titled(NUISANCE)
    off_the_agenda(item)
    response = client.post(f"/decisions/{item.id}/outcomes", data=outcome_data(item, version=item.version - 1))
    assert response.status_code == 409 and "intussen gewijzigd" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert all(p.outcome is None for p in item.points)


# --- creating actions --------------------------------------------------------------------------------

def test_secretariat_creates_an_action_for_all_municipalities(client, story, login_demo):
    login_demo("secretariaat")
    item = item_titled(NUISANCE)
    form = client.get(f"/decisions/{item.id}/actions/new").get_data(as_text=True)
    assert "Alle gemeenten" in form and "Gemeente Oldenzaal" in form
    response = client.post(f"/decisions/{item.id}/actions/new", data={
        "description": "Wijs een aandachtsfunctionaris aan", "due_on": "2015-09-01", "all_municipalities": "y",
        "point_id": item.points[0].id, "owner_person_id": 0})
    assert response.status_code == 302
    action = db.session.scalar(select(FollowUpAction).where(FollowUpAction.description.startswith("Wijs een")))
    assert response.headers["Location"].endswith(f"/actions/{action.id}")
    assert len(action.assignments) == 14 and action.point_id == item.points[0].id
    page = client.get(f"/actions/{action.id}").get_data(as_text=True)
    assert "Gemeente Rijssen-Holten" in page and "0 van 14 afgehandeld" in page


def test_an_action_needs_an_owner(client, story, login_demo):
    login_demo("secretariaat")
    item = item_titled(NUISANCE)
    response = client.post(f"/decisions/{item.id}/actions/new", data={"description": "Iets", "owner_person_id": 0,
                                                                      "point_id": 0})
    assert response.status_code == 400 and "Kies een eigenaar" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["agendacommissie", "projectleider", "lid", "communicatie"])
def test_only_the_secretariat_creates_actions(client, story, login_demo, name):
    login_demo(name)
    item = item_titled(NUISANCE)
    assert client.get(f"/decisions/{item.id}/actions/new").status_code == 403
    response = client.post(f"/decisions/{item.id}/actions/new", data={
        "description": "x", "all_municipalities": "y", "owner_person_id": 0, "point_id": 0})
    assert response.status_code == 403


# --- statuses ----------------------------------------------------------------------------------------

def test_a_municipality_reports_its_own_part_only(client, fan_out, oldenzaal_user, login):
    login(oldenzaal_user)
    mine, other = part_of(fan_out, "Oldenzaal"), part_of(fan_out, "Losser")
    page = client.get(f"/actions/{fan_out.id}").get_data(as_text=True)
    assert f'id="status-{mine.id}"' in page and f'id="status-{other.id}"' not in page
    response = client.post(f"/actions/{fan_out.id}/assignments/{mine.id}",
                           data={"version": mine.version, "status": "done", "note": "Contactpersoon gemeld"})
    assert response.status_code == 302
    refused = client.post(f"/actions/{fan_out.id}/assignments/{other.id}", data={"version": other.version,
                                                                                "status": "done"})
    assert refused.status_code == 403
    db.session.refresh(mine), db.session.refresh(other), db.session.refresh(fan_out)
    assert (mine.status, mine.note, other.status) == ("done", "Contactpersoon gemeld", "open")
    assert fan_out.status == "in_progress"
    page = client.get(f"/actions/{fan_out.id}").get_data(as_text=True)
    assert "1 van 14 afgehandeld" in page


def test_the_action_is_done_when_every_municipality_is(client, fan_out, login_demo):
    login_demo("secretariaat")
    for n, part in enumerate(fan_out.assignments):
        status = "n_a" if n == 0 else "done"
        assert client.post(f"/actions/{fan_out.id}/assignments/{part.id}",
                           data={"version": part.version, "status": status}).status_code == 302
    db.session.refresh(fan_out)
    assert fan_out.status == "done"
    assert "Gereed" in client.get(f"/actions/{fan_out.id}").get_data(as_text=True)


def test_a_stale_status_gets_409_in_its_row(client, fan_out, oldenzaal_user, login):
    login(oldenzaal_user)
    mine = part_of(fan_out, "Oldenzaal")
    response = client.post(f"/actions/{fan_out.id}/assignments/{mine.id}",
                           data={"version": mine.version - 1, "status": "done"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert f'id="error-{mine.id}"' in page and "intussen gewijzigd" in page
    db.session.refresh(mine)
    assert mine.status == "open"


def test_the_owner_updates_a_persons_action(client, story, login_demo, make_user):
    action = actions.create_action(user("secretariaat"), item_titled(NUISANCE), description="Schrijf de brief",
                                   due_on=None, owner_person_id=user("communicatie").person_id)
    db.session.commit()
    login_demo("lid")
    assert client.post(f"/actions/{action.id}", data={"version": action.version, "status": "done"}).status_code == 403
    login_demo("communicatie")
    stale = client.post(f"/actions/{action.id}", data={"version": action.version - 1, "status": "done"})
    assert stale.status_code == 409
    response = client.post(f"/actions/{action.id}", data={"version": action.version, "status": "done",
                                                          "note": "Verstuurd"})
    assert response.status_code == 302
    db.session.refresh(action)
    assert (action.status, action.notes) == ("done", "Verstuurd")


def test_an_action_of_a_confidential_item_is_hidden_from_outsiders(client, story, login_as):
    item = services.create_item(user("secretariaat"), decision_body=body("DVO"), title="Geheim", points=["x"],
                                confidentiality="vertrouwelijk")
    action = actions.create_action(user("secretariaat"), item, description="Geheime actie", due_on=date(2015, 5, 1),
                                   owner_person_id=user("secretariaat").person_id)
    db.session.commit()
    login_as(Role.MEMBER)
    assert client.get(f"/actions/{action.id}").status_code == 404
    assert "Geheime actie" not in client.get("/actions").get_data(as_text=True)


# --- lists -------------------------------------------------------------------------------------------

def test_my_actions_show_my_municipality_and_overdue_the_late_ones(client, fan_out, oldenzaal_user, login,
                                                                   login_demo):
    login(oldenzaal_user)
    page = client.get("/actions").get_data(as_text=True)
    mine = page[page.index("Mijn acties"):page.index("Over de uiterste datum")]
    assert "Meld een contactpersoon" in mine and "uw organisatie: Open" in mine
    assert "Verwerk de regionale speerpunten" in mine  # the demo's fan-out of 20 May
    login_demo("secretariaat")
    page = client.get("/actions").get_data(as_text=True)
    mine, overdue = page.split("Over de uiterste datum", 1)
    assert "Werf de extra coördinatiecapaciteit" in mine  # owned by the regiocoördinator
    assert "Werf de extra coördinatiecapaciteit" in overdue and "te laat" in overdue  # due 29 May
    assert "Meld een contactpersoon" not in overdue


def test_everyone_has_the_action_lists_in_the_menu(client, story, login_demo):
    login_demo("lid")
    page = client.get("/").get_data(as_text=True)
    assert 'href="/actions"' in page and 'href="/workflows"' not in page


def _many_actions(item, n):
    for i in range(n):
        actions.create_action(user("secretariaat"), item, description=f"Actie {i}", due_on=date(2015, 5, 1),
                              all_municipalities=i % 2 == 0, owner_person_id=user("secretariaat").person_id)
    db.session.commit()


def test_the_action_lists_do_not_query_per_row(client, story, login_demo, count_queries):
    login_demo("secretariaat")
    client.get("/actions")
    with count_queries() as few:
        assert client.get("/actions").status_code == 200
    _many_actions(item_titled(NUISANCE), 30)
    with count_queries() as many:
        assert client.get("/actions").status_code == 200
    assert many.n == few.n <= 14


def test_the_decision_list_page_does_not_query_per_row(client, story, login_demo, count_queries):
    login_demo("projectleider")
    client.get("/decisions")
    with count_queries() as few:
        assert client.get("/decisions").status_code == 200
    for n in range(25):
        services.create_item(user("projectleider"), decision_body=body("DVO"), title=f"Voorstel {n}", points=["x"],
                             target_meeting_id=next_meeting("DVO").id, trekker_id=user("lid").person_id)
    db.session.commit()
    with count_queries() as many:
        assert client.get("/decisions").status_code == 200
    assert many.n == few.n <= 18
