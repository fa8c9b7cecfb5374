"""Demo data: the plan cycle of Twente (Actieplan IVZ 2015-2016, chapters 2 and 4).

- The shared list of 21 safety themes in the source's five groups, and the 14 local integral safety plans
  2013-2016 with the themes each names. The source's table (2.2) reached us with its columns partly
  shifted: its totals row (8 9 13 8 6 3 7 5 4 2 1 2 8 4 10 2 7 2 2 6 3) is kept exactly; the cells are
  the source's, re-aligned to that totals row (three cells moved: see PLAN_THEMES). Adoption dates of the
  local plans are not in the source and are left empty.
- The partners' priorities (2.3 and 2.4), and the weighing (2.7) that gave the three speerpunten.
- The Platform's money 2013-2016 (4.6): see load_finances.
- The policy calendar 2011-2017 (4.4): see POLICY_SERIES.

`load()` adds everything in the current transaction (flush, no commit); the caller commits.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import insert, select

from ivzflow.extensions import db
from ivzflow.finance.models import (
    Commitment, ContributionRule, Expenditure, InhabitantCount, PartnerContribution, Reserve,
)
from ivzflow.organisations.models import District, Organisation
from ivzflow.decisions.models import DecisionItem
from ivzflow.plans import policy
from ivzflow.plans.models import LocalPlan, LocalPlanTheme, PartnerPriority, SafetyTheme, Weighing, WeighingEntry
from ivzflow.projects.models import Project

DISTRICT = "Twente"
PLAN_START, PLAN_END = 2013, 2016

# (short key, name as the source writes it, group), in the source's column order.
THEMES = [
    ("subjectief", "Subjectieve veiligheid (burgerparticipatie en zelfredzaamheid)", "woon"),
    ("woonoverlast", "Woonoverlast (w.o. psychisch kwetsbaren)", "woon"),
    ("inbraak", "Woninginbraken (HIC: overvallen en straatroof)", "woon"),
    ("fiets", "Fietsendiefstal", "woon"),
    ("geweld", "Geweld (w.o. huiselijk geweld)", "woon"),
    ("drugs", "Drugsoverlast", "woon"),
    ("zorg", "Zorg en veiligheid", "woon"),
    ("nazorg", "BI/Nazorg detentie", "woon"),
    ("kvo", "KVO bedrijven en winkelcentra", "bedrijvigheid"),
    ("uitgaan", "Veilig uitgaan", "bedrijvigheid"),
    ("evenementen", "Veilige evenementen", "bedrijvigheid"),
    ("voetbal", "Voetbalgeweld", "bedrijvigheid"),
    ("jeugdoverlast", "Jeugdoverlast", "jeugd"),
    ("jeugdcrim", "Jeugdcriminaliteit / individuele probleemjongeren", "jeugd"),
    ("alcohol", "Jeugd, alcohol en drugs", "jeugd"),
    ("school", "Veiligheid in en om de school (pesten, social media, grooming)", "jeugd"),
    ("verkeer", "Verkeersveiligheid", "fysiek"),
    ("extern", "Externe veiligheid (w.o. spoor)", "fysiek"),
    ("crisis", "Crisisbeheersing en rampenbestrijding", "fysiek"),
    ("georganiseerd", "Georganiseerde criminaliteit (hennep, fraude, mensenhandel)", "integriteit"),
    ("radicalisering", "Polarisatie en radicalisering", "integriteit"),
]
SOURCE_TOTALS = [8, 9, 13, 8, 6, 3, 7, 5, 4, 2, 1, 2, 8, 4, 10, 2, 7, 2, 2, 6, 3]

# One column per theme of THEMES. Reconstructed from the source (see the module docstring): its columns
# 12-17 moved one place right (its 'Voetbalgeweld' column holds what the totals call Jeugdoverlast, and so
# on), and Almelo's 'BI/Nazorg' and 'Veilige evenementen' cells and Borne's 'BI/Nazorg' cell moved to the
# neighbouring column the totals row asks for.
PLAN_THEMES = {
    "Almelo":         "XXX.X...XX.XXX..XXXXX",
    "Borne":          "XXXX..X.X..X..X....X.",
    "Dinkelland":     "XXXX..X.......X.X....",
    "Enschede":       "X.X.X..X..X.XX..X..XX",
    "Haaksbergen":    ".XX.XXXX....X.X.XXXX.",
    "Hellendoorn":    "..XXX.......X.XXX....",
    "Hengelo":        "XXXX..XXXX.........XX",
    "Hof van Twente": ".X.X..........X......",
    "Losser":         "..X.XX........X.X....",
    "Oldenzaal":      "XXX...X.....X.X......",
    "Rijssen-Holten": "..X.X.XXX...XXX......",
    "Tubbergen":      "XXXX..X.......X.X....",
    "Twenterand":     "..XX.X......XX.......",
    "Wierden":        "XXXX...X....X.XX...X.",
}

# The partners' priorities: source (in words), short name of the organisation in the demo (or None), theme keys.
PARTNER_PRIORITIES = [
    ("Politie – nationaal", "Politie ON", ["inbraak", "geweld", "georganiseerd"]),
    ("Politie – eenheid Oost-Nederland", "Politie ON", ["inbraak", "woonoverlast", "georganiseerd"]),
    ("Politie – basisteams Twente", "Politie Twente", ["inbraak", "geweld", "jeugdcrim", "georganiseerd"]),
    ("Openbaar Ministerie", "OM", ["inbraak", "geweld", "jeugdcrim", "georganiseerd"]),
    ("Veiligheidsstrategie Oost-Nederland 2015-2018", None, ["inbraak", "georganiseerd", "woonoverlast"]),
    ("RIEC ON", "RIEC ON", ["georganiseerd"]),
    ("Veiligheidshuis Twente", "VH Twente", ["woonoverlast", "geweld", "zorg", "nazorg", "jeugdcrim", "radicalisering"]),
    ("Transities (w.o. Jeugdzorg)", "Samen14", ["woonoverlast", "zorg", "nazorg", "jeugdcrim"]),
    ("Toezicht en Handhaving Openbare Ruimte", "THOR",
     ["subjectief", "fiets", "drugs", "uitgaan", "kvo", "jeugdoverlast", "verkeer"]),
    ("Veiligheidsregio Twente", "VRT", ["evenementen", "extern", "crisis"]),
]


def _theme_rows() -> dict[str, SafetyTheme]:
    found = {t.name: t for t in db.session.scalars(select(SafetyTheme))}
    themes = {}
    for position, (key, name, group) in enumerate(THEMES, start=1):
        theme = found.get(name) or SafetyTheme(name=name, group=group, position=position)
        db.session.add(theme)
        themes[key] = theme
    db.session.flush()
    return themes


def load() -> None:
    """The themes, the 14 local plans 2013-2016 and the partner priorities of district Twente."""
    district = db.session.scalar(select(District).where(District.name == DISTRICT))
    orgs = {o.short_name: o for o in db.session.scalars(select(Organisation).where(
        (Organisation.district_id == district.id) | Organisation.district_id.is_(None)))}
    themes = _theme_rows()
    keys = [key for key, _name, _group in THEMES]
    links = []
    for town, cells in PLAN_THEMES.items():
        plan = LocalPlan(organisation_id=orgs[town].id, district_id=district.id, start_year=PLAN_START,
                         end_year=PLAN_END, title=f"Integraal veiligheidsplan {town} {PLAN_START}-{PLAN_END}",
                         document=f"Integraal veiligheidsplan {PLAN_START}-{PLAN_END}, gemeente {town}")
        db.session.add(plan)
        db.session.flush()
        links += [{"plan_id": plan.id, "theme_id": themes[keys[i]].id} for i, c in enumerate(cells) if c == "X"]
    db.session.execute(insert(LocalPlanTheme), links)
    for source, org_key, theme_keys in PARTNER_PRIORITIES:
        for key in theme_keys:
            db.session.add(PartnerPriority(district_id=district.id, source=source, theme_id=themes[key].id,
                                           organisation_id=orgs[org_key].id if org_key else None))
    db.session.flush()
    load_weighing(district, themes)
    load_finances(district, orgs)
    load_policy_calendar(district)



# The weighing that produced the action plan 2015-2016 (2.7). The source gives the criteria and the
# outcome, not the judgement per criterion: those below are a demo reconstruction that leads to it.
# theme key -> (outcome, judgements a..i as y/n, reasons per criterion letter, project key of twente_projects)
WEIGHING_2015 = {
    "inbraak": ("speerpunt", "yyyyyyyyy", {
        "b": "Ruim 2.000 inbraken in 2014, ver boven 2007 (1.521).",
        "c": "Prioriteit van de Veiligheidsstrategie Oost-Nederland en landelijk (HIC).",
        "d": "Genoemd in 13 van de 14 lokale plannen.",
        "g": "Bijdrage van het ministerie van V&J (bijna € 400.000)."}, "Aanpak woninginbraken"),
    "woonoverlast": ("speerpunt", "yyyyyyyyy", {
        "b": "Incidenten verdubbeld in vier jaar (865 in 2011, 1.338 in 2014).",
        "c": "Prioriteit van de Veiligheidsstrategie Oost-Nederland.",
        "g": "Subsidie van de provincie Overijssel voor het projectplan."}, "Woonoverlast door psychisch kwetsbaren"),
    "georganiseerd": ("speerpunt", "yyynyyyyy", {
        "c": "Hennepconvenant Oost-Nederland; prioriteit van de Veiligheidsstrategie Oost-Nederland.",
        "d": "Zes plannen: onder de drempel, maar het probleem wordt pas op regionale schaal zichtbaar.",
        "e": "Zonder regionale aanpak verplaatst de teelt zich naar de buurgemeente."},
     "Aanpak georganiseerde hennepteelt"),
    "fiets": ("aandachtsthema", "nnnyynyyy", {
        "d": "Genoemd in 8 plannen; aangiften per 1.000 inwoners hoog in Twente.",
        "g": "Een toolkit voor de gemeenten, geen volledig programma."}, "Fietsendiefstal"),
    "radicalisering": ("aandachtsthema", "yyynyyyyn", {
        "b": "Actueel; casusoverleg onder het Veiligheidshuis Twente.",
        "d": "Drie plannen."}, "Radicalisering"),
    "zorg": ("aandachtsthema", "nyyyyynyy", {
        "a": "Gedeelde verantwoordelijkheid met het sociaal domein (Samen14).",
        "g": "Krijgt aandacht binnen het Veiligheidshuis en de transities."}, "Zorg en veiligheid"),
    "subjectief": ("none", "yynyynnny", {
        "f": "Lokaal beter op te pakken; onderdeel van de communicatiestrategie (opgave 4)."}, None),
    "jeugdoverlast": ("none", "ynnyynnyn", {"f": "Lokale aanpak met de basisteams volstaat."}, None),
    "alcohol": ("none", "nnnyynnyn", {"a": "Primaat bij gezondheidsbeleid; geen portefeuille IVZ."}, None),
    "verkeer": ("none", "nnnyynnyy", {"a": "Primaat niet bij het DVO."}, None),
}
OPGAVEN_2015 = [
    "Het beheersbaar maken van onze werkvoorraad en de rol van het Platform",
    "Het versterken en verbeteren van onze informatiepositie",
    "Een grotere betrokkenheid en afstemming met en tussen de uitvoeringsorganisaties",
    "Het bevorderen van de zelfredzaamheid en het veiligheidsbewustzijn",
    "Meer zichtbaarheid van het Platform IVZ",
]
ACTION_PLAN_TITLE = "Actieplan Platform IVZ Twente 2015-2016"


def load_weighing(district: District, themes: dict[str, SafetyTheme]) -> None:
    """The weighing of 2014 for the action plan 2015-2016, fixed by the DVO proposal that adopted it."""
    item_id = db.session.scalar(select(DecisionItem.id).where(DecisionItem.title == ACTION_PLAN_TITLE))
    projects = {title: id_ for title, id_ in db.session.execute(select(Project.title, Project.id))}
    weighing = Weighing(district_id=district.id, year=2015, matrix_year=2014, opgaven="\n".join(OPGAVEN_2015),
                        decision_item_id=item_id, drafted_at=datetime(2015, 3, 30, 8, tzinfo=timezone.utc),
                        updated_at=datetime(2014, 12, 10, 14, tzinfo=timezone.utc))
    for position, (key, (outcome, marks, reasons, project)) in enumerate(WEIGHING_2015.items()):
        judgements = {letter: {"met": mark == "y", "reason": reasons.get(letter)}
                      for letter, mark in zip("abcdefghi", marks)}
        weighing.entries.append(WeighingEntry(
            theme_id=themes[key].id, position=position, outcome=outcome, judgements=judgements,
            added_by_hand=key in ("georganiseerd", "radicalisering"), project_id=projects.get(project)))
    db.session.add(weighing)
    db.session.flush()
    if item_id is not None:
        for entry in weighing.entries:
            if entry.project_id:
                db.session.get(Project, entry.project_id).assignment_decision_id = item_id
    db.session.flush()


# --- money (4.6) -------------------------------------------------------------------------------------
# The source gives the rate (EUR 0,15 per inhabitant), 626.092 inhabitants on 1 May 2014 (EUR 93.913,80),
# the police's EUR 20.000 until 2014, the reserves (ca. EUR 145.000 and EUR 10.000), the 0,66 fte for two
# years leaving ca. EUR 50.000, the communication advisor's 24 hours a week and the ministry's almost
# EUR 400.000. Demo values (marked as such): the inhabitants per municipality (those of twente.py, which add
# up to 626.092; other years' figures derived from them), the cost of the staff and the project budgets,
# and the spending.
RATE = Decimal("0.15")
REFERENCE = {2013: date(2012, 5, 1), 2014: date(2013, 5, 1), 2015: date(2014, 5, 1), 2016: date(2015, 5, 1)}
GROWTH = {date(2012, 5, 1): Decimal("0.994"), date(2013, 5, 1): Decimal("0.997"), date(2014, 5, 1): Decimal(1),
          date(2015, 5, 1): Decimal("1.002")}
POLICE_CONTRIBUTION = Decimal("20000.00")
RESERVES = [("Restant subsidieperiode 2008-2010", Decimal("145000.00"), 2015, True),
            ("Overschot jaarrekening 2014", Decimal("10000.00"), 2015, False)]
# title, kind, source, start, end, per year, fte, hours a week, estimate, project title, decision title, note
COMMITMENTS = [
    ("Uitvoering actieplan Platform IVZ 2013-2014", "project", "budget", 2013, 2014, Decimal("100000.00"), None,
     None, False, None, None, "Bedrag: demowaarde."),
    ("Extra projectcoördinatie IVZ (0,66 fte, twee jaar)", "staff", "reserve", 2015, 2016, Decimal("52500.00"),
     Decimal("0.66"), None, True, None, "Bestedingsplan reserves Platform IVZ",
     "Besluit op advies van de functioneringscommissie; laat ca. € 50.000 reserve over."),
    ("Communicatieadviseur en projectcoördinator IVZ", "staff", "budget", 2015, 2016, Decimal("40000.00"), None,
     Decimal("24"), False, None, None, "24 uur per week; bedrag: demowaarde."),
    ("Strategische analyse met externe adviseur", "project", "budget", 2015, 2015, Decimal("15000.00"), None, None,
     False, "Werkvoorraad beheersbaar maken en de rol van het Platform", None, "Bedrag: demowaarde."),
    ("Communicatiestrategie sociale veiligheid", "project", "budget", 2015, 2015, Decimal("10000.00"), None, None,
     False, "Zelfredzaamheid en veiligheidsbewustzijn bevorderen", None, "Bedrag: demowaarde."),
    ("Bijdrage ministerie van V&J bestrijding woninginbraken", "grant", "external", 2015, 2016,
     Decimal("200000.00"), None, None, True, "Aanpak woninginbraken", None, "Bijna € 400.000 in totaal."),
    ("Subsidie provincie Overijssel aanpak woonoverlast", "grant", "external", 2015, 2016, Decimal("0.00"), None,
     None, False, "Woonoverlast door psychisch kwetsbaren", None, "Bedrag niet in het actieplan."),
]


def load_finances(district: District, orgs: dict[str, Organisation]) -> None:
    """Inhabitants, rates, the police's contribution, reserves, commitments and spending of 2013-2016."""
    towns = [o for o in orgs.values() if o.classification == "gemeente" and o.district_id == district.id]
    counts = []
    for org in towns:  # the demo figures twente.py gave the municipalities are those of 1 May 2014
        for day, factor in GROWTH.items():
            counts.append({"organisation_id": org.id, "counted_on": day, "is_demo": True,
                           "inhabitants": int((org.inhabitants * factor).to_integral_value(ROUND_HALF_UP))})
    db.session.execute(insert(InhabitantCount), counts)
    budget = {year: sum((RATE * c["inhabitants"] for c in counts if c["counted_on"] == day), Decimal(0))
              + (POLICE_CONTRIBUTION if year < 2015 else 0) for year, day in REFERENCE.items()}
    for year, day in REFERENCE.items():
        db.session.add(ContributionRule(district_id=district.id, year=year, rate=RATE, reference_on=day))
    for year in (2013, 2014):
        db.session.add(PartnerContribution(district_id=district.id, year=year, amount=POLICE_CONTRIBUTION,
                                           organisation_id=orgs["Politie Twente"].id))
    for name, amount, year, estimate in RESERVES:
        db.session.add(Reserve(district_id=district.id, name=name, amount=amount, available_from=year,
                               is_estimate=estimate))
    projects = {title: id_ for title, id_ in db.session.execute(select(Project.title, Project.id))}
    items = {title: id_ for title, id_ in db.session.execute(select(DecisionItem.title, DecisionItem.id))}
    made = {}
    for title, kind, source, start, end, amount, fte, hours, estimate, project, decision, note in COMMITMENTS:
        made[title] = Commitment(
            district_id=district.id, kind=kind, source=source, title=title, start_year=start, end_year=end,
            amount_per_year=amount, fte=fte, hours_per_week=hours, is_estimate=estimate, note=note,
            project_id=projects.get(project), decision_item_id=items.get(decision),
            created_at=datetime(start - 1, 12, 1, 9, tzinfo=timezone.utc))
        db.session.add(made[title])
    db.session.flush()
    plan, extra, comms = (made[t].id for t in (COMMITMENTS[0][0], COMMITMENTS[1][0], COMMITMENTS[2][0]))
    spending = [(plan, date(2013, 12, 20), budget[2013], "Uitvoering actieplan 2013"),
                (plan, date(2014, 12, 19), budget[2014] - RESERVES[1][1], "Uitvoering actieplan 2014 (overschot € 10.000)")]
    for month in range(1, 6):
        spending.append((extra, date(2015, month, 25), Decimal("4375.00"), f"Projectcoördinatie 0,66 fte, maand {month}"))
        spending.append((comms, date(2015, month, 25), Decimal("3333.33"), f"Communicatieadviseur, maand {month}"))
    for commitment_id, day, amount, description in spending:
        db.session.add(Expenditure(district_id=district.id, commitment_id=commitment_id, spent_on=day, amount=amount,
                                   description=description))
    db.session.flush()


