"""Regional projects in a real browser: the projectleider reports, a member only reads."""
import re

from playwright.sync_api import expect


def nav(page, name: str):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True)


def test_projectleider_posts_an_amber_update_and_sees_it_in_the_portfolio(login_page, base_url, assert_accessible):
    page = login_page("projectleider@demo.ivzflow.nl")
    nav(page, "Projecten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projecten")
    assert_accessible(page)
    page.get_by_role("link", name="Aanpak woninginbraken", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanpak woninginbraken")
    chart = page.get_by_role("img", name=re.compile("Woninginbraken in Twente: werkelijk tegen streefwaarde"))
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Cijfers: Woninginbraken in Twente"))).to_contain_text("1.895")
    assert_accessible(page)

    page.get_by_role("link", name="Statusupdate plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statusupdate plaatsen")
    assert_accessible(page)
    page.get_by_label("Oranje – aandacht nodig").check()
    page.get_by_label("Voortgang in procenten").fill("45")
    page.get_by_label("Samenvatting").fill("Communicatiestrategie loopt vertraging op door capaciteit.")
    page.get_by_label("Besluit nodig van het DVO").fill("Extra budget voor de voorlichtingsbus in 2016.")
    page.get_by_role("button", name="Statusupdate plaatsen").click()
    expect(page.get_by_role("status").first).to_contain_text("De statusupdate is geplaatst")
    # the request for a decision became a draft proposal for the DVO, which opens next
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanpak woninginbraken: besluit gevraagd")
    expect(page.locator("ol.points")).to_contain_text("Extra budget voor de voorlichtingsbus in 2016.")
    assert_accessible(page)
    page.locator("dl.facts").get_by_role("link", name="Aanpak woninginbraken").click()
    expect(page.locator("#status")).to_be_visible()
    expect(page.get_by_text("Status: Groen → Oranje")).to_be_visible()
    assert_accessible(page)

    nav(page, "Projecten").click()
    row = page.get_by_role("row", name=re.compile("Aanpak woninginbraken"))
    expect(row).to_contain_text("Oranje")
    expect(row).to_contain_text("45%")
    expect(row).to_contain_text("vandaag")

    report = page.request.get(base_url + "/projects/report.pdf")
    assert report.status == 200 and report.body().startswith(b"%PDF")


def test_member_reads_but_sees_no_edit_controls_and_is_refused_the_edit_page(login_page, base_url,
                                                                             assert_accessible):
    page = login_page("lid@demo.ivzflow.nl")
    nav(page, "Projecten").click()
    page.get_by_role("link", name="Aanpak georganiseerde hennepteelt", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanpak georganiseerde hennepteelt")
    expect(page.get_by_role("link", name="Statusupdate plaatsen")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("bewerken", re.IGNORECASE))).to_have_count(0)
    expect(page.get_by_role("link", name="Activiteit toevoegen")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(page.url + "/edit")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dat lukte niet")


def test_portfolio_works_on_a_phone(login_page, base_url, assert_accessible):
    page = login_page("lid@demo.ivzflow.nl")
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(base_url + "/projects")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projecten")
    expect(page.get_by_label("Soort")).to_be_visible()
    assert_accessible(page)
