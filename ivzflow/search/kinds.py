"""What can be found, as the searcher chooses it (a filter) and as the index stores it (an entry kind)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

# filter value -> (label, the entry kinds it covers)
KINDS = {
    "proposal": (_l("Voorstellen"), ("proposal",)),
    "agenda_item": (_l("Agendapunten"), ("agenda_item",)),
    "decision_list": (_l("Besluitenlijsten"), ("decision_list",)),
    "project": (_l("Projecten"), ("project", "status_update")),
    "action": (_l("Acties"), ("action",)),
    "document": (_l("Documenten"), ("proposal_document", "agenda_document")),
    "body": (_l("Gremia"), ("body",)),
    "person": (_l("Personen"), ("person",)),
    "organisation": (_l("Organisaties"), ("organisation",)),
}

# entry kind -> the label of one result
ENTRY_LABELS = {
    "proposal": _l("Voorstel"),
    "agenda_item": _l("Agendapunt"),
    "decision_list": _l("Besluitenlijst"),
    "project": _l("Project"),
    "status_update": _l("Statusupdate"),
    "action": _l("Actie"),
    "proposal_document": _l("Document bij voorstel"),
    "agenda_document": _l("Document bij agendapunt"),
    "body": _l("Gremium"),
    "person": _l("Persoon"),
    "organisation": _l("Organisatie"),
}
