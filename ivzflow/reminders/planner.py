"""Keeping reminder rows in step with the data, in the same transaction as the change.

A flush that touches a subject (a meeting, a deadline, a decision item, an action ...) marks it; before
the transaction commits, each marked subject's reminders are planned again: rows still wanted stay,
new ones are added, unprocessed ones no longer wanted are cancelled. Processed rows are never touched,
and keys are unique, so a reminder is never planned twice. The notifications of reminders that ask for
work (TASK_KINDS) are marked done when the data no longer asks that kind of thing of that user, and
open again when it does.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.reminders.models import Notification, Reminder
from ivzflow.settings.services import get_setting


@dataclass(frozen=True)
class Wanted:
    """A reminder the data calls for."""

    kind: str
    subject_type: str
    subject_id: int
    user_id: int
    due_at: datetime
    expires_at: datetime | None = None
    context: str | None = None

    @property
    def key(self) -> str:
        extra = f":{self.context}" if self.context else ""
        return f"{self.kind}:{self.subject_type}:{self.subject_id}:{self.user_id}:{self.due_at:%Y%m%dT%H%M}{extra}"


Planner = Callable[[int], Iterable[Wanted]]
# filled by ivzflow.reminders.plans, which the app factory loads (ivzflow.models): the plans read every
# package, this module stays below them
PLANNERS: dict[str, Planner] = {}
# model class name → function(instance) → [(subject type, id)] to replan when it changes
WATCHED: dict[str, Callable] = {}
# kinds whose message asks the recipient to do something (filled in by the plans)
TASK_KINDS: set[str] = set()


def planner(subject_type: str):
    def register(function: Planner) -> Planner:
        PLANNERS[subject_type] = function
        return function
    return register


def watch(class_name: str):
    def register(function):
        WATCHED[class_name] = function
        return function
    return register


def at_send_hour(day: date) -> datetime:
    """Day-based reminders go out at the configured local hour."""
    return clock.local_to_utc(day, int(get_setting("reminders.send_hour")))


def days_before(instant: datetime, days: int) -> datetime:
    return at_send_hour(clock.local(instant).date() - timedelta(days=days))


def replan(subject_type: str, subject_id: int) -> None:
    """Bring one subject's unprocessed reminders in line with what its data calls for now."""
    wanted = {w.key: w for w in PLANNERS[subject_type](subject_id)}
    rows = db.session.scalars(select(Reminder).where(Reminder.subject_type == subject_type,
                                                     Reminder.subject_id == subject_id)).all()
    existing = {r.key: r for r in rows}
    now = clock.now()
    for key, row in existing.items():
        if row.processed_at is None and key not in wanted:
            row.processed_at, row.outcome = now, "cancelled"
    for key, w in wanted.items():
        if key not in existing:
            db.session.add(Reminder(key=key, kind=w.kind, subject_type=w.subject_type, subject_id=w.subject_id,
                                    user_id=w.user_id, due_at=w.due_at, expires_at=w.expires_at, context=w.context,
                                    planned_at=now))
    settle_notifications(rows, wanted.values(), now)


def settle_notifications(rows, wanted, now: datetime) -> None:
    """A delivered task message is done once nothing of its kind is wanted for its user any more (the
    advice approved, the update posted), whatever its due time; it is open again when that changes."""
    still = {(w.kind, w.user_id) for w in wanted}
    done, open_again = [], []
    for row in rows:
        if row.outcome == "delivered" and row.kind in TASK_KINDS:
            (open_again if (row.kind, row.user_id) in still else done).append(row.key)
    if done:
        db.session.execute(update(Notification).where(Notification.key.in_(done), Notification.done_at.is_(None))
                           .values(done_at=now), execution_options={"synchronize_session": False})
    if open_again:
        db.session.execute(update(Notification).where(Notification.key.in_(open_again),
                                                       Notification.done_at.is_not(None))
                           .values(done_at=None), execution_options={"synchronize_session": False})


@event.listens_for(Session, "after_flush")
def _mark(session: Session, flush_context) -> None:
    marked = session.info.setdefault("replan", set())
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        watcher = WATCHED.get(type(obj).__name__)
        if watcher is not None:
            marked.update(s for s in watcher(obj) if s[1] is not None)


@event.listens_for(Session, "before_commit")
def _replan_marked(session: Session) -> None:
    if session.info.get("replanning"):
        return
    session.info["replanning"] = True
    try:
        session.flush()  # before_commit comes before the final flush: flush now so every change is marked
        while session.info.get("replan"):
            subject_type, subject_id = session.info["replan"].pop()
            if session is db.session():
                replan(subject_type, subject_id)
        session.flush()
    finally:
        session.info["replanning"] = False
        session.info.pop("replan", None)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("replan", None)
