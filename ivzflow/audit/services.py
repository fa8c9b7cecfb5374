"""Writes the audit log in the same transaction as the change it describes.

Every flush of a model (unless it sets `__audit__ = False`) is recorded: created rows with their values,
updated rows with old and new values, deleted rows. The acting user is put on the session by the
request (or CLI) layer with `set_actor`; services never need to remember to audit.
"""
from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import event, inspect, insert
from sqlalchemy.orm import Session

from ivzflow.audit.models import AuditEntry
from ivzflow.core import clock
from ivzflow.extensions import db

SKIP_COLUMNS = {"version", "password_hash", "token_hash", "session_token"}


def set_actor(session, user) -> None:
    """Remember who acts in this session; None means the system (CLI, scheduler)."""
    if user is None:
        session.info.pop("actor", None)
    else:
        session.info["actor"] = (user.id, user.email)


def _actor(session) -> tuple[int | None, str]:
    return session.info.get("actor", (None, "systeem"))


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (str, int, float, bool, type(None), list, dict)):
        return value
    return str(value)


def _audited(obj) -> bool:
    return getattr(type(obj), "__audit__", True) and hasattr(obj, "__table__")


def _record_id(obj) -> str:
    identity = inspect(obj).identity
    return ",".join(str(v) for v in identity) if identity else "?"


def _column_values(obj) -> dict:
    mapper = inspect(obj).mapper
    return {
        attr.key: _plain(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in SKIP_COLUMNS
    }


def _changed_values(obj) -> dict:
    state = inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIP_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[attr.key] = [_plain(old), _plain(new)]
    for key in SKIP_COLUMNS - {"version"}:
        if key in state.mapper.column_attrs and state.attrs[key].history.has_changes():
            changes[key] = ["***", "***"]
    return changes


@event.listens_for(Session, "after_flush")
def _write_audit(session: Session, flush_context) -> None:
    actor_id, actor_label = _actor(session)
    at = clock.now()
    rows = []
    for obj in session.new:
        if _audited(obj):
            rows.append(("create", obj, _column_values(obj)))
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            changes = _changed_values(obj)
            if changes:
                rows.append(("update", obj, changes))
    for obj in session.deleted:
        if _audited(obj):
            rows.append(("delete", obj, _column_values(obj)))
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), [
            {
                "at": at, "actor_id": actor_id, "actor_label": actor_label, "action": action,
                "record_type": obj.__tablename__, "record_id": _record_id(obj), "changes": changes,
            }
            for action, obj, changes in rows
        ])


def log_event(action: str, record_type: str, record_id, details: dict | None = None, actor=None) -> None:
    """Record an event that is not a row change (a login, a download, a rotation)."""
    actor_id, actor_label = (actor.id, actor.email) if actor is not None else _actor(db.session)
    db.session.add(AuditEntry(
        at=clock.now(), actor_id=actor_id, actor_label=actor_label, action=action,
        record_type=record_type, record_id=str(record_id), changes={k: _plain(v) for k, v in (details or {}).items()},
    ))


def log_read(action: str, record_type: str, record_id, **details) -> None:
    """Audit a read that hands data out (an export, a download) and commit it at once: the request itself
    writes nothing, so nothing else would commit the entry."""
    log_event(action, record_type, record_id, details)
    db.session.commit()


def entries_for(record_type: str, record_id, limit: int = 200) -> list[AuditEntry]:
    """The audit trail of one record, newest first."""
    return list(db.session.scalars(
        db.select(AuditEntry)
        .where(AuditEntry.record_type == record_type, AuditEntry.record_id == str(record_id))
        .order_by(AuditEntry.id.desc()).limit(limit)
    ))