# --- the policy calendar 2011-2017 (4.4, 4.6, 3.2) ----------------------------------------------------
# kind, title, starts on, ends on, every n years, until year, remind days before, description
POLICY_SERIES = [
    ("local_plans", "Lokale integrale veiligheidsplannen", date(2013, 1, 1), date(2016, 12, 31), 4, 2017, 90,
     "De beleidscyclus van de Twentse gemeenten; de regionale prioriteiten volgen uit de lokale plannen."),
    ("ivm", "Integrale Veiligheidsmonitor: meting", date(2011, 9, 1), None, 4, 2017, 60,
     "Twente doet eens in de vier jaar mee; de uitkomsten voeden de nieuwe lokale plannen."),
    ("ivm", "Integrale Veiligheidsmonitor: uitkomsten", date(2012, 3, 1), None, 4, 2017, 30,
     "Oplevering van de uitkomsten van de meting van het najaar ervoor."),
    ("action_plan", "Actieplan Platform IVZ", date(2013, 1, 1), date(2014, 12, 31), 2, 2017, 120,
     "Weging van de thema's en het DVO-voorstel vóór het begin van het nieuwe actieplan."),
    ("analysis", "Strategische analyse veiligheidsdomein (externe adviseur)", date(2015, 7, 1), None, None, None, 30,
     "Opgave 1 van het actieplan: de werkvoorraad beheersbaar maken en de rol van het Platform."),
    ("financing", "Voorstel aan het DVO over financiering en organisatie Platform IVZ", date(2016, 7, 1), None, None,
     None, 60, "Op basis van de strategische analyse (medio 2016)."),
]


def load_policy_calendar(district: District) -> None:
    for kind, title, starts_on, ends_on, repeat, until, days, description in POLICY_SERIES:
        policy.save_series(None, None, district_id=district.id, kind=kind, title=title, starts_on=starts_on,
                           ends_on=ends_on, repeat_years=repeat, until_year=until, remind_days_before=days,
                           description=description)
