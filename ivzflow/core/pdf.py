"""PDF documents from templates (WeasyPrint): one font everywhere, nothing fetched from outside, and tagged
(structure for screen readers; title and language from the template's <title> and <html lang>)."""
from __future__ import annotations

from flask import render_template
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

FONT = '"DejaVu Sans", sans-serif'
# The font is set on @page too: page-margin boxes (page numbers) do not inherit from <body>.
BASE_CSS = f"""
@page {{ size: A4; margin: 2cm 2cm 2.2cm; font-family: {FONT}; font-size: 8pt;
        @bottom-right {{ content: counter(page) " / " counter(pages); font-family: {FONT}; }} }}
html, body {{ font-family: {FONT}; font-size: 10pt; line-height: 1.4; }}
"""


def render_pdf(template_name: str, **context) -> bytes:
    """Render a Jinja template to HTML and that to PDF bytes."""
    html = render_template(template_name, **context)
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(stylesheets=[CSS(string=BASE_CSS)], pdf_tags=True)
