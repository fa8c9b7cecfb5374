"""A message that asks for work is marked done, not deleted, as soon as the work is done; the inbox shows it as
done and its unread count counts only what still needs doing. Messages are read in the reader's language,
with dates in words and people by name. The demo on 1 June 2015."""
import re
from datetime import date, datetime, timezone

from sqlalchemy import select

from ivzflow.decisions import services as decisions
from ivzflow.extensions import db
from ivzflow.projects import services as projects
from ivzflow.projects.models import Project
from ivzflow.reminders.models import Delivery, Notification
from ivzflow.reminders.planner import replan
from ivzflow.reminders.sweep import sweep
from tests.decisions.conftest import item_titled, login_demo, meeting_on, story, user  # noqa: F401

BURGLARY = "Aanpak woninginbraken: regionale inzet van buurtpreventie-apps"


def messages(name: str, kind: str) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user(name).id,
                                                              Notification.kind == kind)))


def badge(client) -> int:
    """The unread count in the main menu, as a user sees it."""
    found = re.search(r'Berichten <span class="badge">(\d+)', client.get("/").get_data(as_text=True))
    return int(found.group(1)) if found else 0


def test_an_advice_awaiting_approval_is_announced_to_who_may_approve_it_until_it_is_approved(story, client,
                                                                                           login_demo):
    sweep()
    [announced] = messages("secretariaat", "advice_to_approve")
    assert announced.title == f"Communicatieadvies ter goedkeuring: {BURGLARY}"
    assert "Iris Koopman schreef het communicatieadvies" in announced.body  # by name, not by e-mail address
    assert messages("communicatie", "advice_to_approve") == []  # she wrote it: not hers to approve
    assert announced.done_at is None

    login_demo("secretariaat")
    unread = badge(client)
    inbox = client.get("/notifications").get_data(as_text=True)
    assert f"Communicatieadvies ter goedkeuring: {BURGLARY}" in inbox
    item = item_titled(BURGLARY)
    advice = item.communication_advice
    assert client.post(f"/decisions/{item.id}/advice/approve", data={"version": advice.version}).status_code == 302

    db.session.refresh(announced)
    assert announced.done_at is not None and announced.read_at is None  # done, not deleted, not "read"
    assert badge(client) == unread - 1
    inbox = client.get("/notifications").get_data(as_text=True)
    entry = re.search(rf'<li class="read done">.*?{re.escape(BURGLARY)}.*?</li>', inbox, re.S)
    assert entry and "afgehandeld" in entry.group(0)
    page = client.get(f"/notifications/{announced.id}").get_data(as_text=True)
    assert "Wat dit bericht vroeg, is gedaan" in page


def test_the_trekker_is_asked_to_consent_and_asked_again_after_the_draft_changed(story, client, login_demo):
    project = db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))
    projects.post_status_update(user("projectleider"), project, status="amber", progress=40, summary="Vertraging.",
                                decision_needed="Extra budget voor de voorlichtingsbus.")
    db.session.commit()
    sweep()
    [asked] = messages("lid", "consent_requested")
    assert asked.title == "Uw instemming gevraagd: Aanpak woninginbraken: besluit gevraagd"
    assert asked.body.startswith("Marloes Wessels vraagt u als bestuurlijk trekker van Aanpak woninginbraken")

    login_demo("lid")
    unread = badge(client)
    proposal = item_titled("Aanpak woninginbraken: besluit gevraagd")
    assert client.post(f"/decisions/{proposal.id}/consent").status_code == 302
    db.session.refresh(asked)
    assert asked.done_at is not None
    assert badge(client) == unread - 1

    # The projectleider changes the draft: the consent no longer holds, and the request is open again.
    proposal = item_titled("Aanpak woninginbraken: besluit gevraagd")
    decisions.update_item(proposal, version=proposal.version, title=proposal.title, kind=proposal.kind,
                          confidentiality=proposal.confidentiality, summary=proposal.summary,
                          points=["Extra budget voor de voorlichtingsbus in 2016."], trekker_id=proposal.trekker_id,
                          project_id=proposal.project_id, touches_both_agendas=False)
    db.session.commit()
    db.session.refresh(asked)
    assert asked.done_at is None
    assert badge(client) == unread


