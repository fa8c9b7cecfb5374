"""Stored values of projects with their translated labels, in display order."""
from flask_babel import lazy_gettext as _l

KINDS = {
    "speerpunt": _l("Speerpunt"),
    "aandachtsthema": _l("Aandachtsthema"),
    "opgave": _l("Strategische opgave"),
}

# Status colours: the label is always shown with the colour, never the colour alone.
STATUSES = {
    "green": _l("Groen"),
    "amber": _l("Oranje"),
    "red": _l("Rood"),
}
STATUS_HINTS = {
    "green": _l("op koers"),
    "amber": _l("aandacht nodig"),
    "red": _l("ernstige vertraging of problemen"),
}

ACTIVITY_STATUSES = {
    "open": _l("Nog niet begonnen"),
    "in_progress": _l("Bezig"),
    "done": _l("Afgerond"),
    "dropped": _l("Vervallen"),
}

DIRECTIONS = {
    "lower": _l("Lager is beter"),
    "higher": _l("Hoger is beter"),
}

BUDGET_KINDS = {
    "grant": _l("Subsidie of bijdrage"),
    "budget": _l("Budget"),
}

# Whether an indicator is on track (see indicators.py).
TRACK = {
    "on_track": _l("op koers"),
    "off_track": _l("niet op koers"),
    "no_target": _l("geen streefwaarde"),
    "no_data": _l("geen meting"),
}

# Whether the status update for the next Platform IVZ meeting is in (see due.py).
DUE_STATES = {
    "submitted": _l("ingediend"),
    "due": _l("nog in te dienen"),
    "overdue": _l("te laat"),
    "none": _l("geen Platform gepland"),
    "closed": _l("project afgelopen"),
    "not_started": _l("project nog niet begonnen"),
}

SORTS = {
    "position": _l("Volgorde van het actieplan"),
    "title": _l("Titel"),
    "kind": _l("Soort"),
    "status": _l("Status"),
    "progress": _l("Voortgang"),
    "updated": _l("Laatste statusupdate"),
    "overdue": _l("Activiteiten te laat"),
    "trekker": _l("Bestuurlijk trekker"),
}
