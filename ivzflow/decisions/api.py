"""API: decision items with their route, decision points and the transitions open to the caller."""
from __future__ import annotations

from flask import abort, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, lazyload, selectinload

from ivzflow.api import api_user, bp, int_arg, list_response, ref, require_write
from ivzflow.bodies.district_filter import read_district
from ivzflow.bodies.models import Body
from ivzflow.core.errors import ValidationError
from ivzflow.core.records import expect_version
from ivzflow.decisions import permissions as can, queries, services, tiers
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.workflows import engine
from ivzflow.workflows.models import WorkflowVersion


def _iso(value):
    return value.isoformat() if value else None


def item_json(item: DecisionItem, detail: bool = False) -> dict:
    data = {
        "id": item.id,
        "url": url_for("api.decision_item", item_id=item.id, _external=True),
        "web": url_for("decisions.show", item_id=item.id, _external=True),
        "name": item.title,
        "kind": item.kind,
        "confidentiality": item.confidentiality,
        "state": item.state.name,
        "stateLabel": item.state.label_nl,
        "workflow": {"key": item.workflow_version.workflow.key, "version": item.workflow_version.number},
        "targetMeeting": ref("api.meeting", item.target_meeting, meeting_id=item.target_meeting_id)
        if item.target_meeting else None,
        "projectId": item.project_id,
        "communicationAdvice": item.communication_advice.status if item.communication_advice else None,
        "modified": _iso(item.updated_at),
        "version": item.version,
    }
    if detail:
        user = api_user()
        data["decisionPoints"] = [{"number": p.number, "text": p.text, "outcome": p.outcome,
                                   "decision": p.decision_text} for p in item.points]
        data["consultation"] = [{"organization": ref("api.body", c.body, body_id=c.body_id), "role": c.role,
                                 "meeting": c.meeting_id, "result": c.result, "resultText": c.result_text,
                                 "authoritative": c.role == "decision"} for c in item.route]
        data["availableTransitions"] = [
            {"name": o.transition.name, "label": o.transition.label_nl, "to": o.transition.to_state.name,
             "allowed": o.allowed, "reasons": o.reasons} for o in engine.options(item, user)]
        data["continues"] = _tier_ref(tiers.continued(item), user)
        data["continuedBy"] = _tier_ref(tiers.continuation_of(item), user)
    return data


def _tier_ref(other: DecisionItem | None, user) -> dict | None:
    """The proposal on the other tier (decisions.tiers), if the caller may see it."""
    if other is None or not can.can_view_item(user, other):
        return None
    return {"id": other.id, "name": other.title, "url": url_for("api.decision_item", item_id=other.id, _external=True),
            "web": url_for("decisions.show", item_id=other.id, _external=True),
            "organization": ref("api.body", other.decision_body, body_id=other.decision_body_id)}


def _visible_or_404(item_id: int) -> DecisionItem:
    item = db.get_or_404(DecisionItem, item_id)
    if not can.can_view_item(api_user(), item):
        abort(404)
    return item


# What a list entry shows, and nothing those things refer to (a version's states and transitions, say).
LIST_LOADING = (lazyload("*"), joinedload(DecisionItem.state),
                selectinload(DecisionItem.workflow_version).options(lazyload("*"), joinedload(WorkflowVersion.workflow)),
                selectinload(DecisionItem.target_meeting).lazyload("*"),
                selectinload(DecisionItem.communication_advice).lazyload("*"))


@bp.route("/decision-items")
def decision_items():
    state = request.args.get("state") or None
    if state is not None and (len(state) > 60 or not state.replace("_", "").isalnum()):
        raise ValidationError(_("Onbekende toestand."), field="state")
    body, meeting, project = int_arg("body"), int_arg("meeting"), int_arg("project")
    districts = read_district(api_user(), request.args.get("district"), strict=True)
    query = queries.filtered(queries.visible_items(api_user()), state=state, body_id=body, meeting_id=meeting,
                             project_id=project, districts=districts).order_by(DecisionItem.id) \
        .options(*LIST_LOADING)
    args = {k: v for k, v in (("state", state), ("body", body), ("meeting", meeting), ("project", project)) if v} \
        | districts.args
    return list_response(query, item_json, "api.decision_items", **args)


@bp.route("/decision-items/<int:item_id>")
def decision_item(item_id: int):
    return item_json(_visible_or_404(item_id), detail=True)


def _json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationError(_("Stuur een JSON-object."))
    return data


def _text(data: dict, key: str, required: bool = False, limit: int = 5000) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise ValidationError(_("Het veld %(key)s is verplicht.", key=key), field=key)
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ValidationError(_("Het veld %(key)s moet tekst van hoogstens %(n)d tekens zijn.", key=key, n=limit),
                              field=key)
    return value


def _int(data: dict, key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**31:
        raise ValidationError(_("Het veld %(key)s moet een positief geheel getal zijn.", key=key), field=key)
    return value


@bp.route("/decision-items", methods=["POST"])
def create_decision_item():
    require_write()
    user = api_user()
    if not can.can_create_item(user):
        abort(403)
    data = _json_body()
    points = data.get("decisionPoints", [])
    if not isinstance(points, list) or not all(isinstance(p, str) and len(p) <= 5000 for p in points) or len(points) > 50:
        raise ValidationError(_("decisionPoints is een lijst van hoogstens 50 teksten."), field="decisionPoints")
    body_id = _int(data, "decisionBody")  # without it: the workflow's route (the body the Platform advises)
    body = db.session.get(Body, body_id) if body_id else None
    if body_id is not None and body is None:
        raise ValidationError(_("Geef het besluitvormend gremium (decisionBody) als id."), field="decisionBody")
    item = services.propose(
        user, decision_body=body, title=_text(data, "name", required=True, limit=300),
        kind=data.get("kind", "decision"), confidentiality=data.get("confidentiality", "intern"),
        summary=_text(data, "summary", limit=50_000), points=points, trekker_id=_int(data, "trekker"),
        project_id=_int(data, "project"), touches_both_agendas=bool(data.get("touchesBothAgendas", False)),
        target_meeting_id=_int(data, "targetMeeting"))
    db.session.commit()
    return item_json(item, detail=True), 201


@bp.route("/decision-items/<int:item_id>/transitions", methods=["POST"])
def take_transition(item_id: int):
    """Take a transition: 409 with the guard's reason when not allowed now, 403 without the right."""
    require_write()
    item = _visible_or_404(item_id)
    data = _json_body()
    name = _text(data, "transition", required=True, limit=60)
    version = _int(data, "version")
    if version is None:
        raise ValidationError(_("Geef de versie (version) van het voorstel zoals u het las."), field="version")
    expect_version(item, version)
    params = {k: data[k] for k in ("advice", "advice_text", "meeting_id") if k in data}
    engine.take(item, name, api_user(), _text(data, "comment"), params)
    db.session.commit()
    return item_json(item, detail=True)
