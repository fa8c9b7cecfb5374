"""Each role's start page names their next task; doing it makes the task, and the message about it, go away.

On a fresh demo (its own server, so what other browser tests did to the shared one does not matter), on
1 June 2015: the projectleider posts the status update that is due and asks the DVO for a decision; the
burgemeester of Tubbergen, trekker of the project, is asked to consent and does; the communication advisor
writes an advice; the secretariat approves it. Every page is checked with axe, the start page at 390 px too.
"""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in, sweep

PROTOCOL = "Protocol maatschappelijke onrust en calamiteiten in de zorg"


def tasks(page):
    return page.get_by_role("region", name="Wat u nu moet doen").get_by_role("listitem")


def unread(page) -> int:
    badge = page.get_by_role("navigation", name="Hoofdmenu").locator(".badge")
    return int(re.match(r"\d+", badge.inner_text()).group(0)) if badge.count() else 0


def test_each_role_sees_its_next_task_and_it_goes_when_done(page, fresh, assert_accessible):
    url = fresh.config["LIVE_URL"]

    def login(name: str):
        page.context.clear_cookies()
        return log_in(page, url, f"{name}@demo.ivzflow.nl")

    def home():
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overzicht").click()
        expect(page.get_by_role("heading", level=2, name="Wat u nu moet doen")).to_be_visible()

    # The projectleider: her draft of 28 May is overdue (the route aims it at the Platform of 10 June, whose
    # submission deadline was 27 May), then the status update before that Platform comes first.
    login("projectleider")
    expect(tasks(page).first).to_contain_text("Regionale aanpak fietsendiefstal bij stations")
    first = tasks(page).nth(1)
    expect(first).to_contain_text("Plaats de statusupdate van Aanpak woninginbraken")
    expect(first).to_contain_text("uiterlijk woensdag 3 juni 2015")
    assert_accessible(page)
    first.get_by_role("link").click()
    page.get_by_label("Groen – op koers").check()
    page.get_by_label("Voortgang in procenten").fill("50")
    page.get_by_label("Samenvatting").fill("De buurtpreventie-apps lopen in negen gemeenten.")
    page.get_by_label("Besluit nodig van het DVO").fill("Regionale inzet van een voorlichtingsbus in 2016.")
    page.get_by_role("button", name="Statusupdate plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanpak woninginbraken: besluit gevraagd")
    home()
    expect(tasks(page).filter(has_text="Plaats de statusupdate van Aanpak woninginbraken")).to_have_count(0)
    # the new draft waits for the trekker, not for her
    expect(tasks(page).filter(has_text="besluit gevraagd")).to_have_count(0)

    # The burgemeester of Tubbergen, trekker of the project, is asked to consent.
    sweep(fresh)
    login("lid")
    before = unread(page)
    consent = tasks(page).filter(has_text="Stem in met het voorstel 'Aanpak woninginbraken: besluit gevraagd'")
    expect(consent).to_contain_text("als bestuurlijk trekker van Aanpak woninginbraken")
    for deadline in ("Inleverdatum", "Agenda vastgesteld", "Stukken verzonden"):  # the secretariat's, not his
        expect(page.get_by_text(deadline)).to_have_count(0)
    expect(tasks(page).filter(has_text="agenda")).to_have_count(0)  # he reads agendas, he does not make them
    page.set_viewport_size({"width": 390, "height": 844})
    expect(consent).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    consent.get_by_role("link").click()
    page.get_by_role("button", name="Instemmen als bestuurlijk trekker").click()
    expect(page.get_by_role("status").first).to_contain_text("U hebt ingestemd met dit voorstel")
    home()
    expect(tasks(page).filter(has_text="Stem in met het voorstel")).to_have_count(0)
    assert unread(page) == before - 1  # the request is done, so it no longer counts
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile("Berichten")).click()
    asked = page.locator("ul.inbox li", has_text="Uw instemming gevraagd: Aanpak woninginbraken: besluit gevraagd")
    expect(asked).to_contain_text("afgehandeld")
    assert_accessible(page)

    # The projectleider can now submit her proposal.
    login("projectleider")
    expect(tasks(page).filter(has_text="Werk uw voorstel 'Aanpak woninginbraken: besluit gevraagd' af en dien "
                                       "het in")).to_have_count(1)

    # The communication advisor writes the advice for the soonest DVO.
    login("communicatie")
    write = tasks(page).filter(has_text=f"Schrijf het communicatieadvies bij '{PROTOCOL}'")
    expect(write).to_contain_text("uiterlijk woensdag 10 juni 2015")
    assert_accessible(page)
    write.get_by_role("link").click()
    page.get_by_label("Kernboodschap").fill("Eén protocol voor onrust in de zorg, voor gemeenten en partners.")
    page.get_by_label("Doelgroepen").fill("Zorgpartners, gemeenten")
    page.get_by_role("button", name="Advies opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("wacht op goedkeuring")
    home()
    expect(tasks(page).filter(has_text=f"Schrijf het communicatieadvies bij '{PROTOCOL}'")).to_have_count(0)
    expect(tasks(page).filter(has_text=f"Keur het communicatieadvies bij '{PROTOCOL}' goed")).to_have_count(0)

    # The secretariat is told, and approves it.
    sweep(fresh)
    login("secretariaat")
    approve = tasks(page).filter(has_text=f"Keur het communicatieadvies bij '{PROTOCOL}' goed")
    expect(approve).to_contain_text("geschreven door Iris Koopman")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    approve.get_by_role("link").click()
    page.get_by_role("button", name="Advies goedkeuren").click()
    expect(page.get_by_role("status").first).to_contain_text("Het communicatieadvies is goedgekeurd")
    home()
    expect(tasks(page).filter(has_text=f"Keur het communicatieadvies bij '{PROTOCOL}' goed")).to_have_count(0)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile("Berichten")).click()
    announced = page.locator("ul.inbox li", has_text=f"Communicatieadvies ter goedkeuring: {PROTOCOL}")
    expect(announced).to_contain_text("afgehandeld")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
