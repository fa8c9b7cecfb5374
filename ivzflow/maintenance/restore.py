"""`flask restore PATH`: bring a backup back into the configured database and files directory.

Everything happens in one database transaction: checks (schema revision, empty database), clearing with
--force, inserting, verifying counts and checksums against the manifest. Only when all of it holds is the
transaction committed; otherwise the database is as it was. Attachments are written before the commit
(each checked against its sha256) and removed again if the restore fails.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

from ivzflow.core.db import write_transaction
from ivzflow.core.files import private_folder
from ivzflow.extensions import db
from ivzflow.search.indexer import reindex_all
from ivzflow.maintenance import MaintenanceError
from ivzflow.maintenance.backup import (
    FORMAT, FORMAT_VERSION, MANIFEST, file_member, files_root, stored_path,
)
from ivzflow.maintenance.snapshot import (
    Inserter, alembic_revision, application_tables_present, clear, decode_row, digests, non_empty_tables,
    reset_sequences, tables,
)

CHUNK = 1024 * 1024


@dataclass
class RestoreResult:
    manifest: dict
    files_written: int = 0
    missing_files: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t["rows"] for t in self.manifest["tables"])


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except KeyError:
        raise MaintenanceError("This is not an ivzflow backup (no manifest.json); it may be incomplete.") from None
    if manifest.get("format") != FORMAT:
        raise MaintenanceError("This is not an ivzflow backup (unknown format).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise MaintenanceError(f"This backup has format version {manifest.get('format_version')}; this version "
                               f"of ivzflow reads version {FORMAT_VERSION}.")
    return manifest


def check_schema(connection, manifest: dict) -> None:
    """The backup's rows fit this database: same Alembic revision, same tables and columns."""
    current = alembic_revision(connection)
    wanted = manifest["alembic_revision"]
    if current != wanted:
        raise MaintenanceError(
            f"The backup was made at schema revision {wanted or '(none)'}, but this database is at revision "
            f"{current or '(none)'}. Restore into a database at the backup's revision (an empty database: "
            f"`flask --app ivzflow db upgrade {wanted}` with the ivzflow version that made the backup), then "
            f"upgrade it with `flask --app ivzflow db upgrade`.\n"
            f"De back-up is gemaakt bij schemaversie {wanted or '(geen)'}, deze database heeft versie "
            f"{current or '(geen)'}; zet de back-up terug in een database met dezelfde versie.")
    expected = {t.name: [c.name for c in t.columns] for t in tables()}
    archived = {t["name"]: t["columns"] for t in manifest["tables"]}
    if expected != archived:
        differing = sorted(n for n in expected.keys() | archived.keys() if expected.get(n) != archived.get(n))
        raise MaintenanceError("The backup's tables do not match this version of ivzflow "
                               f"({', '.join(differing)}); restore it with the version that made it.")
    missing = {t.name for t in tables()} - application_tables_present(connection)
    if missing:
        raise MaintenanceError(f"This database has no table(s) {', '.join(sorted(missing))}: create the schema "
                               f"first with `flask --app ivzflow db upgrade`.")


def _rows(archive: tarfile.TarFile, member: str, table):
    with archive.extractfile(member) as lines:
        for line in lines:
            yield decode_row(table, json.loads(line))


def _restore_files(archive: tarfile.TarFile, manifest: dict, created: list[Path]) -> int:
    root = files_root()
    for entry in manifest["files"]:
        target = stored_path(root, entry["name"])
        if target.exists() and _sha256(target) == entry["sha256"]:
            continue
        private_folder(target.parent)
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.restoring")
        digest = hashlib.sha256()
        try:
            with archive.extractfile(file_member(entry["name"])) as source, \
                    os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != entry["sha256"]:
                raise MaintenanceError(f"File {entry['name']} in the backup is damaged (sha256 differs).")
            existed = target.exists()
            os.replace(temp, target)
            if not existed:
                created.append(target)
        finally:
            temp.unlink(missing_ok=True)
    return len(manifest["files"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify(connection, manifest: dict) -> None:
    found = digests(connection)
    wrong = [f"{t['name']}: {found[t['name']].rows} rows (expected {t['rows']})"
             if found[t["name"]].rows != t["rows"] else f"{t['name']}: checksum differs"
             for t in manifest["tables"]
             if (found[t["name"]].rows, found[t["name"]].checksum) != (t["rows"], t["checksum"])]
    if wrong:
        raise MaintenanceError("The restored data does not match the backup; nothing was changed. "
                               + "; ".join(wrong))


def restore_backup(path: str | os.PathLike, force: bool = False) -> RestoreResult:
    """Restore a backup into the (empty, unless force) database and the files directory."""
    path = Path(path)
    if not path.is_file():
        raise MaintenanceError(f"{path} does not exist.")
    created: list[Path] = []
    db.session.remove()
    with tarfile.open(path, "r:*") as archive:
        manifest = read_manifest(archive)
        try:
            with write_transaction(), db.engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE
                check_schema(connection, manifest)
                filled = non_empty_tables(connection)
                if filled and not force:
                    raise MaintenanceError(
                        f"The database is not empty ({len(filled)} tables hold rows, e.g. {', '.join(filled[:3])}); "
                        "a restore goes into an empty database. Pass --force to replace everything in it "
                        "(in one transaction).")
                if filled:
                    clear(connection)
                inserter = Inserter(connection)
                by_name = {t.name: t for t in tables()}
                for entry in manifest["tables"]:
                    table = by_name[entry["name"]]
                    inserter.insert(table, _rows(archive, entry["member"], table))
                inserter.finish()
                reset_sequences(connection)
                verify(connection, manifest)
                files_written = _restore_files(archive, manifest, created)
        except BaseException:
            for target in created:
                target.unlink(missing_ok=True)
            raise
    reindex_all(db.session())  # the search index is not in a backup: built from what was restored
    db.session.commit()
    return RestoreResult(manifest, files_written, manifest.get("missing_files", []))
