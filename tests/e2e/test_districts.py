"""Several districts in one installation, walked in Chromium (issue 18): IJsselland's secretariat works in its
own district — its proposals, calendar and portfolio — reads Twente's public project and what other districts
do, and finds Twente's intern work closed; Twente's secretariat sees its DVO decision continued at the RVO and
the result back on its DVO agenda; the administrator's new-district wizard. Every page passes axe, also on a
phone."""
import re

from playwright.sync_api import expect

IJSSELLAND = "secretariaat.ijsselland@demo.ivzflow.nl"


def narrow(page, assert_accessible):
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, page.url
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_second_districts_secretariat_works_in_its_own_district(login_page, base_url, assert_accessible):
    page = login_page(IJSSELLAND)
    page.goto(base_url + "/decisions")
    expect(page.get_by_role("link", name="Regionaal convenant veilig uitgaan IJsselland")).to_be_visible()
    expect(page.get_by_text("Aanpak woninginbraken")).to_have_count(0)
    assert_accessible(page)
    narrow(page, assert_accessible)

    page.goto(base_url + "/projects")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projecten")
    expect(page.get_by_text("Aanpak georganiseerde hennepteelt")).to_have_count(0)  # Twente's, not public
    page.get_by_role("link", name="Wat anderen doen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat anderen doen")
    page.get_by_role("link", name="Aanpak woninginbraken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanpak woninginbraken")
    assert_accessible(page)

    for path in ("/calendar", "/districts/", "/plannen/wat-anderen-doen"):
        page.goto(base_url + path)
        assert_accessible(page)
        narrow(page, assert_accessible)


def test_twentes_intern_work_is_closed_to_another_district(login_page, base_url):
    page = login_page(IJSSELLAND)
    page.goto(base_url + "/search?q=hennep")
    expect(page.get_by_role("heading", name="Convenant aanpak georganiseerde hennepteelt Twente")).to_have_count(0)
    response = page.goto(base_url + "/decisions?district=alle")
    assert response.status == 200
    expect(page.get_by_role("link", name="Regionaal convenant veilig uitgaan IJsselland")).to_be_visible()
    for intern in ("Convenant aanpak georganiseerde hennepteelt Twente", "Regionaal afstemmingsoverleg radicalisering"):
        expect(page.get_by_text(intern)).to_have_count(0)


def test_a_dvo_decision_continued_at_the_rvo_comes_back_on_the_dvo_agenda(login_page, base_url, assert_accessible):
    page = login_page("secretariaat@demo.ivzflow.nl")
    page.goto(base_url + "/decisions?district=alle")
    continued = page.get_by_role("link", name=re.compile("Actieplan")).first
    continued.click()
    expect(page.get_by_text(re.compile("Voortgezet bij|Vervolg op"))).to_be_visible()
    assert_accessible(page)
    page.goto(base_url + "/meetings?from=2015-07-01&to=2015-07-01")
    page.get_by_role("link", name=re.compile("DVO 1 juli 2015")).first.click()
    page.goto(page.url.rstrip("/") + "/agenda")
    expect(page.get_by_role("heading", name=re.compile("Terugkoppeling RVO ON: Actieplan"))).to_be_visible()
    assert_accessible(page)


def test_the_administrator_starts_a_district_with_the_wizard(login_page, base_url, assert_accessible):
    page = login_page("admin@demo.ivzflow.nl")
    page.goto(base_url + "/districts/new")
    assert_accessible(page)
    narrow(page, assert_accessible)
