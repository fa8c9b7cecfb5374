"""What a file is, judged by its content (magic bytes), never by its name or the browser's claim.

Office files are zip containers: a Word, Excel or PowerPoint file has a [Content_Types].xml naming its
main part, an OpenDocument text a `mimetype` entry. Only those small entries are read, streamed with a
hard cap whatever size the archive declares, so a zip bomb cannot make the check expensive; an archive
that declares it inflates far beyond what an office file does is refused as one (whoever opens it next,
a reader's Word or a virus scanner, would pay for it).
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _

from ivzflow.core.errors import ValidationError


@dataclass(frozen=True)
class FileType:
    key: str
    content_type: str
    extensions: tuple[str, ...]  # the first is the usual one


PDF = FileType("pdf", "application/pdf", (".pdf",))
PNG = FileType("png", "image/png", (".png",))
JPEG = FileType("jpeg", "image/jpeg", (".jpg", ".jpeg"))
TEXT = FileType("text", "text/plain; charset=utf-8", (".txt", ".csv"))
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = FileType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", (".odt",))
ALLOWED = (PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG, TEXT)

_OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_SMALL_ENTRY = 1024 * 1024  # [Content_Types].xml and mimetype are tiny; anything bigger is suspect
_MAX_ENTRIES = 10_000
_MAX_INFLATED = 200 * 1024 * 1024  # all entries together, as declared
_MAX_RATIO = 100  # XML compresses 10-30 times; a bomb's entries thousands of times
_READ = 64 * 1024
# Control characters other than tab, newline, form feed and carriage return: a sign of binary data.
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def detect(path: Path) -> FileType | None:
    """The allowed type of the file's content, or None when it is none of them."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office(path)
    return TEXT if _is_text(path) else None


class ZipBomb(ValidationError):
    """An archive that would inflate to far more than any office file does."""

    def __init__(self):
        super().__init__(_("Dit bestand pakt uit tot veel meer dan een kantoordocument doet (het lijkt een "
                           "zogenaamde zipbom) en wordt daarom niet aangenomen."), field="file")


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The entry's content, read in chunks and abandoned past _SMALL_ENTRY bytes, whatever it declares."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _SMALL_ENTRY:
        return None
    data = bytearray()
    with archive.open(info) as entry:
        while chunk := entry.read(_READ):
            data += chunk
            if len(data) > _SMALL_ENTRY:
                return None
    return bytes(data)


def refuse_bombs(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > _MAX_ENTRIES or sum(e.file_size for e in entries) > _MAX_INFLATED:
        raise ZipBomb()
    for entry in entries:
        if entry.file_size > _SMALL_ENTRY and entry.file_size > _MAX_RATIO * max(entry.compress_size, 1):
            raise ZipBomb()


def _office(path: Path) -> FileType | None:
    try:
        with zipfile.ZipFile(path) as archive:
            refuse_bombs(archive)
            mimetype = _read_small(archive, "mimetype")
            if mimetype is not None:
                return ODT if mimetype.strip() == ODT.content_type.encode() else None
            types = _read_small(archive, "[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError, EOFError,
            ValueError, zlib.error):
        return None
    if types is None:
        return None
    found = {t for part, t in _OOXML_MAIN_PARTS.items() if f'ContentType="{part}"'.encode() in types}
    return found.pop() if len(found) == 1 else None


def _is_text(path: Path) -> bool:
    """UTF-8 text without control characters (a binary file fails one of the two)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if not data or _BINARY.search(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
