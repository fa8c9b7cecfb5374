"""Agenda assembly: who may build and read it, numbering, time, order, states, refusals, query bounds."""
import pytest
from sqlalchemy import select

from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings.models import AgendaItem, Attachment

ITEM = {"title": "Voortgang aanpak woninginbraken", "presenter": "Burgemeester Hengelo",
        "duration_minutes": 20, "visibility": "public", "description": "Stand van zaken per basisteam."}


def _titles(meeting) -> list[str]:
    items = db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    return [i.title for i in sorted(items, key=agenda.agenda_order)]


def _user(chain, who):
    return getattr(chain, who)


# --- who may build, who may read ---------------------------------------------------------------------

@pytest.mark.parametrize("who, allowed", [
    ("preparer", True), ("secretariat", True), ("secretary", True), ("member", False), ("outsider", False),
])
def test_only_those_who_prepare_the_body_add_items(client, login, chain, make_meeting, who, allowed):
    meeting = make_meeting(chain.dvo)
    login(_user(chain, who))
    response = client.post(f"/meetings/{meeting.id}/agenda/items/new", data=ITEM)
    assert response.status_code == (303 if allowed else 403)
    assert _titles(meeting) == (["Voortgang aanpak woninginbraken"] if allowed else [])


@pytest.mark.parametrize("who, status", [
    ("preparer", 200), ("secretariat", 200), ("member", 404), ("outsider", 404),
])
def test_a_draft_agenda_is_only_for_those_who_prepare_it(client, login, chain, make_meeting, make_item, who, status):
    meeting = make_meeting(chain.dvo, state="preparing")
    make_item(meeting, "Concept-voorstel cameratoezicht")
    login(_user(chain, who))
    assert client.get(f"/meetings/{meeting.id}/agenda").status_code == status


def test_builder_controls_only_for_the_preparer(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="sent")
    make_item(meeting, "Mededelingen")
    login(chain.member)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert "Mededelingen" in page and "Omhoog" not in page and "Punt toevoegen" not in page
    assert "agenda.js" not in page


def test_confidential_items_are_hidden_from_a_non_member(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="sent")
    make_item(meeting, "Mededelingen")
    make_item(meeting, "Casus ondermijning Almelo", is_public=False)
    login(chain.outsider)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert "Mededelingen" in page and "Casus ondermijning" not in page
    assert "1 vertrouwelijk punt is alleen zichtbaar voor de leden" in page
    login(chain.member)
    assert "Casus ondermijning Almelo" in client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)


def test_an_unpublished_meetings_agenda_is_not_readable_by_members_even_when_sent(client, login, chain, make_meeting):
    meeting = make_meeting(chain.dvo, state="sent", published=False)
    login(chain.member)
    assert client.get(f"/meetings/{meeting.id}/agenda").status_code == 404  # not revealed


# --- time, numbering ---------------------------------------------------------------------------------

def test_time_warning_when_the_items_run_over_the_meeting(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, duration_minutes=90, state="preparing")
    make_item(meeting, "Eerste", minutes=60)
    login(chain.preparer)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert "Totaal 60 van 90 minuten." in page and "Let op" not in page
    make_item(meeting, "Tweede", minutes=45)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert "Let op: de agenda duurt 15 minuten langer dan de vergadering (105 van 90 minuten)" in page
    assert 'role="status" data-warning' in page  # announced, and said in words rather than by colour
    assert "105 van 90 min (over de tijd)" in page and "60 van 90 min</span>" in page


def test_driehoek_numbers_the_common_part_first_then_the_local_part(ctx, chain, make_body, make_meeting, make_item):
    driehoek = make_body("Gezagsdriehoek Basisteam Midden", kind="driehoek")
    meeting = make_meeting(driehoek, duration_minutes=120)
    make_item(meeting, "Lokaal: evenementen Hengelo", section="local", position=1)
    make_item(meeting, "Gemeenschappelijk: woninginbraken", section="common", position=2)
    make_item(meeting, "Lokaal: overlast Borne", section="local", position=3)
    make_item(meeting, "Gemeenschappelijk: mededelingen", section="common", position=4)
    built = agenda.build(meeting, agenda.load_items(meeting), lambda item: True)
    assert [s.key for s in built.sections] == ["common", "local"]
    assert [(r.number, r.item.title) for r in built.rows] == [
        (1, "Gemeenschappelijk: woninginbraken"), (2, "Gemeenschappelijk: mededelingen"),
        (3, "Lokaal: evenementen Hengelo"), (4, "Lokaal: overlast Borne")]
    assert [r.running_total for r in built.rows] == [10, 20, 30, 40]


