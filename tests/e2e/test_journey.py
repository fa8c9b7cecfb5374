"""One pass of the governance cycle, walked in Chromium by the demo users, each logged in as themselves.

Read this test first when you change a flow: it is the cycle as its users walk it, from a projectleider's
status update that asks the DVO for a decision to a municipality reporting its follow-up action done, with the
task and message of each step appearing and disappearing. It runs on its own fresh Twente demo (1 June 2015),
so what other browser tests do to the shared server does not matter. Every page is checked with axe; the
pages a mayor and a secretary use on the road are checked at 390 px too.
"""
import io
import re
import zipfile

from playwright.sync_api import expect
from weasyprint import HTML

from ivzflow.extensions import db
from tests.e2e.conftest import log_in, municipal_user, sweep

PROJECT = "Aanpak woninginbraken"
PROPOSAL = f"{PROJECT}: besluit gevraagd"
REQUEST = "Regionale inzet van een voorlichtingsbus in 2016."
BUS_PDF = HTML(string="<h1>Voorlichtingsbus voor elke kern</h1>").write_pdf()
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class Walk:
    """The browser, the clock and the scheduler of one walk through the cycle."""

    def __init__(self, page, app, assert_accessible):
        self.page, self.app, self.url, self.check = page, app, app.config["LIVE_URL"], assert_accessible

    def at(self, local_iso: str):
        """Move the app's clock to this moment (Amsterdam time); it runs on from there."""
        self.app.config["FAKE_NOW"] = local_iso
        self.app.extensions.pop("ivzflow.clock_offset", None)

    def sweep(self):
        sweep(self.app)

    def login(self, email: str):
        if "@" not in email:
            email = f"{email}@demo.ivzflow.nl"
        log_in(self.page, self.url, email)
        return self.page

    def home(self):
        self.page.goto(self.url + "/")
        expect(self.page.get_by_role("heading", level=2, name="Wat u nu moet doen")).to_be_visible()

    def tasks(self):
        return self.page.get_by_role("region", name="Wat u nu moet doen").get_by_role("listitem")

    def task(self, text: str):
        return self.tasks().filter(has_text=text)

    def accessible(self, phone: bool = False):
        self.check(self.page)
        if phone:
            self.page.set_viewport_size(PHONE)
            assert self.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            self.check(self.page)
            self.page.set_viewport_size(DESKTOP)

    def goto(self, path: str):
        self.page.goto(self.url + path)
        return self.page


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())


