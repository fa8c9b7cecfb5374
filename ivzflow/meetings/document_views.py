"""The agenda as documents: a printable page, one PDF with the documents, and a zip."""
from __future__ import annotations

import io
import re
import unicodedata

from flask import send_file
from flask_login import current_user

from ivzflow.audit.services import log_read
from ivzflow.core.web import require_visible
from ivzflow.extensions import db
from ivzflow.meetings import documents
from ivzflow.meetings import permissions as perm
from ivzflow.meetings.agenda_views import bp, visible_agenda
from ivzflow.meetings.models import Meeting


def _download_name(meeting: Meeting, extension: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", meeting.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower() or str(meeting.id)
    return f"agenda-{slug}{extension}"


def _readable_meeting(meeting_id: int) -> Meeting:
    meeting = db.get_or_404(Meeting, meeting_id)
    require_visible(perm.can_view_agenda(current_user, meeting))
    return meeting


@bp.route("/meetings/<int:meeting_id>/agenda/print")
def print_agenda(meeting_id: int):
    meeting = _readable_meeting(meeting_id)
    agenda = visible_agenda(meeting)
    return documents.print_html(agenda, documents.documents_of_rows(agenda, current_user), for_pdf=False)


@bp.route("/meetings/<int:meeting_id>/agenda.pdf")
def agenda_pdf(meeting_id: int):
    meeting = _readable_meeting(meeting_id)
    agenda = visible_agenda(meeting)
    pdf = documents.agenda_pdf(agenda, documents.documents_of_rows(agenda, current_user))
    log_read("export", "meeting", meeting.id, format="agenda.pdf")
    return send_file(io.BytesIO(pdf), mimetype="application/pdf", as_attachment=True,
                     download_name=_download_name(meeting, ".pdf"), max_age=0)


@bp.route("/meetings/<int:meeting_id>/agenda.zip")
def agenda_zip(meeting_id: int):
    meeting = _readable_meeting(meeting_id)
    agenda = visible_agenda(meeting)
    archive = documents.agenda_zip(agenda, documents.documents_of_rows(agenda, current_user))
    log_read("export", "meeting", meeting.id, format="agenda.zip")
    return send_file(archive, mimetype="application/zip", as_attachment=True,
                     download_name=_download_name(meeting, ".zip"), max_age=0)
