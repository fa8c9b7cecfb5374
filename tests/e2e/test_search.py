"""Searching as a new user would: the projectleider types "hennep" in the header's search box and finds the
cannabis project, its proposal, the DVO's decision and the line inside the attached PDF; the results page is
accessible, also on a phone; a member of another body finds the project but no confidential agenda item."""
from playwright.sync_api import expect


def test_the_projectleider_searches_hennep_from_the_header(login_page, base_url, assert_accessible):
    page = login_page("projectleider@demo.ivzflow.nl")
    box = page.get_by_role("search", name="Zoek in ivzflow").get_by_label("Zoek in ivzflow")
    box.fill("hennep")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    results = page.locator("ol.search-results")
    for title in ("Aanpak georganiseerde hennepteelt", "Convenant aanpak georganiseerde hennepteelt Twente",
                  "DVO 20 mei 2015", "Uitvoeringsprotocol hennep Twente.pdf"):
        expect(results.get_by_role("heading", name=title).first).to_be_visible()
    expect(results.locator("mark", has_text="hennepkwekerij")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Resultaten per soort").get_by_role("link", name="Documenten").click()
    expect(results.get_by_role("heading")).to_have_count(1)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_a_member_of_the_dvo_finds_no_confidential_platform_item(login_page, base_url):
    page = login_page("lid@demo.ivzflow.nl")
    page.goto(base_url + "/search?q=hennep")
    results = page.locator("ol.search-results")
    expect(results.get_by_role("heading", name="Aanpak georganiseerde hennepteelt").first).to_be_visible()
    expect(results.get_by_text("Agendapunt", exact=True)).to_have_count(0)
