"""Backup and restore: demo data and attachments survive a round trip exactly; refusals; a backup taken
while the application writes is one consistent moment."""
from __future__ import annotations

import io
import json
import os
import stat
import tarfile
import threading
import time
from datetime import datetime, timezone

import pytest
from flask import current_app
from sqlalchemy import func, select

from ivzflow.audit.models import AuditEntry
from ivzflow.extensions import db
from ivzflow.maintenance import MaintenanceError
from ivzflow.maintenance.backup import create_backup
from ivzflow.maintenance.restore import restore_backup
from ivzflow.maintenance.snapshot import tables
from ivzflow.people.models import Person
from ivzflow.search.models import SearchEntry
from ivzflow.settings.models import Setting
from tests.maintenance.conftest import file_contents, table_contents, wipe


def _rewrite_manifest(source, target, change) -> None:
    """A copy of an archive with its manifest changed."""
    with tarfile.open(source, "r:*") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def test_backup_and_restore_bring_back_every_row_and_every_file(app, attachments, tmp_path):
    tables, stored = table_contents(), file_contents()
    assert len(stored) == len(attachments) and sum(len(rows) for rows in tables.values()) > 1000

    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "ivzflow.tar.gz")])
    assert result.exit_code == 0, result.output
    assert "3 files" in result.output
    wipe()
    assert file_contents() == {} and sum(len(rows) for rows in table_contents().values()) == 0

    assert stat.S_IMODE((tmp_path / "ivzflow.tar.gz").stat().st_mode) == 0o600  # the whole database is in it

    result = app.test_cli_runner().invoke(args=["restore", str(tmp_path / "ivzflow.tar.gz")])
    assert result.exit_code == 0, result.output
    assert "checksums verified" in result.output
    # the search index is not in the backup: the restore built it again, the documents' files included
    assert db.session.scalar(select(func.count()).select_from(SearchEntry).where(
        SearchEntry.kind.in_(("proposal_document", "agenda_document")))) == len(attachments)
    for dirpath, _dirnames, filenames in os.walk(current_app.config["FILES_DIR"]):  # private, as uploads are
        assert stat.S_IMODE(os.stat(dirpath).st_mode) & 0o077 == 0, dirpath
        for name in filenames:
            assert stat.S_IMODE(os.stat(os.path.join(dirpath, name)).st_mode) & 0o077 == 0, name

    restored = table_contents()
    for name, rows in tables.items():
        assert restored[name] == rows, name
    assert file_contents() == stored

    # New rows get new ids (PostgreSQL's sequences were moved on).
    person = Person(name="Na de restore")
    db.session.add(person)
    db.session.commit()
    assert person.id > max(row["id"] for row in tables["person"])


def test_backup_archive_lists_tables_and_files_with_checksums(app, attachments, tmp_path):
    result = create_backup(tmp_path / "b.tar")
    manifest = result.manifest
    assert [t["name"] for t in manifest["tables"]] == [t.name for t in tables()]
    assert {f["name"] for f in manifest["files"]} == {p.rsplit("/", 1)[-1] for p in file_contents()}
    assert manifest["missing_files"] == []
    with tarfile.open(tmp_path / "b.tar") as archive:
        person = next(t for t in manifest["tables"] if t["name"] == "person")
        lines = archive.extractfile(person["member"]).read().splitlines()
        assert len(lines) == person["rows"] == db.session.scalar(select(func.count(Person.id)))


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(app, attachments, tmp_path):
    create_backup(tmp_path / "b.tar.gz")
    tables = table_contents()
    db.session.add(Person(name="Erbij gekomen na de back-up"))
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["restore", str(tmp_path / "b.tar.gz")])
    assert result.exit_code != 0
    assert "not empty" in result.output and "--force" in result.output
    assert len(table_contents()["person"]) == len(tables["person"]) + 1

    restore_backup(tmp_path / "b.tar.gz", force=True)
    assert table_contents() == tables


def test_a_failed_restore_changes_nothing(app, attachments, tmp_path):
    create_backup(tmp_path / "b.tar.gz")
    _rewrite_manifest(tmp_path / "b.tar.gz", tmp_path / "damaged.tar.gz",
                      lambda m: next(t for t in m["tables"] if t["name"] == "meeting").update(checksum="0" * 64))
    db.session.add(Person(name="Blijft staan"))
    db.session.commit()
    tables = table_contents()

    with pytest.raises(MaintenanceError, match="meeting: checksum differs"):
        restore_backup(tmp_path / "damaged.tar.gz", force=True)
    assert table_contents() == tables


def test_restore_refuses_a_backup_of_another_schema_revision(app, attachments, tmp_path):
    create_backup(tmp_path / "b.tar.gz")
    _rewrite_manifest(tmp_path / "b.tar.gz", tmp_path / "old.tar.gz", lambda m: m.update(alembic_revision="5a29efe7e28e"))
    wipe()

    result = app.test_cli_runner().invoke(args=["restore", str(tmp_path / "old.tar.gz")])
    assert result.exit_code != 0
    assert "schema revision 5a29efe7e28e" in result.output and "schemaversie" in result.output
    assert sum(len(rows) for rows in table_contents().values()) == 0


