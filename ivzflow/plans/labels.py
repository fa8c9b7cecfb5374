"""Stored values of the plan cycle with their (translated) labels, in display order."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

# The groups of the source's matrix (Actieplan 2015-2016, 2.2).
GROUPS = {
    "woon": _l("Veilige woon- en leefomgeving"),
    "bedrijvigheid": _l("Bedrijvigheid en veiligheid"),
    "jeugd": _l("Jeugd en veiligheid"),
    "fysiek": _l("Fysieke veiligheid"),
    "integriteit": _l("Integriteit en veiligheid"),
}

# Selection criteria a) to i) (Actieplan 2015-2016, 2.7), as the board set them.
CRITERIA = {
    "a": _l("Het primaat ligt bij openbare orde en veiligheid en het DVO (of een gedeelde verantwoordelijkheid)"),
    "b": _l("Hoog afbreukrisico, urgentie en/of actualiteit"),
    "c": _l("Landelijke richtlijn of wetgeving, of een landelijke of eenheidsprioriteit"),
    "d": _l("Speelt in een substantieel deel van de gemeenten"),
    "e": _l("Lokaal en bovenlokaal belang: voorkomt verplaatsing van veiligheidsproblemen"),
    "f": _l("Regionale aanpak geeft efficiencyvoordeel of kwaliteitsverbetering"),
    "g": _l("Realistisch beslag op de middelen van het Platform (geld en capaciteit)"),
    "h": _l("Hoge impact op slachtoffer en/of omgeving"),
    "i": _l("Komt voor in meerdere onderdelen van de omgevingsanalyse"),
}

OUTCOMES = {
    "speerpunt": _l("Speerpunt"),
    "aandachtsthema": _l("Aandachtsthema"),
    "none": _l("Geen regionale aanpak"),
}

QUALIFYING_SETTING = "plans.qualifying_count"
QUALIFYING_DEFAULT = 7

POLICY_KINDS = {
    "local_plans": _l("Lokale integrale veiligheidsplannen"),
    "ivm": _l("Integrale Veiligheidsmonitor"),
    "action_plan": _l("Actieplan Platform IVZ"),
    "analysis": _l("Strategische analyse"),
    "financing": _l("Financiering Platform IVZ"),
    "other": _l("Overig"),
}
MAX_OCCURRENCES = 50
