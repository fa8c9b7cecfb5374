"""Demo data: a dozen proposals of Twente in spring 2015, taken along their route by the demo users.

Every step goes through the real engine and services, each at its moment in the story (the clock is
frozen at that moment with clock.frozen_at), so the timelines, guards and decision lists are what the
application itself would have produced. The DVO meetings of 25 March and 20 May are reopened while their
history is replayed and get their held state back at the end.

On 1 June 2015 (the story date) one sees:
- the decision list of the DVO of 20 May 2015: the action plan and the spending plan adopted, the
  burglary progress report noted, the Bibob rule rejected and camera surveillance deferred to 1 July; the
  action plan's follow-up action fanned out to all 14 municipalities, some of them done; the list of
  25 March, adopted on 20 May;
- the burglary proposal of the projectleider (bestuurlijk trekker: the burgemeester of Tubbergen, the
  login lid@) ready for the agendacommissie for the DVO of 1 July, with a communication advice that is
  written but not approved yet, so the agendacommissie cannot place it on the agenda;
- proposals in draft, submitted to the Platform, with Platform advice, on the agenda of 1 July, and one
  that also needs the opinions of the Veiligheidsdirectie and the Kring van Gemeentesecretarissen.
Proposals are not linked to projects (project_id is empty) as long as ivzflow has no projects.
"""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.decisions import actions, documents, services
from ivzflow.demo import demo_pdf
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings.models import Meeting
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.workflows import engine


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return clock.local_to_utc(day, hour, minute)


class Story:
    """The cast and the meetings, and the steps they take, each at a given moment."""

    def __init__(self) -> None:
        users = {u.email.split("@")[0]: u for u in db.session.scalars(
            select(User).where(User.email.like("%@demo.ivzflow.nl")))}
        self.sec, self.pl, self.ac = users["secretariaat"], users["projectleider"], users["agendacommissie"]
        self.com, self.lid = users["communicatie"], users["lid"]
        self.dvo = db.session.scalar(select(Body).where(Body.short_name == "DVO"))
        self.meetings = {m.local_day: m for m in db.session.scalars(
            select(Meeting).where(Meeting.body_id == self.dvo.id))}
        self.platform = {m.local_day: m for m in db.session.scalars(
            select(Meeting).join(Body).where(Body.short_name == "Platform IVZ"))}
        self.people = {p.function: p for p in db.session.scalars(select(Person).where(Person.function.is_not(None)))}

    def mayor(self, town: str) -> int:
        return next(p.id for f, p in self.people.items() if f.startswith(f"burgemeester {town}"))

    def person(self, function: str) -> int:
        return self.people[function].id

    def draft(self, when: datetime, by: User, title: str, points: list[str], *, meeting: date | None = None,
              **values) -> DecisionItem:
        with clock.frozen_at(when):
            return services.create_item(by, decision_body=self.dvo, title=title, points=points,
                                        target_meeting_id=self.meetings[meeting].id if meeting else None, **values)

    def step(self, item: DecisionItem, name: str, by: User, when: datetime, comment: str | None = None,
             **params) -> None:
        with clock.frozen_at(when):
            engine.take(item, name, by, comment, params)

    def on_platform_agenda(self, item: DecisionItem, meeting: Meeting) -> None:
        """The agendacommissie put the proposal on the Platform's agenda (the meeting, held since, is reopened
        while this is replayed)."""
        state, meeting.state = meeting.state, "preparing"
        with clock.frozen_at(meeting.start_at - timedelta(days=7)):
            placed = agenda.add_item(self.ac, meeting, title=item.title[:300], duration_minutes=15,
                                     is_public=item.confidentiality == "openbaar",
                                     presenter=item.trekker.name if item.trekker else None)
        placed.decision_item_id = item.id
        meeting.state = state

    def platform_advice(self, item: DecisionItem, day: date, advice: str, text: str) -> None:
        meeting = self.platform[day]
        self.on_platform_agenda(item, meeting)
        self.step(item, "platform_advies", self.sec, meeting.start_at + timedelta(hours=2), advice=advice,
                  advice_text=text, meeting_id=meeting.id)

    def advice(self, item: DecisionItem, written: datetime, approved: datetime | None, *, key_message: str,
               audiences: str, spokesperson: str, timing: str, inform: list[int] = (), woo: str = "actief") -> None:
        advice = item.communication_advice
        with clock.frozen_at(written):
            services.save_advice(self.com, advice, version=advice.version, key_message=key_message,
                                 audiences=audiences, spokesperson=spokesperson, timing=timing, embargo_until=None,
                                 woo_disclosure=woo, woo_note=None, inform_ids=list(inform))
        if approved is not None:
            with clock.frozen_at(approved):
                services.approve_advice(self.sec, advice, advice.version)

    def decide(self, item: DecisionItem, transition: str, outcomes: list[tuple[str, str | None]], **params) -> None:
        """At the meeting: the outcome per point, then the DVO's decision as a step of the route."""
        when = item.target_meeting.start_at + timedelta(minutes=30 + 10 * item.id % 60)
        with clock.frozen_at(when):
            services.record_outcomes(self.sec, item, {p.id: o for p, o in zip(item.points, outcomes)}, item.version)
        self.step(item, transition, self.sec, when + timedelta(minutes=1), **params)

    def to_ready(self, item: DecisionItem, by: User, submitted: datetime, platform_day: date, ready: datetime,
                 advice_text: str) -> None:
        self.step(item, "indienen", by, submitted)
        self.platform_advice(item, platform_day, "positief", advice_text)
        self.step(item, "gereed_melden", by, ready)