def test_restore_refuses_a_backup_from_a_database_at_an_older_migration(tmp_path):
    """Real Alembic revisions: a backup made at the newest revision does not go into an older schema."""
    from flask_migrate import upgrade

    from ivzflow import create_app

    def app_at(name, revision):
        app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI":
                          f"sqlite:///{tmp_path / name}", "FILES_DIR": str(tmp_path / name / "files")})
        with app.app_context():
            upgrade(revision=revision)
        return app

    new, old = app_at("new.sqlite", "head"), app_at("old.sqlite", "5a29efe7e28e")
    with new.app_context():
        db.session.add(Person(name="Nieuw"))
        db.session.commit()
        create_backup(tmp_path / "new.tar.gz")
        db.engine.dispose()
    with old.app_context():
        with pytest.raises(MaintenanceError, match="this database is at revision 5a29efe7e28e"):
            restore_backup(tmp_path / "new.tar.gz")
        db.engine.dispose()


def test_backup_while_the_app_writes_is_one_consistent_moment(app, demo, tmp_path):
    """A writer keeps committing a counter and a log row together; the backup, taken while it writes and
    without stopping it, holds a counter that matches its log exactly."""
    db.session.add(Setting(key="backup.test.counter", value=0))
    db.session.commit()
    engine = db.engine
    setting, audit = Setting.__table__, AuditEntry.__table__
    commits, stop, errors = [0], threading.Event(), []

    def write():
        try:
            while not stop.is_set():
                with engine.begin() as connection:
                    n = connection.scalar(select(setting.c.value).where(setting.c.key == "backup.test.counter")) + 1
                    connection.execute(setting.update().where(setting.c.key == "backup.test.counter")
                                       .values(value=n))
                    connection.execute(audit.insert().values(
                        at=datetime.now(timezone.utc), actor_label="test", action="tick",
                        record_type="counter", record_id=str(n), changes={"n": n}))
                commits[0] = n
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    def wait_for_writes(table, rows):
        """After each table the backup waits until the writer has committed twice more: it is not blocked."""
        start, deadline = commits[0], time.monotonic() + 10
        while commits[0] < start + 2:
            assert time.monotonic() < deadline, "the writer was blocked by the backup"
            time.sleep(0.001)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        wait_for_writes(None, 0)  # the writer is under way before the backup starts
        result = create_backup(tmp_path / "busy.tar.gz", progress=wait_for_writes)
    finally:
        stop.set()
        writer.join()
    assert not errors, errors

    with tarfile.open(tmp_path / "busy.tar.gz") as archive:
        def rows(name):
            member = next(t["member"] for t in result.manifest["tables"] if t["name"] == name)
            return [json.loads(line) for line in archive.extractfile(member)]

        counter = next(r["value"] for r in rows("setting") if r["key"] == "backup.test.counter")
        ticks = sorted(int(r["record_id"]) for r in rows("audit_entry") if r["action"] == "tick")
    assert counter > 0
    assert ticks == list(range(1, counter + 1))
    assert commits[0] > counter + 2 * len(result.manifest["tables"]) - 5  # the writer went on during the backup
    current_app.logger.info("backup saw %d of %d writes", counter, commits[0])


def test_an_attachment_deleted_during_the_backup_makes_it_take_a_newer_snapshot(app, attachments, tmp_path):
    """Deleting an attachment removes its file after the commit; a backup whose snapshot still had it starts
    again, so the archive never refers to a file it does not hold."""
    from ivzflow.core import files
    from ivzflow.meetings.models import Attachment

    snapshots = []

    def delete_once(table, rows):
        if table == "attachment":
            snapshots.append(rows)
            if len(snapshots) == 1:
                attachment = db.session.scalars(select(Attachment).order_by(Attachment.id)).first()
                files.delete(attachment.stored_name)
                db.session.delete(attachment)
                db.session.commit()

    result = create_backup(tmp_path / "b.tar.gz", progress=delete_once)
    assert snapshots == [2, 1]
    assert result.missing_files == [] and len(result.manifest["files"]) == 2


def test_backup_of_a_lost_file_warns_and_keeps_everything_else(app, attachments, tmp_path):
    from ivzflow.meetings.models import Attachment
    from ivzflow.core import files

    lost = db.session.scalars(select(Attachment).order_by(Attachment.id)).first()
    files.path_of(lost.stored_name).unlink()

    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "b.tar.gz")])
    assert result.exit_code == 1
    assert f"file {lost.stored_name} (attachment {lost.id}) is missing" in result.output
    with tarfile.open(tmp_path / "b.tar.gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert [f["name"] for f in manifest["missing_files"]] == [lost.stored_name]
    assert len(manifest["files"]) == 2


def test_a_backup_restores_into_a_new_sqlite_database_whatever_it_was_made_on(app, attachments, stamped, tmp_path):
    """The archive is portable: a backup of either backend goes into a new SQLite database made with
    `flask db upgrade`, with every row and file as it was."""
    from flask_migrate import upgrade

    from ivzflow import create_app

    tables, stored = table_contents(), file_contents()
    create_backup(tmp_path / "b.tar.gz")
    other = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI":
                        f"sqlite:///{tmp_path / 'new.sqlite'}", "FILES_DIR": str(tmp_path / "new-files")})
    with other.app_context():
        upgrade()
        restore_backup(tmp_path / "b.tar.gz")
        assert table_contents() == tables
        assert file_contents() == stored
        db.session.remove()
        db.engine.dispose()
