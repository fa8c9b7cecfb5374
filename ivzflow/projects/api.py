"""API: projects with their latest status, activities and indicators; posting a status update."""
from __future__ import annotations

from flask import abort, jsonify, request, url_for
from flask_babel import gettext as _

from ivzflow.api import api_page, api_user, bp, int_arg, page_of, ref, require_write
from ivzflow.core import clock
from ivzflow.core.errors import DomainError, ValidationError, json_error
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.projects import services
from ivzflow.projects.labels import KINDS, STATUSES
from ivzflow.projects.models import Activity, Project, StatusUpdate
from ivzflow.projects.pages import project_page
from ivzflow.projects.permissions import can_post_status_update, can_view_project, can_view_projects
from ivzflow.projects.scope import project_scope
from ivzflow.projects.portfolio import Filters, Row, count, portfolio

UPDATE_FIELDS = {"status": "status", "progress": "progress", "summary": "summary", "achievements": "achievements",
                 "risks": "risks", "nextSteps": "next_steps", "decisionNeeded": "decision_needed",
                 "previousId": "previous_id"}
JSON_NAME = {v: k for k, v in UPDATE_FIELDS.items()}


def _day(value):
    return value.isoformat() if value else None


def status_json(u: StatusUpdate | None) -> dict | None:
    if u is None:
        return None
    return {"id": u.id, "number": u.number, "status": u.status, "progress": u.progress, "summary": u.summary,
            "achievements": u.achievements, "risks": u.risks, "nextSteps": u.next_steps,
            "decisionNeeded": u.decision_needed, "author": u.author_name, "postedAt": u.posted_at.isoformat()}


def project_json(p: Project) -> dict:
    return {
        "id": p.id,
        "url": url_for("api.project", project_id=p.id, _external=True),
        "web": url_for("projects.show", project_id=p.id, _external=True),
        "title": p.title, "kind": p.kind, "startDate": _day(p.start_on), "endDate": _day(p.end_on),
        "trekker": ref("api.person", p.trekker, person_id=p.trekker_id),
        "projectleider": ref("api.person", p.projectleider, person_id=p.projectleider_id),
        "municipality": ref("api.organisation", p.lead_organisation, org_id=p.lead_organisation_id),
        "expertGroup": ref("api.body", p.expert_group, body_id=p.expert_group_id),
    }


def row_json(row: Row) -> dict:
    track = row.track
    return {**project_json(row.project),
            "status": row.status, "progress": row.progress,
            "lastUpdateAt": row.posted_at.isoformat() if row.posted_at else None,
            "overdueActivities": row.overdue_activities, "statusUpdateDue": row.due_state,
            "indicatorsOnTrack": track["on_track"], "indicatorsOffTrack": track["off_track"]}


def activity_json(a: Activity) -> dict:
    return {"id": a.id, "title": a.title, "owner": a.owner_label or None, "dueDate": _day(a.due_on),
            "status": a.status, "overdue": a.is_overdue_on(clock.today()),
            "body": ref("api.body", a.body, body_id=a.body_id)}


def indicator_json(view) -> dict:
    i, e = view.indicator, view.evaluation
    return {
        "id": i.id, "name": i.name, "unit": i.unit, "direction": i.direction,
        "baseline": {"year": i.baseline_year, "value": float(i.baseline_value)} if view.baseline else None,
        "targets": [{"year": p.year, "value": float(p.value)} for p in view.targets],
        "measurements": [{"year": p.year, "value": float(p.value), "note": p.note} for p in view.actuals],
        "measurementsByMunicipality": {name: [{"year": p.year, "value": float(p.value)} for p in points]
                                       for name, points in view.by_organisation.items()},
        "track": e.state,
    }


def _choice(name: str, allowed) -> str | None:
    raw = request.args.get(name) or None
    if raw is not None and raw not in allowed:
        raise ValidationError(_("Parameter %(name)s moet een van deze waarden zijn: %(values)s.",
                                name=name, values=", ".join(allowed)), field=name)
    return raw


def _load(project_id: int) -> Project:
    """The project if the token's user may read it; else 404 (as if there were none)."""
    project = db.get_or_404(Project, project_id)
    if not can_view_project(api_user(), project):
        abort(404)
    return project


@bp.route("/projects")
def projects():
    """Projects with their latest status; filters kind, trekker, municipality, status; paginated."""
    require(can_view_projects(api_user()))
    filters = Filters(kind=_choice("kind", list(KINDS)), trekker_id=int_arg("trekker"),
                      municipality_id=int_arg("municipality"), status=_choice("status", [*STATUSES, "none"]),
                      scope=project_scope(api_user(), request.args.get("district"), strict=True))
    page = api_page()
    rows = portfolio(filters, limit=page.per_page, offset=page.offset)
    args = {k: v for k, v in (("kind", filters.kind), ("trekker", filters.trekker_id),
                              ("municipality", filters.municipality_id), ("status", filters.status),
                              ("district", request.args.get("district"))) if v}
    return page_of(count(filters), [row_json(r) for r in rows], page, "api.projects", **args)


@bp.route("/projects/<int:project_id>")
def project(project_id: int):
    require(can_view_projects(api_user()))
    page = project_page(_load(project_id), updates=1)
    return {**project_json(page.project), "latestStatus": status_json(page.latest),
            "statusUpdateDue": page.due_state,
            "activities": [activity_json(a) for a in page.activities],
            "indicators": [indicator_json(view) for view, _chart in page.indicators]}


@bp.route("/projects/<int:project_id>/status-updates", methods=["POST"])
def post_status_update(project_id: int):
    """Post a status update as the token's user: JSON with status, progress, summary and optional texts."""
    require_write()
    project = _load(project_id)
    require(can_post_status_update(api_user(), project))
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return json_error(400, _("Stuur een JSON-object met Content-Type application/json."))
    unknown = sorted(set(data) - set(UPDATE_FIELDS))
    if unknown:
        return json_error(400, _("Onbekende velden: %(names)s.", names=", ".join(unknown)), field=unknown[0])
    values = {UPDATE_FIELDS[k]: v for k, v in data.items()}
    if "previous_id" in values and not (values["previous_id"] is None or _is_int(values["previous_id"])):
        return json_error(400, _("previousId moet het nummer (id) van de laatste statusupdate zijn, of null."),
                          field="previousId")
    if "progress" in values and not _is_int(values["progress"]):
        return json_error(400, _("progress moet een geheel getal van 0 tot en met 100 zijn."), field="progress")
    values.setdefault("status", None)
    values.setdefault("progress", None)
    values.setdefault("summary", None)
    try:
        update = services.post_status_update(api_user(), project, **values)
    except DomainError as exc:
        db.session.rollback()
        return json_error(exc.status, exc.message, field=JSON_NAME.get(exc.field, exc.field))
    db.session.commit()
    response = jsonify(status_json(update))
    response.status_code = 201
    response.headers["Location"] = url_for("api.project", project_id=project.id, _external=True)
    return response


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
