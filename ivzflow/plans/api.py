"""API: local plans with their themes, the theme matrix (with the weighing when the caller may see it), and the
policy calendar. Same tokens, pagination and errors as the rest of /api/v1."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ivzflow.api import api_user, bp, date_arg, int_arg, list_response
from ivzflow.core.errors import ValidationError
from ivzflow.core.web import require
from ivzflow.organisations.models import Organisation
from ivzflow.plans import audience, policy, services, weighing
from ivzflow.plans.labels import GROUPS, POLICY_KINDS
from ivzflow.plans.models import LocalPlan
from ivzflow.plans.permissions import can_view_plans, can_view_weighing


def district_param() -> int:
    district_id = int_arg("district") or services.default_district_id()
    if district_id is None:
        raise ValidationError(_("Er is nog geen district."), field="district")
    return district_id


def year_param(name: str = "year") -> int:
    year = int_arg(name)
    if year is None:
        return services.default_year()
    if not services.FIRST_YEAR <= year <= services.LAST_YEAR:
        raise ValidationError(_("Parameter %(name)s moet een jaar zijn van %(a)d tot en met %(b)d.", name=name,
                                a=services.FIRST_YEAR, b=services.LAST_YEAR), field=name)
    return year


def theme_json(theme) -> dict:
    return {"id": theme.id, "name": theme.name, "group": theme.group, "groupName": str(GROUPS.get(theme.group, ""))}


def plan_json(plan: LocalPlan) -> dict:
    return {
        "id": plan.id,
        "web": url_for("plans.edit_plan", plan_id=plan.id, _external=True),
        "title": plan.title,
        "municipality": {"id": plan.organisation_id, "name": plan.organisation.name,
                         "url": url_for("api.organisation", org_id=plan.organisation_id, _external=True)},
        "districtId": plan.district_id,
        "startYear": plan.start_year, "endYear": plan.end_year,
        "adoptedOn": plan.adopted_on.isoformat() if plan.adopted_on else None,
        "document": plan.document,
        "themes": [theme_json(t) for t in plan.themes],
    }


@bp.route("/local-plans")
def local_plans():
    require(can_view_plans(api_user()))
    query = (select(LocalPlan).join(Organisation, Organisation.id == LocalPlan.organisation_id)
             .options(selectinload(LocalPlan.themes)).order_by(LocalPlan.start_year, Organisation.name, LocalPlan.id))
    args = {}
    district_id, year = int_arg("district"), int_arg("year")
    if district_id is not None:
        query, args["district"] = query.where(LocalPlan.district_id == district_id), district_id
    if year is not None:
        query, args["year"] = query.where(LocalPlan.start_year <= year, LocalPlan.end_year >= year), year
    return list_response(query, plan_json, "api.local_plans", **args)


@bp.route("/theme-weighing")
def theme_weighing():
    user = api_user()
    require(can_view_plans(user))
    district_id, year = district_param(), year_param()
    m = services.matrix(district_id, year)
    body = {
        "districtId": district_id, "year": year, "plans": len(m.plans), "qualifyingCount": m.threshold,
        "themes": [{**theme_json(r.theme), "count": r.count, "qualifies": r.qualifies,
                    "municipalities": [p.organisation.name for p in r.plans]} for r in m.rows],
        "weighing": None,
    }
    w = weighing.weighing_of(district_id, year + 1) if can_view_weighing(user) else None
    if w is not None:
        body["weighing"] = {
            "actionPlanYear": w.year, "matrixYear": w.matrix_year, "decisionItemId": w.decision_item_id,
            "opgaven": weighing.opgaven_of(w),
            "themes": [{"themeId": e.theme_id, "name": e.theme.name, "outcome": e.outcome,
                        "criteriaMet": weighing.met_count(e), "judgements": e.judgements} for e in w.entries]}
    return body


@bp.route("/policy-events")
def policy_events():
    require(can_view_plans(api_user()))
    start, end = date_arg("from"), date_arg("to")
    if start and end and end < start:
        raise ValidationError(_("Parameter to ligt vóór from."), field="to")
    # one district as asked, else those whose dates the user is reminded of (else his own), and the national dates
    user = api_user()
    mine = audience.districts_of(user)
    entries = policy.entries(start, end, int_arg("district") or mine or services.district_of_user(user))
    return {"data": [{
        "id": e.occurrence.event_id, "title": e.event.title, "kind": e.series.kind,
        "kindName": str(POLICY_KINDS.get(e.series.kind, "")), "date": e.occurrence.occurs_on.isoformat(),
        "endDate": e.occurrence.ends_on.isoformat() if e.occurrence.ends_on else None,
        "remindDaysBefore": e.event.remind_days_before, "description": e.series.description,
        "seriesId": e.series.id, "repeatYears": e.series.repeat_years, "districtId": e.series.district_id,
        "reminded": audience.concerns(mine, e.series.district_id)}
        for e in entries]}
