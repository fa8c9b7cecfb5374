"""Uploaded files: stored under FILES_DIR with a random name, checked by content, tied to the transaction.

A saved file is removed again when the transaction that records it rolls back, and a discarded file is
removed only once the transaction that forgets it commits, so the database and the disk agree.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from ivzflow.core import filetypes, pdfpages
from ivzflow.core.errors import ValidationError
from ivzflow.extensions import db

MAX_FILE_SIZE = 20 * 1024 * 1024
CHUNK = 64 * 1024
_NEW = "files_new"          # paths saved in this transaction (removed on rollback)
_DISCARDED = "files_gone"   # paths forgotten in this transaction (removed on commit)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    filename: str
    content_type: str
    size: int
    sha256: str


def root() -> Path:
    return Path(current_app.config["FILES_DIR"])


def private_folder(folder: Path) -> None:
    """A folder under FILES_DIR (and FILES_DIR itself), readable by the service's own user only (0700, as
    the files in it are 0600). Everything kept there (uploads, built agenda packs, restored files) uses it."""
    for part in (root(), folder):
        part.mkdir(mode=0o700, parents=True, exist_ok=True)
        if part.stat().st_mode & 0o077:
            part.chmod(0o700)


def path_of(stored_name: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", stored_name or ""):
        raise ValueError("not a stored file name")
    return root() / stored_name[:2] / stored_name


def safe_filename(name: str | None, fallback: str = "bestand") -> str:
    """The last part of a client's file name, without path, control or reserved characters."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip(" ._")
    if not name:
        return fallback
    stem, dot, ext = name.rpartition(".")
    if len(name) > 200:
        name = (stem[:200 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:200]
    return name


def _extension(name: str) -> str:
    _stem, dot, ext = name.rpartition(".")
    return "." + ext.lower() if dot and _stem else ""


def save(stream: BinaryIO, filename: str | None, max_size: int = MAX_FILE_SIZE) -> StoredFile:
    """Store an upload if its content is an allowed type that matches its name; refuse it otherwise."""
    folder = root() / "tmp"
    private_folder(folder)
    temp = folder / secrets.token_hex(16)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_size:
                    raise ValidationError(_("Het bestand is groter dan %(mb)d MB.", mb=max_size // (1024 * 1024)),
                                          field="file")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise ValidationError(_("Het bestand is leeg."), field="file")
        kind = filetypes.detect(temp)
        if kind is None:
            raise ValidationError(_("Dit soort bestand wordt niet aangenomen. Toegestaan zijn PDF, Word (.docx), "
                                    "Excel (.xlsx), PowerPoint (.pptx), OpenDocument-tekst (.odt), PNG, JPEG "
                                    "en platte tekst."), field="file")
        if kind is filetypes.PDF:
            _check_pages(temp)
        name = safe_filename(filename)
        extension = _extension(name)
        if not extension:
            name += kind.extensions[0]
        elif extension not in kind.extensions:
            raise ValidationError(_("De naam van dit bestand eindigt op %(ext)s, maar de inhoud is %(kind)s. "
                                    "Geef het bestand de juiste extensie (%(right)s).", ext=extension,
                                    kind=describe(kind), right=kind.extensions[0]), field="file")
        stored_name = secrets.token_hex(32)
        final = path_of(stored_name)
        private_folder(final.parent)
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that the end of this transaction (commit or not) decides the file's fate
    session.info.setdefault(_NEW, []).append(str(final))
    return StoredFile(stored_name, name, kind.content_type, size, digest.hexdigest())


def _check_pages(path: Path) -> None:
    """Refuse a PDF whose page tree is too long or lists a page twice: whoever appends it to an agenda
    pack would pay for every entry. A PDF that cannot be read at all is kept (a reader may open it)."""
    try:
        with open(path, "rb") as fh:
            pdfpages.page_count(fh)
    except pdfpages.Unreadable:
        return
    except pdfpages.TooManyPages:
        raise ValidationError(_("Deze PDF heeft meer dan %(n)d pagina's. Splits hem in delen en voeg die "
                                "afzonderlijk toe.", n=pdfpages.MAX_PAGES), field="file") from None
    except pdfpages.RepeatedPages:
        raise ValidationError(_("Deze PDF noemt dezelfde pagina meer dan eens in zijn paginalijst (een "
                                "beschadigd of misleidend bestand). Sla hem opnieuw op als PDF en probeer "
                                "het nog eens."), field="file") from None


def save_upload(stream, filename: str | None) -> dict:
    """Store a file a user uploaded; the columns every attachment record keeps of it."""
    if stream is None or not (filename or "").strip():
        raise ValidationError(_("Kies een bestand."), field="file")
    stored = save(stream, filename)
    return {"filename": stored.filename, "stored_name": stored.stored_name, "content_type": stored.content_type,
            "size": stored.size, "sha256": stored.sha256}


def send(record):
    """A stored file as a download: an attachment under its safe name, never sniffed, cached by its hash."""
    from flask import send_file

    response = send_file(path_of(record.stored_name), mimetype=record.content_type, as_attachment=True,
                         download_name=safe_filename(record.filename), etag=record.sha256, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # no copy in any cache, the browser's included: stored files are often confidential, and a shared
    # computer's next user must not find them (no-cache would still keep a copy)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def describe(kind: filetypes.FileType) -> str:
    return {
        "pdf": _("een PDF-document"), "png": _("een PNG-afbeelding"), "jpeg": _("een JPEG-afbeelding"),
        "text": _("platte tekst"), "docx": _("een Word-document"), "xlsx": _("een Excel-werkmap"),
        "pptx": _("een PowerPoint-presentatie"), "odt": _("een OpenDocument-tekst"),
    }[kind.key]


def open_file(stored_name: str) -> BinaryIO:
    return open(path_of(stored_name), "rb")


def delete(stored_name: str) -> None:
    """Forget a stored file: it is removed from disk when the current transaction commits."""
    db.session.info.setdefault(_DISCARDED, []).append(str(path_of(stored_name)))


def _remove(paths) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(_NEW, None)
    _remove(session.info.pop(_DISCARDED, ()))


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction) -> None:
    """The outer transaction ended without a commit (rollback or close): undo the saves."""
    if transaction.parent is None:
        session.info.pop(_DISCARDED, None)
        _remove(session.info.pop(_NEW, ()))
