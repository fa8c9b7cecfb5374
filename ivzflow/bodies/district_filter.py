"""The district filter of the lists (calendar, proposals, actions, search, feeds and the API's lists).

Lists show the user's own districts by default (bodies.districts.districts_of: the one scope rule); he may
pick another district or all of them (`district=<id>` or `district=alle`). The filter is about relevance,
never about access: what a list shows is still what the visibility rules allow, whichever district is picked.
A record without a district (a region-wide partner's body) belongs to every district's list.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, or_, select, true

from ivzflow.bodies.districts import EVERY_DISTRICT, districts_of
from ivzflow.bodies.models import Body
from ivzflow.core.errors import ValidationError
from ivzflow.core.numbers import whole_number
from ivzflow.extensions import db
from ivzflow.organisations.models import District

MINE = ""  # the default: the user's own districts
ALL = "alle"


@dataclass(frozen=True)
class DistrictFilter:
    value: str  # MINE, ALL or a district's id as text: what the select shows and the links carry
    ids: frozenset[int] | None  # the districts listed; None: every district

    def clause(self, column) -> ColumnElement[bool]:
        """The condition on a district column (a record without a district is in every list)."""
        if self.ids is None:
            return true()
        return or_(column.is_(None), column.in_(sorted(self.ids)))

    def bodies(self):
        """A select of the ids of the bodies in the picked districts, or None when every district is listed."""
        if self.ids is None:
            return None
        return select(Body.id).where(self.clause(Body.district_id))

    @property
    def args(self) -> dict:
        """The parameter for links (pager, feeds): empty for the default."""
        return {"district": self.value} if self.value else {}


def read_district(user, raw: str | None, strict: bool = False) -> DistrictFilter:
    """The filter from the `district` parameter: empty = the user's districts (the administrator's, and those
    of a user who works in none, are all), `alle` = all, a number = that district. Anything else is the
    default on a page and a 400 on the API (strict)."""
    raw = (raw or "").strip()
    if raw.lower() == ALL:
        return DistrictFilter(ALL, None)
    if raw:
        district_id = whole_number(raw, 1)
        if district_id is not None:
            return DistrictFilter(str(district_id), frozenset({district_id}))
        if strict:
            raise ValidationError(_("Parameter district moet het id van een district zijn, of 'alle'."),
                                  field="district")
    mine = districts_of(user)
    return DistrictFilter(MINE, None if mine is EVERY_DISTRICT or not mine else mine)


def district_choices() -> list[tuple[str, str]]:
    """The select: my districts, each district and unit by name, all districts."""
    rows = db.session.execute(select(District.id, District.name).order_by(District.name)).all()
    return [(MINE, _("Mijn districten"))] + [(str(d.id), d.name) for d in rows] + [(ALL, _("Alle districten"))]