def test_one_pass_of_the_cycle(page, fresh, assert_accessible):
    walk = Walk(page, fresh, assert_accessible)
    page.set_viewport_size(DESKTOP)

    # --- The projectleider posts her status update and asks the DVO for a decision. ------------------------
    walk.login("projectleider")
    walk.task(f"Plaats de statusupdate van {PROJECT}").get_by_role("link").click()
    page.get_by_label("Groen – op koers").check()
    page.get_by_label("Voortgang in procenten").fill("50")
    page.get_by_label("Samenvatting").fill("De buurtpreventie-apps lopen in negen gemeenten.")
    page.get_by_label("Besluit nodig van het DVO").fill(REQUEST)
    page.get_by_role("button", name="Statusupdate plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROPOSAL)
    proposal_url = page.url
    route = page.get_by_role("region", name="Route")
    expect(route).to_contain_text("Platform IVZ")
    expect(route).to_contain_text("DVO Twente")
    expect(route).not_to_contain_text("Agendacommissie")
    expect(page.locator("dt:text-is('Bestuurlijk trekker') + dd")).to_contain_text("nog geen instemming")
    walk.accessible()
    # the proposal itself goes with it as a document
    page.get_by_label("Document").set_input_files(files=[{"name": "voorlichtingsbus.pdf",
                                                          "mimeType": "application/pdf", "buffer": BUS_PDF}])
    page.get_by_role("button", name="Document toevoegen").click()
    expect(page.locator("#item-documents")).to_contain_text("voorlichtingsbus.pdf")

    # --- The trekker is asked to consent, on his phone, and does. ---------------------------------------------
    walk.sweep()
    walk.login("lid")
    consent = walk.task(f"Stem in met het voorstel '{PROPOSAL}'")
    expect(consent).to_be_visible()
    walk.accessible(phone=True)
    consent.get_by_role("link").click()
    page.get_by_role("button", name="Instemmen als bestuurlijk trekker").click()
    expect(page.get_by_role("status").first).to_contain_text("U hebt ingestemd")
    walk.home()
    expect(walk.task("Stem in met het voorstel")).to_have_count(0)

    # --- The projectleider submits; the page says who acts next. ---------------------------------------------
    walk.login("projectleider")
    walk.task(f"'{PROPOSAL}'").get_by_role("link").click()
    page.get_by_label("Beoogde vergadering").select_option(label="DVO 1 juli 2015")
    page.get_by_role("button", name="Vergadering kiezen").click()
    page.get_by_role("button", name="Indienen bij Platform IVZ").click()
    expect(page.locator("#item-state")).to_have_text("Ingediend bij Platform IVZ")
    expect(page.locator("#item-guidance")).to_contain_text(
        "Nu aan de beurt: de agendacommissie — het voorstel op de agenda van Platform IVZ 10 juni 2015 plaatsen.")
    expect(page.locator("#item-guidance")).to_contain_text("Daarna: het secretariaat — Platform-advies vastleggen.")
    walk.accessible()

    # --- The communication advisor writes the advice; the secretariat is told and approves it. ---------------
    walk.login("communicatie")
    walk.task(f"Schrijf het communicatieadvies bij '{PROPOSAL}'").get_by_role("link").click()
    page.get_by_label("Kernboodschap").fill("Voorlichting komt naar u toe, in elke kern.")
    page.get_by_label("Doelgroepen").fill("Inwoners, ouderen")
    page.get_by_role("button", name="Advies opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("wacht op goedkeuring")
    walk.sweep()
    walk.login("secretariaat")
    approve = walk.task(f"Keur het communicatieadvies bij '{PROPOSAL}' goed")
    expect(approve).to_contain_text("Iris Koopman")  # a name, not an e-mail address
    walk.accessible(phone=True)
    approve.get_by_role("link").click()
    page.get_by_role("button", name="Advies goedkeuren").click()
    expect(page.get_by_role("status").first).to_contain_text("goedgekeurd")
    walk.home()
    expect(walk.task(f"Keur het communicatieadvies bij '{PROPOSAL}' goed")).to_have_count(0)

    # --- The agendacommissie places it on the Platform agenda it aims at: offered, one click. ----------------
    walk.login("agendacommissie")
    platform_id = meeting_id(fresh, "Platform IVZ", "2015-06-10")
    walk.goto(f"/meetings/{platform_id}/agenda")
    offers = page.get_by_role("region", name="Voorstellen voor advies van het Platform")
    expect(offers).to_contain_text(PROPOSAL)
    walk.accessible()
    offers.get_by_role("button", name=f"Op de agenda plaatsen {PROPOSAL}").click()
    titles = agenda_titles(page)
    assert PROPOSAL in titles[-2] and "Rondvraag" in titles[-1], titles

    # --- At the Platform's meeting the secretariat records its advice and reports the proposal ready. --------
    walk.at("2015-06-10T10:00")
    walk.login("secretariaat")
    walk.goto(proposal_url[len(walk.url):])
    page.get_by_label("Advies van het Platform").select_option(label="Positief")
    page.get_by_label("Tekst van het advies").fill("Het Platform steunt de inzet van de bus.")
    page.get_by_role("button", name="Platform-advies vastleggen").click()
    expect(page.locator("#item-state")).to_have_text("Platform-advies gegeven")
    expect(page.get_by_role("region", name="Route")).to_contain_text("Het Platform steunt de inzet van de bus.")
    page.get_by_role("button", name="Gereed voor de agendacommissie").click()
    expect(page.locator("#item-state")).to_have_text("Gereed voor agendacommissie")

    # --- The agendacommissie puts it on the DVO agenda: before the closing items. ---------------------------
    walk.login("agendacommissie")
    walk.goto(proposal_url[len(walk.url):])
    page.get_by_role("button", name="Agenderen voor het DVO").click()
    expect(page.locator("#item-state")).to_have_text("Geagendeerd voor DVO")
    dvo_id = meeting_id(fresh, "DVO Twente", "2015-07-01")
    walk.goto(f"/meetings/{dvo_id}/agenda")
    titles = agenda_titles(page)
    at = next(n for n, title in enumerate(titles) if PROPOSAL in title)
    assert all("Rondvraag" not in title for title in titles[:at]), titles
    expect(page.locator("ol.agenda-items")).to_contain_text("voorlichtingsbus.pdf")
    walk.accessible()

    # --- The secretariat fixes and sends the DVO agenda, then amends it and sends it again. -----------------
    walk.at("2015-06-17T10:00")
    walk.login("secretariaat")
    walk.goto(f"/meetings/{dvo_id}/agenda")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Agenda vaststellen").click()
    expect(page.get_by_role("status").filter(has_text="De agenda is vastgesteld.")).to_be_visible()
    page.get_by_role("button", name="Agenda verzenden").click()
    expect(page.get_by_role("status").filter(has_text="De agenda is verzonden")).to_be_visible()
    page.get_by_label("Titel").fill(LATE_ITEM)
    page.get_by_label("Duur in minuten").fill("10")
    page.get_by_role("button", name="Punt toevoegen").click()
    expect(page.get_by_role("region", name="Gewijzigd na verzending")).to_contain_text(f"Toegevoegd: {LATE_ITEM}")
    walk.home()  # the change waits to be sent: a task
    walk.task("Verstuur de gewijzigde agenda van DVO 1 juli 2015").get_by_role("link").click()
    changes = page.get_by_role("region", name="Gewijzigd na verzending")
    changes.get_by_role("button", name="Gewijzigde agenda verzenden (versie 2)").click()
    expect(page.get_by_role("status").filter(has_text="Versie 2 van de agenda is verzonden")).to_be_visible()
    walk.home()
    expect(walk.task("Verstuur de gewijzigde agenda")).to_have_count(0)

    # --- The pack holds every document the agenda lists, the proposal's too. --------------------------------
    pack = page.request.get(f"{walk.url}/meetings/{dvo_id}/agenda.pdf")
    assert pack.ok and "Voorlichtingsbus voor elke kern" in pdf_text(pack.body())
    archive = page.request.get(f"{walk.url}/meetings/{dvo_id}/agenda.zip")
    with zipfile.ZipFile(io.BytesIO(archive.body())) as zipped:
        assert any(name.endswith("/voorlichtingsbus.pdf") for name in zipped.namelist()), zipped.namelist()

    # --- The mayor is told what changed and reads the members' view on his phone. ---------------------------
    walk.sweep()
    walk.login("lid")
    walk.goto("/notifications")
    expect(page.get_by_text("Agenda gewijzigd: DVO 1 juli 2015").first).to_be_visible()
    walk.goto(f"/meetings/{dvo_id}/agenda")
    page.set_viewport_size(PHONE)
    expect(page.get_by_role("region", name="Gewijzigd na verzending")).to_contain_text(LATE_ITEM)
    expect(page.locator("#agenda")).to_contain_text(REQUEST)  # the decision point, not a readiness table
    expect(page.get_by_role("link", name="voorlichtingsbus.pdf")).to_be_visible()
    expect(page.get_by_text("Gereedheid")).to_have_count(0)
    walk.accessible(phone=True)
    page.set_viewport_size(DESKTOP)

    # --- On the day the secretariat records the meeting: all present in one click, outcomes entered once. ---
    walk.at("2015-07-01T15:10")
    walk.login("secretariaat")
    record = page.get_by_role("link", name="Vergadering van vandaag vastleggen: DVO 1 juli 2015")
    record.click()
    page.get_by_role("button", name="Iedereen aanwezig").click()
    expect(page.get_by_role("status").first).to_contain_text("Iedereen is als aanwezig vastgelegd")
    for select in page.locator("select[name$='-outcome']").all():  # ours and the other proposals
        select.select_option(label="Aangenomen")
    walk.accessible(phone=True)
    page.get_by_role("button", name="Verloop opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Het verloop van de vergadering is opgeslagen")
    page.get_by_role("link", name=f"Voorstel: {PROPOSAL}").click()
    expect(page.locator("#item-state")).to_have_text("Vastgesteld door DVO")  # the decision follows

    # --- A follow-up action for all municipalities. ---------------------------------------------------------
    page.get_by_role("link", name="Vervolgactie toevoegen").click()
    page.get_by_label("Actie", exact=True).fill("Meld de kernen aan voor de voorlichtingsbus.")
    page.get_by_label("Uiterlijk").fill("2015-09-01")
    page.get_by_label("Alle gemeenten (één status per gemeente)").check()
    page.get_by_role("button", name="Actie aanmaken").click()
    expect(page.get_by_text("0 van 14 afgehandeld")).to_be_visible()
    action_url = page.url

    # --- The besluitenlijst: attendance and every item's result. --------------------------------------------
    walk.goto(f"/meetings/{dvo_id}/decisions")
    expect(page.get_by_role("region", name="Aanwezigheid")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(re.escape(PROPOSAL)))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Aangenomen")
    expect(page.get_by_role("heading", name=re.compile(re.escape(LATE_ITEM)))).to_be_visible()
    walk.accessible()
    decisions_pdf = page.request.get(f"{walk.url}/meetings/{dvo_id}/decisions.pdf")
    assert PROPOSAL in pdf_text(decisions_pdf.body())
    walk.home()
    expect(walk.task("Vergadering van vandaag vastleggen")).to_have_count(0)

    # --- One municipality reports its part done. ------------------------------------------------------------
    walk.login(municipal_user(fresh))
    mine = walk.task("Meld de kernen aan voor de voorlichtingsbus")
    expect(mine).to_be_visible()
    mine.get_by_role("link").click()
    assert page.url == action_url
    page.get_by_label("Status van Gemeente Losser").select_option(label="Gereed")
    page.get_by_role("button", name=re.compile(r"^Opslaan\W+Gemeente Losser")).click()
    expect(page.get_by_text("1 van 14 afgehandeld")).to_be_visible()
    walk.accessible(phone=True)
    walk.home()
    expect(walk.task("Meld de kernen aan voor de voorlichtingsbus")).to_have_count(0)


LATE_ITEM = "Nagekomen: inzet boa's bij de TT in Tubbergen"


def meeting_id(app, body: str, day: str) -> int:
    from datetime import date, timedelta

    from sqlalchemy import select

    from ivzflow.bodies.models import Body
    from ivzflow.core import clock
    from ivzflow.meetings.models import Meeting

    on = date.fromisoformat(day)
    with app.app_context():
        return db.session.scalar(select(Meeting.id).join(Body, Body.id == Meeting.body_id).where(
            Body.name == body, Meeting.start_at >= clock.local_to_utc(on),
            Meeting.start_at < clock.local_to_utc(on + timedelta(days=1))))


def agenda_titles(page) -> list[str]:
    return page.locator("ol.agenda-items h3.item-title").all_inner_texts()
