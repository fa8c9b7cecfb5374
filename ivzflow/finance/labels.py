"""Stored values of the Platform's money with their (translated) labels."""
from flask_babel import lazy_gettext as _l

COMMITMENT_KINDS = {
    "staff": _l("Personele capaciteit"),
    "project": _l("Projectbudget"),
    "grant": _l("Subsidie of bijdrage voor een project"),
}
SOURCES = {
    "budget": _l("Jaarlijks budget"),
    "reserve": _l("Reserves"),
    "external": _l("Externe middelen"),
}
