"""Organisations and basisteams: listing, choosing and keeping them."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ivzflow.core.forms import options
from ivzflow.core.errors import ValidationError
from ivzflow.core.records import save
from ivzflow.extensions import db
from ivzflow.organisations.models import Basisteam, Organisation


def list_organisations(classification: str | None = None) -> list[Organisation]:
    query = (select(Organisation).options(joinedload(Organisation.basisteam), joinedload(Organisation.parent))
             .order_by(Organisation.classification != "gemeente", Organisation.name))
    if classification:
        query = query.where(Organisation.classification == classification)
    return list(db.session.scalars(query))


def list_basisteams() -> list[Basisteam]:
    return list(db.session.scalars(select(Basisteam).order_by(Basisteam.name)))


def organisation_choices(blank: str | None = None, district_id: int | None = None) -> list[tuple[int, str]]:
    """Every organisation; with a district, that district's and the region-wide partners (no district)."""
    query = select(Organisation.id, Organisation.name).order_by(Organisation.name)
    if district_id is not None:
        query = query.where(or_(Organisation.district_id == district_id, Organisation.district_id.is_(None)))
    rows = db.session.execute(query).all()
    return options(([(0, blank)] if blank is not None else []) + [(r.id, r.name) for r in rows])


def basisteam_choices(blank: str) -> list[tuple[int, str]]:
    return options([(0, blank)] + [(b.id, b.name) for b in list_basisteams()])


def save_organisation(org: Organisation | None, *, version=None, **values) -> Organisation:
    """Create or change an organisation."""
    if not (values.get("name") or "").strip():
        raise ValidationError(_("Vul een naam in."), field="name")
    inhabitants = values.get("inhabitants")
    if inhabitants is not None and not 0 <= inhabitants <= 50_000_000:
        raise ValidationError(_("Het aantal inwoners ligt tussen 0 en 50 miljoen."), field="inhabitants")
    if org is not None and values.get("parent_id") == org.id:
        raise ValidationError(_("Een organisatie kan niet onder zichzelf vallen."), field="parent_id")
    return save(org or Organisation(), values, version=version)
