"""Documents on agenda items: checked by content, stored under a random name, removed with the item."""
from __future__ import annotations

from flask_babel import gettext as _

from ivzflow.core import clock, files
from ivzflow.core.errors import Conflict
from ivzflow.extensions import db
from ivzflow.meetings import amendments
from ivzflow.meetings.models import AgendaItem, Attachment
from ivzflow.meetings.permissions import DOCUMENTS_EDITABLE_STATES


def ensure_documents_editable(item: AgendaItem) -> None:
    if item.meeting.state not in DOCUMENTS_EDITABLE_STATES:
        raise Conflict(_("Deze vergadering is voorbij of geannuleerd; stukken kunnen niet meer worden toegevoegd "
                         "of verwijderd."))


def add_attachment(actor, item: AgendaItem, stream, filename: str | None) -> Attachment:
    """Store an uploaded document on an item; refuses types other than the allowed ones (by content)."""
    ensure_documents_editable(item)
    attachment = Attachment(agenda_item_id=item.id, **files.save_upload(stream, filename),
                            uploaded_at=clock.now(), uploaded_by_id=getattr(actor, "id", None))
    item.attachments.append(attachment)
    db.session.flush()
    amendments.document_added(actor, item, attachment.filename)
    return attachment


def remove_attachment(actor, attachment: Attachment) -> None:
    ensure_documents_editable(attachment.agenda_item)
    amendments.document_removed(actor, attachment.agenda_item, attachment.filename)
    forget_files([attachment])
    db.session.delete(attachment)
    db.session.flush()


def forget_files(attachments) -> None:
    """The files of these attachments go from disk once the transaction that removes them commits."""
    for attachment in attachments:
        files.delete(attachment.stored_name)
