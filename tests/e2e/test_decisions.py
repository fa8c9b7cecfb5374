"""The whole route of one proposal in a real browser: draft → Platform advice → communication advice →
placed on the DVO agenda → adopted → an action for all municipalities → one municipality reports it done.
Every main page is checked for accessibility."""
import io
import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.e2e.conftest import municipal_user, sweep
from tests.e2e.test_tasks import tasks

TITLE = "Inbraakpreventie bij vakantiewoningen"


def nav(page, name: str):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True)


def platform_meeting_id(live_app) -> int:
    """The Platform IVZ meeting of 10 June 2015."""
    from datetime import date

    from sqlalchemy import select

    from ivzflow.bodies.models import Body
    from ivzflow.core import clock
    from ivzflow.extensions import db
    from ivzflow.meetings.models import Meeting

    with live_app.app_context():
        return db.session.scalar(select(Meeting.id).join(Body, Body.id == Meeting.body_id).where(
            Body.short_name == "Platform IVZ", Meeting.start_at >= clock.local_to_utc(date(2015, 6, 10)),
            Meeting.start_at < clock.local_to_utc(date(2015, 6, 11))))


def send_agenda_of_july(live_app):
    """The agenda of the DVO of 1 July is sent (its own flow is tested in test_agenda)."""
    from datetime import date

    from sqlalchemy import select

    from ivzflow.core import clock
    from ivzflow.extensions import db
    from ivzflow.meetings.models import Meeting

    with live_app.app_context():
        meeting = db.session.scalar(select(Meeting).where(
            Meeting.name == "DVO 1 juli 2015", Meeting.start_at >= clock.local_to_utc(date(2015, 7, 1))))
        if meeting.state in ("planned", "preparing", "fixed"):
            meeting.state, meeting.is_published = "sent", True
            db.session.commit()



