"""Fast snapshots of a test database, for fixtures that build a large state once and restore it per test.

PostgreSQL: every non-empty table copied out and back in with COPY (its own text format, so no value is
converted), with triggers and foreign-key checks off for that transaction (session_replication_role), and
the id sequences put where a restore from rows would put them, in one statement. SQLite: the whole file
copied page by page with the backup API into memory and back.
Restoring replaces what the tables hold, whatever the test did to them.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from sqlalchemy import Integer, text

from ivzflow.extensions import db


@dataclass
class Snapshot:
    backend: str
    tables: dict[str, bytes] = field(default_factory=dict)  # PostgreSQL: COPY data of the non-empty tables
    sequences: str = ""  # PostgreSQL: one SELECT that sets every id sequence
    memory: sqlite3.Connection | None = None  # SQLite: the database's pages


def _serial_tables():
    for table in db.metadata.sorted_tables:
        columns = list(table.primary_key.columns)
        if len(columns) == 1 and isinstance(columns[0].type, Integer) and columns[0].autoincrement in (True, "auto"):
            yield table, columns[0]


def take() -> Snapshot:
    db.session.remove()
    with db.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if connection.dialect.name != "postgresql":
            memory = sqlite3.connect(":memory:", check_same_thread=False)
            raw.backup(memory)
            return Snapshot("sqlite", memory=memory)
        snapshot = Snapshot("postgresql")
        with raw.cursor() as cursor:
            for table in db.metadata.sorted_tables:
                # in key order, as rows were restored before: a query without ORDER BY sees them as it did
                order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
                with cursor.copy(f'COPY (SELECT * FROM "{table.name}" ORDER BY {order}) TO STDOUT') as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                if data:
                    snapshot.tables[table.name] = data
        settings = []
        for table, column in _serial_tables():
            highest = connection.scalar(text(f'SELECT max("{column.name}") FROM "{table.name}"'))
            settings.append(f"setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                            f"{int(highest or 1)}, {'true' if highest else 'false'})")
        snapshot.sequences = "SELECT " + ", ".join(settings)
        connection.rollback()
        return snapshot


def restore(snapshot: Snapshot) -> None:
    """Every table as it was when the snapshot was taken."""
    db.session.remove()
    if snapshot.backend == "sqlite":
        with db.engine.connect() as connection:
            snapshot.memory.backup(connection.connection.dbapi_connection)
        return
    with db.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(text(f'DELETE FROM "{table.name}"'))
        with connection.connection.dbapi_connection.cursor() as cursor:
            for name, data in snapshot.tables.items():
                with cursor.copy(f'COPY "{name}" FROM STDIN') as copy:
                    copy.write(data)
        connection.execute(text(snapshot.sequences))
