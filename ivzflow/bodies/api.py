"""API: bodies (OParl Organization of gremia), memberships and the districts."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload

from ivzflow.api import OPARL, api_user, bp, date_arg, int_arg, list_response, ref
from ivzflow.bodies.districts import EVERY_DISTRICT, districts_of
from ivzflow.bodies.models import Body, Membership
from ivzflow.bodies.permissions import can_view_structure
from ivzflow.bodies.services import current_on, memberships_at
from ivzflow.core import clock
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.organisations.models import District


def body_json(body: Body) -> dict:
    return {
        "id": body.id,
        "type": OPARL + "Organization",
        "url": url_for("api.body", body_id=body.id, _external=True),
        "web": url_for("bodies.show", body_id=body.id, _external=True),
        "name": body.name,
        "shortName": body.short_name,
        "classification": body.kind,
        "organizationType": "Gremium",
        "subOrganizationOf": ref("api.organisation", body.organisation, org_id=body.organisation_id),
        "basisteam": body.basisteam.name if body.basisteam else None,
        "district": body.district.name if body.district else None,
    }


def membership_json(m: Membership) -> dict:
    return {
        "id": m.id,
        "type": OPARL + "Membership",
        "person": ref("api.person", m.person, person_id=m.person_id),
        "organization": ref("api.body", m.body, body_id=m.body_id),
        "role": m.seat.name,
        "seatRole": m.seat.role,
        "deputy": m.is_deputy,
        "onBehalfOf": ref("api.organisation", m.on_behalf_of, org_id=m.on_behalf_of_id),
        "startDate": m.start_on.isoformat(),
        "endDate": m.end_on.isoformat() if m.end_on else None,
        "termEndDate": m.term_ends_on.isoformat() if m.term_ends_on else None,
    }


@bp.route("/bodies")
def bodies():
    require(can_view_structure(api_user()))
    return list_response(select(Body).options(joinedload(Body.organisation), joinedload(Body.basisteam),
                                                    joinedload(Body.district)).order_by(Body.id),
                         body_json, "api.bodies")


@bp.route("/bodies/<int:body_id>")
def body(body_id: int):
    require(can_view_structure(api_user()))
    body = db.get_or_404(Body, body_id)
    data = body_json(body)
    data["membership"] = [membership_json(m) for m in memberships_at(clock.today(), body_id=body.id)]
    return data


@bp.route("/memberships")
def memberships():
    """Memberships, filtered by body, person and a date (`at`, default: all dates)."""
    require(can_view_structure(api_user()))
    body_id, person_id, at = int_arg("body"), int_arg("person"), date_arg("at")
    if body_id is not None:
        db.get_or_404(Body, body_id)
    # What an entry shows (person, body, seat, on behalf of), not what those refer to in turn.
    query = select(Membership).options(lazyload("*"), *(joinedload(r).lazyload("*") for r in (
        Membership.person, Membership.body, Membership.seat, Membership.on_behalf_of)))
    if body_id is not None:
        query = query.where(Membership.body_id == body_id)
    if person_id is not None:
        query = query.where(Membership.person_id == person_id)
    if at is not None:
        query = query.where(current_on(at))
    args = {k: v for k, v in (("body", body_id), ("person", person_id), ("at", at and at.isoformat())) if v is not None}
    return list_response(query.order_by(Membership.id), membership_json, "api.memberships", **args)


def district_json(district: District, mine) -> dict:
    return {"id": district.id, "name": district.name, "level": district.level, "parent": district.parent_id,
            "mine": mine is EVERY_DISTRICT or district.id in mine}


@bp.route("/districts")
def districts():
    """Districts and police units; `mine`: whether the caller works there (the administrator: everywhere).
    The lists (meetings, decision items, search) default to those."""
    require(can_view_structure(api_user()))
    mine = districts_of(api_user())
    return list_response(select(District).order_by(District.id), lambda d: district_json(d, mine), "api.districts")