def test_a_proposal_goes_the_whole_route(page, login_page, base_url, live_app, live_clock, assert_accessible):
    live_clock("2015-06-01T09:00")

    def login(email: str):
        """Log out (which ends the session everywhere) and log in as the next user."""
        if page.get_by_role("button", name="Uitloggen").count():
            page.get_by_role("button", name="Uitloggen").click()
            expect(page.get_by_label("E-mailadres")).to_be_visible()
        return login_page(email)

    def jump(when: str):
        """Days later: the session of the day before has ended (idle), so the next user starts at the login."""
        live_clock(when)
        page.context.clear_cookies()
        page.goto(base_url + "/login")

    # The projectleider drafts the proposal and submits it to the Platform.
    page = login("projectleider@demo.ivzflow.nl")
    page.goto(base_url + "/decisions/new")
    assert_accessible(page)
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Besluitvormend gremium").select_option(label="DVO Twente")
    page.get_by_label("Beslispunten").fill("Het DVO stemt in met een zomercampagne tegen inbraken.\n"
                                           "Gemeenten informeren eigenaren van vakantiewoningen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#item-state")).to_have_text("Concept")
    item_url = page.url
    # the proposal itself goes with it as a document
    page.get_by_label("Document").set_input_files(files=[{"name": "zomercampagne.pdf", "mimeType": "application/pdf",
                                                          "buffer": b"%PDF-1.4\n%%EOF\n"}])
    page.get_by_role("button", name="Document toevoegen").click()
    expect(page.locator("#item-documents")).to_contain_text("zomercampagne.pdf")
    assert_accessible(page)
    page.get_by_label("Beoogde vergadering").select_option(label="DVO 1 juli 2015")
    page.get_by_role("button", name="Vergadering kiezen").click()
    page.get_by_role("button", name="Indienen bij Platform IVZ").click()
    expect(page.locator("#item-state")).to_have_text("Ingediend bij Platform IVZ")
    assert_accessible(page)

    # The agendacommissie places it on the agenda of the Platform meeting its route aims at (10 June): since
    # the route branch the Platform advises only in its meeting, on whose agenda the proposal is.
    page = login("agendacommissie@demo.ivzflow.nl")
    page.goto(f"{base_url}/meetings/{platform_meeting_id(live_app)}/agenda")
    offers = page.get_by_role("region", name="Voorstellen voor advies van het Platform")
    offers.get_by_role("button", name=f"Op de agenda plaatsen {TITLE}").click()
    expect(page.locator("ol.agenda-items")).to_contain_text(TITLE)

    # At that meeting the secretariat records the Platform's advice and reports it ready for the agendacommissie.
    jump("2015-06-10T10:00")
    page = login("secretariaat@demo.ivzflow.nl")
    page.goto(item_url)
    page.get_by_label("Advies van het Platform").select_option(label="Positief")
    page.get_by_label("Tekst van het advies").fill("Het Platform steunt de campagne.")
    page.get_by_role("button", name="Platform-advies vastleggen").click()
    page.get_by_role("button", name="Gereed voor de agendacommissie").click()
    expect(page.locator("#item-state")).to_have_text("Gereed voor agendacommissie")

    # The agendacommissie cannot place it yet, and is told why.
    page = login("agendacommissie@demo.ivzflow.nl")
    page.goto(item_url)
    expect(page.get_by_role("button", name="Agenderen voor het DVO")).to_be_disabled()
    expect(page.locator("#why-agenderen")).to_contain_text("communicatieadvies is nog niet goedgekeurd")
    assert_accessible(page)

    # The communication advisor writes the advice from the work list.
    page = login("communicatie@demo.ivzflow.nl")
    nav(page, "Communicatieadvies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Communicatieadvies: werklijst")
    expect(page.get_by_role("row", name=re.compile(TITLE))).to_contain_text("DVO 1 juli 2015")
    assert_accessible(page)
    page.get_by_role("row", name=re.compile(TITLE)).get_by_role("link", name=re.compile("^Schrijven")).click()
    page.get_by_label("Kernboodschap").fill("Ook op vakantie blijft uw huis veilig.")
    page.get_by_label("Doelgroepen").fill("Eigenaren van vakantiewoningen, inwoners")
    page.get_by_label("Woordvoerder").fill("Burgemeester Tubbergen")
    page.get_by_label("Timing").fill("Begin juli, voor de zomervakantie")
    page.get_by_label("Gemeente Tubbergen").check()
    page.get_by_label("Openbaarmaking (Woo)").select_option(label="Actief openbaar maken")
    assert_accessible(page)
    page.get_by_role("button", name="Advies opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("wacht op goedkeuring")

    # The secretariat approves it.
    page = login("secretariaat@demo.ivzflow.nl")
    page.goto(item_url + "/advice")
    page.get_by_role("button", name="Advies goedkeuren").click()
    expect(page.get_by_role("status").first).to_contain_text("goedgekeurd")

    # Now the agendacommissie places it on the agenda of the DVO of 1 July.
    page = login("agendacommissie@demo.ivzflow.nl")
    page.goto(item_url)
    page.get_by_role("button", name="Agenderen voor het DVO").click()
    expect(page.locator("#item-state")).to_have_text("Geagendeerd voor DVO")

    # At the meeting (its agenda sent) the secretariat records the outcomes on the meeting record, once;
    # the DVO's decision follows from them.
    send_agenda_of_july(live_app)
    jump("2015-07-01T13:45")
    page = login("secretariaat@demo.ivzflow.nl")
    page.goto(item_url)
    page.get_by_role("link", name="Besluit per beslispunt vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verloop van DVO 1 juli 2015")
    ours = page.locator("fieldset.record-item").filter(has=page.get_by_role("link", name=f"Voorstel: {TITLE}"))
    for select in ours.locator("select[name$='-outcome']").all():
        select.select_option(label="Aangenomen")
    ours.locator("textarea[name$='-text']").nth(1).fill("Gemeenten doen dit voor 15 juli.")
    assert_accessible(page)
    page.get_by_role("button", name="Verloop opslaan").click()
    page.goto(item_url)
    expect(page.locator("#item-state")).to_have_text("Vastgesteld door DVO")
    assert_accessible(page)

    # An action for all municipalities.
    page.get_by_role("link", name="Vervolgactie toevoegen").click()
    page.get_by_label("Actie", exact=True).fill("Informeer de eigenaren van vakantiewoningen.")
    page.get_by_label("Uiterlijk").fill("2015-07-15")
    page.get_by_label("Alle gemeenten (één status per gemeente)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Actie aanmaken").click()
    expect(page.get_by_text("0 van 14 afgehandeld")).to_be_visible()
    action_url = page.url

    # The decision list of the meeting shows it, also as PDF.
    meeting_id = re.search(r'href="/meetings/(\d+)"', page.goto(item_url).text()).group(1)
    page.goto(f"{base_url}/meetings/{meeting_id}/decisions")
    expect(page.get_by_role("heading", name=re.compile(TITLE))).to_be_visible()
    assert_accessible(page)
    pdf = page.request.get(f"{base_url}/meetings/{meeting_id}/decisions.pdf")
    from pypdf import PdfReader
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages).split())
    assert TITLE in text

    # One municipality reports its part done.
    page = login(municipal_user(live_app))
    nav(page, "Acties").click()
    mine = page.get_by_role("region", name=re.compile("Mijn acties"))
    expect(mine).to_contain_text("Informeer de eigenaren van vakantiewoningen")
    assert_accessible(page)
    mine.get_by_role("link", name=re.compile("Informeer de eigenaren")).click()
    assert page.url == action_url
    page.get_by_label("Status van Gemeente Losser").select_option(label="Gereed")
    page.get_by_role("button", name=re.compile(r"^Opslaan\W+Gemeente Losser")).click()
    expect(page.get_by_role("row", name=re.compile("Gemeente Losser"))).to_contain_text("Gereed")
    expect(page.get_by_text("1 van 14 afgehandeld")).to_be_visible()
    expect(page.get_by_label("Status van Gemeente Oldenzaal")).to_have_count(0)
    assert_accessible(page)


