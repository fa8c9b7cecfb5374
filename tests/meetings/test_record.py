"""The meeting record: attendance with substitutes, results and notes per item, held and minutes adopted."""
import re

import pytest
from sqlalchemy import select

from ivzflow.extensions import db
from ivzflow.meetings.models import Attendance
from ivzflow.people.models import Person
from tests.meetings.conftest import PAST


@pytest.fixture
def held_dvo(chain, make_meeting, make_item, make_member, make_person, make_org):
    """A sent DVO meeting in the past with two more mayors (each of their municipality) and two items."""
    for name in ("Almelo", "Borne"):
        make_member(chain.dvo, make_person(f"Burgemeester {name}", organisation_id=make_org(f"Gemeente {name}").id),
                    start_on=PAST.date().replace(year=2015))
    meeting = make_meeting(chain.dvo, PAST, state="sent")
    make_item(meeting, "Mededelingen")
    make_item(meeting, "Voorstel aanpak hennepteelt", is_public=False)
    return meeting


def _people(meeting):
    from ivzflow.meetings.record import members_of
    return {m.person.name: m.person_id for m in members_of(meeting)}


def _form(meeting, statuses: dict[int, tuple[str, int]], results: dict[int, tuple[str, str]] | None = None):
    data = {"version": meeting.version}
    for i, (person_id, (status, stand_in)) in enumerate(statuses.items()):
        data[f"attendance-{i}-person_id"] = person_id
        data[f"attendance-{i}-status"] = status
        data[f"attendance-{i}-stand_in_id"] = stand_in
    for i, item in enumerate(meeting.items):
        result, notes = (results or {}).get(item.id, ("", ""))
        data[f"items-{i}-item_id"] = item.id
        data[f"items-{i}-version"] = item.version
        data[f"items-{i}-result"] = result
        data[f"items-{i}-minutes"] = notes
    return data


@pytest.mark.parametrize("who, status", [
    ("secretariat", 200), ("secretary", 200), ("preparer", 403), ("member", 403), ("outsider", 403),
])
def test_only_the_secretariat_and_the_bodys_secretary_record_a_meeting(client, login, chain, held_dvo, who, status):
    login(getattr(chain, who))
    assert client.get(f"/meetings/{held_dvo.id}/record").status_code == status


def test_record_attendance_with_a_substitute_and_the_results(client, login, chain, held_dvo, make_person):
    people = _people(held_dvo)
    borne = db.session.get(Person, people["Burgemeester Borne"])
    deputy = make_person("Loco-burgemeester Borne", organisation_id=borne.organisation_id)
    make_person("Wethouder Almelo", organisation_id=db.session.get(Person, people["Burgemeester Almelo"]).organisation_id)
    login(chain.secretary)
    page = client.get(f"/meetings/{held_dvo.id}/record").get_data(as_text=True)
    assert "Burgemeester Almelo" in page and "Iedereen aanwezig" in page
    # each member's list offers only their own organisation, not everyone in the system
    borne_row = page[page.index("Burgemeester Borne"):]
    borne_row = borne_row[:borne_row.index("</fieldset>")]
    assert "Loco-burgemeester Borne" in borne_row and "Wethouder Almelo" not in borne_row
    first, second = held_dvo.items
    statuses = {pid: ("present", 0) for pid in people.values()}
    statuses[people["Burgemeester Almelo"]] = ("absent", 0)
    statuses[people["Burgemeester Borne"]] = ("substitute", deputy.id)
    response = client.post(f"/meetings/{held_dvo.id}/record", data=_form(held_dvo, statuses, {
        first.id: ("Voor kennisgeving aangenomen", ""),
        second.id: ("Vastgesteld", "Het DVO stemt in met de regionale aanpak.")}))
    assert response.status_code == 303, response.get_data(as_text=True)
    rows = {(a.person.name, a.status, a.substitute_for.name if a.substitute_for else None)
            for a in db.session.scalars(select(Attendance).where(Attendance.meeting_id == held_dvo.id))}
    assert ("Burgemeester Almelo", "absent", None) in rows
    assert ("Burgemeester Borne", "absent", None) in rows
    assert ("Loco-burgemeester Borne", "substitute", "Burgemeester Borne") in rows
    db.session.refresh(first)
    db.session.refresh(second)
    assert first.result == "Voor kennisgeving aangenomen"
    assert second.minutes == "Het DVO stemt in met de regionale aanpak."
    page = client.get(f"/meetings/{held_dvo.id}/record").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="substitute"', page)


def test_a_substitute_needs_a_name_and_is_a_deputy_or_colleague(client, login, chain, held_dvo):
    people = _people(held_dvo)
    login(chain.secretariat)
    almelo, borne = people["Burgemeester Almelo"], people["Burgemeester Borne"]
    response = client.post(f"/meetings/{held_dvo.id}/record", data=_form(held_dvo, {borne: ("substitute", 0)}))
    assert response.status_code == 400 and "Kies wie Burgemeester Borne verving" in response.get_data(as_text=True)
    response = client.post(f"/meetings/{held_dvo.id}/record",
                           data=_form(held_dvo, {almelo: ("present", 0), borne: ("substitute", almelo)}))
    assert response.status_code == 400  # a member is no one's stand-in: only a deputy or a colleague
    assert "de plaatsvervanger of iemand van dezelfde organisatie" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(Attendance.id))) == 0


