"""The agenda as documents: one tagged PDF (WeasyPrint) with the PDF documents appended (pypdf), and a zip.

Both hold every document the agenda page lists, in agenda order: per item its own documents, then those
of the proposal it puts before the meeting. Both are built from an Agenda that holds only the items the
reader may see; a proposal's documents go in only when the reader may see the proposal (the rule of
their own download).

The PDF has a title, a language and an outline: the agenda, then per item its number and title with its
documents under it. A document adds at most MAX_PAGES_PER_DOCUMENT pages, so that no upload can make a
pack huge; a longer one is cut there and says so in the outline (the whole document is in the zip). A PDF
whose page tree is longer than core.pdfpages allows, or lists a page twice, is left out of the PDF.

A built PDF is kept (core.kept, folder FILES_DIR/packs) under the digest of everything it is made of (the
rendered agenda and each document's checksum): the next reader of an unchanged agenda gets it without
rendering, and any change gives another name, so a kept pack is never stale.
"""
from __future__ import annotations

import io
import logging
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext as _
from pypdf import PdfReader, PdfWriter
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from ivzflow.core import files, kept, pdfpages
from ivzflow.core.filetypes import PDF
from ivzflow.decisions import permissions as decisions_can
from ivzflow.decisions.documents import documents_by_item
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings.agenda import Agenda, Row

log = logging.getLogger(__name__)

MAX_PAGES_PER_DOCUMENT = 500
FORMAT = "pack-2"  # part of the digest: a change in how packs are built makes new ones

PAGE_CSS = """
@page { size: A4; margin: 2cm 2cm 2.4cm; font-family: "DejaVu Sans", sans-serif; font-size: 9pt;
  @bottom-right { content: counter(page) " / " counter(pages); font-family: "DejaVu Sans", sans-serif; } }
html, body { font-family: "DejaVu Sans", sans-serif; }
h1, h2, h3, h4, h5, h6 { bookmark-level: none; }  /* the outline is built per item, below */
"""


@dataclass(frozen=True)
class Document:
    """A stored file the agenda lists: an item's own, or a document of the item's proposal."""

    filename: str
    stored_name: str
    content_type: str
    sha256: str
    size: int

    @property
    def is_pdf(self) -> bool:
        return self.content_type == PDF.content_type


def _document(stored) -> Document:
    return Document(stored.filename, stored.stored_name, stored.content_type, stored.sha256, stored.size)


def readable_proposals(user, ids, *options) -> dict[int, DecisionItem]:
    """{id: proposal} of the proposals among `ids` the user may open (the rule of their own page and
    downloads): one query, plus the route the check reads and what `options` load. `ids`: a collection, or a
    select of them."""
    if not isinstance(ids, Select) and not ids:
        return {}
    items = db.session.scalars(select(DecisionItem).where(DecisionItem.id.in_(ids))
                               .options(selectinload(DecisionItem.route), *options)).unique()
    return {item.id: item for item in items if decisions_can.can_view_item(user, item)}


def documents_of_rows(agenda: Agenda, user) -> dict[int, list[Document]]:
    """Per agenda item id, the documents the agenda lists for it, as the reader may have them: the item's
    own, then its proposal's (when the reader may see the proposal). A few queries for any agenda."""
    readable = readable_proposals(user, {row.item.decision_item_id for row in agenda.rows
                                         if row.item.decision_item_id})
    by_proposal = documents_by_item(set(readable))
    return {row.item.id: [_document(a) for a in row.attachments]
            + [_document(d) for d in by_proposal.get(row.item.decision_item_id, [])] for row in agenda.rows}


# --- the PDF -----------------------------------------------------------------------------------------

def _no_fetching() -> URLFetcher:
    """The agenda's HTML is self-contained; refuse every URL so user text can never make us fetch one."""
    return URLFetcher(allowed_protocols=set())


def _stylesheet() -> CSS:
    print_css = Path(current_app.static_folder, "css", "agenda-print.css").read_text(encoding="utf-8")
    return CSS(string=print_css + PAGE_CSS, url_fetcher=_no_fetching())


def _render(html: str) -> tuple[bytes, dict[str, int]]:
    """The agenda as a tagged PDF, and on which page each element with an id starts."""
    document = HTML(string=html, url_fetcher=_no_fetching()).render(stylesheets=[_stylesheet()])
    pages = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return document.write_pdf(pdf_tags=True), pages


