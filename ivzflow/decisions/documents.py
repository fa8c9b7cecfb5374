"""Documents of a proposal (the voorstel itself, a memo, annexes): checked by content, stored under a
random name, shown to whoever may see the proposal; a download of a confidential one is audited."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.core import clock, files
from ivzflow.core.errors import Conflict
from ivzflow.decisions.models import DecisionItem, ItemAttachment
from ivzflow.decisions.services import advice_to_confirm_again
from ivzflow.extensions import db


def documents_by_item(item_ids) -> dict[int, list[ItemAttachment]]:
    """The documents of several proposals in one query (for an agenda)."""
    found: dict[int, list[ItemAttachment]] = {}
    ids = sorted(set(item_ids))
    if ids:
        for document in db.session.scalars(select(ItemAttachment).where(ItemAttachment.item_id.in_(ids))
                                           .order_by(ItemAttachment.uploaded_at, ItemAttachment.id)):
            found.setdefault(document.item_id, []).append(document)
    return found


def documents_of(item_id: int) -> list[ItemAttachment]:
    return documents_by_item([item_id]).get(item_id, [])


def _ensure_open(item: DecisionItem) -> None:
    if item.state.is_final:
        raise Conflict(_("Dit voorstel is afgehandeld; de stukken kunnen niet meer veranderen."))


def add_document(actor, item: DecisionItem, stream, filename: str | None) -> ItemAttachment:
    """Store an uploaded document with the proposal; refuses types other than the allowed ones (by content)."""
    _ensure_open(item)
    document = ItemAttachment(item_id=item.id, **files.save_upload(stream, filename),
                              uploaded_at=clock.now(), uploaded_by_id=getattr(actor, "id", None))
    db.session.add(document)
    advice_to_confirm_again(item)
    db.session.flush()
    return document


def remove_document(actor, item: DecisionItem, document: ItemAttachment) -> None:
    _ensure_open(item)
    files.delete(document.stored_name)
    db.session.delete(document)
    advice_to_confirm_again(item)
    db.session.flush()