def _municipalities() -> dict[str, int]:
    return {o.short_name: o.id for o in db.session.scalars(
        select(Organisation).where(Organisation.classification == "gemeente"))}


def load() -> None:
    """Add the proposals, decisions, decision lists and actions of the story (flush, no commit)."""
    s = Story()
    march, may, july = date(2015, 3, 25), date(2015, 5, 20), date(2015, 7, 1)
    reopened = {day: s.meetings[day].state for day in (march, may)}
    for day in reopened:
        s.meetings[day].state = "planned"  # as they were while these proposals went their way
    towns = _municipalities()

    # --- decided on 25 March, done since --------------------------------------------------------------
    ivm = s.draft(at(date(2015, 2, 10)), s.sec, "Deelname aan de Integrale Veiligheidsmonitor 2015", [
        "Alle veertien gemeenten nemen deel aan de Integrale Veiligheidsmonitor (IVM) van september 2015.",
        "De kosten worden gedeeld naar rato van het aantal inwoners."],
        meeting=march, trekker_id=s.mayor("Haaksbergen"), confidentiality="openbaar",
        summary="<p>De IVM wordt eens in de vier jaar gehouden; de resultaten komen in maart 2016.</p>")
    s.to_ready(ivm, s.sec, at(date(2015, 2, 12)), date(2015, 3, 4), at(date(2015, 3, 4), 14),
               "Het Platform adviseert positief; TWENS voert de monitor uit.")
    s.advice(ivm, at(date(2015, 3, 2)), at(date(2015, 3, 4), 15), key_message="Twente meet opnieuw hoe veilig "
             "inwoners zich voelen.", audiences="Inwoners, gemeenteraden", spokesperson="Burgemeester Haaksbergen",
             timing="Na het DVO, met de start van het veldwerk in september")
    s.step(ivm, "agenderen", s.ac, at(date(2015, 3, 4), 16))
    s.decide(ivm, "vaststellen", [("adopted", "Conform voorstel."), ("adopted", None)])
    s.step(ivm, "uitvoeren", s.sec, at(date(2015, 3, 26)))
    with clock.frozen_at(at(date(2015, 3, 26), 11)):
        contact = actions.create_action(s.sec, ivm, description="Lever per gemeente een contactpersoon voor de "
                                        "IVM 2015 aan bij TWENS.", due_on=date(2015, 4, 30),
                                        owner_person_id=s.person("IVZ-coördinator gemeente Haaksbergen"))
    with clock.frozen_at(at(date(2015, 4, 28))):
        actions.set_action_status(s.sec, contact, "done", "Alle contactpersonen zijn bekend.", contact.version)
    s.step(ivm, "afronden", s.sec, at(date(2015, 5, 15)))

    # --- on the DVO of 20 May -------------------------------------------------------------------------
    plan = s.draft(at(date(2015, 3, 30)), s.sec, "Actieplan Platform IVZ Twente 2015-2016", [
        "Het DVO stelt het actieplan Platform IVZ Twente 2015-2016 vast.",
        "De speerpunten zijn de aanpak van woninginbraken, woonoverlast door psychisch kwetsbaren en de aanpak "
        "van georganiseerde hennepteelt.",
        "Gemeenten verwerken de speerpunten in hun lokale uitvoeringsprogramma's."],
        meeting=may, trekker_id=s.mayor("Haaksbergen"), confidentiality="openbaar")
    report = s.draft(at(date(2015, 4, 7)), s.pl, "Voortgangsrapportage aanpak woninginbraken, eerste kwartaal 2015",
                     ["Het DVO neemt kennis van de voortgang van de aanpak woninginbraken."], meeting=may,
                     kind="information", trekker_id=s.lid.person_id, confidentiality="openbaar")
    budget = s.draft(at(date(2015, 4, 1)), s.sec, "Bestedingsplan reserves Platform IVZ", [
        "Uit de reserves wordt twee jaar extra coördinatiecapaciteit (0,66 fte) bekostigd.",
        "Het restant van ongeveer EUR 50.000 blijft beschikbaar voor regionale projecten."],
        meeting=may, trekker_id=s.mayor("Haaksbergen"))
    cameras = s.draft(at(date(2015, 4, 2)), s.sec, "Regionale beleidsregel cameratoezicht bij evenementen", [
        "Het DVO stemt in met een regionale beleidsregel voor tijdelijk cameratoezicht bij evenementen."],
        meeting=may, trekker_id=s.mayor("Hengelo"), confidentiality="openbaar")
    bibob = s.draft(at(date(2015, 4, 3)), s.sec, "Regionale inzet van de Wet Bibob bij horecavergunningen", [
        "Alle gemeenten passen de Wet Bibob op dezelfde wijze toe bij horecavergunningen."],
        meeting=may, trekker_id=s.mayor("Hof van Twente"))
    for n, item in enumerate((plan, report, budget, cameras, bibob)):
        s.to_ready(item, s.pl if item is report else s.sec, at(date(2015, 4, 14), 9 + n), date(2015, 4, 29),
                   at(date(2015, 4, 29), 13, 10 * n), "Het Platform adviseert positief.")
        if item.kind == "decision":
            s.advice(item, at(date(2015, 4, 22), 9 + n), at(date(2015, 4, 29), 14, 5 * n),
                     key_message=f"{item.title}: het DVO besluit op 20 mei.", audiences="Gemeenten, partners",
                     spokesperson="Voorzitter DVO Twente", timing="Na het DVO van 20 mei 2015")
        else:  # a report to take note of: the secretariat records why no advice is needed
            with clock.frozen_at(at(date(2015, 4, 29), 14, 5 * n)):
                services.waive_advice(s.sec, item.communication_advice, "Ter kennisname; de rapportage is al "
                                      "openbaar via de gemeenten.", item.communication_advice.version)
        s.step(item, "agenderen", s.ac, at(date(2015, 4, 29), 15, 5 * n))
    s.decide(plan, "vaststellen", [("adopted", None), ("adopted", None),
                                   ("amended", "Gemeenten doen dit uiterlijk bij hun uitvoeringsprogramma 2016.")])
    s.decide(report, "kennisnemen", [("noted", None)])
    s.decide(budget, "vaststellen", [("adopted", None), ("adopted", None)])
    s.decide(cameras, "aanhouden", [("deferred", "Eerst de ervaringen van de zomerevenementen afwachten.")],
             meeting_id=s.meetings[july].id)
    s.decide(bibob, "afwijzen", [("rejected", "Gemeenten houden hun eigen Bibob-beleid.")])
    s.step(plan, "uitvoeren", s.sec, at(date(2015, 5, 21)))
    s.step(budget, "uitvoeren", s.sec, at(date(2015, 5, 21)))
    with clock.frozen_at(at(date(2015, 5, 21), 11)):
        fan_out = actions.create_action(
            s.sec, plan, description="Verwerk de regionale speerpunten in het lokale uitvoeringsprogramma en meld "
            "de lokale contactpersoon per speerpunt.", due_on=date(2015, 7, 1), all_municipalities=True,
            point_id=plan.points[2].id)
        website = actions.create_action(s.sec, plan, description="Publiceer het actieplan op de websites van de "
                                        "gemeenten en de Veiligheidsregio.", due_on=date(2015, 6, 15),
                                        owner_person_id=s.com.person_id)
        capacity = actions.create_action(s.sec, budget, description="Werf de extra coördinatiecapaciteit en meld "
                                         "de start aan het Platform IVZ.", due_on=date(2015, 5, 29),
                                         owner_person_id=s.sec.person_id, point_id=budget.points[0].id)
    parts = {a.organisation_id: a for a in fan_out.assignments}
    reports = [("Hengelo", "done"), ("Almelo", "done"), ("Enschede", "done"), ("Borne", "done"),
               ("Haaksbergen", "done"), ("Losser", "in_progress"), ("Wierden", "in_progress")]
    for n, (town, status) in enumerate(reports):
        part = parts[towns[town]]
        with clock.frozen_at(at(date(2015, 5, 25 + n % 5), 10 + n)):
            actions.set_assignment_status(s.sec, part, status, None, part.version)
    with clock.frozen_at(at(date(2015, 5, 26))):
        actions.set_action_status(s.com, website, "in_progress", "Tekst staat klaar.", website.version)
    assert capacity.status == "open"
    with clock.frozen_at(at(may, 15, 30)):
        services.adopt_decision_list(s.sec, s.meetings[march], s.meetings[may])

    # --- where things stand on 1 June -----------------------------------------------------------------
    burglary = s.draft(at(date(2015, 4, 8)), s.pl, "Aanpak woninginbraken: regionale inzet van buurtpreventie-apps", [
        "Het DVO stemt in met de regionale inzet van buurtpreventie-apps en WhatsApp-groepen.",
        "Gemeenten wijzen een lokale beheerder aan voor de buurtpreventie-apps.",
        "Het ministerie wordt gevraagd de subsidie voor de aanpak woninginbraken te verlengen."],
        meeting=july, trekker_id=s.lid.person_id, confidentiality="openbaar",
        summary="<p>Onderdeel van het speerpunt aanpak woninginbraken: ten hoogste 1.895 inbraken in 2015.</p>")
    s.to_ready(burglary, s.pl, at(date(2015, 4, 14), 15), date(2015, 4, 29), at(date(2015, 5, 27), 11),
               "Het Platform steunt de regionale inzet; let op de privacyafspraken met de politie.")
    s.advice(burglary, at(date(2015, 5, 28), 16), None, key_message="Samen met bewoners houden we inbrekers buiten.",
             audiences="Inwoners, buurtpreventieteams, gemeenteraden", spokesperson="Burgemeester Tubbergen",
             timing="Na het DVO van 1 juli, voor de zomervakantie", inform=[towns["Tubbergen"], towns["Dinkelland"]])

    nuisance = s.draft(at(date(2015, 4, 9)), s.sec, "Regionaal meldpunt woonoverlast door psychisch kwetsbaren", [
        "Het DVO stemt in met één regionaal meldpunt woonoverlast bij het Veiligheidshuis Twente.",
        "De provinciale subsidie wordt ingezet voor de eerste twee jaar."],
        meeting=july, trekker_id=s.mayor("Hellendoorn"))
    s.to_ready(nuisance, s.sec, at(date(2015, 4, 15), 9), date(2015, 4, 29), at(date(2015, 5, 6)),
               "Positief; betrek de GGD Twente bij de uitwerking.")
    s.advice(nuisance, at(date(2015, 5, 12)), at(date(2015, 5, 13)), key_message="Eén plek voor meldingen van "
             "woonoverlast.", audiences="Woningcorporaties, zorgpartners, inwoners", spokesperson="Burgemeester "
             "Hellendoorn", timing="Na het DVO van 1 juli")
    s.step(nuisance, "agenderen", s.ac, at(date(2015, 5, 27), 14))

    protocol = s.draft(at(date(2015, 4, 10)), s.sec, "Protocol maatschappelijke onrust en calamiteiten in de zorg", [
        "Het DVO stelt het regionale protocol maatschappelijke onrust en calamiteiten in de zorg vast."],
        meeting=july, trekker_id=s.mayor("Rijssen-Holten"), touches_both_agendas=True)
    s.to_ready(protocol, s.sec, at(date(2015, 4, 15), 10), date(2015, 4, 29), at(date(2015, 5, 20), 9),
               "Positief, mits de Veiligheidsdirectie en de Kring meebesluiten.")
    directie = next(c for c in protocol.route if c.body.short_name == "Veiligheidsdirectie")
    with clock.frozen_at(at(date(2015, 5, 26), 15)):
        services.record_opinion(s.sec, directie, "akkoord", "Past in het regionaal crisisplan.")

    hemp = s.draft(at(date(2015, 4, 13)), s.sec, "Convenant aanpak georganiseerde hennepteelt Twente", [
        "Het DVO stemt in met het convenant met woningcorporaties en netbeheerders.",
        "De gemeenten passen het Damoclesbeleid uniform toe."], trekker_id=s.mayor("Hengelo"))
    with clock.frozen_at(at(date(2015, 4, 14), 16)):
        documents.add_document(s.sec, hemp, io.BytesIO(demo_pdf.protocol_pdf()), "Uitvoeringsprotocol hennep Twente.pdf")
    s.step(hemp, "indienen", s.sec, at(date(2015, 4, 15), 11))
    s.platform_advice(hemp, date(2015, 4, 29), "aanpassen", "Werk de afspraken met de woningcorporaties uit en "
                      "stem af met het RIEC.")

    radical = s.draft(at(date(2015, 5, 18)), s.sec, "Regionaal afstemmingsoverleg radicalisering", [
        "Het DVO stemt in met een regionaal afstemmingsoverleg over signalen van radicalisering."],
        trekker_id=s.mayor("Enschede"), confidentiality="vertrouwelijk")
    s.step(radical, "indienen", s.sec, at(date(2015, 5, 25)))

    s.draft(at(date(2015, 5, 28), 15), s.pl, "Regionale aanpak fietsendiefstal bij stations", [
        "Het DVO vraagt de politie en de gemeenten met een station om een gezamenlijke aanpak."])

    for day, state in reopened.items():
        s.meetings[day].state = state
    db.session.flush()
