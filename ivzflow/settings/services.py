"""Reading and writing settings, with defaults for those never set."""
from __future__ import annotations

from typing import Any

from ivzflow.core.errors import check_version
from ivzflow.extensions import db
from ivzflow.settings.models import Setting

DEFAULTS: dict[str, Any] = {
    # Dutch public holidays that planning skips; Bevrijdingsdag (5 May) is a day off only in lustrum years
    # unless the region decides otherwise.
    "holidays.include_liberation_day": False,
    # Extra days without meetings (e.g. a regional closure between Christmas and New Year), ISO dates.
    "holidays.extra_days": [],
    # A project's status update is due this many days before every Platform IVZ meeting.
    "projects.status_update_days_before_platform": 7,
}


def get_setting(key: str) -> Any:
    row = db.session.get(Setting, key)
    return row.value if row is not None else DEFAULTS.get(key)


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
    return row
