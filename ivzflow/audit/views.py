"""The audit trail of a record, for the secretariat."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from ivzflow.audit.permissions import can_view_audit
from ivzflow.audit.services import entries_for
from ivzflow.core.web import require

bp = Blueprint("audit", __name__)


@bp.route("/audit/<record_type>/<record_id>")
def record(record_type: str, record_id: str):
    require(can_view_audit(current_user))
    return render_template("audit/record.html", record_type=record_type[:60], record_id=record_id[:60],
                           entries=entries_for(record_type[:60], record_id[:60]))