def test_a_stale_record_form_is_refused(client, login, chain, held_dvo):
    people = _people(held_dvo)
    login(chain.secretariat)
    form = _form(held_dvo, {pid: ("present", 0) for pid in people.values()})
    assert client.post(f"/meetings/{held_dvo.id}/record", data=form).status_code == 303
    response = client.post(f"/meetings/{held_dvo.id}/record", data=form)
    assert response.status_code == 409 and "intussen gewijzigd" in response.get_data(as_text=True)


def test_held_then_minutes_adopted_then_the_record_is_final(client, login, chain, held_dvo):
    login(chain.secretariat)
    client.post(f"/meetings/{held_dvo.id}/held", data={"version": held_dvo.version})
    db.session.refresh(held_dvo)
    assert held_dvo.state == "held"
    client.post(f"/meetings/{held_dvo.id}/minutes-adopted", data={"version": held_dvo.version})
    db.session.refresh(held_dvo)
    assert held_dvo.state == "minutes_adopted"
    page = client.get(f"/meetings/{held_dvo.id}/record").get_data(as_text=True)
    assert "Verloop opslaan" not in page and "Presentielijst" in page
    response = client.post(f"/meetings/{held_dvo.id}/record", data=_form(held_dvo, {}))
    assert response.status_code == 409 and "al vastgesteld" in response.get_data(as_text=True)


def test_a_planned_meeting_without_an_agenda_can_be_marked_held(client, login, chain, make_meeting):
    meeting = make_meeting(chain.dvo, PAST)
    login(chain.secretariat)
    client.post(f"/meetings/{meeting.id}/held", data={"version": meeting.version})
    db.session.refresh(meeting)
    assert meeting.state == "held"


def test_a_future_meeting_cannot_be_held_yet(client, login, chain, make_meeting):
    meeting = make_meeting(chain.dvo, state="sent")
    login(chain.secretariat)
    page = client.post(f"/meetings/{meeting.id}/held", data={"version": meeting.version}, follow_redirects=True)
    assert "pas gehouden zijn als ze begonnen is" in page.get_data(as_text=True)
    db.session.refresh(meeting)
    assert meeting.state == "sent"


def test_a_preparing_meeting_cannot_be_marked_held(client, login, chain, make_meeting):
    meeting = make_meeting(chain.dvo, PAST, state="preparing")
    login(chain.secretariat)
    client.post(f"/meetings/{meeting.id}/held", data={"version": meeting.version})
    db.session.refresh(meeting)
    assert meeting.state == "preparing"


def test_results_show_on_the_agenda_once_held(client, login, chain, held_dvo):
    first = held_dvo.items[0]
    first.result = "Voor kennisgeving aangenomen"
    held_dvo.state = "held"
    db.session.commit()
    login(chain.member)
    assert "Voor kennisgeving aangenomen" in client.get(f"/meetings/{held_dvo.id}/agenda").get_data(as_text=True)


def test_the_record_is_reachable_from_the_meeting_page_and_the_meeting_list(client, login, chain, held_dvo,
                                                                            make_meeting):
    later = make_meeting(chain.dvo, state="sent")  # still to come: nothing to record yet
    login(chain.secretariat)
    link = f'href="/meetings/{held_dvo.id}/record"'
    assert link in client.get(f"/meetings/{held_dvo.id}").get_data(as_text=True)
    listing = client.get("/meetings?from=").get_data(as_text=True)
    assert link in listing and f'href="/meetings/{later.id}/record"' not in listing
    assert f'href="/meetings/{later.id}/record"' not in client.get(f"/meetings/{later.id}").get_data(as_text=True)
    login(chain.member)
    assert link not in client.get(f"/meetings/{held_dvo.id}").get_data(as_text=True)


def test_everyone_present_in_one_click_keeps_the_exceptions_and_makes_the_meeting_held(client, login, chain,
                                                                                      held_dvo):
    people = _people(held_dvo)
    login(chain.secretariat)
    statuses = {pid: ("", 0) for pid in people.values()}
    statuses[people["Burgemeester Almelo"]] = ("absent", 0)
    response = client.post(f"/meetings/{held_dvo.id}/record",
                           data={**_form(held_dvo, statuses), "all_present": "Iedereen aanwezig"})
    assert response.status_code == 303
    rows = {a.person_id: a.status for a in db.session.scalars(select(Attendance))}
    assert rows.pop(people["Burgemeester Almelo"]) == "absent"
    assert set(rows.values()) == {"present"} and len(rows) == len(people) - 1
    db.session.refresh(held_dvo)
    assert held_dvo.state == "held"


def test_a_meeting_whose_agenda_is_not_sent_says_when_it_can_be_recorded(client, login, chain, make_meeting):
    meeting = make_meeting(chain.dvo, PAST, state="preparing")
    login(chain.secretariat)
    page = client.get(f"/meetings/{meeting.id}/record").get_data(as_text=True)
    assert 'id="record-waits"' in page and f'href="/meetings/{meeting.id}/agenda"' in page
    assert "Verloop opslaan" not in page