def _append(writer: PdfWriter, document: Document) -> tuple[int, bool] | None:
    """Append a PDF document's pages (at most MAX_PAGES_PER_DOCUMENT); its first page and whether it was
    cut, or None when it could not be read."""
    first = len(writer.pages)
    try:
        with files.open_file(document.stored_name) as fh:
            reader = PdfReader(fh)
            count = pdfpages.page_count(reader)  # before pypdf walks the tree: stored before the upload check
            writer.append(reader, pages=(0, min(count, MAX_PAGES_PER_DOCUMENT)), import_outline=False)
    except Exception:  # a damaged, encrypted or crafted document must not stop the agenda
        log.warning("Document %s not appended to the agenda PDF", document.stored_name, exc_info=True)
        while len(writer.pages) > first:  # nothing half-appended
            writer.remove_page(len(writer.pages) - 1)
        return None
    return first, count > MAX_PAGES_PER_DOCUMENT


def _build(agenda: Agenda, html: str, documents: dict[int, list[Document]], with_attachments: bool) -> bytes:
    rendered, pages = _render(html)
    writer = PdfWriter(clone_from=io.BytesIO(rendered))
    writer.add_metadata({"/Title": f"{_('Agenda')} {agenda.meeting.name}", "/Author": agenda.meeting.body.name})
    writer.add_outline_item(title=f"{_('Agenda')} {agenda.meeting.name}", page_number=0)
    for row in agenda.rows:
        entry = writer.add_outline_item(title=f"{row.number}. {row.item.title}",
                                        page_number=pages.get(f"item-{row.item.id}", 0))
        if not with_attachments:
            continue
        for document in documents.get(row.item.id, []):
            if not document.is_pdf:
                continue
            appended = _append(writer, document)
            if appended is not None:
                first, cut = appended
                cut_note = " " + _("(eerste %(n)d pagina's)", n=MAX_PAGES_PER_DOCUMENT) if cut else ""
                title = document.filename + cut_note
                writer.add_outline_item(title=title, page_number=first, parent=entry)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_html(agenda: Agenda, documents: dict[int, list[Document]], *, for_pdf: bool,
               with_attachments: bool = True) -> str:
    return render_template("agenda/print.html", agenda=agenda, documents=documents, for_pdf=for_pdf,
                           with_attachments=with_attachments, max_pages=MAX_PAGES_PER_DOCUMENT)


def agenda_pdf(agenda: Agenda, documents: dict[int, list[Document]], *, with_attachments: bool = True) -> bytes:
    """The printed agenda, then (optionally) every PDF document it lists, in agenda order; built once per
    change of what it is made of."""
    html = print_html(agenda, documents, for_pdf=True, with_attachments=with_attachments)
    inputs = [(row.item.id, [(d.sha256, d.filename, d.content_type) for d in documents.get(row.item.id, [])])
              for row in agenda.rows] if with_attachments else []
    key = kept.digest(FORMAT, html, inputs, with_attachments, MAX_PAGES_PER_DOCUMENT, pdfpages.MAX_PAGES)
    return kept.kept("packs", key, lambda: _build(agenda, html, documents, with_attachments))


# --- the zip -----------------------------------------------------------------------------------------

def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}).{ext}" if dot and stem else f"{name} ({n})"
    taken.add(candidate.lower())
    return candidate


def _folder(row: Row) -> str:
    return files.safe_filename(f"{row.number:02d} {row.item.title}"[:80], fallback=f"{row.number:02d}")


def agenda_zip(agenda: Agenda, documents: dict[int, list[Document]]):
    """A zip with the agenda as PDF and every document it lists, in a folder per item, in agenda order."""
    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    taken: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_unique("agenda.pdf", taken), agenda_pdf(agenda, documents, with_attachments=False))
        for row in agenda.rows:
            for document in documents.get(row.item.id, []):
                name = _unique(f"{_folder(row)}/{files.safe_filename(document.filename)}", taken)
                with files.open_file(document.stored_name) as source, archive.open(name, "w") as target:
                    while chunk := source.read(files.CHUNK):
                        target.write(chunk)
    out.seek(0)
    return out
