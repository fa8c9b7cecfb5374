"""Documents of a proposal: upload on the item page, download for whoever may see the item, removal."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.audit.services import log_read
from ivzflow.core import files
from ivzflow.core.forms import run_button, status_of, submit
from ivzflow.accounts.permissions import refuse_if_read_only
from ivzflow.core.web import require
from ivzflow.decisions import documents as service
from ivzflow.decisions import permissions as can
from ivzflow.decisions.models import ItemAttachment
from ivzflow.decisions.views import bp, load_item, render_item
from ivzflow.extensions import db
from ivzflow.meetings.agenda_forms import AttachmentForm


def _documents_url(item_id: int) -> str:
    return url_for("decisions.show", item_id=item_id, _anchor="documents-heading")


@bp.route("/decisions/<int:item_id>/documents", methods=["POST"])
def upload_document(item_id: int):
    item = load_item(item_id)
    refuse_if_read_only(current_user)
    require(can.can_manage_item_documents(current_user, item))
    form = AttachmentForm()
    if done := submit(form, lambda: service.add_document(current_user, item, form.file.data.stream,
                                                         form.file.data.filename),
                      done=lambda document: _("%(name)s is toegevoegd.", name=document.filename),
                      to=_documents_url(item.id), code=303):
        return done
    return render_item(item, document_form=form, status=status_of(form))


def _document(document_id: int):
    document = db.get_or_404(ItemAttachment, document_id)
    return load_item(document.item_id), document


@bp.route("/decisions/documents/<int:document_id>")
def download_document(document_id: int):
    item, document = _document(document_id)
    log_read("download", "item_attachment", document.id, item_id=item.id, filename=document.filename,
             confidential=item.confidentiality == "vertrouwelijk")
    return files.send(document)


@bp.route("/decisions/documents/<int:document_id>/delete", methods=["POST"])
def delete_document(document_id: int):
    item, document = _document(document_id)
    require(can.can_manage_item_documents(current_user, item))
    return run_button(_documents_url(item.id), lambda _version: service.remove_document(current_user, item, document),
                      _("%(name)s is verwijderd.", name=document.filename))