def test_administrator_sees_the_workflow_as_diagram_and_table(page, login_page, base_url, assert_accessible):
    page = login_page("admin@demo.ivzflow.nl")
    nav(page, "Workflows").click()
    assert_accessible(page)
    page.get_by_role("link", name="DVO-voorstel").click()
    diagram = page.get_by_role("img", name=re.compile("Diagram van DVO-voorstel"))
    expect(diagram).to_be_visible()
    expect(page.locator("svg.workflow-diagram")).to_contain_text("Geagendeerd voor DVO")
    expect(page.get_by_role("row", name=re.compile("Agenderen voor het DVO"))).to_contain_text(
        "communication_advice_approved")
    assert_accessible(page)
    page.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_label("Definitie (JSON)")).to_contain_text('"dvo_voorstel"')
    assert_accessible(page)


def test_a_status_update_asking_the_dvo_goes_the_dvo_route_with_the_trekkers_consent(page, fresh, assert_accessible):
    """Status update with a DVO request → draft routed Platform (advice) → DVO (decision), trekker from the
    project → the trekker is asked by a message and a task, and consents → submitted → the page says who is
    next: the agendacommissie puts it on the Platform's agenda, then the secretariat records the advice."""
    from sqlalchemy import select

    from ivzflow.accounts.models import User
    from ivzflow.extensions import db
    from ivzflow.projects.models import Project

    url = fresh.config["LIVE_URL"]
    with fresh.app_context():
        project_id = db.session.scalar(select(Project.id).where(Project.title == "Aanpak woninginbraken"))
        trekker = db.session.scalar(select(User).where(User.email == "lid@demo.ivzflow.nl")).display_name

    def login(name: str):
        page.context.clear_cookies()
        return log_in(page, url, f"{name}@demo.ivzflow.nl")

    def guidance():
        return " ".join(page.locator("#item-guidance").inner_text().split())

    # The projectleider asks the DVO for a decision in her status update: a draft on the DVO route.
    login("projectleider")
    page.goto(f"{url}/projects/{project_id}/status-updates/new")
    page.get_by_label("Groen – op koers").check()
    page.get_by_label("Voortgang in procenten").fill("50")
    page.get_by_label("Samenvatting").fill("De buurtpreventie-apps lopen in negen gemeenten.")
    page.get_by_label("Besluit nodig van het DVO").fill("Regionale inzet van een voorlichtingsbus in 2016.")
    page.get_by_role("button", name="Statusupdate plaatsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanpak woninginbraken: besluit gevraagd")
    item_url = page.url
    steps = page.locator("ol.route > li")
    expect(steps.first).to_contain_text("Platform IVZ — advies")
    expect(steps.last).to_contain_text("DVO Twente — besluit")
    expect(page.locator("ol.route")).not_to_contain_text("Agendacommissie")
    expect(page.locator("dl.facts")).to_contain_text(f"{trekker} — nog geen instemming")
    assert guidance().startswith(f"Nu aan de beurt: {trekker} (bestuurlijk trekker) — instemmen met het voorstel.")
    assert_accessible(page)

    # Under "Bewerken" the lists are the DVO's; she aims it at the DVO of 1 July, the trekker stays.
    page.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_label("Besluitvormend gremium")).to_have_value(
        page.get_by_label("Besluitvormend gremium").locator("option", has_text="DVO Twente").get_attribute("value"))
    expect(page.get_by_label("Bestuurlijk trekker").locator("option:checked")).to_contain_text(trekker)
    expect(page.get_by_role("button", name="Kies gremium en project")).to_be_hidden()  # the script does it
    expect(page.get_by_label("Beoogde vergadering").locator("option", has_text="Agendacommissie")).to_have_count(0)
    page.get_by_label("Beoogde vergadering").select_option(label="DVO 1 juli 2015")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Het voorstel is bijgewerkt")
    expect(page.locator("dl.facts")).to_contain_text("DVO 1 juli 2015")
    expect(page.locator("dl.facts")).to_contain_text(trekker)

    # The trekker is asked by a message with a link, and by a task on his start page; he consents.
    sweep(fresh)
    login("lid")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile("Berichten")).click()
    asked = page.locator("ul.inbox li", has_text="Uw instemming gevraagd: Aanpak woninginbraken: besluit gevraagd")
    expect(asked).to_have_count(1)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overzicht").click()
    tasks(page).filter(has_text="Stem in met het voorstel 'Aanpak woninginbraken: besluit gevraagd'") \
        .get_by_role("link").click()
    assert page.url == item_url
    page.get_by_role("button", name="Instemmen als bestuurlijk trekker").click()
    expect(page.get_by_role("status").first).to_contain_text("U hebt ingestemd met dit voorstel")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile("Berichten")).click()
    expect(asked).to_contain_text("afgehandeld")

    # The projectleider submits it; the page says who acts next and what.
    login("projectleider")
    page.goto(item_url)
    assert guidance().startswith("Nu aan de beurt: de indiener (")
    page.get_by_role("button", name="Indienen bij Platform IVZ").click()
    expect(page.locator("#item-state")).to_have_text("Ingediend bij Platform IVZ")
    expect(page.locator("#item-guidance")).to_contain_text(
        "Nu aan de beurt: de agendacommissie — het voorstel op de agenda van Platform IVZ 10 juni 2015 plaatsen.")
    expect(page.locator("#item-guidance")).to_contain_text("Daarna: het secretariaat — Platform-advies vastleggen.")
    expect(page.get_by_text("U kunt op dit moment geen stap zetten")).to_have_count(0)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("#item-guidance")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
