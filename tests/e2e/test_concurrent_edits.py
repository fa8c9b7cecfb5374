"""Two people in two browsers edit the same record: the second save is refused with a clear message and
the first one's text survives; nobody's work is silently overwritten."""
from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def _open_edit(page, base_url):
    page.goto(base_url + "/projects")
    page.get_by_role("link", name="Aanpak woninginbraken", exact=True).click()
    page.get_by_role("link", name="Analyse, ambitie en aanpak bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Analyse, ambitie en aanpak")


def test_the_second_of_two_simultaneous_edits_is_refused(browser, base_url, assert_accessible):
    leader_context, secretariat_context = browser.new_context(), browser.new_context()
    try:
        leader = log_in(leader_context.new_page(), base_url, "projectleider@demo.ivzflow.nl")
        secretariat = log_in(secretariat_context.new_page(), base_url, "secretariaat@demo.ivzflow.nl")
        _open_edit(leader, base_url)
        _open_edit(secretariat, base_url)

        leader.get_by_label("Aanpak").fill("Aanpak van de projectleider: buurtpreventie eerst.")
        leader.get_by_role("button", name="Opslaan").click()
        expect(leader.get_by_role("status").first).to_contain_text("Analyse, ambitie en aanpak zijn opgeslagen")

        secretariat.get_by_label("Aanpak").fill("Aanpak van het secretariaat.")
        secretariat.get_by_role("button", name="Opslaan").click()
        expect(secretariat.get_by_text("Iemand anders heeft dit intussen gewijzigd").first).to_be_visible()
        assert_accessible(secretariat)

        secretariat.goto(leader.url)
        expect(secretariat.locator("body")).to_contain_text("Aanpak van de projectleider: buurtpreventie eerst.")
        expect(secretariat.locator("body")).not_to_contain_text("Aanpak van het secretariaat.")
    finally:
        leader_context.close()
        secretariat_context.close()
