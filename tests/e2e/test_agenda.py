"""The agendacommissie builds a DVO agenda in a real browser: items, order, time, fixing, the PDF."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import delete, select

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import services
from ivzflow.meetings.models import StandingItem


@pytest.fixture
def dvo_meeting(live_app):
    """A published DVO meeting of 90 minutes, a month from now, on an empty agenda template (the demo's
    standing items would add their own minutes to the totals this test reads)."""
    with live_app.app_context():
        dvo = db.session.scalar(select(Body).where(Body.name == "DVO Twente"))
        db.session.execute(delete(StandingItem).where(StandingItem.body_id == dvo.id))
        start = clock.local_to_utc(clock.today() + timedelta(days=30), 16, 0)
        meeting = services.create_meeting(None, dvo, start, 90, publish=True)
        db.session.commit()
        return meeting.id


def _add_item(page, title: str, minutes: int):
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Duur in minuten").fill(str(minutes))
    page.get_by_role("button", name="Punt toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Het punt is toegevoegd.")).to_be_visible()


def _titles(page):
    return page.locator("ol.agenda-items h3.item-title")


def test_agendacommissie_builds_fixes_and_downloads_a_dvo_agenda(login_page, base_url, dvo_meeting,
                                                                  assert_accessible):
    page = login_page("agendacommissie@demo.ivzflow.nl")
    page.goto(f"{base_url}/meetings/{dvo_meeting}/agenda")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda DVO")
    assert_accessible(page)

    _add_item(page, "Voortgang aanpak woninginbraken", 60)
    expect(page.get_by_text("Totaal 60 van 90 minuten.")).to_be_visible()
    _add_item(page, "Woonoverlast door psychisch kwetsbaren", 45)
    expect(page.locator("[data-warning]")).to_contain_text("15 minuten langer dan de vergadering")
    expect(_titles(page)).to_have_text([re.compile(r"1\.\s+Voortgang"), re.compile(r"2\.\s+Woonoverlast")])
    assert_accessible(page)

    # The up/down buttons are ordinary buttons: reachable and usable with the keyboard, with or without JS.
    up = page.get_by_role("button", name="Omhoog Woonoverlast door psychisch kwetsbaren")
    up.focus()
    page.keyboard.press("Enter")
    expect(_titles(page)).to_have_text([re.compile(r"1\.\s+Woonoverlast"), re.compile(r"2\.\s+Voortgang")])
    expect(page.locator("#item-" + page.locator("li[data-item-id]").first.get_attribute("data-item-id"))
           ).to_contain_text("45 van 90 min")

    page.get_by_role("button", name="Agenda vaststellen").click()
    expect(page.get_by_role("status").filter(has_text="De agenda is vastgesteld.")).to_be_visible()
    expect(page.get_by_role("button", name="Punt toevoegen")).to_have_count(0)
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Agenda met stukken (PDF)").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_the_grip_moves_an_item_with_the_arrow_keys_and_saves_the_order(login_page, base_url, dvo_meeting,
                                                                      assert_accessible):
    page = login_page("agendacommissie@demo.ivzflow.nl")
    page.goto(f"{base_url}/meetings/{dvo_meeting}/agenda")
    _add_item(page, "Mededelingen", 10)
    _add_item(page, "Aanpak georganiseerde hennepteelt", 30)
    grip = page.get_by_role("button", name="Verplaats punt: Mededelingen")
    grip.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("status").filter(has_text="Mededelingen is nu punt 2")).to_be_visible()
    expect(grip).to_be_focused()
    expect(_titles(page)).to_have_text([re.compile(r"1\.\s+Aanpak"), re.compile(r"2\.\s+Mededelingen")])
    assert_accessible(page)
    page.reload()
    expect(_titles(page)).to_have_text([re.compile(r"1\.\s+Aanpak"), re.compile(r"2\.\s+Mededelingen")])


def test_the_printable_agenda_is_accessible(login_page, base_url, dvo_meeting, assert_accessible):
    page = login_page("agendacommissie@demo.ivzflow.nl")
    page.goto(f"{base_url}/meetings/{dvo_meeting}/agenda")
    _add_item(page, "Mededelingen", 10)
    page.get_by_role("link", name="Afdrukversie").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda DVO")
    expect(page.get_by_role("navigation")).to_have_count(0)
    assert_accessible(page)


def test_documents_record_and_standing_items_pages_are_accessible(login_page, base_url, dvo_meeting, live_app,
                                                                   assert_accessible, tmp_path):
    page = login_page("secretariaat@demo.ivzflow.nl")
    page.goto(f"{base_url}/meetings/{dvo_meeting}/record")  # planned, without an agenda: attendance can be kept
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verloop van DVO")
    expect(page.get_by_role("group", name=re.compile("Burgemeester|burgemeester|Voorzitter")).first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{base_url}/meetings/{dvo_meeting}/agenda")
    _add_item(page, "Voortgang aanpak woninginbraken", 20)
    page.get_by_role("link", name="Stukken (0) Voortgang aanpak woninginbraken").click()
    document = tmp_path / "notitie.txt"
    document.write_text("Beslispunten voor het DVO.\n", encoding="utf-8")
    page.get_by_label("Document", exact=True).set_input_files(str(document))
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("link", name="notitie.txt")).to_be_visible()
    assert_accessible(page)


    page.goto(f"{base_url}/bodies")
    page.get_by_role("link", name="DVO Twente", exact=True).click()
    page.get_by_role("link", name="Vaste agendapunten").click()
    page.get_by_label("Titel").fill("Terugkoppeling Regionaal Veiligheidsoverleg ON")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("row", name=re.compile("Terugkoppeling Regionaal"))).to_be_visible()
    assert_accessible(page)


# --- agendas that live: the Platform's offer, closing items, an amended agenda, the pack --------------------

PROPOSAL = "Pilot gezamenlijke aanpak ondermijning op bedrijventerreinen"
LATE_ITEM = "Nagekomen: cameratoezicht bij de kermis in Oldenzaal"


@pytest.fixture
def submitted_proposal(live_app, live_clock):
    """On the demo's 1 June 2015: a Platform meeting of its own on 4 June (so the next one whose agenda is
    open, and the demo's own Platform meetings stay as they are for the other browser tests), and a proposal
    to the DVO, submitted (awaiting the Platform's advice), with its voorstel as a PDF. Both go afterwards."""
    import io
    from datetime import date

    from weasyprint import HTML

    from ivzflow.accounts.models import User
    from ivzflow.decisions import route
    from ivzflow.decisions import services as decisions
    from ivzflow.decisions.documents import add_document
    from ivzflow.decisions.models import DecisionItem
    from ivzflow.meetings.models import Meeting
    from ivzflow.meetings.proposals import ADVICE_EFFECT, next_open_meeting
    from ivzflow.projects.governance import dvo_body
    from ivzflow.reminders.models import Notification, Reminder

    live_clock("2015-06-01T09:00")
    with live_app.app_context():
        platform = db.session.scalar(select(Body).where(Body.kind == "platform", Body.short_name == "Platform IVZ"))
        meeting = services.create_meeting(None, platform, clock.local_to_utc(date(2015, 6, 4), 9, 30), 120,
                                          publish=True)
        secretariat = db.session.scalar(select(User).where(User.email == "secretariaat@demo.ivzflow.nl"))
        item = decisions.create_item(secretariat, decision_body=dvo_body(), title=PROPOSAL, confidentiality="openbaar",
                                     points=["Het DVO stemt in met een pilot van een jaar op drie bedrijventerreinen."])
        # submitted: in the state from which the Platform's advice is recorded, its advice aimed at this meeting
        item.state = next(t.from_state for t in item.workflow_version.transitions if ADVICE_EFFECT in t.effects)
        route.advice_step(item).meeting_id = meeting.id
        pdf = HTML(string="<h1>Voorstel</h1><p>Gezamenlijke controles op bedrijventerreinen.</p>").write_pdf()
        add_document(secretariat, item, io.BytesIO(pdf), "voorstel-ondermijning.pdf")
        db.session.commit()
        assert next_open_meeting(platform.id).id == meeting.id
        ids = item.id, meeting.id, meeting.name
    yield ids
    with live_app.app_context():
        db.session.execute(delete(Notification).where(Notification.key.in_(
            select(Reminder.key).where(Reminder.subject_type == "meeting", Reminder.subject_id == ids[1]))))
        db.session.delete(db.session.get(Meeting, ids[1]))
        db.session.delete(db.session.get(DecisionItem, ids[0]))
        db.session.commit()


def _deliver_amendment_notice(live_app, meeting_id: int, email: str) -> None:
    """What the scheduler's sweep does for this one message (the live server runs no scheduler)."""
    from ivzflow.accounts.models import User
    from ivzflow.core import clock
    from ivzflow.reminders.models import Reminder
    from ivzflow.reminders.sweep import _deliver

    with live_app.app_context(), live_app.test_request_context(base_url=live_app.config["LIVE_URL"]):
        user = db.session.scalar(select(User).where(User.email == email))
        reminder = db.session.scalar(select(Reminder).where(
            Reminder.kind == "agenda_amended", Reminder.subject_id == meeting_id, Reminder.user_id == user.id))
        _deliver(reminder, clock.now())
        reminder.processed_at, reminder.outcome = clock.now(), "delivered"
        db.session.commit()


def test_platform_agenda_offers_the_proposal_then_is_sent_amended_and_packed(login_page, base_url, live_app,
                                                                            submitted_proposal, assert_accessible):
    import io
    import zipfile

    from pypdf import PdfReader

    item_id, meeting_id, meeting_name = submitted_proposal
    page = login_page("agendacommissie@demo.ivzflow.nl")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base_url}/meetings/{meeting_id}/agenda")

    # The Platform agenda offers the submitted proposal; one click places it before the closing item.
    offers = page.get_by_role("region", name="Voorstellen voor advies van het Platform")
    expect(offers).to_contain_text(PROPOSAL)
    assert_accessible(page)
    offers.get_by_role("button", name=f"Op de agenda plaatsen {PROPOSAL}").click()
    expect(page.get_by_role("status").filter(has_text="staat op de agenda als punt")).to_be_visible()
    # no longer offered (with the route branch only proposals aimed at this meeting are offered: it was the
    # only one, so the list goes altogether)
    expect(page.locator(f"#offer-{item_id}")).to_have_count(0)
    titles = _titles(page).all_inner_texts()
    assert PROPOSAL in titles[-2] and "Rondvraag" in titles[-1], titles
    number = int(titles[-2].split(".")[0])
    expect(page.locator("ol.agenda-items")).to_contain_text("voorstel-ondermijning.pdf")

    # Fixed and sent; then a late item is added, which also lands before the closing item.
    page.get_by_role("button", name="Agenda vaststellen").click()
    expect(page.get_by_role("status").filter(has_text="De agenda is vastgesteld.")).to_be_visible()
    page.get_by_role("button", name="Agenda verzenden").click()
    expect(page.get_by_role("status").filter(has_text="De agenda is verzonden")).to_be_visible()
    _add_item(page, LATE_ITEM, 10)
    titles = _titles(page).all_inner_texts()
    assert LATE_ITEM in titles[-2] and "Rondvraag" in titles[-1], titles
    changes = page.get_by_role("region", name="Gewijzigd na verzending")
    expect(changes).to_contain_text(f"Toegevoegd: {LATE_ITEM}")
    assert_accessible(page)
    changes.get_by_role("button", name="Gewijzigde agenda verzenden (versie 2)").click()
    expect(page.get_by_role("status").filter(has_text="Versie 2 van de agenda is verzonden")).to_be_visible()

    # A member of the Platform is told what changed, and reads it on the agenda, on a phone too.
    _deliver_amendment_notice(live_app, meeting_id, "projectleider@demo.ivzflow.nl")
    page.context.clear_cookies()
    page = login_page("projectleider@demo.ivzflow.nl")
    page.goto(f"{base_url}/notifications")
    expect(page.get_by_text(f"Agenda gewijzigd: {meeting_name}").first).to_be_visible()
    page.goto(f"{base_url}/meetings/{meeting_id}/agenda")
    changes = page.get_by_role("region", name="Gewijzigd na verzending")
    expect(changes).to_contain_text("Versie 2, verzonden")
    expect(changes).to_contain_text(f"Toegevoegd: {LATE_ITEM}")
    expect(changes.get_by_role("button")).to_have_count(0)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The pack holds every document the agenda lists, the proposal's too, in agenda order.
    with page.expect_download() as info:
        page.get_by_role("link", name="Agenda met stukken (PDF)").click()
    with open(info.value.path(), "rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    assert reader.metadata.title == f"Agenda {meeting_name}"
    assert reader.trailer["/Root"]["/Lang"] == "nl" and "/StructTreeRoot" in reader.trailer["/Root"]
    outline = [entry if isinstance(entry, list) else entry.title for entry in reader.outline]
    at = outline.index(f"{number}. {PROPOSAL}")
    assert [child.title for child in outline[at + 1]] == ["voorstel-ondermijning.pdf"]
    assert outline[at + 2] == f"{number + 1}. {LATE_ITEM}" and outline[-1].endswith("Rondvraag")
    assert "Gezamenlijke controles op bedrijventerreinen" in "".join(p.extract_text() for p in reader.pages)
    assert "Gewijzigde agenda, versie 2" in reader.pages[0].extract_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Alle stukken (zip)").click()
    with zipfile.ZipFile(info.value.path()) as archive:
        names = archive.namelist()
    assert names[0] == "agenda.pdf"
    assert f"{number:02d} {PROPOSAL}/voorstel-ondermijning.pdf" in names
