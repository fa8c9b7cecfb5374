"""The agenda as documents: one PDF (WeasyPrint) with the PDF attachments appended (pypdf), and a zip.

Both are built from an Agenda that holds only the items the reader may see.
"""
from __future__ import annotations

import io
import logging
import tempfile
import zipfile
from pathlib import Path

from flask import current_app, render_template
from pypdf import PdfWriter
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from ivzflow.core import files
from ivzflow.core.filetypes import PDF
from ivzflow.meetings.agenda import Agenda

log = logging.getLogger(__name__)

PAGE_CSS = """
@page { size: A4; margin: 2cm 2cm 2.4cm; font-family: "DejaVu Sans", sans-serif; font-size: 9pt;
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans", sans-serif; } }
html, body { font-family: "DejaVu Sans", sans-serif; }
"""


def _no_fetching() -> URLFetcher:
    """The agenda's HTML is self-contained; refuse every URL so user text can never make us fetch one."""
    return URLFetcher(allowed_protocols=set())


def _stylesheet() -> CSS:
    print_css = Path(current_app.static_folder, "css", "agenda-print.css").read_text(encoding="utf-8")
    return CSS(string=print_css + PAGE_CSS, url_fetcher=_no_fetching())


def agenda_pdf(agenda: Agenda, *, with_attachments: bool = True) -> bytes:
    """The printed agenda, then (optionally) every PDF document of its items in agenda order."""
    html = render_template("agenda/print.html", agenda=agenda, for_pdf=True)
    rendered = HTML(string=html, url_fetcher=_no_fetching()).write_pdf(stylesheets=[_stylesheet()])
    if not with_attachments:
        return rendered
    writer = PdfWriter()
    writer.append(io.BytesIO(rendered), outline_item=agenda.meeting.name)
    for row in agenda.rows:
        for attachment in row.attachments:
            if attachment.content_type != PDF.content_type:
                continue
            try:
                with files.open_file(attachment.stored_name) as fh:
                    writer.append(fh, outline_item=f"{row.number}. {attachment.filename}")
            except Exception:  # a damaged or encrypted document must not stop the agenda
                log.warning("Attachment %s not appended to the agenda PDF", attachment.id, exc_info=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}).{ext}" if dot and stem else f"{name} ({n})"
    taken.add(candidate.lower())
    return candidate


def agenda_zip(agenda: Agenda):
    """A zip with the agenda as PDF and every document the reader may see, in a folder per item."""
    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    taken: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_unique("agenda.pdf", taken), agenda_pdf(agenda, with_attachments=False))
        for row in agenda.rows:
            if not row.attachments:
                continue
            folder = files.safe_filename(f"{row.number:02d} {row.item.title}"[:80], fallback=f"{row.number:02d}")
            for attachment in row.attachments:
                name = _unique(f"{folder}/{files.safe_filename(attachment.filename)}", taken)
                with files.open_file(attachment.stored_name) as source, archive.open(name, "w") as target:
                    while chunk := source.read(files.CHUNK):
                        target.write(chunk)
    out.seek(0)
    return out