def test_driehoek_page_shows_both_parts(client, login, chain, make_body, make_meeting, make_item):
    driehoek = make_body("Gezagsdriehoek Basisteam Noord", kind="driehoek")
    meeting = make_meeting(driehoek, state="preparing")
    make_item(meeting, "Lokale punten Almelo", section="local")
    login(chain.secretariat)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert page.index("Gemeenschappelijk deel") < page.index("Lokaal deel") < page.index("Lokale punten Almelo")
    assert 'name="section"' in page  # the add form asks for the part


def test_numbers_count_hidden_items_so_everyone_means_the_same_item(ctx, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo)
    make_item(meeting, "Open")
    make_item(meeting, "Dicht", is_public=False)
    make_item(meeting, "Rondvraag")
    built = agenda.build(meeting, agenda.load_items(meeting), lambda item: item.is_public)
    assert [(r.number, r.item.title) for r in built.rows] == [(1, "Open"), (3, "Rondvraag")]
    assert built.hidden == 1


# --- preparing: standing items -------------------------------------------------------------------------

def test_preparing_adds_the_standing_items_once(client, login, chain, make_meeting, make_standing_item):
    make_standing_item(chain.dvo, "Mededelingen", position=1)
    make_standing_item(chain.dvo, "Terugkoppeling Regionaal Veiligheidsoverleg ON", position=2, minutes=10)
    meeting = make_meeting(chain.dvo)
    login(chain.preparer)
    response = client.post(f"/meetings/{meeting.id}/agenda/prepare", data={"version": meeting.version})
    assert response.status_code == 303
    db.session.refresh(meeting)
    assert meeting.state == "preparing"
    assert _titles(meeting) == ["Mededelingen", "Terugkoppeling Regionaal Veiligheidsoverleg ON"]
    assert all(i.is_standing for i in meeting.items)
    # fixing and reopening does not add them again
    client.post(f"/meetings/{meeting.id}/agenda/fix", data={"version": meeting.version})
    db.session.refresh(meeting)
    client.post(f"/meetings/{meeting.id}/agenda/reopen", data={"version": meeting.version})
    db.session.refresh(meeting)
    assert meeting.state == "preparing" and len(_titles(meeting)) == 2


def test_adding_an_item_to_a_planned_meeting_starts_the_preparation(client, login, chain, make_meeting,
                                                                    make_standing_item):
    make_standing_item(chain.dvo, "Mededelingen")
    meeting = make_meeting(chain.dvo)
    login(chain.preparer)
    client.post(f"/meetings/{meeting.id}/agenda/items/new", data=ITEM)
    db.session.refresh(meeting)
    assert meeting.state == "preparing"
    assert _titles(meeting) == ["Mededelingen", "Voortgang aanpak woninginbraken"]


def test_new_items_land_before_the_closing_standing_items(client, login, chain, make_meeting, make_standing_item):
    make_standing_item(chain.dvo, "Opening en mededelingen", position=1)
    make_standing_item(chain.dvo, "Rondvraag en sluiting", position=2, is_closing=True)
    meeting = make_meeting(chain.dvo)
    login(chain.preparer)
    client.post(f"/meetings/{meeting.id}/agenda/items/new", data=ITEM)
    client.post(f"/meetings/{meeting.id}/agenda/items/new", data={**ITEM, "title": "Cameratoezicht"})
    assert _titles(meeting) == ["Opening en mededelingen", "Voortgang aanpak woninginbraken", "Cameratoezicht",
                                "Rondvraag en sluiting"]
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert page.index("Cameratoezicht") < page.index("Rondvraag en sluiting")


def test_in_a_driehoek_items_land_before_the_closing_items_of_their_own_part(ctx, chain, make_body, make_meeting,
                                                                             make_standing_item):
    driehoek = make_body("Gezagsdriehoek Basisteam Noord", kind="driehoek")
    make_standing_item(driehoek, "Sluiting gemeenschappelijk deel", section="common", position=1, is_closing=True)
    make_standing_item(driehoek, "Lokale rondvraag", section="local", position=2, is_closing=True)
    meeting = make_meeting(driehoek)
    agenda.add_item(chain.secretariat, meeting, title="Lokaal punt", duration_minutes=10, section="local")
    agenda.add_item(chain.secretariat, meeting, title="Gezamenlijk punt", duration_minutes=10, section="common")
    assert [i.title for i in agenda.load_items(meeting)] == [
        "Gezamenlijk punt", "Sluiting gemeenschappelijk deel", "Lokaal punt", "Lokale rondvraag"]


def test_driehoek_standing_items_keep_their_part(ctx, chain, make_body, make_meeting, make_standing_item):
    driehoek = make_body("Gezagsdriehoek Basisteam West", kind="driehoek")
    make_standing_item(driehoek, "Lokale mededelingen", section="local", position=1)
    make_standing_item(driehoek, "Opening", section="common", position=2)
    meeting = make_meeting(driehoek)
    assert agenda.start_preparing(chain.secretariat, meeting, version=meeting.version) == 2
    assert [(i.title, i.section) for i in agenda.load_items(meeting)] == [
        ("Opening", "common"), ("Lokale mededelingen", "local")]


