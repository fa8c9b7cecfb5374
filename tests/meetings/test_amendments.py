"""A sent agenda amended: the changes wait, are sent again as a new version to the members (a message
and an e-mail), and show as "Gewijzigd na verzending" on the agenda page, in the print and in the feed."""
import io

import pytest
from sqlalchemy import select

from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings.ical import meeting_event
from ivzflow.meetings.models import AgendaChange
from ivzflow.reminders.models import Delivery, Notification
from ivzflow.reminders.sweep import sweep

ITEM = {"title": "Cameratoezicht bij evenementen", "presenter": "Burgemeester Enschede", "duration_minutes": 15,
        "visibility": "public", "description": ""}


@pytest.fixture
def sent(chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="sent", name="DVO Twente 5 maart 2031")
    make_item(meeting, "Opening en mededelingen", is_standing=True)
    make_item(meeting, "Voortgang aanpak woninginbraken", minutes=30)
    make_item(meeting, "Rondvraag en sluiting", is_standing=True, is_closing=True)
    return meeting


def _item(meeting, title):
    return next(i for i in agenda.load_items(meeting) if i.title == title)


def _page(client, meeting) -> str:
    return client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)


def _send(client, meeting):
    db.session.refresh(meeting)
    return client.post(f"/meetings/{meeting.id}/agenda/send-amended", data={"version": meeting.version})


def test_a_sent_agenda_is_amended_and_sent_again_to_the_members(client, login, chain, sent, smtp_server):
    login(chain.preparer)
    assert "Punt toevoegen" in _page(client, sent)
    assert client.post(f"/meetings/{sent.id}/agenda/items/new", data=ITEM).status_code == 303
    progress = _item(sent, "Voortgang aanpak woninginbraken")
    client.post(f"/agenda-items/{progress.id}/edit", data={**ITEM, "title": progress.title, "duration_minutes": 20, "presenter": "",
                                                           "version": progress.version})
    client.post(f"/agenda-items/{progress.id}/documents",
                data={"file": (io.BytesIO(b"Cijfers per basisteam\n"), "cijfers.txt")}, content_type="multipart/form-data")
    assert [i.title for i in agenda.load_items(sent)] == [
        "Opening en mededelingen", "Voortgang aanpak woninginbraken", "Cameratoezicht bij evenementen",
        "Rondvraag en sluiting"]
    page = _page(client, sent)
    assert "Nog niet verzonden wijzigingen" in page
    assert "Toegevoegd: Cameratoezicht bij evenementen" in page
    assert "Gewijzigd: Voortgang aanpak woninginbraken (duur)" in page
    assert "Stuk toegevoegd bij Voortgang aanpak woninginbraken: cijfers.txt" in page

    login(chain.member)  # the members hear of it when it is sent, not before
    assert "Nog niet verzonden" not in _page(client, sent) and "Gewijzigd na verzending" not in _page(client, sent)

    login(chain.preparer)
    response = _send(client, sent)
    assert response.status_code == 303
    assert "Versie 2 van de agenda is verzonden" in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(sent)
    assert sent.agenda_version == 2 and sent.state == "sent"

    login(chain.member)
    page = _page(client, sent)
    assert "Gewijzigd na verzending" in page and "Versie 2, verzonden" in page
    assert "Toegevoegd: Cameratoezicht bij evenementen" in page and "Nog niet verzonden" not in page

    sweep()
    [note] = db.session.scalars(select(Notification).where(Notification.user_id == chain.member.id,
                                                           Notification.kind == "agenda_amended")).all()
    assert note.title == "Agenda gewijzigd: DVO Twente 5 maart 2031"
    assert "versie 2" in note.body and "- Toegevoegd: Cameratoezicht bij evenementen" in note.body
    assert "- Stuk toegevoegd bij Voortgang aanpak woninginbraken: cijfers.txt" in note.body
    assert note.translations["en"]["title"] == "Agenda changed: DVO Twente 5 maart 2031"
    [mail] = [m for m in smtp_server.to(chain.member.email) if "Agenda gewijzigd" in m["Subject"]]
    assert "Cameratoezicht bij evenementen" in mail.get_content()
    # the preparer, who sits in the agendacommissie and not in the DVO, gets no message
    assert not db.session.scalar(select(Delivery.id).where(Delivery.user_id == chain.preparer.id,
                                                           Delivery.kind == "agenda_amended"))


def test_an_item_added_and_removed_before_sending_is_no_change(client, login, chain, sent):
    login(chain.preparer)
    client.post(f"/meetings/{sent.id}/agenda/items/new", data=ITEM)
    added = _item(sent, ITEM["title"])
    client.post(f"/agenda-items/{added.id}/edit", data={**ITEM, "title": "Cameratoezicht", "version": added.version})
    page = _page(client, sent)
    assert "Toegevoegd: Cameratoezicht" in page and "Gewijzigd:" not in page
    db.session.refresh(added)
    client.post(f"/agenda-items/{added.id}/delete", data={"version": added.version})
    assert db.session.scalars(select(AgendaChange)).all() == []
    page = client.get(client.post(f"/meetings/{sent.id}/agenda/send-amended",
                                  data={"version": sent.version}).headers["Location"]).get_data(as_text=True)
    assert "Er zijn geen wijzigingen om te verzenden." in page
    db.session.refresh(sent)
    assert sent.agenda_version == 1


