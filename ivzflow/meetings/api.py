"""API: meetings and their agenda items (OParl Meeting, AgendaItem)."""
from __future__ import annotations

from flask import abort, request, url_for
from flask_babel import gettext as _

from ivzflow.api import OPARL, api_user, bp, date_arg, int_arg, list_response, ref
from ivzflow.bodies.district_filter import read_district
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.extensions import db
from ivzflow.meetings.listing import meeting_path, meetings_query
from ivzflow.meetings.models import AgendaItem, Location, Meeting
from ivzflow.meetings.permissions import can_view_agenda, can_view_meeting
from ivzflow.meetings.visibility import item_visibility


def location_json(location: Location | None) -> dict | None:
    if location is None:
        return None
    return {"description": location.name, "streetAddress": location.street, "postalCode": location.postcode,
            "locality": location.town, "room": location.room}


def meeting_json(meeting: Meeting) -> dict:
    return {
        "id": meeting.id,
        "type": OPARL + "Meeting",
        "url": url_for("api.meeting", meeting_id=meeting.id, _external=True),
        "web": meeting_path(meeting.id, _external=True),
        "name": meeting.name,
        "start": clock.local(meeting.start_at).isoformat(),
        "end": clock.local(meeting.end_at).isoformat(),
        "meetingState": meeting.state,
        "cancelled": meeting.is_cancelled,
        "location": location_json(meeting.location),
        "organization": ref("api.body", meeting.body, body_id=meeting.body_id),
        "modified": meeting.updated_at.isoformat() if meeting.updated_at else None,
    }


def agenda_item_json(item: AgendaItem, number: int) -> dict:
    return {"id": item.id, "type": OPARL + "AgendaItem", "number": str(number), "order": item.position,
            "name": item.title, "public": item.is_public, "result": item.result}


@bp.route("/meetings")
def meetings():
    """Meetings the token's user may see, filtered by body, by district (default: the user's) and by local dates
    `from` and `to` (inclusive)."""
    body_id, start_on, end_on = int_arg("body"), date_arg("from"), date_arg("to")
    if start_on and end_on and end_on < start_on:
        raise ValidationError(_("Parameter to ligt vóór from."), field="to")
    if body_id is not None:
        db.get_or_404(Body, body_id)
    districts = read_district(api_user(), request.args.get("district"), strict=True)
    query = meetings_query(api_user(), body_id=body_id, start_on=start_on, end_on=end_on, districts=districts)
    args = {k: v for k, v in (("body", body_id), ("from", start_on and start_on.isoformat()),
                              ("to", end_on and end_on.isoformat())) if v is not None} | districts.args
    return list_response(query, meeting_json, "api.meetings", **args)


@bp.route("/meetings/<int:meeting_id>")
def meeting(meeting_id: int):
    """One meeting; its agenda items when the user may see the agenda, confidential ones only for those
    who may read them. A meeting the user may not see is answered as unknown."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not can_view_meeting(api_user(), meeting):
        abort(404)
    data = meeting_json(meeting)
    if can_view_agenda(api_user(), meeting):
        # numbers follow the whole agenda, so hiding a confidential item does not renumber the rest
        visible = item_visibility(api_user(), meeting)
        data["agendaItem"] = [agenda_item_json(item, number) for number, item in enumerate(meeting.items, start=1)
                              if visible(item)]
    return data
