"""The inbox, preferences, the secretariat's view of what goes out, and the policy calendar."""
from __future__ import annotations

from datetime import timedelta

from flask import g, has_app_context
from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import joinedload

from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.core.records import save
from ivzflow.extensions import db
from ivzflow.reminders.messages import KIND_LABELS
from ivzflow.reminders.models import Delivery, Notification, NotificationPreference, PolicyEvent, Reminder

MODES = ("email", "digest", "app")


def unread_count(user_id: int) -> int:
    """Counted with the logged-in user's own row when it was loaded (accounts.session.load_signed_in)."""
    kept = g.get("unread", {}) if has_app_context() else {}
    if user_id in kept:
        return kept[user_id]
    return db.session.scalar(unread_of(user_id)) or 0


def unread_of(user_id):
    """SQL: how many of the user's messages are unread and still ask something (user_id a value or a
    column); a message whose work was done meanwhile is not counted. count(*), not of a column: PostgreSQL
    answers it from the index."""
    return select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None),
                                      Notification.done_at.is_(None))


def inbox(user_id: int, limit: int = 100) -> list[Notification]:
    """Unread messages that still ask something first, then the rest; newest first within each."""
    settled = or_(Notification.read_at.is_not(None), Notification.done_at.is_not(None))
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user_id)
                                   .order_by(case((settled, 1), else_=0), Notification.created_at.desc(),
                                             Notification.id.desc())
                                   .limit(limit)))


def forget_unread_counts() -> None:
    """After messages were read: the counts kept for this request no longer hold. (Messages are added by
    the scheduler, outside any request.)"""
    if has_app_context():
        g.pop("unread", None)


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = clock.now()
        forget_unread_counts()


def mark_all_read(user_id: int) -> int:
    forget_unread_counts()
    result = db.session.execute(update(Notification).where(Notification.user_id == user_id,
                                                           Notification.read_at.is_(None)).values(read_at=clock.now()))
    return result.rowcount or 0


def preferences(user_id: int) -> dict[str, str]:
    chosen = dict(db.session.execute(select(NotificationPreference.kind, NotificationPreference.mode)
                                     .where(NotificationPreference.user_id == user_id)).all())
    return {kind: chosen.get(kind, "email") for kind in KIND_LABELS}


def set_preferences(user_id: int, modes: dict[str, str]) -> None:
    """Per kind: e-mail now, in the daily digest, or only in the app."""
    existing = {p.kind: p for p in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user_id))}
    for kind, mode in modes.items():
        if kind not in KIND_LABELS or mode not in MODES:
            raise ValidationError(_("Onbekende keuze voor een soort bericht."))
        row = existing.get(kind)
        if row is None:
            db.session.add(NotificationPreference(user_id=user_id, kind=kind, mode=mode))
        elif row.mode != mode:
            row.mode = mode
    db.session.flush()


def upcoming(weeks: int = 4, limit: int = 300) -> list[Reminder]:
    now = clock.now()
    return list(db.session.scalars(select(Reminder).where(
        Reminder.processed_at.is_(None), Reminder.due_at <= now + timedelta(weeks=weeks))
        .options(joinedload(Reminder.user)).order_by(Reminder.due_at, Reminder.id).limit(limit)))


def deliveries(status: str, limit: int = 200) -> list[Delivery]:
    return list(db.session.scalars(select(Delivery).where(Delivery.status == status)
                                   .order_by(Delivery.created_at.desc(), Delivery.id.desc()).limit(limit)))


def resend(delivery: Delivery) -> None:
    """Send a failed e-mail again at the next sweep."""
    if delivery.status != "failed":
        raise ValidationError(_("Alleen mislukte e-mails kunnen opnieuw verstuurd worden."))
    delivery.status, delivery.attempts, delivery.next_attempt_at, delivery.last_error = "pending", 0, clock.now(), None
    db.session.flush()


def policy_events() -> list[PolicyEvent]:
    return list(db.session.scalars(select(PolicyEvent).order_by(PolicyEvent.happens_on)))


def save_policy_event(event: PolicyEvent | None, *, version=None, **values) -> PolicyEvent:
    if not (values.get("title") or "").strip():
        raise ValidationError(_("Vul een omschrijving in."), field="title")
    if values.get("happens_on") is None:
        raise ValidationError(_("Vul een datum in."), field="happens_on")
    return save(event or PolicyEvent(), values, version=version)
