"""Meeting factories. `make_meeting` is generic (other branches use it too); `cal_*` fixtures are the
calendar's own."""
from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import services
from ivzflow.meetings.models import Meeting, MeetingRule


@pytest.fixture
def make_meeting(ctx):
    """Plan a meeting of a body through the service (deadlines follow from the body's rule, if any).

    `start_at` may be aware, or naive for Amsterdam wall-clock time; default 26 March 2015 10:00.
    """
    def make(body, start_at: datetime | None = None, published: bool = True, duration_minutes: int = 90,
             **values) -> Meeting:
        start_at = start_at or datetime(2015, 3, 26, 10, 0)
        if start_at.tzinfo is None:
            start_at = start_at.replace(tzinfo=clock.LOCAL_TZ)
        meeting = services.create_meeting(None, body, start_at, duration_minutes, publish=published, **values)
        db.session.commit()
        return meeting
    return make


@pytest.fixture
def cal_rule(ctx):
    """Give a body a cycle rule, so its meetings get deadlines (21, 14 and 7 days before)."""
    def make(body, **values) -> MeetingRule:
        settings = dict(per_year=6, exactly=False, duration_minutes=90, weekday=None, start_time="10:00",
                        anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=21,
                        agenda_fixed_days=14, documents_days=7, has_host_rotation=False)
        settings.update(values)
        rule = services.save_rule(body, **settings)
        db.session.commit()
        return rule
    return make


@pytest.fixture
def cal_frozen():
    """The clock stands still on 1 March 2015, 09:00 in Amsterdam (before the change to summer time)."""
    with time_machine.travel(datetime(2015, 3, 1, 9, 0, tzinfo=clock.LOCAL_TZ), tick=False) as traveller:
        yield traveller
