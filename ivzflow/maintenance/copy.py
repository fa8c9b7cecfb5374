"""`flask db copy --to URL`: copy the whole database to another, empty one (SQLite to PostgreSQL).

The target gets its schema from the same Alembic history (upgraded to the source's revision), then the rows
of one consistent snapshot of the source, streamed in batches, in one transaction on the target. Before that
transaction commits, every table's row count and checksum on the target are compared with the source's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from ivzflow.extensions import db
from ivzflow.maintenance import MaintenanceError
from ivzflow.maintenance.snapshot import (
    Digest, Inserter, alembic_revision, canonical, digests, encode_row, non_empty_tables, read_snapshot,
    read_table, reset_sequences, tables,
)
from ivzflow.search.indexer import reindex_all
from ivzflow.search.models import is_search_extra


@dataclass
class TableCopy:
    name: str
    source_rows: int
    target_rows: int
    checksum: str
    same: bool


def _on_target(url: str, work: Callable[[], None]) -> None:
    """Run work in an app configured for the target database (and the same files)."""
    from ivzflow import create_app  # a second app, for the target; the factory loads this module's command

    target_app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": {},
                             "SECRET_KEY": current_app.config["SECRET_KEY"], "TESTING": current_app.testing,
                             "FILES_DIR": current_app.config["FILES_DIR"]})
    with target_app.app_context():
        try:
            work()
        finally:
            db.session.remove()
            db.engine.dispose()


def _upgrade(url: str, revision: str) -> None:
    """Create the schema on the target with Alembic."""
    from flask_migrate import upgrade

    _on_target(url, lambda: upgrade(revision=revision))


def _reindex(url: str) -> None:
    """The search index is not copied (its columns differ per database): built on the target."""
    def work():
        reindex_all(db.session())
        db.session.commit()

    _on_target(url, work)


def _prepare_target(engine, url: str, revision: str) -> bool:
    """Refuse a target that holds anything; create the schema when it has none. True when created."""
    with engine.connect() as connection:
        present = {n for n in inspect(connection).get_table_names() if not is_search_extra(n, "table")}
        if not present:
            created = True
        else:
            ours = {t.name for t in db.metadata.sorted_tables} | {"alembic_version"}
            if present - ours or alembic_revision(connection) != revision:
                raise MaintenanceError(
                    "The target database is not empty (it has tables). Copy into a new, empty database "
                    "(e.g. `createdb ivzflow`).")
            filled = non_empty_tables(connection)
            if filled:
                raise MaintenanceError(f"The target database is not empty: {', '.join(filled[:5])} hold rows. "
                                       "Copy into a new, empty database.")
            created = False
    if created:
        _upgrade(url, revision)
    return created


def copy_database(target_url: str, batch: int = 1000,
                  progress: Callable[[str, int], None] | None = None) -> list[TableCopy]:
    """Copy every row of the configured database into the empty database at target_url and verify it."""
    url = make_url(target_url)
    source_url = db.engine.url
    if (url.drivername, url.host, url.port, url.database) == (source_url.drivername, source_url.host,
                                                                source_url.port, source_url.database):
        raise MaintenanceError("The target is the database itself.")
    with db.engine.connect() as connection:
        revision = alembic_revision(connection)
    if revision is None:
        raise MaintenanceError("The database has no Alembic revision, so the target's schema cannot be made to "
                               "match. If its schema is current, record that with `flask --app ivzflow db stamp "
                               "head` and copy again.")
    db.session.remove()
    engine = create_engine(url)
    try:
        _prepare_target(engine, target_url, revision)
        result = []
        with read_snapshot(db.engine) as source, engine.begin() as target:
            if alembic_revision(source) != revision:
                raise MaintenanceError("The database was upgraded while copying; copy again.")
            inserter = Inserter(target)
            copied: dict[str, Digest] = {}
            for table in tables():
                digest = Digest()

                def rows(table=table, digest=digest):
                    for chunk in read_table(source, table, batch):
                        for row in chunk:
                            values = dict(row._mapping)
                            digest.add(canonical(encode_row(table, values)))
                            yield values

                inserter.insert(table, rows(), batch)
                copied[table.name] = digest
                if progress:
                    progress(table.name, digest.rows)
            inserter.finish()
            reset_sequences(target)
            found = digests(target)
            for table in tables():
                mine, theirs = copied[table.name], found[table.name]
                result.append(TableCopy(table.name, mine.rows, theirs.rows, mine.checksum,
                                        (mine.rows, mine.checksum) == (theirs.rows, theirs.checksum)))
            wrong = [r.name for r in result if not r.same]
            if wrong:
                raise MaintenanceError(f"The copy differs from the source in {', '.join(wrong)}; the target's "
                                       "transaction was rolled back (its schema stays, without rows).")
        _reindex(target_url)
        return result
    finally:
        engine.dispose()
