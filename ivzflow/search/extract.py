"""The text inside a stored document, read once when it is indexed, within the bounds uploads have.

PDF: the first MAX_PAGES_PER_DOCUMENT pages (the bound of the agenda pack). Word and OpenDocument text: the
main XML part, read in chunks and abandoned past MAX_XML bytes, after the zip-bomb check of the upload. Plain
text as is. At most MAX_CHARS characters are kept. A file that cannot be read gives no text, never an error:
a damaged upload must not stop the change that stores it.
"""
from __future__ import annotations

import html
import logging
import re
import zipfile
import zlib

from pypdf import PdfReader

from ivzflow.core import files, filetypes
from ivzflow.meetings.documents import MAX_PAGES_PER_DOCUMENT

log = logging.getLogger(__name__)

MAX_CHARS = 200_000
MAX_XML = 20 * 1024 * 1024
_XML_PARTS = {filetypes.DOCX.content_type: "word/document.xml", filetypes.ODT.content_type: "content.xml"}
_PARAGRAPH_END = re.compile(r"</(?:w:p|text:p|text:h)>|<(?:w:br|w:tab|text:tab|text:line-break|text:s)\b[^>]*/?>")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def text_of(stored_name: str, content_type: str) -> str:
    try:
        if content_type == filetypes.PDF.content_type:
            text = _pdf(stored_name)
        elif content_type in _XML_PARTS:
            text = _office(stored_name, _XML_PARTS[content_type])
        elif content_type == filetypes.TEXT.content_type:
            with files.open_file(stored_name) as fh:
                text = fh.read(MAX_CHARS * 4).decode("utf-8", errors="replace")
        else:
            return ""
    except Exception:  # damaged, encrypted or odd: the document is still found by its name
        log.warning("No text read from %s", stored_name, exc_info=True)
        return ""
    return _SPACE.sub(" ", text)[:MAX_CHARS].strip()


def _pdf(stored_name: str) -> str:
    parts, size = [], 0
    with files.open_file(stored_name) as fh:
        reader = PdfReader(fh)
        for page in reader.pages[:MAX_PAGES_PER_DOCUMENT]:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size >= MAX_CHARS:
                break
    return "\n".join(parts)


def _office(stored_name: str, part: str) -> str:
    try:
        with files.open_file(stored_name) as fh, zipfile.ZipFile(fh) as archive:
            filetypes.refuse_bombs(archive)
            info = archive.getinfo(part)
            data = bytearray()
            with archive.open(info) as entry:
                while chunk := entry.read(64 * 1024):
                    data += chunk
                    if len(data) > MAX_XML:
                        break
    except (KeyError, zipfile.BadZipFile, zlib.error):
        return ""
    xml = _PARAGRAPH_END.sub("\n", data.decode("utf-8", errors="replace"))
    return html.unescape(_TAG.sub("", xml))
