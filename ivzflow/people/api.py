"""API: persons (OParl Person)."""
from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from ivzflow.api import OPARL, api_user, bp, list_response, ref
from ivzflow.bodies.permissions import can_view_structure
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.people.models import Person


def person_json(person: Person) -> dict:
    return {
        "id": person.id,
        "type": OPARL + "Person",
        "url": url_for("api.person", person_id=person.id, _external=True),
        "web": url_for("people.show", person_id=person.id, _external=True),
        "name": person.name,
        "status": [person.function] if person.function else [],
        "email": [person.email] if person.email else [],
        "phone": [person.phone] if person.phone else [],
        "organization": ref("api.organisation", person.organisation, org_id=person.organisation_id),
        "membership": url_for("api.memberships", person=person.id, _external=True),
    }


@bp.route("/persons")
def persons():
    require(can_view_structure(api_user()))
    return list_response(select(Person).order_by(Person.id), person_json, "api.persons")


@bp.route("/persons/<int:person_id>")
def person(person_id: int):
    require(can_view_structure(api_user()))
    return person_json(db.get_or_404(Person, person_id))
