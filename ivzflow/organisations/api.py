"""API: organisations (municipalities and partners) as OParl Organization."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ivzflow.api import OPARL, api_user, bp, list_response, ref
from ivzflow.bodies.permissions import can_view_structure
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation


def organisation_json(org: Organisation) -> dict:
    return {
        "id": org.id,
        "type": OPARL + "Organization",
        "url": url_for("api.organisation", org_id=org.id, _external=True),
        "web": url_for("organisations.show", org_id=org.id, _external=True),
        "name": org.name,
        "shortName": org.short_name,
        "classification": org.classification,
        "organizationType": "Institution",
        "subOrganizationOf": ref("api.organisation", org.parent, org_id=org.parent_id),
        "basisteam": org.basisteam.name if org.basisteam else None,
        "district": org.district_id,
        "inhabitants": org.inhabitants,
        "inhabitantsIsDemoValue": org.inhabitants_is_demo,
        "website": org.website,
    }


@bp.route("/organisations")
def organisations():
    require(can_view_structure(api_user()))
    return list_response(select(Organisation).options(joinedload(Organisation.basisteam), joinedload(Organisation.parent))
                         .order_by(Organisation.id), organisation_json, "api.organisations")


@bp.route("/organisations/<int:org_id>")
def organisation(org_id: int):
    require(can_view_structure(api_user()))
    return organisation_json(db.get_or_404(Organisation, org_id))
