"""The public site in a real browser, as a visitor without an account: accessible, and whole without JavaScript."""
import re

from playwright.sync_api import expect


def _read_the_dvo_decision_list(page, base_url, check=None):
    page.goto(base_url + "/openbaar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Openbare publicaties")
    check and check(page)
    page.get_by_role("link", name="DVO Twente", exact=True).click()
    expect(page.get_by_role("link", name="Volg de publicaties van dit gremium (Atom-feed)")).to_be_visible()
    check and check(page)
    page.get_by_role("link", name=re.compile("Besluitenlijst DVO 25 maart 2015")).click()
    expect(page.get_by_role("heading", name=re.compile("Deelname aan de Integrale Veiligheidsmonitor"))).to_be_visible()
    check and check(page)
    page.get_by_role("link", name="← DVO Twente").click()
    page.get_by_role("link", name=re.compile("Agenda DVO 20 mei 2015")).click()
    expect(page.get_by_role("heading", name=re.compile("Actieplan Platform IVZ"))).to_be_visible()
    expect(page.get_by_text("Bestedingsplan reserves")).to_have_count(0)  # intern: never on the public site
    check and check(page)
    page.get_by_role("link", name="← DVO Twente").click()
    page.get_by_role("link", name="Aanpak woninginbraken", exact=True).click()
    expect(page.get_by_role("heading", name="Mijlpalen")).to_be_visible()
    check and check(page)


def test_a_visitor_reads_the_published_records_without_login(page, base_url, assert_accessible):
    _read_the_dvo_decision_list(page, base_url, assert_accessible)
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_public_site_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        _read_the_dvo_decision_list(context.new_page(), base_url)
    finally:
        context.close()


def test_the_publication_settings_page_is_accessible(login_page, base_url, assert_accessible):
    page = login_page("secretariaat@demo.ivzflow.nl")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gremia", exact=True).click()
    page.get_by_role("link", name="DVO Twente", exact=True).click()
    page.get_by_role("link", name="Publicatie", exact=True).click()
    expect(page.get_by_label("Openbare besluitenlijsten publiceren zodra ze vastgesteld zijn")).to_be_checked()
    assert_accessible(page)