def test_the_status_update_reminder_is_done_when_the_update_is_posted(story):
    project = db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))
    replan("project", project.id)  # as the scheduler's daily pass does (the demo was loaded on another day)
    db.session.commit()
    sweep()  # due 29 May, five days before the due day of 3 June
    [reminded] = messages("projectleider", "status_update_due")
    assert reminded.title == "Statusupdate Aanpak woninginbraken vóór 3 juni 2015"
    projects.post_status_update(user("projectleider"), project, status="green", progress=50, summary="Op koers.")
    db.session.commit()
    db.session.refresh(reminded)
    assert reminded.done_at is not None


def test_a_meeting_reminder_asks_nothing_and_is_never_marked_done(story, time_machine):
    time_machine.move_to(datetime(2015, 6, 28, 7, 0, tzinfo=timezone.utc), tick=False)
    sweep()
    reminded = next(n for n in messages("lid", "meeting_reminder") if n.title == "Herinnering: DVO 1 juli 2015")
    meeting_on("DVO", date(2015, 7, 1)).state = "held"  # no reminder of it is wanted any more
    db.session.commit()
    db.session.refresh(reminded)
    assert reminded.done_at is None


def test_messages_are_read_in_the_readers_language_with_dates_in_words(story, client, login_demo, time_machine):
    user("projectleider").locale = "en"  # the contact of Tubbergen for its part of the action plan
    db.session.commit()
    time_machine.move_to(datetime(2015, 6, 28, 7, 0, tzinfo=timezone.utc), tick=False)
    sweep()  # three days before the Tubbergen part of the action plan is due (1 July)
    [due] = messages("projectleider", "action_due")
    assert due.title == "Actie verloopt 1 juli 2015"  # kept in Dutch too, dates in words
    assert "Uiterlijk: 1 juli 2015" in due.body

    login_demo("projectleider")
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "Action due 1 July 2015" in inbox and "Actie verloopt" not in inbox
    page = client.get(f"/notifications/{due.id}").get_data(as_text=True)
    assert "Due by: 1 July 2015" in page
    mail = db.session.scalar(select(Delivery).where(Delivery.key == due.key))
    assert mail.subject == "Action due 1 July 2015"  # the e-mail in the user's language too

    login_demo("lid")  # reads Dutch
    reminder = next(n for n in messages("lid", "meeting_reminder") if n.title == "Herinnering: DVO 1 juli 2015")
    page = client.get(f"/notifications/{reminder.id}").get_data(as_text=True)
    assert "U vergadert op woensdag 1 juli 2015 om 13:30" in page
    client.post("/language", data={"locale": "en"})
    page = client.get(f"/notifications/{reminder.id}").get_data(as_text=True)
    assert "Reminder: DVO 1 juli 2015" in page  # the meeting's name is data; the words around it are translated
    assert "Wednesday 1 July 2015 at 13:30" in page
    assert date(2015, 7, 1).isoformat() not in page


def test_the_secretariats_overview_names_the_people_it_writes_to(story, client, login_demo):
    sweep()
    login_demo("secretariaat")
    page = client.get("/reminders").get_data(as_text=True)
    upcoming = page[page.index('id="upcoming-heading"'):page.index('id="sent-heading"')]
    assert "Bernard Nijhuis" in upcoming  # the burgemeester's coming meeting reminders, by name
    assert not re.search(r"<td>\d+</td></tr>", upcoming)  # not a user number


def test_the_agenda_reminders_are_done_when_the_agenda_is_fixed_and_sent(story, client, login_demo):
    sweep()  # the agendacommissie of 3 June: its documents go out by 1 June
    [documents] = messages("secretariaat", "documents_due")
    assert documents.title == "Stukken versturen: Agendacommissie 3 juni 2015"
    meeting = meeting_on("Agendacommissie", date(2015, 6, 3))
    login_demo("secretariaat")
    for step in ("prepare", "fix"):
        client.post(f"/meetings/{meeting.id}/agenda/{step}", data={"version": meeting.version})
        db.session.refresh(meeting)
    db.session.refresh(documents)
    assert documents.done_at is None  # fixed, not yet sent to the members
    client.post(f"/meetings/{meeting.id}/agenda/send", data={"version": meeting.version})
    db.session.refresh(meeting)
    assert meeting.sent_at is not None
    db.session.refresh(documents)
    assert documents.done_at is not None
