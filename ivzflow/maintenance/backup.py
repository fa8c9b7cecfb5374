"""`flask backup PATH`: one archive with a consistent snapshot of the database and its attachments.

The archive is a tar file (gzip-compressed when the name ends in .gz or .tgz) with
    tables/NNN_<table>.jsonl   the rows of every table, parents first, one canonical JSON line per row
    files/<ab>/<stored name>   every attachment the snapshot refers to
    manifest.json              format, Alembic revision, time, per table columns, rows and checksum,
                               per file size and sha256 (written last, when they are known)
It is written to PATH.partial and renamed to PATH only when complete.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ivzflow.extensions import db
from ivzflow.maintenance import MaintenanceError
from ivzflow.maintenance.snapshot import (
    Digest, alembic_revision, canonical, encode_row, line, read_snapshot, read_table, tables,
)

FORMAT = "ivzflow-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ATTEMPTS = 3


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    missing_files: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t["rows"] for t in self.manifest["tables"])


def file_tables():
    """Tables whose rows name a stored file (attachments): they have `stored_name` and `sha256`."""
    return [t for t in tables() if "stored_name" in t.c and "sha256" in t.c]


def files_root() -> Path:
    return Path(current_app.config["FILES_DIR"])


def stored_path(root: Path, stored_name: str) -> Path:
    if len(stored_name) != 64 or any(c not in "0123456789abcdef" for c in stored_name):
        raise MaintenanceError(f"not a stored file name: {stored_name!r}")
    return root / stored_name[:2] / stored_name


def archive_mode(path: Path, writing: bool) -> str:
    if not writing:
        return "r:*"
    return "w:gz" if path.name.endswith((".gz", ".tgz")) else "w"


def table_member(index: int, name: str) -> str:
    return f"tables/{index:03d}_{name}.jsonl"


def file_member(stored_name: str) -> str:
    return f"files/{stored_name[:2]}/{stored_name}"


def _add_bytes(archive: tarfile.TarFile, name: str, fileobj, size: int, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    archive.addfile(info, fileobj)


class _Hashing(io.RawIOBase):
    """Reads a file and hashes what was read, so a file is read once for the archive and the manifest."""

    def __init__(self, raw):
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = self.raw.readinto(buffer)
        if n:
            self.sha256.update(memoryview(buffer)[:n])
            self.size += n
        return n


def _write_tables(archive: tarfile.TarFile, progress: Callable[[str, int], None] | None) -> tuple[dict, dict]:
    """Every table from one snapshot into the archive; returns the manifest's database part and the files
    the snapshot refers to."""
    now = time.time()
    referenced: dict[str, dict] = {}
    file_table_names = {t.name for t in file_tables()}
    manifest_tables = []
    with read_snapshot(db.engine) as connection:
        revision = alembic_revision(connection)
        for index, table in enumerate(tables(), 1):
            digest = Digest()
            with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as buffer:
                for rows in read_table(connection, table):
                    for row in rows:
                        encoded = encode_row(table, row)
                        digest.add(canonical(encoded))
                        buffer.write(line(encoded).encode("utf-8") + b"\n")
                        if table.name in file_table_names:
                            referenced[encoded["stored_name"]] = {"sha256": encoded["sha256"], "table": table.name,
                                                                  "id": encoded.get("id")}
                size = buffer.tell()
                buffer.seek(0)
                member = table_member(index, table.name)
                _add_bytes(archive, member, buffer, size, now)
            manifest_tables.append({"name": table.name, "member": member,
                                    "columns": [c.name for c in table.columns],
                                    "rows": digest.rows, "checksum": digest.checksum})
            if progress:
                progress(table.name, digest.rows)
    database = {"dialect": db.engine.dialect.name, "alembic_revision": revision, "tables": manifest_tables}
    return database, referenced


def _write_files(archive: tarfile.TarFile, referenced: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    root = files_root()
    written, missing = [], []
    for stored_name in sorted(referenced):
        path = stored_path(root, stored_name)
        try:
            handle = open(path, "rb")
        except FileNotFoundError:
            missing.append({"name": stored_name, **referenced[stored_name]})
            continue
        with handle:
            stat = os.fstat(handle.fileno())
            reader = _Hashing(handle)
            _add_bytes(archive, file_member(stored_name), reader, stat.st_size, stat.st_mtime)
        entry = {"name": stored_name, "size": reader.size, "sha256": reader.sha256.hexdigest()}
        if entry["sha256"] != referenced[stored_name]["sha256"]:
            # The disk no longer holds what was uploaded; keep what is there, and say so.
            entry["recorded_sha256"] = referenced[stored_name]["sha256"]
        written.append(entry)
    return written, missing


def _still_referenced(names: list[str]) -> set[str]:
    found = set()
    with db.engine.connect() as connection:
        for table in file_tables():
            found |= set(connection.scalars(select(table.c.stored_name).where(table.c.stored_name.in_(names))))
    return found


def create_backup(path: str | os.PathLike, overwrite: bool = False,
                  progress: Callable[[str, int], None] | None = None) -> BackupResult:
    """Write a consistent snapshot of the database and the attachments it refers to into one archive.

    Runs beside the application: the database is read in one read transaction (no locks writers wait for
    on PostgreSQL; on SQLite in WAL mode writers go on). An attachment deleted after the snapshot was taken
    (its row gone, so its file removed) makes the backup start again from a newer snapshot.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise MaintenanceError(f"{path} already exists; choose another name or pass --overwrite.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for attempt in range(1, ATTEMPTS + 1):
        try:
            # the archive holds the whole database (password hashes, confidential items): its owner's only
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as raw:
                os.fchmod(raw.fileno(), 0o600)  # also when a .partial of an earlier run was left behind
                mode = archive_mode(path, writing=True)
                options = {"compresslevel": 6} if mode == "w:gz" else {}  # attachments are mostly compressed already
                with tarfile.open(fileobj=raw, mode=mode, format=tarfile.PAX_FORMAT, **options) as archive:
                    created_at = datetime.now(timezone.utc)
                    database, referenced = _write_tables(archive, progress)
                    written, missing = _write_files(archive, referenced)
                    gone = [m for m in missing if m["name"] not in _still_referenced([m["name"]])]
                    if gone and attempt < ATTEMPTS:
                        continue  # deleted while we copied: the next snapshot will not refer to them
                    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                                "created_at": created_at.isoformat(), **database,
                                "files": written, "missing_files": missing}
                    data = json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8")
                    _add_bytes(archive, MANIFEST, io.BytesIO(data), len(data), time.time())
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, path)
            return BackupResult(path, manifest, missing)
        finally:
            partial.unlink(missing_ok=True)
    raise AssertionError("unreachable")
