"""Documents on agenda items: checked by content, stored under a random name, removed with the item."""
from __future__ import annotations

from flask_babel import gettext as _

from ivzflow.core import clock, files
from ivzflow.core.errors import Conflict, ValidationError
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Attachment
from ivzflow.meetings.permissions import DOCUMENTS_EDITABLE_STATES


def ensure_documents_editable(item: AgendaItem) -> None:
    if item.meeting.state not in DOCUMENTS_EDITABLE_STATES:
        raise Conflict(_("De stukken van deze vergadering zijn al verzonden of de vergadering is voorbij; "
                         "stukken kunnen niet meer worden toegevoegd of verwijderd."))


def add_attachment(actor, item: AgendaItem, stream, filename: str | None) -> Attachment:
    """Store an uploaded document on an item; refuses types other than the allowed ones (by content)."""
    ensure_documents_editable(item)
    if stream is None or not (filename or "").strip():
        raise ValidationError(_("Kies een bestand."), field="file")
    stored = files.save(stream, filename)
    attachment = Attachment(agenda_item_id=item.id, filename=stored.filename, stored_name=stored.stored_name,
                            content_type=stored.content_type, size=stored.size, sha256=stored.sha256,
                            uploaded_at=clock.now(), uploaded_by_id=getattr(actor, "id", None))
    item.attachments.append(attachment)
    db.session.flush()
    return attachment


def remove_attachment(actor, attachment: Attachment) -> None:
    ensure_documents_editable(attachment.agenda_item)
    forget_files([attachment])
    db.session.delete(attachment)
    db.session.flush()


def forget_files(attachments) -> None:
    """The files of these attachments go from disk once the transaction that removes them commits."""
    for attachment in attachments:
        files.delete(attachment.stored_name)
