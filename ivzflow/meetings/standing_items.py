"""A body's standing agenda items: the template every new agenda of the body starts from."""
from __future__ import annotations

from sqlalchemy import func, select

from ivzflow.bodies.models import Body
from ivzflow.core.errors import check_version
from ivzflow.extensions import db
from ivzflow.meetings.agenda import agenda_order, clean_item_values, move_within_part
from ivzflow.meetings.models import StandingItem


def standing_items(body: Body) -> list[StandingItem]:
    """The template in agenda order (for a driehoek: the common part first)."""
    return sorted(db.session.scalars(select(StandingItem).where(StandingItem.body_id == body.id)),
                  key=agenda_order)


def _clean(body: Body, values: dict) -> dict:
    return {**clean_item_values(body, values), "is_closing": bool(values.get("is_closing"))}


def add_standing_item(actor, body: Body, **values) -> StandingItem:
    """Add an item to the body's template, at the end of its part."""
    clean = _clean(body, values)
    last = db.session.scalar(select(func.max(StandingItem.position)).where(StandingItem.body_id == body.id)) or 0
    item = StandingItem(body_id=body.id, position=last + 1, **clean)
    db.session.add(item)
    db.session.flush()
    return item


def update_standing_item(actor, item: StandingItem, body: Body, *, version, **values) -> None:
    """Change a template item; agendas that already have it keep their copy."""
    check_version(item, version)
    for key, value in _clean(body, values).items():
        setattr(item, key, value)
    db.session.flush()


def delete_standing_item(actor, item: StandingItem, *, version) -> None:
    """Remove an item from the template; agendas that already have it keep it."""
    check_version(item, version)
    db.session.delete(item)
    db.session.flush()


def move_standing_item(actor, item: StandingItem, body: Body, direction: str) -> None:
    """One place up or down within its part of the template."""
    move_within_part(standing_items(body), item, direction)
    db.session.flush()