# --- order ---------------------------------------------------------------------------------------------

def test_reorder_with_the_full_list_as_json(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    a, b, c = (make_item(meeting, t, minutes=30) for t in ("A", "B", "C"))
    login(chain.preparer)
    response = client.post(f"/meetings/{meeting.id}/agenda/order", json={"order": [c.id, a.id, b.id]},
                           headers={"Accept": "application/json"})
    assert response.status_code == 200
    data = response.get_json()
    assert [(row["id"], row["number"]) for row in data["items"]] == [(c.id, 1), (a.id, 2), (b.id, 3)]
    assert data["items"][2]["running"] == "90 van 90 min" and data["warning"] == ""
    assert _titles(meeting) == ["C", "A", "B"]


def test_reorder_with_an_outdated_list_is_refused_as_json(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    a, b = make_item(meeting, "A"), make_item(meeting, "B")
    make_item(meeting, "C, intussen door een ander toegevoegd")
    login(chain.preparer)
    response = client.post(f"/meetings/{meeting.id}/agenda/order", json={"order": [b.id, a.id]},
                           headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.get_json()["error"]["message"]
    assert _titles(meeting)[:2] == ["A", "B"]


def test_reorder_without_javascript_as_a_form(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    a, b = make_item(meeting, "A"), make_item(meeting, "B")
    login(chain.preparer)
    response = client.post(f"/meetings/{meeting.id}/agenda/order", data={"order": [b.id, a.id]})
    assert response.status_code == 303
    assert _titles(meeting) == ["B", "A"]


def test_member_cannot_reorder(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    a, b = make_item(meeting, "A"), make_item(meeting, "B")
    login(chain.member)
    response = client.post(f"/meetings/{meeting.id}/agenda/order", json={"order": [b.id, a.id]},
                           headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert _titles(meeting) == ["A", "B"]


def test_up_and_down_buttons_move_an_item_within_its_part(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    a, b, c = (make_item(meeting, t) for t in ("A", "B", "C"))
    login(chain.preparer)
    response = client.post(f"/agenda-items/{c.id}/move", data={"direction": "up"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#item-{c.id}")
    assert _titles(meeting) == ["A", "C", "B"]
    client.post(f"/agenda-items/{a.id}/move", data={"direction": "down"})
    assert _titles(meeting) == ["C", "A", "B"]
    client.post(f"/agenda-items/{c.id}/move", data={"direction": "up"})  # already first: nothing happens
    assert _titles(meeting) == ["C", "A", "B"]


def test_up_and_down_are_buttons_in_forms_that_work_without_javascript(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    a = make_item(meeting, "Mededelingen")
    make_item(meeting, "Rondvraag")
    login(chain.preparer)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert f'action="/agenda-items/{a.id}/move"' in page
    assert 'name="direction" value="down"' in page
    assert "Omlaag<span class=\"visually-hidden\"> Mededelingen</span>" in page


# --- refusals ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("state, message", [
    ("held", "Deze vergadering is al gehouden"),
    ("minutes_adopted", "Deze vergadering is al gehouden"),
    ("fixed", "De agenda is al vastgesteld"),
    ("cancelled", "Deze vergadering is geannuleerd"),
])
def test_no_items_on_a_meeting_whose_agenda_is_closed(client, login, chain, make_meeting, state, message):
    meeting = make_meeting(chain.dvo, state=state)
    login(chain.preparer)
    response = client.post(f"/meetings/{meeting.id}/agenda/items/new", data=ITEM)
    assert response.status_code == 409
    assert message in response.get_data(as_text=True)
    assert _titles(meeting) == []


def test_an_item_of_a_held_meeting_cannot_be_edited_or_deleted(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="held")
    item = make_item(meeting, "Mededelingen")
    login(chain.preparer)
    response = client.post(f"/agenda-items/{item.id}/edit", data={**ITEM, "version": item.version})
    assert response.status_code == 409 and "al gehouden" in response.get_data(as_text=True)
    assert client.get(f"/agenda-items/{item.id}/edit").status_code == 409
    page = client.post(f"/agenda-items/{item.id}/delete", data={"version": item.version}, follow_redirects=True)
    assert "al gehouden" in page.get_data(as_text=True)
    assert _titles(meeting) == ["Mededelingen"]


def test_editing_with_a_stale_version_is_refused(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    item = make_item(meeting, "Mededelingen")
    login(chain.preparer)
    stale = item.version
    assert client.post(f"/agenda-items/{item.id}/edit", data={**ITEM, "version": stale}).status_code == 303
    response = client.post(f"/agenda-items/{item.id}/edit", data={**ITEM, "title": "Overschreven", "version": stale})
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert item.title == ITEM["title"]


def test_item_form_validates_with_a_dutch_message(client, login, chain, make_meeting):
    meeting = make_meeting(chain.dvo, state="preparing")
    login(chain.preparer)
    response = client.post(f"/meetings/{meeting.id}/agenda/items/new",
                           data={**ITEM, "title": "", "duration_minutes": 900})
    assert response.status_code == 400
    assert _titles(meeting) == []


def test_item_edit_keeps_confidentiality(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    item = make_item(meeting, "Casus")
    login(chain.preparer)
    client.post(f"/agenda-items/{item.id}/edit", data={**ITEM, "visibility": "confidential", "version": item.version})
    db.session.refresh(item)
    assert item.is_public is False and item.presenter == "Burgemeester Hengelo" and item.duration_minutes == 20


def test_deleting_an_item_with_its_documents(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    item = make_item(meeting, "Weg ermee")
    login(chain.preparer)
    response = client.post(f"/agenda-items/{item.id}/delete", data={"version": item.version})
    assert response.status_code == 303
    assert _titles(meeting) == []


# --- states --------------------------------------------------------------------------------------------

def test_the_agenda_goes_from_preparing_to_fixed_to_sent(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    login(chain.preparer)
    page = client.post(f"/meetings/{meeting.id}/agenda/fix", data={"version": meeting.version}, follow_redirects=True)
    assert "zonder punten kan niet worden vastgesteld" in page.get_data(as_text=True)
    db.session.refresh(meeting)
    assert meeting.state == "preparing"
    make_item(meeting, "Mededelingen")
    client.post(f"/meetings/{meeting.id}/agenda/fix", data={"version": meeting.version})
    db.session.refresh(meeting)
    assert meeting.state == "fixed"
    page = client.post(f"/meetings/{meeting.id}/agenda/items/new", data=ITEM)
    assert page.status_code == 409 and "al vastgesteld" in page.get_data(as_text=True)
    client.post(f"/meetings/{meeting.id}/agenda/send", data={"version": meeting.version})
    db.session.refresh(meeting)
    assert meeting.state == "sent"
    login(chain.member)
    assert "Mededelingen" in client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)


def test_an_unpublished_meetings_agenda_cannot_be_sent(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="fixed", published=False)
    make_item(meeting, "Mededelingen")
    login(chain.preparer)
    page = client.post(f"/meetings/{meeting.id}/agenda/send", data={"version": meeting.version}, follow_redirects=True)
    assert "nog niet gepubliceerd" in page.get_data(as_text=True)
    db.session.refresh(meeting)
    assert meeting.state == "fixed"


def test_a_stale_state_button_is_refused(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    make_item(meeting, "Mededelingen")
    login(chain.preparer)
    page = client.post(f"/meetings/{meeting.id}/agenda/fix", data={"version": meeting.version - 1},
                       follow_redirects=True)
    assert "intussen gewijzigd" in page.get_data(as_text=True)
    db.session.refresh(meeting)
    assert meeting.state == "preparing"


@pytest.mark.parametrize("action", ["prepare", "fix", "reopen", "send"])
def test_members_cannot_change_the_agenda_state(client, login, chain, make_meeting, action):
    meeting = make_meeting(chain.dvo, state="fixed")
    login(chain.member)
    assert client.post(f"/meetings/{meeting.id}/agenda/{action}", data={"version": meeting.version}).status_code == 403


# --- query bound ---------------------------------------------------------------------------------------

def _agenda_with(meeting, n, make_item):
    for i in range(n):
        item = make_item(meeting, f"Punt {i}", is_public=i % 3 != 0)
        db.session.add(Attachment(agenda_item_id=item.id, filename=f"stuk-{i}.pdf",
                                  stored_name=f"{meeting.id:08x}{i:056x}", content_type="application/pdf",
                                  size=1000, sha256="0" * 64, uploaded_at=meeting.start_at))
    db.session.commit()


@pytest.mark.parametrize("who", ["preparer", "member"])
def test_agenda_page_runs_a_bounded_number_of_queries(client, login, chain, make_meeting, make_item, count_queries,
                                                      who):
    small, large = make_meeting(chain.dvo, state="sent"), make_meeting(chain.dvo, state="sent")
    _agenda_with(small, 5, make_item)
    _agenda_with(large, 60, make_item)
    login(_user(chain, who))
    counts = []
    for meeting in (small, large):
        with count_queries() as counted:
            response = client.get(f"/meetings/{meeting.id}/agenda")
        assert response.status_code == 200
        counts.append(counted.n)
    assert counts[0] == counts[1] <= 15, counts
