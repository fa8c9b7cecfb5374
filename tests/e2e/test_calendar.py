"""The calendar in a real browser: the secretariat imports the AB VRT dates, reads them in the month
view and subscribes to a feed; each page checked for accessibility."""
import re

from playwright.sync_api import expect

AB_DATES = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//NL\r
BEGIN:VEVENT\r
UID:ab-2016-1\r
SUMMARY:AB VRT\r
DTSTART;TZID=Europe/Amsterdam:20160321T140000\r
DTEND;TZID=Europe/Amsterdam:20160321T160000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ab-2016-2\r
SUMMARY:AB VRT\r
DTSTART;TZID=Europe/Amsterdam:20160404T140000\r
DURATION:PT2H\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_secretariat_imports_ab_dates_and_sees_them_in_the_month(login_page, base_url, assert_accessible):
    page = login_page("secretariaat@demo.ivzflow.nl")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gremia", exact=True).click()
    page.get_by_role("link", name="Algemeen Bestuur Veiligheidsregio Twente").click()
    page.get_by_role("link", name=re.compile("Vergaderdata inlezen")).click()
    assert_accessible(page)
    page.get_by_label("iCalendar-bestand (.ics)").set_input_files(
        files=[{"name": "ab-vrt-2016.ics", "mimeType": "text/calendar", "buffer": AB_DATES}])
    page.get_by_role("button", name="Voorvertoning").click()
    expect(page.get_by_role("status").first).to_contain_text("2 van de 2 afspraken worden ingelezen")
    assert_accessible(page)
    page.get_by_role("button", name="2 vergaderingen inlezen en publiceren").click()
    expect(page.get_by_text("2 vergaderingen van Algemeen Bestuur Veiligheidsregio Twente ingelezen")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("AB VRT 21 maart 2016"))).to_contain_text("14:00")
    assert_accessible(page)

    page.goto(base_url + "/calendar?month=2016-03")
    table = page.get_by_role("table", name="maart 2016")
    expect(table.get_by_role("columnheader", name="ma")).to_be_visible()
    expect(table.get_by_role("link", name="14:00 AB VRT 21 maart 2016")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("april 2016")).click()
    expect(page.get_by_role("table", name="april 2016")).to_contain_text("AB VRT 4 april 2016")


def test_member_subscribes_to_the_feed(login_page, base_url, assert_accessible):
    page = login_page("lid@demo.ivzflow.nl")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kalender", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Abonneren in uw agenda").click()
    page.get_by_role("button", name="Link maken").click()
    url = page.locator("#feed-me").inner_text()
    assert re.fullmatch(r"http://127\.0\.0\.1:5000/feeds/[A-Za-z0-9_-]+/me\.ics", url)
    assert_accessible(page)
    feed = page.request.get(base_url + url.removeprefix("http://127.0.0.1:5000"))
    assert feed.ok and feed.text().startswith("BEGIN:VCALENDAR")
    page.get_by_role("button", name="Link intrekken").click()
    expect(page.get_by_text("U hebt nu geen actieve link.")).to_be_visible()
    assert page.request.get(base_url + url.removeprefix("http://127.0.0.1:5000")).status == 404
