"""Each project's status update is due before its own district's Platform IVZ (issue 18): the portfolio, the
report and the projectleider's reminder follow the project's district, not the first Platform there is."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from ivzflow.accounts.roles import Role
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import services as meetings
from ivzflow.organisations.models import District
from ivzflow.projects.due import current_cycle, cycles_of
from ivzflow.projects.portfolio import portfolio
from ivzflow.reminders.plans import plan_project


@pytest.fixture
def two_platforms(governance, make_body, make_project):
    """Twente's Platform meets on 10 June, IJsselland's on 24 June 2015; a project in each district."""
    twente, ijsselland = District(name="Twente (test)"), District(name="IJsselland (test)")
    db.session.add_all([twente, ijsselland])
    db.session.flush()
    governance.platform.district_id = twente.id
    other = make_body("Platform IVZ IJsselland", kind="platform", district_id=ijsselland.id)
    for body, day in ((governance.platform, date(2015, 6, 10)), (other, date(2015, 6, 24))):
        meetings.create_meeting(None, body, clock.local_to_utc(day, 9, 30), 120, publish=True)
    ours, theirs = make_project("Project Twente"), make_project("Project IJsselland")
    ours.district_id, theirs.district_id = twente.id, ijsselland.id
    db.session.commit()
    return twente, ijsselland, ours, theirs


def test_each_district_has_its_own_due_day(two_platforms, time_machine):
    twente, ijsselland, ours, theirs = two_platforms
    time_machine.move_to(datetime(2015, 6, 5, 12, tzinfo=timezone.utc))
    cycles = cycles_of([twente.id, ijsselland.id])
    assert cycles[twente.id].due_on == date(2015, 6, 3) and cycles[ijsselland.id].due_on == date(2015, 6, 17)
    assert current_cycle(district_id=ijsselland.id).due_on == date(2015, 6, 17)
    rows = {row.project.title: row for row in portfolio()}
    assert (rows["Project Twente"].due_state, rows["Project Twente"].due_on) == ("overdue", date(2015, 6, 3))
    assert (rows["Project IJsselland"].due_state, rows["Project IJsselland"].due_on) == ("due", date(2015, 6, 17))


def test_a_district_without_a_platform_meeting_has_nothing_due(two_platforms, time_machine):
    twente, ijsselland, ours, theirs = two_platforms
    time_machine.move_to(datetime(2015, 6, 20, 12, tzinfo=timezone.utc))  # after Twente's, before IJsselland's
    cycles = cycles_of([twente.id, ijsselland.id, 999_999])
    assert cycles[twente.id].next_meeting is None and cycles[999_999].next_meeting is None
    assert cycles[ijsselland.id].next_meeting.local_day == date(2015, 6, 24)


def test_the_projectleiders_reminder_follows_his_projects_platform(two_platforms, make_user, time_machine):
    twente, ijsselland, ours, theirs = two_platforms
    make_user(Role.PROJECTLEIDER, person=theirs.projectleider)
    time_machine.move_to(datetime(2015, 6, 5, 12, tzinfo=timezone.utc))
    [wanted] = plan_project(theirs.id)
    assert wanted.context == "2015-06-17"
