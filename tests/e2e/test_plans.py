"""The plan cycle in a real browser: the agendacommissie reads the matrix, weighs the themes and drafts the
DVO proposal for the next action plan in one click."""
import re

from playwright.sync_api import expect


def nav(page, name: str):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True)


def test_agendacommissie_weighs_the_themes_and_drafts_the_dvo_proposal(login_page, live_clock, assert_accessible):
    live_clock("2016-06-01T09:00")
    page = login_page("agendacommissie@demo.ivzflow.nl")
    nav(page, "Beleidscyclus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themamatrix lokale veiligheidsplannen 2016")
    expect(page.locator("#qualifying li")).to_have_count(8)
    expect(page.get_by_role("row", name=re.compile("^Woninginbraken"))).to_contain_text("13")
    assert_accessible(page)
    page.get_by_label("Weergave").select_option("heat")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name="Heatmap")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Weging", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("actieplan 2015-2016")
    expect(page.locator("#speerpunten li")).to_have_count(3)
    assert_accessible(page)
    page.get_by_label("Eerste jaar van het actieplan").fill("2017")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("button", name="Begin de weging").click()
    expect(page.get_by_role("status").first).to_contain_text("De weging is geopend")
    expect(page.locator("fieldset.weighing-theme")).to_have_count(8)
    assert_accessible(page)

    burglary = page.get_by_role("group", name=re.compile("^Woninginbraken"))
    for letter in "abcdefghi":
        burglary.get_by_label(re.compile(rf"^{letter}\) ")).select_option("yes")
    burglary.get_by_label(re.compile(r"^Toelichting bij b\)")).fill("Nog altijd ruim 1.800 inbraken per jaar.")
    burglary.get_by_label("Voorstel voor dit thema").select_option("speerpunt")
    bikes = page.get_by_role("group", name=re.compile("^Fietsendiefstal"))
    bikes.get_by_label(re.compile(r"^g\) ")).select_option("no")
    bikes.get_by_label("Voorstel voor dit thema").select_option("aandachtsthema")
    page.get_by_label("Strategische opgaven (één per regel)").fill("Informatiepositie versterken")
    page.get_by_role("button", name="Weging opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De weging is opgeslagen")
    expect(page.locator("#speerpunten")).to_contain_text("Woninginbraken")
    expect(page.locator("#aandachtsthemas")).to_contain_text("Fietsendiefstal")
    expect(page.get_by_role("row", name=re.compile("^Woninginbraken")).first).to_contain_text("9/9")

    page.get_by_role("button", name="Stel het DVO-voorstel op").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regionale veiligheidsthema's actieplan Platform IVZ 2017-2018")
    expect(page.get_by_role("link", name="themamatrix-en-weging-2017-2018.pdf")).to_be_visible()
    assert_accessible(page)


def test_regiocoordinator_opens_the_2015_budget_and_the_policy_calendar(login_page, live_clock, assert_accessible,
                                                                         base_url):
    live_clock("2015-06-01T09:00")
    page = login_page("secretariaat@demo.ivzflow.nl")
    nav(page, "Beleidscyclus").click()
    page.get_by_role("link", name="Financiën", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Financiën Platform IVZ 2015")
    expect(page.locator("#municipal-total")).to_have_text("€ 93.913,80")
    expect(page.locator("#reserve-after")).to_contain_text("50.000,00")
    expect(page.get_by_role("row", name=re.compile("Extra projectcoördinatie"))).to_contain_text("0,66 fte")
    assert_accessible(page)
    invoice = page.request.get(base_url + "/financien/facturen.pdf?year=2015")
    assert invoice.status == 200 and invoice.body().startswith(b"%PDF")

    page.get_by_role("link", name="Beleidskalender", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beleidskalender")
    expect(page.get_by_text("Integrale Veiligheidsmonitor: meting 2015")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Themamatrix", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Themamatrix")
    assert_accessible(page)