def test_removing_and_moving_items_the_members_had(client, login, chain, sent):
    login(chain.preparer)
    progress = _item(sent, "Voortgang aanpak woninginbraken")
    opening = _item(sent, "Opening en mededelingen")
    client.post(f"/agenda-items/{opening.id}/move", data={"direction": "down"})
    client.post(f"/agenda-items/{progress.id}/delete", data={"version": progress.version})
    _send(client, sent)
    page = _page(client, sent)
    assert "Vervallen: Voortgang aanpak woninginbraken" in page
    assert "De volgorde van de punten is gewijzigd." in page


def test_a_confidential_items_change_only_for_those_who_see_it(client, login, chain, sent, smtp_server):
    login(chain.preparer)
    client.post(f"/meetings/{sent.id}/agenda/items/new",
                data={**ITEM, "title": "Casus ondermijning Almelo", "visibility": "confidential"})
    _send(client, sent)
    login(chain.member)
    assert "Toegevoegd: Casus ondermijning Almelo" in _page(client, sent)
    login(chain.outsider)
    page = _page(client, sent)
    assert "Casus ondermijning" not in page and "Alleen wijzigingen in vertrouwelijke punten." in page
    sweep()
    [mail] = [m for m in smtp_server.to(chain.member.email) if "Agenda gewijzigd" in m["Subject"]]
    assert "Toegevoegd: een vertrouwelijk punt" in mail.get_content() and "Almelo" not in mail.get_content()


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_those_who_prepare_the_meeting_amend_it(client, login, chain, sent, who):
    login(getattr(chain, who))
    assert client.post(f"/meetings/{sent.id}/agenda/items/new", data=ITEM).status_code == 403
    assert client.post(f"/meetings/{sent.id}/agenda/send-amended", data={"version": sent.version}).status_code == 403
    assert "Punt toevoegen" not in _page(client, sent)


def test_sending_again_with_a_stale_version_is_refused(client, login, chain, sent):
    login(chain.secretary)  # the DVO's secretary prepares it too
    client.post(f"/meetings/{sent.id}/agenda/items/new", data=ITEM)
    stale = sent.version
    client.post(f"/meetings/{sent.id}/agenda/items/new", data={**ITEM, "title": "Tweede punt"})
    _send(client, sent)
    page = client.get(client.post(f"/meetings/{sent.id}/agenda/send-amended",
                                  data={"version": stale}).headers["Location"]).get_data(as_text=True)
    assert "intussen gewijzigd" in page
    db.session.refresh(sent)
    assert sent.agenda_version == 2


def test_the_print_and_the_feed_say_the_agenda_changed(client, login, chain, sent):
    login(chain.preparer)
    client.post(f"/meetings/{sent.id}/agenda/items/new", data=ITEM)
    sequence = sent.sequence
    _send(client, sent)
    db.session.refresh(sent)
    assert sent.sequence == sequence + 1
    assert "Agenda gewijzigd na verzending (versie 2)" in str(meeting_event(sent)["DESCRIPTION"])
    assert "Gewijzigde agenda, versie 2" in client.get(f"/meetings/{sent.id}/agenda/print").get_data(as_text=True)


def test_a_held_meetings_agenda_is_not_amended(client, login, chain, sent):
    sent.state = "held"
    db.session.commit()
    login(chain.preparer)
    assert client.post(f"/meetings/{sent.id}/agenda/items/new", data=ITEM).status_code == 409
    assert "send-amended" not in _page(client, sent)


def test_a_proposal_placed_on_a_sent_agenda_is_an_amendment_before_the_closing_item(chain, sent):
    from ivzflow.decisions import services as decisions
    from ivzflow.workflows.effects import _put_on_agenda

    item = decisions.create_item(chain.preparer, decision_body=chain.dvo, title="Voorstel cameratoezicht",
                                 points=["Het DVO stemt in met cameratoezicht bij evenementen."])
    _put_on_agenda(item, sent, chain.preparer)
    assert [i.title for i in agenda.load_items(sent)][-2:] == ["Voorstel cameratoezicht", "Rondvraag en sluiting"]
    changes = db.session.scalars(select(AgendaChange).where(AgendaChange.meeting_id == sent.id)).all()
    assert [(c.kind, c.title, c.version) for c in changes] == [("added", "Voorstel cameratoezicht", None)]  # not sent yet


def test_changes_waiting_to_be_sent_are_a_task_until_sent(client, login, chain, sent):
    from ivzflow.core import clock
    from ivzflow.tasks.services import tasks_for

    sent.is_published = True
    db.session.commit()
    titles = lambda: [t.title for t in tasks_for(chain.preparer, clock.today())]  # noqa: E731
    assert f"Verstuur de gewijzigde agenda van {sent.name}" not in titles()
    login(chain.preparer)
    assert client.post(f"/meetings/{sent.id}/agenda/items/new", data=ITEM).status_code == 303
    assert f"Verstuur de gewijzigde agenda van {sent.name}" in titles()
    assert _send(client, sent).status_code in (302, 303)
    assert f"Verstuur de gewijzigde agenda van {sent.name}" not in titles()
