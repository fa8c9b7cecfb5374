"""Reading and writing whole tables portably: one consistent snapshot, type-aware values, checksums.

A row is encoded column by column according to the column's type (instants as ISO 8601 in UTC, dates as
ISO dates, decimals as strings with the column's scale, bytes as base64, JSON as itself) and written as one
canonical JSON line. Every checksum is computed from these lines, from values as SQLAlchemy returns them, so
SQLite, PostgreSQL and an archive give the same checksum for the same data. The checksum of a table is the
sum of the sha256 of its rows modulo 2**256: it does not depend on the order the rows come in (string keys
sort differently on SQLite and PostgreSQL).
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from decimal import Decimal

from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine, Table, bindparam, func, inspect, select, text, types

from ivzflow.audit.models import rewrite_allowed
from ivzflow.extensions import db

BATCH = 1000
MODULUS = 2 ** 256


# Derived from the other tables and different per database (the search index): never copied or backed up,
# rebuilt after a restore or copy (ivzflow.search.indexer.reindex_all).
DERIVED_TABLES = {"search_entry"}


def tables() -> list[Table]:
    """Every table of the application but the derived ones, parents before children."""
    return [t for t in db.metadata.sorted_tables if t.name not in DERIVED_TABLES]


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection inside one read transaction that sees the database as it was at one moment.

    SQLite in WAL mode: a read transaction keeps its snapshot from its first read and never blocks writers
    (they append to the WAL). PostgreSQL: REPEATABLE READ READ ONLY, one snapshot, no locks that writers wait
    for.
    """
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with connection.begin():
            # The first read fixes the snapshot (PostgreSQL takes it at the first statement too).
            connection.execute(text("SELECT 1" if connection.dialect.name != "sqlite"
                                    else "SELECT count(*) FROM sqlite_master"))
            yield connection


def alembic_revision(connection: Connection) -> str | None:
    """The schema revision recorded in this database by Alembic; None when it has none."""
    return MigrationContext.configure(connection).get_current_revision()


def _base_type(column) -> types.TypeEngine:
    kind = column.type
    while isinstance(kind, types.TypeDecorator):
        kind = kind.impl if isinstance(kind.impl, types.TypeEngine) else kind.impl()
    return kind


def _scale(kind: types.Numeric) -> Decimal | None:
    return Decimal(1).scaleb(-kind.scale) if kind.scale is not None else None


def encode_value(column, value):
    """A column's value as JSON: the one portable form used in archives and checksums."""
    if value is None:
        return None
    kind = _base_type(column)
    if isinstance(kind, types.JSON):
        return value
    if isinstance(kind, types.DateTime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.isoformat()
    if isinstance(kind, (types.Date, types.Time)):
        return value.isoformat()
    if isinstance(kind, types.Float):
        return float(value)
    if isinstance(kind, types.Numeric):
        value = Decimal(value)
        quantum = _scale(kind)
        return str(value.quantize(quantum) if quantum is not None else value)
    if isinstance(kind, types._Binary):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (str, int, bool)):  # String, Text, Integer, Boolean
        return value
    raise TypeError(f"cannot encode {type(value).__name__} of {column.table.name}.{column.name}")


def decode_value(column, value):
    """The Python value for a column from its JSON form (the reverse of encode_value)."""
    if value is None:
        return None
    kind = _base_type(column)
    if isinstance(kind, types.JSON):
        return value
    if isinstance(kind, types.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, types.Date):
        return date.fromisoformat(value)
    if isinstance(kind, types.Time):
        return time.fromisoformat(value)
    if isinstance(kind, types.Float):
        return float(value)
    if isinstance(kind, types.Numeric):
        return Decimal(value)
    if isinstance(kind, types._Binary):
        return base64.b64decode(value)
    return value


def encode_row(table: Table, row) -> dict:
    mapping = row._mapping if hasattr(row, "_mapping") else row
    return {column.name: encode_value(column, mapping[column.name]) for column in table.columns}


def decode_row(table: Table, encoded: dict) -> dict:
    return {column.name: decode_value(column, encoded.get(column.name)) for column in table.columns}


