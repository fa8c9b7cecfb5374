"""Documents on agenda items: the upload page, downloads for those who may see the item, removal."""
from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.audit.services import log_read
from ivzflow.core import files
from ivzflow.core.forms import run_button, status_of, submit
from ivzflow.accounts.permissions import refuse_if_read_only
from ivzflow.core.web import require, require_visible
from ivzflow.extensions import db
from ivzflow.meetings import attachments as service
from ivzflow.meetings import permissions as perm
from ivzflow.meetings.agenda_forms import AttachmentForm
from ivzflow.meetings.agenda_views import bp
from ivzflow.meetings.models import AgendaItem, Attachment
from ivzflow.meetings.visibility import can_view_item


@bp.route("/agenda-items/<int:item_id>/documents", methods=["GET", "POST"])
def documents(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    allowed = perm.can_prepare_agenda(current_user, item.meeting)
    refuse_if_read_only(current_user, unless=allowed)  # a read-only member is told why
    require(allowed)
    form = AttachmentForm()
    if done := submit(form, lambda: service.add_attachment(current_user, item, form.file.data.stream,
                                                           form.file.data.filename),
                      done=lambda attachment: _("%(name)s is toegevoegd.", name=attachment.filename),
                      to=url_for("agenda.documents", item_id=item.id), code=303):
        return done
    return render_template("agenda/documents.html", form=form, item=item, meeting=item.meeting), status_of(form)


@bp.route("/attachments/<int:attachment_id>")
def download(attachment_id: int):
    attachment = db.get_or_404(Attachment, attachment_id)
    require_visible(can_view_item(current_user, attachment.agenda_item))
    log_read("download", "attachment", attachment.id, filename=attachment.filename,
             confidential=not attachment.agenda_item.is_public)
    return files.send(attachment)


@bp.route("/attachments/<int:attachment_id>/delete", methods=["POST"])
def delete_attachment(attachment_id: int):
    attachment = db.get_or_404(Attachment, attachment_id)
    item = attachment.agenda_item
    require(perm.can_prepare_agenda(current_user, item.meeting))
    return run_button(url_for("agenda.documents", item_id=item.id),
                      lambda _version: service.remove_attachment(current_user, attachment),
                      _("%(name)s is verwijderd.", name=attachment.filename))
