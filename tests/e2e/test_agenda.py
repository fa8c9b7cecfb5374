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
