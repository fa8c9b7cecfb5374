"""Reading and writing settings, with defaults for those never set."""
from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from ivzflow.core.errors import check_version
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


def set_setting(key: str, value: Any, version=None) -> Setting:
    """Store a setting; with a version, refuse to overwrite a change made since the form was loaded."""
    row = db.session.get(Setting, key)
    if row is None:
        row = Setting(key=key, value=value)
        db.session.add(row)
    else:
        if version is not None:
            check_version(row, version)
        row.value = value
    db.session.flush()
    _cache().pop(key, None)
    return row
