"""Reading and writing settings, with defaults for those never set."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ivzflow.core.errors import Conflict, stale_message
from ivzflow.core.records import flush
from ivzflow.extensions import db
from ivzflow.settings.models import Setting

DEFAULTS: dict[str, Any] = {
    # Dutch public holidays that planning skips; Bevrijdingsdag (5 May) is a day off only in lustrum years
    # unless the region decides otherwise.
    "holidays.include_liberation_day": False,
    # Extra days without meetings (e.g. a regional closure between Christmas and New Year), ISO dates.
    "holidays.extra_days": [],
    # Lead times of reminders (the secretariat can change them).
    "reminders.send_hour": 8,  # day-based reminders go out at this local hour
    "reminders.meeting_days_before": 3,
    "reminders.agenda_days_before": 2,
    "reminders.documents_days_before": 1,
    "reminders.submission_days_before": 5,
    "reminders.comms_advice_days_before": [14, 7, 3],
    "reminders.comms_advice_secretariat_days_before": 1,
    "reminders.action_days_before": 3,
    "reminders.membership_months_before": 3,
    "reminders.policy_days_before": 30,
    "reminders.cycle_check_date": "09-01",  # from this day on, next year's calendar should be planned
    "reminders.max_attempts": 6,
    # A project's status update is due this many days before every Platform IVZ meeting.
    "projects.status_update_days_before_platform": 7,
}


def _cache() -> dict:
    return db.session.info.setdefault("settings", {})


def get_setting(key: str) -> Any:
    """A setting's value (or its default); read once per transaction."""
    cache = _cache()
    if key not in cache:
        row = db.session.get(Setting, key)
        cache[key] = row.value if row is not None else DEFAULTS.get(key)
    return cache[key]


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("settings", None)


def set_setting(key: str, value: Any) -> Setting:
    """Store a setting the application decides itself; a person's form goes through set_settings."""
    row = db.session.get(Setting, key) or Setting(key=key)
    db.session.add(row)
    row.value = value
    flush(row)
    _cache().pop(key, None)
    return row


def settings_version(keys: Iterable[str]) -> str:
    """The versions of the settings a form shows, as one value for its hidden `version` field (0: never set)."""
    rows = {row.key: row for row in db.session.scalars(select(Setting).where(Setting.key.in_(set(keys))))}
    return ".".join(str(rows[key].version if key in rows else 0) for key in sorted(set(keys)))


def set_settings(values: dict[str, Any], *, version) -> None:
    """Store the settings of one form, unless any changed since the form showed `version` (409)."""
    if version != settings_version(values):
        raise Conflict(stale_message())
    for key, value in values.items():
        set_setting(key, value)
