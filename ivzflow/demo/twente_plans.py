"""Demo data: the plan cycle of Twente (Actieplan IVZ 2015-2016, chapters 2 and 4).

- The shared list of 21 safety themes in the source's five groups, and the 14 local integral safety plans
  2013-2016 with the themes each names. The source's table (2.2) reached us with its columns partly
  shifted: its totals row (8 9 13 8 6 3 7 5 4 2 1 2 8 4 10 2 7 2 2 6 3) is kept exactly; the cells are
  the source's, re-aligned to that totals row (three cells moved: see PLAN_THEMES). Adoption dates of the
  local plans are not in the source and are left empty.
- The partners' priorities (2.3 and 2.4).

`load()` adds everything in the current transaction (flush, no commit); the caller commits.
"""
from __future__ import annotations

from sqlalchemy import insert, select

from ivzflow.extensions import db
from ivzflow.organisations.models import District, Organisation
from ivzflow.plans.models import LocalPlan, LocalPlanTheme, PartnerPriority, SafetyTheme

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

