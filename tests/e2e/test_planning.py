"""The secretariat plans next year in a real browser: AB VRT dates, the DVO, Platform and agendacommissie
calendars generated from their rules, reviewed, published, and the body feed subscribed."""
import re

from icalendar import Calendar
from playwright.sync_api import expect


def nav(page, name: str):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True)


def open_body(page, name: str):
    nav(page, "Gremia").click()
    page.get_by_role("link", name=name, exact=True).click()


def test_secretariat_plans_2017_publishes_and_subscribes(page, login_page, base_url, live_clock, assert_accessible):
    live_clock("2016-10-01T09:00")
    login_page("secretariaat@demo.ivzflow.nl")
    expect(page.get_by_role("heading", name="Vraagt aandacht")).to_be_visible()  # 2017 is not planned yet

    # the AB VRT dates of 2017, entered one by one
    open_body(page, "Algemeen Bestuur Veiligheidsregio Twente")
    page.get_by_role("link", name="Vergaderingen").first.click()
    new_meeting = page.url.split("/plan")[0] + "/meetings/new"
    for day in ("2017-02-01", "2017-03-29", "2017-05-24", "2017-07-05", "2017-10-04", "2017-12-06"):
        page.goto(new_meeting)
        page.get_by_label("Datum").fill(day)
        page.get_by_label("Begintijd").fill("15:30")
        page.get_by_role("button", name="Plannen").click()
        expect(page.get_by_role("status").first).to_contain_text("De vergadering is gepland")

    for body, count in (("DVO Twente", 6), ("Platform IVZ", 6), ("Agendacommissie Platform IVZ", 6)):
        open_body(page, body)
        page.get_by_role("link", name="Vergaderingen").first.click()
        page.get_by_role("link", name="2017 →").click()
        page.get_by_role("button", name="Jaar 2017 plannen volgens de regel").click()
        expect(page.get_by_role("status").first).to_contain_text(f"{count} vergaderingen gepland als concept")
        rows = page.locator("table.plan tbody tr")
        expect(rows).to_have_count(count)
        expect(rows.first).to_contain_text("concept")
        assert_accessible(page)
        page.get_by_role("button", name="Concepten publiceren").click()
        expect(page.get_by_role("status").first).to_contain_text(f"{count} vergaderingen gepubliceerd")
        expect(page.locator("table.plan")).not_to_contain_text("concept")

    # a feed link, then the DVO's feed holds its 2017 meetings
    page.goto(base_url + "/calendar/subscribe")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^(Link maken|Nieuwe link maken)")).click()
    row = page.get_by_role("row", name=re.compile("^DVO Twente"))
    feed_path = "/feeds/" + row.locator("code").inner_text().strip().split("/feeds/", 1)[1]
    response = page.request.get(base_url + feed_path)  # links carry BASE_URL; this server runs elsewhere
    assert response.status == 200
    starts = sorted(e.decoded("DTSTART").date().isoformat() for e in Calendar.from_ical(response.body()).walk("VEVENT"))
    assert [d for d in starts if d.startswith("2017")] == [
        "2017-02-01", "2017-03-29", "2017-05-24", "2017-07-05", "2017-10-04", "2017-12-06"]
