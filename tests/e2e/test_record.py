"""The secretariat records the DVO of 1 July 2015 in a real browser, also on a phone: the dashboard names the
task, everyone is present in one click and the exceptions follow, the outcome per decision point is entered
once and the DVO's decision follows on the proposal, and the besluitenlijst shows attendance and every result."""
import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect


@pytest.fixture
def july_dvo(live_app):
    """The DVO of 1 July 2015 with its agenda sent (the agenda's own flow is tested in test_agenda)."""
    from sqlalchemy import select

    from ivzflow.bodies.models import Body
    from ivzflow.core import clock
    from ivzflow.extensions import db
    from ivzflow.meetings.models import Meeting

    with live_app.app_context():
        dvo = db.session.scalar(select(Body).where(Body.name == "DVO Twente"))
        meeting = db.session.scalar(select(Meeting).where(
            Meeting.body_id == dvo.id, Meeting.start_at >= clock.local_to_utc(date(2015, 7, 1)),
            Meeting.start_at < clock.local_to_utc(date(2015, 7, 2))))
        if meeting.state in ("planned", "preparing", "fixed"):
            meeting.state, meeting.is_published = "sent", True
            db.session.commit()
        return meeting.id, meeting.name


def test_secretariat_records_the_dvo_and_the_decisions_follow(page, login_page, base_url, live_clock, july_dvo,
                                                             assert_accessible):
    meeting_id, name = july_dvo
    live_clock("2015-07-01T15:10")  # the DVO met from half past one
    page.set_viewport_size({"width": 390, "height": 844})
    login_page("secretariaat@demo.ivzflow.nl")

    # The dashboard names the task and leads to the record page.
    task = page.get_by_role("link", name=f"Vergadering van vandaag vastleggen: {name}")
    expect(task).to_be_visible()
    task.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verloop van {name}")
    rows = page.locator("fieldset.attendance-row")
    assert rows.count() >= 14  # the mayors and the rest of the DVO
    expect(page.locator("select[name$='-stand_in_id']:visible")).to_have_count(0)  # asked only for 'Vervangen'
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    attendance_height = page.locator("#attendance-heading").evaluate("h => h.parentElement.offsetHeight")
    assert attendance_height < 150 * rows.count(), attendance_height  # was 6,600 px with a list of 78 on each row
    assert_accessible(page)

    # Everyone present in one click, then the exceptions.
    page.get_by_role("button", name="Iedereen aanwezig").click()
    expect(page.get_by_role("status").first).to_contain_text("Iedereen is als aanwezig vastgelegd")
    absent, replaced = rows.nth(1), rows.nth(2)
    absent_name = absent.locator("legend").inner_text().split(" — ")[0]
    replaced_name = replaced.locator("legend").inner_text().split(" — ")[0]
    absent.get_by_label("Afwezig met bericht").check()
    replaced.get_by_label("Vervangen", exact=True).check()
    stand_in = replaced.get_by_label("Vervangen door")
    expect(stand_in).to_be_visible()
    options = stand_in.locator("option").all_inner_texts()
    assert 1 < len(options) <= 15, options  # the deputy and colleagues of the member, not every person
    stand_in.select_option(index=1)
    stand_in_name = options[1].replace(" (plaatsvervanger)", "")

    # The outcome per decision point, entered once: the first proposal adopted, the second deferred.
    proposals = page.locator("fieldset.record-item").filter(has=page.locator("select[name$='-outcome']"))
    assert proposals.count() >= 2
    adopted, deferred = proposals.nth(0), proposals.nth(1)
    adopted_title = adopted.get_by_role("link", name=re.compile("^Voorstel: ")).inner_text().removeprefix("Voorstel: ")
    deferred_title = deferred.get_by_role("link", name=re.compile("^Voorstel: ")).inner_text().removeprefix("Voorstel: ")
    for select in adopted.locator("select[name$='-outcome']").all():
        select.select_option(label="Aangenomen")
    for select in deferred.locator("select[name$='-outcome']").all():
        select.select_option(label="Aangehouden")
    deferred.locator("textarea[name$='-text']").first.fill("Eerst de gemeenteraden horen.")
    page.get_by_role("button", name="Verloop opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Het verloop van de vergadering is opgeslagen")
    expect(page.locator("dl.facts")).to_contain_text("gehouden")
    assert_accessible(page)

    # The DVO's decision followed on the proposal, with its step in the timeline.
    page.get_by_role("link", name=f"Voorstel: {adopted_title}").click()
    expect(page.locator("#item-state")).to_have_text("Vastgesteld door DVO")
    expect(page.locator("main")).to_contain_text("Volgt uit het verloop van " + name)
    page.go_back()
    page.get_by_role("link", name=f"Voorstel: {deferred_title}").click()
    expect(page.locator("#item-state")).to_have_text("Geagendeerd voor DVO")
    expect(page.locator("main")).not_to_contain_text("Beoogde vergadering " + name)

    # The besluitenlijst: attendance and every item's result, also in the PDF.
    page.goto(f"{base_url}/meetings/{meeting_id}/decisions")
    attendance = page.get_by_role("region", name="Aanwezigheid")
    expect(attendance).to_contain_text(absent_name)
    expect(attendance).to_contain_text(f"{stand_in_name} voor {replaced_name}")
    expect(attendance.locator("dd").last).not_to_contain_text(replaced_name)  # not absent: replaced
    expect(page.get_by_role("heading", name=re.compile(re.escape(adopted_title)))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Aangenomen")
    expect(page.locator("main")).to_contain_text("Aangehouden — Eerst de gemeenteraden horen.")
    expect(page.get_by_role("heading", name=re.compile("Opening"))).to_be_visible()  # a standing item too
    assert_accessible(page)
    pdf = page.request.get(f"{base_url}/meetings/{meeting_id}/decisions.pdf")
    from pypdf import PdfReader
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages).split())
    assert "Aanwezigheid" in text and absent_name in text and adopted_title in text and "Aangehouden" in text

    # The task is done: the dashboard no longer asks it.
    page.goto(base_url + "/")
    expect(page.get_by_role("link", name=f"Vergadering van vandaag vastleggen: {name}")).to_have_count(0)