def canonical(encoded: dict) -> str:
    """One row as one line of JSON, the same for the same values wherever they come from (for checksums)."""
    return json.dumps(encoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def line(encoded: dict) -> str:
    """One row as one line of JSON for an archive: keys of JSON values keep their order, as stored."""
    return json.dumps(encoded, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


@dataclass
class Digest:
    """Row count and order-independent checksum of a table."""

    rows: int = 0
    total: int = 0

    def add(self, line: str) -> None:
        self.rows += 1
        self.total = (self.total + int.from_bytes(hashlib.sha256(line.encode("utf-8")).digest(), "big")) % MODULUS

    @property
    def checksum(self) -> str:
        return f"{self.total:064x}"


def select_all(table: Table):
    return select(table).order_by(*table.primary_key.columns)


def read_table(connection: Connection, table: Table, batch: int = BATCH) -> Iterator[list]:
    """The rows of a table in batches, ordered by primary key, without loading the whole table."""
    result = connection.execution_options(yield_per=batch).execute(select_all(table))
    yield from result.partitions()


def digest_table(connection: Connection, table: Table) -> Digest:
    digest = Digest()
    for rows in read_table(connection, table):
        for row in rows:
            digest.add(canonical(encode_row(table, row)))
    return digest


def digests(connection: Connection) -> dict[str, Digest]:
    return {table.name: digest_table(connection, table) for table in tables()}


def row_counts(connection: Connection) -> dict[str, int]:
    return {table.name: connection.scalar(select(func.count()).select_from(table)) for table in tables()}


def deferred_columns(table: Table) -> list[str]:
    """Foreign keys filled in after all rows are in: those that close a cycle between tables (use_alter)
    and those that refer to their own table (a row may point at a later one)."""
    names = []
    for fk in table.foreign_keys:
        if fk.use_alter or fk.constraint.use_alter or fk.column.table is table:
            if not fk.parent.nullable:
                raise TypeError(f"{table.name}.{fk.parent.name} closes a cycle and cannot be NULL")
            names.append(fk.parent.name)
    return names


@dataclass
class Inserter:
    """Inserts rows table by table in batches; deferred foreign keys are set at the end, in one go."""

    connection: Connection
    later: list = field(default_factory=list)

    def insert(self, table: Table, rows: Iterable[dict], batch: int = BATCH) -> None:
        deferred = deferred_columns(table)
        (pk,) = table.primary_key.columns if deferred else (None,)
        pending: list[dict] = []
        for row in rows:
            if deferred:
                values = {c: row[c] for c in deferred if row[c] is not None}
                if values:
                    self.later.append((table, pk.name, row[pk.name], values))
                row = {**row, **{c: None for c in deferred}}
            pending.append(row)
            if len(pending) >= batch:
                self.connection.execute(table.insert(), pending)
                pending = []
        if pending:
            self.connection.execute(table.insert(), pending)

    def finish(self) -> None:
        groups: dict[tuple, list[dict]] = {}
        for table, pk_name, pk_value, values in self.later:
            groups.setdefault((table, pk_name, tuple(sorted(values))), []).append({"_pk": pk_value, **values})
        for (table, pk_name, columns), params in groups.items():
            statement = table.update().where(table.c[pk_name] == bindparam("_pk")).values(
                {c: bindparam(c) for c in columns})
            self.connection.execute(statement, params)
        self.later.clear()


def clear(connection: Connection) -> None:
    """Delete every row of every application table, breaking reference cycles first."""
    for table in tables():
        deferred = deferred_columns(table)
        if deferred:
            connection.execute(table.update().values({c: None for c in deferred}))
    with rewrite_allowed(connection):  # a restore replaces the audit log too (its triggers refuse otherwise)
        for table in reversed(tables()):
            connection.execute(table.delete())


def reset_sequences(connection: Connection) -> None:
    """PostgreSQL: move every id sequence past the highest id, so new rows get fresh ids."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and len(table.primary_key.columns) == 1
                                                and isinstance(_base_type(column), types.Integer)):
                sequence = connection.scalar(select(func.pg_get_serial_sequence(f'"{table.name}"', column.name)))
                if sequence:
                    highest = select(func.max(column)).scalar_subquery()
                    has_rows = select(func.count()).select_from(table).scalar_subquery() > 0
                    connection.execute(select(func.setval(sequence, func.coalesce(highest, 1), has_rows)))


def application_tables_present(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) & {t.name for t in tables()}


def non_empty_tables(connection: Connection) -> list[str]:
    present = application_tables_present(connection)
    return [t.name for t in tables() if t.name in present
            and connection.scalar(select(select(1).select_from(t).limit(1).exists()))]
