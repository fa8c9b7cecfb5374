"""A demo document as a real PDF (WeasyPrint), so the demo has text inside an attachment to find."""
from __future__ import annotations

from markupsafe import escape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

PROTOCOL = [
    ("Uitvoeringsprotocol hennep Twente", None),
    ("Doel", "Dit protocol beschrijft hoe gemeenten, politie, woningcorporaties en netbeheerders samen een "
             "hennepkwekerij ontmantelen: de voorfase, de ontruimingsfase en de nafase."),
    ("Voorfase", "Een melding van een vermoedelijke hennepkwekerij gaat naar het RIEC, dat de partners informeert."),
    ("Nafase", "De gemeente past het Damoclesbeleid toe: een woning waarin hennep is geteeld wordt voor een "
               "periode gesloten. De woningcorporatie ontbindt het huurcontract."),
]


def protocol_pdf() -> bytes:
    parts = ['<html lang="nl"><head><meta charset="utf-8"><title>Uitvoeringsprotocol hennep Twente</title></head><body>']
    for heading, text in PROTOCOL:
        parts.append(f"<h1>{escape(heading)}</h1>" if text is None else f"<h2>{escape(heading)}</h2><p>{escape(text)}</p>")
    parts.append("</body></html>")
    html = HTML(string="".join(parts), url_fetcher=URLFetcher(allowed_protocols=()))
    return html.write_pdf(stylesheets=[], pdf_tags=True)
