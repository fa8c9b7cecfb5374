"""The start page: what the user must do now, then their meetings and bodies."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from ivzflow.accounts.services import roles_of
from ivzflow.bodies.services import memberships_at
from ivzflow.core import clock
from ivzflow.meetings import services as meetings
from ivzflow.meetings.permissions import can_manage_calendar, prepared_bodies, seating
from ivzflow.tasks.services import tasks_for

bp = Blueprint("dashboard", __name__)


@bp.route("/")
def index():
    today = clock.today()
    memberships = memberships_at(today, person_id=current_user.person_id) if current_user.person_id else []
    body_ids = seating(current_user).member_of | prepared_bodies(current_user)
    return render_template(
        "dashboard/index.html", tasks=tasks_for(current_user, today), memberships=memberships,
        roles=roles_of(current_user), upcoming=meetings.upcoming(current_user, body_ids, limit=8),
        warnings=meetings.compliance_warnings() if can_manage_calendar(current_user) else [])
