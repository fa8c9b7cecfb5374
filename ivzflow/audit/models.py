"""The append-only audit log. The application refuses to change or remove an entry, and so does the
database: triggers (SQLite and PostgreSQL) refuse UPDATE and DELETE on audit_entry, whoever sends them.
Only a restore of a whole backup (and the tests' cleaning) may clear it, inside `rewrite_allowed()`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from sqlalchemy import DDL, JSON, Connection, ForeignKey, Index, Integer, String, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from ivzflow.core.db import UTCDateTime
from ivzflow.extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    __audit__ = False
    __table_args__ = (Index("ix_audit_entry_record", "record_type", "record_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("user.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(60), nullable=False)
    record_type: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[str] = mapped_column(String(60), nullable=False)
    changes: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _append_only(mapper, connection, target):
    raise RuntimeError("the audit log is append-only")


@event.listens_for(Session, "do_orm_execute")
def _no_bulk_changes(state):
    """Bulk UPDATE and DELETE statements bypass the mapper events above; refuse them on the audit log too."""
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ is AuditEntry:
        raise RuntimeError("the audit log is append-only")


# --- the database's own refusal ------------------------------------------------------------------------

REFUSAL = "the audit log is append-only"
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_entry_no_{op.lower()} BEFORE {op} ON audit_entry WHEN NOT ivzflow_audit_rewrite() "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    for op in ("UPDATE", "DELETE")
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_entry_no_update", "DROP TRIGGER IF EXISTS audit_entry_no_delete"]
POSTGRESQL_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ivzflow.audit_rewrite', true) = 'on' THEN
    IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '{REFUSAL}';
END $$""",
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()",
]
POSTGRESQL_DROP = ["DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry",
                   "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry",
                   "DROP FUNCTION IF EXISTS audit_entry_append_only()"]

for _statement in SQLITE_TRIGGERS:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL_TRIGGERS:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))

_rewrite: ContextVar[bool] = ContextVar("ivzflow_audit_rewrite", default=False)


@event.listens_for(Engine, "connect")
def _sqlite_rewrite_flag(dbapi_connection, connection_record):
    """SQLite has no session settings: the triggers ask this function (a connection without it, such as
    the sqlite3 shell, fails the check and so is refused too)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.create_function("ivzflow_audit_rewrite", 0, lambda: int(_rewrite.get()))


@contextmanager
def rewrite_allowed(connection: Connection) -> Iterator[None]:
    """Let this transaction delete audit entries: only for replacing the whole database (a restore)."""
    token = _rewrite.set(True)
    try:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL ivzflow.audit_rewrite = 'on'"))
        yield
    finally:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL ivzflow.audit_rewrite = 'off'"))
        _rewrite.reset(token)
