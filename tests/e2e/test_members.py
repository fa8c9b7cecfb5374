"""The mayor's experience, as a board portal gives it: on his phone the burgemeester of Tubbergen (a member of
the DVO who only reads) opens the DVO agenda and reads per item the decision points, their outcome, the earlier
advice and the documents; not the readiness table or the minutes of those who prepare it. He has no "Nieuw
voorstel", and his calendar holds the meetings, not the secretariat's deadlines. Every page checked with axe.
"""
import re

from playwright.sync_api import expect

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CAMERAS = "Regionale beleidsregel cameratoezicht bij evenementen"


def test_the_mayor_reads_the_dvo_agenda_on_his_phone(page, base_url, login_page, live_clock, assert_accessible):
    live_clock("2015-06-01T09:00")

    # the secretariat adds the draft policy rule to the proposal, and has the deadlines in its calendar
    login_page("secretariaat@demo.ivzflow.nl")
    page.goto(base_url + "/decisions")
    page.get_by_role("link", name=CAMERAS).first.click()
    page.get_by_label("Document").set_input_files(
        files=[{"name": "beleidsregel-cameratoezicht.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Document toevoegen").click()
    expect(page.get_by_role("link", name="beleidsregel-cameratoezicht.pdf")).to_be_visible()
    page.goto(base_url + "/calendar?month=2015-06")
    expect(page.locator("li.deadline").first).to_be_visible()
    page.context.clear_cookies()

    page.set_viewport_size({"width": 390, "height": 844})
    login_page("lid@demo.ivzflow.nl")
    expect(page.get_by_text("Inleverdatum")).to_have_count(0)  # the secretariat's deadlines are not on his start page
    page.goto(base_url + "/calendar?month=2015-05")
    page.get_by_role("link", name=re.compile("DVO 20 mei 2015")).click()
    page.get_by_role("link", name="Agenda", exact=True).click()
    expect(page.get_by_role("heading", name="Agenda DVO 20 mei 2015", level=1)).to_be_visible()

    item = page.locator("li.agenda-item", has=page.get_by_role("heading", name=re.compile(CAMERAS)))
    expect(item.get_by_role("heading", name="Beslispunten")).to_be_visible()
    expect(item).to_contain_text("Het DVO stemt in met een regionale beleidsregel")
    expect(item).to_contain_text("Aangehouden")  # the outcome at this meeting
    expect(item.get_by_role("heading", name="Stukken")).to_be_visible()
    with page.expect_download() as download:
        item.get_by_role("link", name="beleidsregel-cameratoezicht.pdf").click()
    assert download.value.suggested_filename == "beleidsregel-cameratoezicht.pdf"
    plan = page.locator("li.agenda-item", has=page.get_by_role("heading", name=re.compile("Actieplan Platform IVZ")))
    expect(plan.get_by_role("heading", name="Eerder behandeld")).to_be_visible()
    expect(plan).to_contain_text("Positief")  # the Platform's advice

    # what those who prepare the meeting see is not his
    expect(page.get_by_role("heading", name="Voorstellen voor deze vergadering")).to_have_count(0)
    expect(page.get_by_text("Tot hier")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^Duur"))).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    # no new proposal, and the page says why
    page.goto(base_url + "/decisions")
    expect(page.get_by_role("link", name="Nieuw voorstel")).to_have_count(0)
    assert_accessible(page)
    page.goto(base_url + "/decisions/new")
    expect(page.get_by_text("alleen leesrechten")).to_be_visible()

    # his calendar: the meetings, not the deadlines of others, until he chooses all of them
    page.goto(base_url + "/calendar?month=2015-06")
    expect(page.locator("li.meeting").first).to_be_visible()
    expect(page.locator("li.deadline")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Termijnen kiezen").click()
    page.get_by_label("Alle", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw kalender toont nu alle termijnen.")).to_be_visible()
    assert_accessible(page)
    page.goto(base_url + "/calendar?month=2015-06")
    expect(page.locator("li.deadline").first).to_be_visible()
    page.goto(base_url + "/profile")
    page.get_by_label("Alleen die voor mij").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw kalender toont nu alleen de termijnen waarop u moet handelen.")).to_be_visible()
