"""The sweep: turn due reminders into notifications and e-mails, and send the e-mails, exactly once.

1. Due reminders are claimed in batches with a row lock (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite:
   BEGIN IMMEDIATE). For each, in the same transaction: the in-app notification and the e-mail delivery
   (both with unique keys), and the reminder is marked processed. A crash rolls all of it back.
2. Pending e-mails are claimed one at a time the same way, sent, and marked sent in that transaction.
   A crash between the SMTP server's accept and the commit can repeat one e-mail, with the same Message-ID.
   A failed send is retried with back-off and marked failed after the configured number of attempts.
3. Once a day at the send hour, e-mails for users who chose the digest go out as one message.

The work of a sweep grows with what is due, not with the size of the tables (indexed on due time).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.core import clock
from ivzflow.core.db import write_transaction
from ivzflow.extensions import db
from ivzflow.reminders import mailer, messages
from ivzflow.reminders.models import Delivery, Notification, NotificationPreference, Reminder
from ivzflow.settings.services import get_setting

BATCH = 200


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt: the base (MAIL_RETRY_SECONDS), growing fivefold, at most a day."""
    base = current_app.config["MAIL_RETRY_SECONDS"]
    return timedelta(seconds=min(base * 5 ** max(attempts - 1, 0), 86_400))


@dataclass
class SweepResult:
    processed: int = 0
    expired: int = 0
    sent: int = 0
    failed: int = 0
    digests: int = 0


def _locked(query, entity):
    """Row locks where the database has them (only on the entity's rows, not on eagerly joined ones);
    SQLite serialises writers with BEGIN IMMEDIATE instead."""
    if db.session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=True, of=entity)
    return query


def preference(user_id: int, kind: str) -> str:
    mode = db.session.scalar(select(NotificationPreference.mode).where(
        NotificationPreference.user_id == user_id, NotificationPreference.kind == kind))
    return mode or "email"


def language_of(user: User) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def _deliver(reminder: Reminder, now) -> None:
    """The notification and the e-mail of one reminder (in the caller's transaction). The message is
    written in every language, so the inbox shows it in the reader's; the e-mail goes in the user's."""
    user = db.session.get(User, reminder.user_id)
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    texts = {}
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            texts[language] = messages.render(reminder)
    message = texts[default]
    db.session.add(Notification(key=reminder.key, user_id=user.id, kind=reminder.kind, title=message.title[:300],
                                body=message.body, link=message.link, created_at=now,
                                translations={language: {"title": m.title[:300], "body": m.body}
                                              for language, m in texts.items() if language != default}))
    mode = preference(user.id, reminder.kind)
    if mode != "app" and user.is_enabled:
        mail = texts[language_of(user)]
        db.session.add(Delivery(key=reminder.key, user_id=user.id, kind=reminder.kind, mode=mode, to_address=user.email,
                                subject=mail.title[:300], body=mail.body, ics=mail.ics,
                                message_id=mailer.message_id(reminder.key), next_attempt_at=now, created_at=now))


def process_due(result: SweepResult) -> bool:
    """One batch of due reminders; True when there may be more."""
    now = clock.now()
    with write_transaction():
        due = list(db.session.scalars(_locked(
            select(Reminder).where(Reminder.processed_at.is_(None), Reminder.due_at <= now)
            .order_by(Reminder.due_at, Reminder.id).limit(BATCH), Reminder)))
        for reminder in due:
            if (reminder.expires_at is not None and reminder.expires_at <= now) or not messages.subject_exists(reminder):
                reminder.processed_at, reminder.outcome = now, "expired"
                result.expired += 1
                continue
            _deliver(reminder, now)
            reminder.processed_at, reminder.outcome = now, "delivered"
            result.processed += 1
        db.session.commit()
    return len(due) == BATCH


def _claim_delivery(now) -> Delivery | None:
    return db.session.scalar(_locked(
        select(Delivery).where(Delivery.status == "pending", Delivery.mode == "email", Delivery.next_attempt_at <= now)
        .order_by(Delivery.next_attempt_at, Delivery.id).limit(1), Delivery))


def send_pending(result: SweepResult, limit: int = 500) -> None:
    """Send pending e-mails one by one, each in its own transaction holding the row."""
    max_attempts = int(get_setting("reminders.max_attempts"))
    for _i in range(limit):
        now = clock.now()
        with write_transaction():
            delivery = _claim_delivery(now)
            if delivery is None:
                db.session.rollback()
                return
            try:
                mailer.send(mailer.build(delivery.to_address, delivery.subject, delivery.body, delivery.message_id,
                                         delivery.ics))
            except Exception as exc:  # any failure to send is retried later, never lost
                delivery.attempts += 1
                delivery.last_error = f"{type(exc).__name__}: {exc}"[:500]
                if delivery.attempts >= max_attempts:
                    delivery.status = "failed"
                    result.failed += 1
                else:
                    delivery.next_attempt_at = now + backoff(delivery.attempts)
                db.session.commit()
                if isinstance(exc, OSError):
                    return  # the server is unreachable: stop this round, try again next sweep
                continue
            delivery.status, delivery.sent_at, delivery.attempts = "sent", now, delivery.attempts + 1
            db.session.commit()
            result.sent += 1


def send_digests(result: SweepResult) -> None:
    """After the send hour, one e-mail per user with their digest items of the past day."""
    now = clock.now()
    if clock.local(now).hour < int(get_setting("reminders.send_hour")):
        return
    with write_transaction():
        pending = list(db.session.scalars(_locked(
            select(Delivery).where(Delivery.status == "pending", Delivery.mode == "digest").order_by(Delivery.user_id,
                                                                                                    Delivery.id), Delivery)))
        by_user: dict[int, list[Delivery]] = {}
        for delivery in pending:
            by_user.setdefault(delivery.user_id, []).append(delivery)
        for user_id, items in by_user.items():
            day = clock.local(now).date().isoformat()
            key = f"digest:{user_id}:{day}"
            if db.session.scalar(select(Delivery.id).where(Delivery.key == key)):
                continue
            with force_locale(language_of(items[0].user)):
                subject = _("ivzflow: dagelijks overzicht (%(n)d berichten)", n=len(items))
            body = "\n\n".join(f"{d.subject}\n{d.body}" for d in items)
            db.session.add(Delivery(key=key, user_id=user_id, kind="digest", mode="email", to_address=items[0].to_address,
                                    subject=subject, body=body, message_id=mailer.message_id(key), next_attempt_at=now,
                                    created_at=now))
            for delivery in items:
                delivery.status = "digested"
            result.digests += 1
        db.session.commit()


def sweep() -> SweepResult:
    """Everything that is due now; safe to run at any time and from several processes."""
    result = SweepResult()
    base = current_app.config["BASE_URL"]
    with current_app.test_request_context("/", base_url=base):
        while process_due(result):
            pass
        send_digests(result)
        with mailer.session():
            send_pending(result)
    return result

