"""Reminders as rows: planned from the data, swept when due, delivered exactly once in the app and by e-mail."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivzflow.core.db import UTCDateTime, Versioned
from ivzflow.extensions import db


class Reminder(db.Model):
    """Something to tell one user at a time, computed from the data (meetings, deadlines, items, actions,
    memberships). Replanning updates or cancels rows that have not been processed yet."""

    __tablename__ = "reminder"
    __audit__ = False
    __table_args__ = (
        Index("ix_reminder_due", "processed_at", "due_at"),
        Index("ix_reminder_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)  # kind:subject:recipient:due
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    subject_type: Mapped[str] = mapped_column(String(40), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    context: Mapped[str | None] = mapped_column(String(200))  # e.g. "14" days before, for the text
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))  # delivered | expired | cancelled

    user = relationship("User")  # loaded only for the secretariat's overview


class Notification(db.Model):
    """A message in a user's inbox in the app; written in the same transaction as its reminder is processed.

    Title and body are in the default language; `translations` holds them in the other languages, written
    at the same moment (a message says what the data was when it was sent). A message that asks for work
    is marked done (`done_at`) when the data no longer asks it, and open again when it does."""

    __tablename__ = "notification"
    __audit__ = False
    # The unread count (on every page) asks for the user's messages that are neither read nor done.
    __table_args__ = (Index("ix_notification_open", "user_id", "read_at", "done_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    link: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    translations: Mapped[dict | None] = mapped_column(JSON)  # {"en": {"title": ..., "body": ...}}

    def title_in(self, locale: str) -> str:
        return self._text(locale, "title") or self.title

    def body_in(self, locale: str) -> str:
        return self._text(locale, "body") or self.body

    def _text(self, locale: str, part: str) -> str | None:
        return ((self.translations or {}).get(locale) or {}).get(part)


class Delivery(db.Model):
    """An e-mail to send (now, or in the daily digest); claimed with a row lock, sent, marked sent."""

    __tablename__ = "delivery"
    __audit__ = False
    # The digest run asks for pending digest items by user: without its own index the planner walks a
    # million sent e-mails in user order (seconds at national scale, for nothing).
    __table_args__ = (Index("ix_delivery_pending", "status", "next_attempt_at"),
                      Index("ix_delivery_status_mode_user", "status", "mode", "user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    mode: Mapped[str] = mapped_column(String(10), nullable=False, default="email")  # email | digest
    to_address: Mapped[str] = mapped_column(String(254), nullable=False)
    subject: Mapped[str] = mapped_column(String(300), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    ics: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(250), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")  # pending|sent|failed|digested
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User", lazy="joined")


class NotificationPreference(Versioned, db.Model):
    """Per user and kind: e-mail now, in the daily digest, or in the app only."""

    __tablename__ = "notification_preference"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    mode: Mapped[str] = mapped_column(String(10), nullable=False)  # email | digest | app


class PolicyEvent(Versioned, db.Model):
    """A date of the policy cycle entered by the secretariat (IVM, local safety plans)."""

    __tablename__ = "policy_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    happens_on: Mapped[date] = mapped_column(Date, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    remind_days_before: Mapped[int] = mapped_column(Integer, nullable=False, default=30)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
