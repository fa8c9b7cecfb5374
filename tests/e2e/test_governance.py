"""The secretariat's main flows in a real browser, each page checked for accessibility."""
import re

from playwright.sync_api import expect


def nav(page, name: str):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True)


def test_login_page_is_accessible_and_refuses_a_wrong_password(page, base_url, assert_accessible):
    page.goto(base_url + "/login")
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill("secretariaat@demo.ivzflow.nl")
    page.get_by_label("Wachtwoord").fill("helemaal verkeerd wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Onbekend e-mailadres of onjuist wachtwoord").first).to_be_visible()
    assert_accessible(page)


def test_body_page_shows_the_agendacommissie(login_page, base_url, assert_accessible):
    page = login_page("lid@demo.ivzflow.nl")
    nav(page, "Gremia").click()
    page.get_by_role("link", name="Agendacommissie Platform IVZ", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agendacommissie Platform IVZ")
    expect(page.get_by_role("row", name=re.compile("Basisteam Midden"))).to_be_visible()
    assert_accessible(page)


def test_secretariat_rotates_the_midden_seat_and_sees_the_history(login_page, base_url, assert_accessible):
    page = login_page("secretariaat@demo.ivzflow.nl")
    nav(page, "Gremia").click()
    page.get_by_role("link", name="Agendacommissie Platform IVZ", exact=True).click()
    page.get_by_role("link", name="Zetel rouleren Basisteam Midden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zetel rouleren")
    expect(page.get_by_label("Volgende organisatie")).to_have_value(re.compile(r"\d+"))
    assert_accessible(page)
    page.get_by_label("Ingangsdatum nieuwe termijn").fill("2017-01-01")
    page.get_by_role("button", name="Zetel rouleren").click()
    expect(page.get_by_role("status").first).to_contain_text("neemt de zetel over")
    history = page.locator("table.history")
    expect(history).to_contain_text("Anne de Vries")
    expect(history).to_contain_text("Sanne Veldkamp")
    expect(history).to_contain_text("Rotatie")
    assert_accessible(page)
    page.goto(base_url + "/bodies")
    page.get_by_role("link", name="Agendacommissie Platform IVZ", exact=True).click()
    page.get_by_label("Peildatum").fill("2017-03-01")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("row", name=re.compile("Basisteam Midden"))).to_contain_text("Sanne Veldkamp")


def test_membership_history_of_a_person_is_accessible(login_page, base_url, assert_accessible):
    page = login_page("secretariaat@demo.ivzflow.nl")
    nav(page, "Personen").click()
    page.get_by_label("Zoeken").fill("Femke")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Femke Jansen").click()
    expect(page.get_by_role("heading", name="Alle lidmaatschappen")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Agendacommissie Platform IVZ")
    assert_accessible(page)


def test_menu_folds_behind_a_button_on_a_phone(login_page, assert_accessible):
    page = login_page("lid@demo.ivzflow.nl")
    page.set_viewport_size({"width": 375, "height": 740})
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(nav(page, "Gremia")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    nav(page, "Gremia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gremia")
    assert_accessible(page)
