"""Database foundations: the declarative base, aware UTC timestamps, optimistic locking."""
from __future__ import annotations

import os

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone

from flask import Flask, current_app, has_request_context, request
from sqlalchemy import DateTime, Integer, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """Stores instants as UTC and always returns aware datetimes (SQLite would return naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Versioned:
    """Optimistic locking: SQLAlchemy adds `WHERE version = :old` to every UPDATE and bumps it.

    Forms post the version they showed back; services change a record through core.records, which
    refuses a missing or older version with a clear message, and turns a race that slips past that
    check (StaleDataError at UPDATE) into the same message.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


_write_intent: ContextVar[bool] = ContextVar("ivzflow_write_intent", default=False)


@contextmanager
def write_transaction():
    """A fresh transaction that takes SQLite's write lock at its start (BEGIN IMMEDIATE), for work outside
    web requests (the scheduler). What the session had open is committed first."""
    db = current_app.extensions["sqlalchemy"]  # ivzflow.extensions imports this module for Base
    db.session.commit()
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def _wants_write() -> bool:
    if _write_intent.get():
        return True
    return has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")


def _owner_only(cursor) -> None:
    """The database file (and its journal, which SQLite creates with the same mode) is readable by the
    service's own user only: it holds password hashes and confidential texts."""
    for _seq, name, path in cursor.execute("PRAGMA database_list").fetchall():
        if name == "main" and path:
            for file in (path, path + "-wal", path + "-shm"):
                try:
                    if os.stat(file).st_mode & 0o077:
                        os.chmod(file, 0o600)
                except OSError:
                    pass  # not there (yet), or not ours to change


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        # We issue BEGIN ourselves (see _sqlite_begin); pysqlite's own transaction handling would not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _owner_only(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection):
    """Requests that change data take SQLite's write lock at the start of their transaction, so
    concurrent writers queue up and each sees the other's result (instead of failing on a stale
    snapshot); reading requests share the database."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _wants_write() else "BEGIN")


@event.listens_for(Session, "after_flush")
def _note_flush(session, _flush_context):
    session.info["flushed"] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_flush(session, transaction):
    if transaction.parent is None:
        session.info.pop("flushed", None)


def init_app(app: Flask) -> None:
    """After Flask-SQLAlchemy (its teardown then runs after ours)."""
    db = app.extensions["sqlalchemy"]  # ivzflow.extensions imports this module for Base

    @app.teardown_appcontext
    def _end_reading_transaction(exc):
        """A transaction that only read is committed rather than rolled back: the same to the database,
        but psycopg forgets its prepared statements on every ROLLBACK, so PostgreSQL would plan each of
        a page's queries afresh on every request (a few tenths of a millisecond each)."""
        session = db.session()
        if exc is None and session.in_transaction() and not session.info.get("flushed") and not (
                session.new or session.dirty or session.deleted):
            session.expire_on_commit = False  # the session ends here: expiring what it loaded is wasted work
            try:
                session.commit()
            except SQLAlchemyError:
                session.rollback()  # the database went away; Flask-SQLAlchemy's teardown closes the rest


def assign(obj, values: dict) -> None:
    """Set attributes from form values: text is stripped, and empty text is stored as NULL."""
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        setattr(obj, key, value)
