"""Demo data: the regional themes of the action plan 2015-2016 (chapter 3) as projects.

The three speerpunten (3.3), the three aandachtsthema's (3.4) and the five strategische opgaven (3.2),
with the activities the plan lists, the trekkers from the portfolio allocation (4.3), the indicators the
plan quantifies and the ministry's grant for burglary. Invented for the demo (and marked as such where
shown): who leads the attention themes and opgaven, the composition of the expert groups, the dates of
activities and milestones, and the text of the status updates, all dated before 1 June 2015.

`load()` adds everything in the current transaction (flush, no commit); the caller commits.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.bodies.models import Body
from ivzflow.bodies.services import appoint, save_body, save_seat
from ivzflow.extensions import db
from ivzflow.people.models import Person
from ivzflow.projects import items, services

START, END = date(2015, 1, 1), date(2016, 12, 31)
MID_2015 = date(2015, 7, 1)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PROJECTLEIDER_LOGIN = "projectleider@demo.ivzflow.nl"

# Expert groups of the projects (composition invented): key → (name, [(seat, role, person function prefix)]).
EXPERT_GROUPS = {
    "inbraak": ("Regiegroep aanpak woninginbraken", [
        ("Voorzitter (projectleider)", "chair", "IVZ-coördinator gemeente Tubbergen"),
        ("Gemeente Enschede", "member", "IVZ-coördinator gemeente Enschede"),
        ("Gemeente Hengelo", "member", "IVZ-coördinator gemeente Hengelo"),
        ("Gemeente Almelo", "member", "IVZ-coördinator gemeente Almelo"),
        ("Politie", "member", "adviseur politie"),
        ("Communicatie", "advisor", "projectcoördinator en communicatie IVZ")]),
    "woonoverlast": ("Projectgroep woonoverlast door psychisch kwetsbaren", [
        ("Voorzitter (projectleider)", "chair", "IVZ-coördinator gemeente Hellendoorn"),
        ("GGD Twente", "member", "vertegenwoordiger GGD Twente"),
        ("Veiligheidshuis Twente", "member", "programmamanager Veiligheidshuis Twente"),
        ("Politie", "member", "adviseur politie"),
        ("Centrumgemeente Enschede (zorg)", "member", "vertegenwoordiger centrumgemeente Enschede zorg"),
        ("Gemeente Rijssen-Holten", "member", "IVZ-coördinator gemeente Rijssen-Holten")]),
    "hennep": ("Werkgroep Hennep", [
        ("Voorzitter (projectleider)", "chair", "IVZ-coördinator gemeente Hengelo"),
        ("Politie", "member", "adviseur politie"),
        ("Openbaar Ministerie", "member", "beleidsadviseur OM"),
        ("RIEC Oost-Nederland", "member", "accountmanager RIEC"),
        ("Gemeente Enschede", "member", "IVZ-coördinator gemeente Enschede"),
        ("Gemeente Almelo", "member", "IVZ-coördinator gemeente Almelo")]),
}
VSON = {  # expert groups of the Veiligheidsstrategie Oost-Nederland that activities link to
    "inbraak": "Expertgroep Veiligheidsstrategie Oost-Nederland: aanpak woninginbraken",
    "woonoverlast": "Expertgroep Veiligheidsstrategie Oost-Nederland: aanpak woonoverlast",
    "hennep": "Expertgroep Veiligheidsstrategie Oost-Nederland: aanpak hennep",
}


def _plain(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def _bullets(*lines: str) -> str:
    return "\n".join(f"- {line}" for line in lines)


# Each project: key, title, kind, trekker (burgemeester of), projectleider (function prefix), texts,
# activities (title, owner, due, status, VSON link), indicators, grants, milestones, status updates.
PROJECTS = [
    dict(
        key="inbraak", title="Aanpak woninginbraken", kind="speerpunt", trekker="Tubbergen",
        projectleider=None,  # the person of the demo login projectleider@demo.ivzflow.nl
        reference="Actieplan Platform IVZ Twente 2015-2016, vastgesteld door het DVO Twente",
        assignment="Zet de ingezette daling van het aantal woninginbraken in Twente door met 5% per jaar, "
                   "gerekend vanaf 2013, met preventieve en repressieve acties.",
        intended_result="Maximaal 1.895 woninginbraken in 2015 en 1.800 in 2016. De politie realiseert een "
                        "oplossingspercentage van 10%, oplopend naar 11,5% in 2018.",
        analysis=_plain(
            "In de periode 2007-2012 nam het aantal woninginbraken jaarlijks toe (van 1.500 naar 2.600 op "
            "jaarbasis). Door een gerichte aanpak is in 2013 een stabilisatie gerealiseerd. In 2014 is voor het "
            "eerst een daling ingezet van 20%, naar 2.085 inbraken. De drie grote steden zijn in 2014 samen "
            "verantwoordelijk voor bijna 1.400 inbraken.",
            "Ten opzichte van andere districten blijft Twente procentueel achter (dalingen tot 37%). Per 1.000 "
            "woningen scoort Twente met 7,5 goed (Oost-Nederland: 7,8). In 76% van de gevallen slaagt de inbraak."),
        ambition="Een vermindering van 5% in 2015 ten opzichte van 2014: maximaal 1.895 inbraken in 2015 en "
                 "1.800 in 2016. Oplossingspercentage politie 10%, oplopend naar 11,5% in 2018.",
        approach=_plain(
            "Het DVO Twente heeft een toolkit met een minimumpakket aan maatregelen vastgesteld. Iedere gemeente "
            "werkt ten minste mee aan de aanpak heling en zet gerichte communicatie in.",
            "Met de bijdrage van het ministerie van Veiligheid en Justitie (bijna € 400.000) geven 6 adviseurs "
            "grotendeels gratis preventieadvies, rijdt een preventievoorlichtingsbus in wijken waar onlangs is "
            "ingebroken en worden campagnes en voorlichtingsavonden over heling en woninginbraken georganiseerd."),
        activities=[
            ("Verdere uitvoering en besteding bijdrage ministerie Veiligheid en Justitie", "projectleider",
             date(2016, 12, 31), "in_progress", None),
            ("Effectmeting en nadere analyse woninginbraken met capaciteit van de politie", "Politie district Twente",
             date(2015, 10, 1), "in_progress", None),
            ("Communicatiestrategie aanpak woninginbraken en Stop Heling ontwikkelen",
             "person:projectcoördinator en communicatie IVZ", MID_2015, "in_progress", None),
            ("Verdere uitvoering aanpak heling (Digitaal Opkopersregister en handhaving)", "alle gemeenten",
             date(2016, 12, 31), "in_progress", None),
            ("Afstudeeropdracht burgerparticipatie en zelfredzaamheid bij woninginbraken", "projectleider",
             date(2015, 12, 31), "open", None),
            ("Aansluiten bij expertgroep Veiligheidsstrategie Oost-Nederland aanpak woninginbraken", "projectleider",
             date(2015, 3, 31), "done", "inbraak"),
        ],
        indicators=[
            dict(name="Woninginbraken in Twente", unit="aantal", direction="lower", baseline=(2014, "2085"),
                 source="Politie; actieplan Platform IVZ 2015-2016",
                 actuals=[(2007, "1521", None), (2012, "2600", "circa"), (2014, "2085", None)],
                 targets=[(2015, "1895"), (2016, "1800")]),
            dict(name="Oplossingspercentage woninginbraken (politie)", unit="%", direction="higher", baseline=None,
                 source="Actieplan Platform IVZ 2015-2016", actuals=[], targets=[(2015, "10"), (2018, "11.5")]),
        ],
        grants=[("grant", "Ministerie van Veiligheid en Justitie",
                 "Bijdrage bestrijding en voorkomen van woninginbraken: bijna € 400.000 (het actieplan noemt geen "
                 "exact bedrag)", Decimal("400000.00"), START, END)],
        milestones=[("Communicatiestrategie woninginbraken en Stop Heling gereed", MID_2015, None),
                    ("Zes preventieadviseurs aan het werk", date(2015, 3, 1), date(2015, 2, 16))],
        updates=[
            (datetime(2015, 2, 24, 10, 0), "green", 20,
             "Preventieadviseurs zijn gestart; de voorlichtingsbus is ingepland in wijken met recente inbraken.",
             "Zes preventieadviseurs actief; eerste voorlichtingsavonden in Enschede en Hengelo.",
             "Nog niet alle gemeenten werken met het Digitaal Opkopersregister.",
             "Communicatiestrategie opstellen met de projectcoördinator communicatie.", None),
            (datetime(2015, 4, 21, 14, 30), "green", 35,
             "Uitvoering loopt volgens plan; de daling zet in het eerste kwartaal door.",
             "Voorlichtingsbus in twaalf wijken ingezet; aansluiting bij de expertgroep Veiligheidsstrategie "
             "Oost-Nederland.",
             "Nog niet alle gemeenten werken met het Digitaal Opkopersregister.",
             "Communicatiestrategie medio 2015 aan het Platform voorleggen.", None),
        ]),
    dict(
        key="woonoverlast", title="Woonoverlast door psychisch kwetsbaren", kind="speerpunt", trekker="Hellendoorn",
        projectleider="IVZ-coördinator gemeente Hellendoorn",
        reference="Projectplan regionale aanpak woonoverlast door psychisch kwetsbaren, DVO Twente 30 juni 2014",
        assignment="Verbeter de multi-informatiepositie en de interventiemogelijkheden voor de samenwerking rond "
                   "overlastgevende psychiatrische risicopersonen.",
        intended_result="Werkende pilots die na evaluatie regionaal kunnen worden ingevoerd.",
        analysis=_plain(
            "Het aantal incidenten met overlast door gestoorde of overspannen personen is fors toegenomen: in "
            "Twente van 865 in 2011 naar 1.084 in 2012, 1.104 in 2013 en 1.338 in 2014; een verdubbeling in vier "
            "jaar.",
            "Een duidelijke verklaring ontbreekt. Mogelijk spelen bezuinigingen en ontwikkelingen in de GGZ, de "
            "transities in het sociaal domein en veranderingen in het gevangeniswezen een rol."),
        ambition="We willen de multi-informatiepositie en de interventiemogelijkheden voor de samenwerking rond "
                 "overlastgevende psychiatrische risicopersonen verbeteren.",
        approach=_plain(
            "Het DVO Twente stelde op 30 juni 2014 het projectplan vast. Pilots: de multi-informatiepositie rond "
            "tien psychisch kwetsbaren, de gedragsaanwijzing bij woonoverlast, een crisisopvangplek bij Dimence en "
            "bekendmaking van het Forensisch Psychiatrisch Netwerk Oost-Nederland (FPN).",
            "Voor de uitvoering is een subsidie van de provincie Overijssel ontvangen."),
        activities=[
            ("Monitoren en verder vormgeven van de pilots", "projectleider", date(2016, 6, 30), "in_progress", None),
            ("Afstudeeronderzoek naar effecten en ervaringen in de pilots", "projectleider", date(2016, 3, 31),
             "open", None),
            ("Podium in het Platform IVZ voor verkenning regionale samenwerking buurtbemiddeling", "Platform IVZ",
             date(2015, 11, 18), "open", None),
            ("Aansluiten bij expertgroep Veiligheidsstrategie Oost-Nederland aanpak woonoverlast", "projectleider",
             date(2015, 3, 31), "done", "woonoverlast"),
        ],
        indicators=[
            dict(name="Incidenten overlast door verwarde of overspannen personen (Twente)", unit="aantal",
                 direction="lower", baseline=None, source="Politie; actieplan Platform IVZ 2015-2016",
                 actuals=[(2011, "865", None), (2012, "1084", None), (2013, "1104", None), (2014, "1338", None)],
                 targets=[]),
        ],
        grants=[("grant", "Provincie Overijssel", "Subsidie voor de uitvoering van het projectplan (bedrag niet "
                 "genoemd in het actieplan)", None, date(2014, 7, 1), END)],
        milestones=[("Crisisopvangplek bij Dimence beschikbaar", date(2015, 9, 1), None)],
        updates=[
            (datetime(2015, 4, 20, 11, 0), "green", 40,
             "De pilots lopen; de casusoverleggen rond tien psychisch kwetsbaren zijn gestart.",
             "Eerste gedragsaanwijzing bij woonoverlast opgelegd.",
             "Capaciteit van de ketenpartners na de transities in het sociaal domein.",
             "Afstudeeronderzoek uitzetten.", None),
        ]),
    dict(
        key="hennep", title="Aanpak georganiseerde hennepteelt", kind="speerpunt", trekker="Hengelo",
        projectleider="IVZ-coördinator gemeente Hengelo",
        reference="Actieplan Platform IVZ Twente 2015-2016; hennepconvenant Oost-Nederland (medio 2014)",
        assignment="Pak de georganiseerde hennepteelt integraal aan: de crimineel betaalt de tol.",
        intended_result="Meer ingezonden verdachten, meer dagvaardingen en meer afgepakt crimineel geld.",
        analysis=_plain(
            "41% van de criminele samenwerkingsverbanden houdt zich bezig met softdrugs (hennep). Het aantal "
            "opgerolde hennepkwekerijen stabiliseert de laatste jaren rond de 200 per jaar in Twente. In 2014 "
            "werden 220 verdachten ingezonden, van wie 154 een dagvaarding kregen.",
            "Ingeschat wordt dat de opgerolde kwekerijen slechts 5 tot 10% van de werkelijk aanwezige betreffen."),
        ambition="Versterking van de opsporing, sneller lik-op-stuk en doorpakken in het afpakken van crimineel "
                 "geld via straf-, bestuurs- en fiscaal recht. We willen het aantal ingezonden verdachten, het "
                 "aantal dagvaardingen en het afpakken van crimineel geld verhogen.",
        approach=_plain(
            "Medio 2014 is het regionale hennepconvenant voor de eenheid Oost-Nederland vastgesteld. De werkgroep "
            "Hennep stelde een uitvoeringsprotocol op voor de voorfase, ontruimingsfase en nafase.",
            "Per 1 maart 2015 zijn ook voorbereidingshandelingen strafbaar (verbod op growshops); gemeenten met "
            "een growshop herzien hun beleid."),
        activities=[
            ("Monitoring uitvoering uitvoeringsprotocol hennep Twente", "Werkgroep Hennep", date(2016, 12, 31),
             "in_progress", None),
            ("Uitvoering nieuwe wet (verbod op growshops): vergunningen intrekken, APV wijzigen, handhaving",
             "alle gemeenten", date(2015, 9, 1), "in_progress", None),
            ("Onderzoek naar herijking Damoclesbeleid en handhaving (politiecapaciteit van de drie grote "
             "gemeenten)", "Politie district Twente", date(2015, 12, 31), "open", None),
            ("Bestuurlijke criminaliteitsbeeldanalyse basisteam Midden-Twente", "Basisteam Midden",
             date(2015, 10, 1), "in_progress", None),
            ("Aansluiten bij expertgroep Veiligheidsstrategie Oost-Nederland aanpak hennep", "projectleider",
             date(2015, 3, 31), "done", "hennep"),
        ],
        indicators=[
            dict(name="Opgerolde hennepkwekerijen (Twente)", unit="aantal", direction="higher", baseline=None,
                 source="Actieplan Platform IVZ 2015-2016", actuals=[(2014, "200", "circa, stabiel de laatste jaren")],
                 targets=[]),
            dict(name="Ingezonden verdachten hennepteelt", unit="aantal", direction="higher", baseline=None,
                 source="Actieplan Platform IVZ 2015-2016", actuals=[(2014, "220", None)], targets=[]),
            dict(name="Dagvaardingen hennepteelt", unit="aantal", direction="higher", baseline=None,
                 source="Actieplan Platform IVZ 2015-2016", actuals=[(2014, "154", None)], targets=[]),
        ],
        grants=[],
        milestones=[("APV-wijziging growshops in alle gemeenten vastgesteld", date(2015, 9, 1), None)],
        updates=[
            (datetime(2015, 2, 25, 9, 30), "amber", 25,
             "Uitvoeringsprotocol in gebruik; de nieuwe wet per 1 maart vraagt aanpassing van het growshopbeleid.",
             "Uitvoeringsprotocol verspreid onder alle convenantpartners.",
             "Niet alle gemeenten kunnen hun APV vóór de zomer wijzigen.",
             "Model-APV-bepaling via de werkgroep APV/bijzondere wetten.", None),
            (datetime(2015, 4, 22, 16, 0), "amber", 30,
             "Het onderzoek naar herijking van het Damoclesbeleid kan starten zodra het DVO de opdracht bevestigt.",
             "Model-APV-bepaling gereed.",
             "Zonder besluit schuift het onderzoek naar 2016.",
             "Onderzoeksopdracht voorleggen via het Platform IVZ.",
             "Opdracht voor het onderzoek naar herijking van het Damoclesbeleid en de handhaving in Twente."),
        ]),
    dict(key="fiets", title="Fietsendiefstal", kind="aandachtsthema", trekker=None,
         projectleider="projectcoördinator en communicatie IVZ",
         analysis="Het aantal fietsendiefstallen schommelt de afgelopen vijf jaar tussen de 5.000 en 6.100 "
                  "misdrijven in Twente; het aantal aangiften per 1.000 inwoners ligt hoog.",
         approach="Ten behoeve van de gemeenten wordt een toolkit ontwikkeld.",
         activities=[("Toolkit fietsendiefstal voor gemeenten ontwikkelen", "projectleider", date(2015, 12, 31),
                      "open", None)]),
    dict(key="radicalisering", title="Radicalisering", kind="aandachtsthema", trekker="Hengelo",
         projectleider="programmamanager Veiligheidshuis Twente",
         approach="Krijgt vorm via het regionale casusoverleg onder het Veiligheidshuis Twente. Gemeenten hebben "
                  "aandacht voor de preventieve kant, zoals contacten en verbindingen in de samenleving; hiervoor "
                  "wordt regionaal budget vrijgemaakt.",
         activities=[("Regionaal casusoverleg radicalisering", "Veiligheidshuis Twente", None, "in_progress", None),
                     ("Regionaal budget voor preventie vrijmaken", "Platform IVZ", date(2015, 9, 16), "open", None)]),
    dict(key="zorg", title="Zorg en veiligheid", kind="aandachtsthema", trekker="Rijssen-Holten",
         projectleider="regiocoördinator Veiligheid",
         approach="Krijgt aandacht binnen het Veiligheidshuis Twente en de afstemming met de transitie binnen "
                  "Samen14 (via de Bestuurscommissie OZJT), met bijzondere aandacht voor de regionale aanpak "
                  "van BII/ZOET.",
         activities=[("Afstemming met de transitie binnen Samen14", "person:regiocoördinator Veiligheid", None,
                      "in_progress", None),
                     ("Regionale aanpak BII/ZOET", "Veiligheidshuis Twente", None, "open", None)]),
    dict(key="werkvoorraad", title="Werkvoorraad beheersbaar maken en de rol van het Platform", kind="opgave",
         trekker="Haaksbergen", projectleider="regiocoördinator Veiligheid",
         approach="Een strategische analyse binnen het veiligheidsdomein, medio 2015, begeleid door een externe "
                  "adviseur. Medio 2016 volgt een voorstel aan het DVO over financiering en organisatie van het "
                  "Platform IVZ.",
         activities=[("Strategische analyse veiligheidsdomein met externe adviseur", "projectleider", MID_2015,
                      "in_progress", None),
                     ("Voorstel aan het DVO over financiering en organisatie van het Platform IVZ", "projectleider",
                      date(2016, 7, 1), "open", None)],
         updates=[(datetime(2015, 4, 22, 10, 0), "green", 15,
                   "Externe adviseur geselecteerd; interviews met de IVZ-coördinatoren gepland.", None, None,
                   "Analyse medio 2015 opleveren.", None)]),
    dict(key="informatie", title="Informatiepositie versterken en verbeteren", kind="opgave", trekker="Oldenzaal",
         projectleider="IVZ-coördinator gemeente Oldenzaal",
         activities=[("Pilot lokale driehoek basisteam West met het COT", "Basisteam West", date(2015, 12, 31),
                      "in_progress", None),
                     ("Pilot gezamenlijke informatiepositie Veiligheid (Kennispunt Twente, brandweer, GGD, VRT, "
                      "Platform IVZ)", "projectleider", date(2016, 6, 30), "open", None),
                     ("Pilot Borne: gebruik van zorgproducten en de relatie met criminaliteit en overlast",
                      "gemeente Borne", date(2015, 12, 31), "open", None),
                     ("Invoering VNG-INP-model (per 1 maart 2015)", "alle gemeenten", date(2015, 3, 1), "done",
                      None)]),
    dict(key="uitvoering", title="Betrokkenheid en afstemming met de uitvoeringsorganisaties", kind="opgave",
         trekker="Enschede", projectleider="regiocoördinator Veiligheid",
         approach="Meer inzicht voor het Platform IVZ in het werk van RIEC ON, Veiligheidshuis Twente, VRT, "
                  "Samen14 en Toezicht en Handhaving Openbare Ruimte, en meer afstemming voor synergie.",
         activities=[("Presentaties van de uitvoeringsorganisaties in het Platform IVZ", "projectleider",
                      date(2015, 11, 18), "in_progress", None)]),
    dict(key="zelfredzaamheid", title="Zelfredzaamheid en veiligheidsbewustzijn bevorderen", kind="opgave",
         trekker="Losser", projectleider="projectcoördinator en communicatie IVZ",
         activities=[("Communicatiestrategie sociale veiligheid", "projectleider", MID_2015, "in_progress", None),
                     ("Afstudeeronderzoek burgerparticipatie en zelfredzaamheid bij woninginbraken (met Veilig Leven "
                      "en spoorveiligheid Borne)", "projectleider", date(2015, 12, 31), "open", None)]),
    dict(key="zichtbaarheid", title="Meer zichtbaarheid van het Platform IVZ", kind="opgave", trekker="Losser",
         projectleider="projectcoördinator en communicatie IVZ",
         approach="Meer naar buiten treden bij het CCV, de VNG, ministeries en andere samenwerkingsverbanden; "
                  "vorm gegeven in de communicatiestrategie.",
         activities=[("Zichtbaarheid opnemen in de communicatiestrategie", "projectleider", MID_2015, "open", None)]),
]


# --- loading -----------------------------------------------------------------------------------------

def _person(function_prefix: str) -> Person:
    return db.session.scalar(select(Person).where(Person.function.startswith(function_prefix))
                             .order_by(Person.id).limit(1))


def _expert_group(name: str, seats) -> Body:
    body = save_body(None, name=name, kind="expertgroep",
                     description="Ambtelijke expertgroep van gemeenten en partners (samenstelling: demowaarde).")
    for position, (seat_name, role, function) in enumerate(seats, start=1):
        seat = save_seat(None, body, name=seat_name, role=role, position=position)
        appoint(None, seat, _person(function), START)
    return body


def _owner(label: str, projectleider: Person) -> dict:
    """"projectleider", "person:<function>" (a person) or a name in words ("alle gemeenten")."""
    if label == "projectleider":
        return {"owner_person_id": projectleider.id}
    if label.startswith("person:"):
        return {"owner_person_id": _person(label.removeprefix("person:")).id}
    return {"owner_text": label}


def _load_project(position: int, spec: dict, vson: dict[str, Body], groups: dict[str, Body]) -> None:
    if spec["projectleider"] is None:
        projectleider = db.session.scalar(select(User).where(User.email == PROJECTLEIDER_LOGIN)).person
    else:
        projectleider = _person(spec["projectleider"])
    trekker = _person(f"burgemeester {spec['trekker']}") if spec.get("trekker") else None
    project = services.create_project(
        None, title=spec["title"], kind=spec["kind"], position=position, start_on=START, end_on=END,
        trekker_id=trekker.id if trekker else None, projectleider_id=projectleider.id,
        expert_group_id=groups[spec["key"]].id if spec["key"] in groups else None,
        assignment=spec.get("assignment"), intended_result=spec.get("intended_result"),
        assignment_reference=spec.get("reference"), analysis=spec.get("analysis"), ambition=spec.get("ambition"),
        approach=spec.get("approach"))
    for title, owner, due, status, link in spec.get("activities", []):
        items.save_activity(None, project, title=title, due_on=due, status=status,
                            body_id=vson[link].id if link else None, **_owner(owner, projectleider))
    for title, due, reached in spec.get("milestones", []):
        items.save_milestone(None, project, title=title, due_on=due, reached_on=reached)
    for kind, source, description, amount, start, end in spec.get("grants", []):
        items.save_budget_line(None, project, kind=kind, source=source, description=description, amount=amount,
                               start_on=start, end_on=end)
    for i in spec.get("indicators", []):
        baseline_year, baseline_value = i["baseline"] or (None, None)
        indicator = items.save_indicator(None, project, name=i["name"], unit=i["unit"], direction=i["direction"],
                                         baseline_year=baseline_year,
                                         baseline_value=Decimal(baseline_value) if baseline_value else None,
                                         source=i["source"])
        for year, value, note in i["actuals"]:
            items.set_measurement(None, indicator, year, Decimal(value), note=note)
        for year, value in i["targets"]:
            items.set_target(None, indicator, year, Decimal(value))
    author = SimpleNamespace(id=None, display_name=projectleider.name)
    if spec["projectleider"] is None:
        author = db.session.scalar(select(User).where(User.email == PROJECTLEIDER_LOGIN))
    for posted, status, progress, summary, achievements, risks, next_steps, decision in spec.get("updates", []):
        services.post_status_update(author, project, status=status, progress=progress, summary=summary,
                                    achievements=achievements, risks=risks, next_steps=next_steps,
                                    decision_needed=decision, posted_at=posted.replace(tzinfo=AMSTERDAM))


def load() -> None:
    """The regional themes and projects of Twente 2015-2016."""
    groups = {key: _expert_group(name, seats) for key, (name, seats) in EXPERT_GROUPS.items()}
    vson = {key: save_body(None, name=name, kind="expertgroep",
                           description="Expertgroep van de Veiligheidsstrategie Oost-Nederland (eenheid "
                                       "Oost-Nederland).")
            for key, name in VSON.items()}
    for position, spec in enumerate(PROJECTS, start=1):
        _load_project(position, spec, vson, groups)
    db.session.flush()
