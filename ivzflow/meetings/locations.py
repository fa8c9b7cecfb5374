"""Meeting locations: an organisation's address and room."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ivzflow.core.errors import ValidationError
from ivzflow.core.forms import options
from ivzflow.core.records import save
from ivzflow.extensions import db
from ivzflow.meetings.models import Location


def list_locations() -> list[Location]:
    return list(db.session.scalars(select(Location).order_by(Location.name)))


def location_choices(blank: str) -> list:
    return options([(0, blank)] + [(loc.id, loc.address) for loc in list_locations()])


def save_location(location: Location | None, *, version=None, **values) -> Location:
    """Create or change a location."""
    if not (values.get("name") or "").strip():
        raise ValidationError(_("Vul een naam in."), field="name")
    return save(location or Location(), values, version=version)
