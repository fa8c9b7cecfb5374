"""The append-only audit log."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, event
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
