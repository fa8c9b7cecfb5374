"""Stored values of bodies and seats with their translated labels, in display order."""
from flask_babel import lazy_gettext as _l

BODY_KINDS = {
    "platform": _l("Platform"),
    "commissie": _l("Commissie"),
    "overleg": _l("Veiligheidsoverleg"),
    "driehoek": _l("Gezagsdriehoek"),
    "bestuur": _l("Bestuur"),
    "directie": _l("Directie"),
    "kring": _l("Kring"),
    "college": _l("College"),
    "expertgroep": _l("Expertgroep"),
}

RELATION_KINDS = {
    "advises": (_l("adviseert"), _l("wordt geadviseerd door")),
    "prepares": (_l("bereidt voor"), _l("wordt voorbereid door")),
    "precedes": (_l("vergadert vóór"), _l("vergadert na")),
    "reports_to": (_l("rapporteert aan"), _l("krijgt rapportage van")),
    "takes_note": (_l("neemt kennis van stukken van"), _l("legt stukken ter kennisname voor aan")),
    "part_of": (_l("valt onder"), _l("omvat")),
}

SEAT_ROLES = {
    "chair": _l("Voorzitter"),
    "secretary": _l("Secretaris"),
    "member": _l("Lid"),
    "advisor": _l("Adviseur"),
}
