"""OParl 1.1, read only and without login, under /oparl/v1/: System, Body (a district), its lists and each
object by its URL. Lists are paged (`data`, `pagination`, `links`); an unpublished id is a 404."""
from __future__ import annotations

import math

from flask import Blueprint, jsonify, request

from ivzflow.core.numbers import whole_number
from ivzflow.core.web import public
from ivzflow.oparl import objects

bp = Blueprint("oparl", __name__, url_prefix="/oparl/v1")

PAGE_SIZE = 20


def _json(payload, status: int = 200):
    response = jsonify(payload)
    response.status_code = status
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def _not_found():
    return _json({"error": "Niet gevonden of niet gepubliceerd."}, 404)


def _paged(rows: list, render, endpoint_url):
    """One page of a list, as OParl lists are: `data`, `pagination` and `links`."""
    page = whole_number(request.args.get("page", "1"), 1)
    if page is None:
        return _json({"error": "De parameter page moet een geheel getal vanaf 1 zijn."}, 400)
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    data = [render(row) for row in rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]]
    links = {"first": endpoint_url(1), "last": endpoint_url(pages)}
    if page > 1:
        links["prev"] = endpoint_url(min(page - 1, pages))
    if page < pages:
        links["next"] = endpoint_url(page + 1)
    return _json({"data": data, "links": links,
                  "pagination": {"totalElements": len(rows), "elementsPerPage": PAGE_SIZE, "currentPage": page,
                                 "totalPages": pages}})


@bp.route("/")
@public
def system():
    return _json(objects.system())


@bp.route("/body")
@public
def bodies():
    s = objects.scope()
    return _paged(s.districts, lambda d: objects.body(s, d),
                  lambda page: objects.url("bodies", page=page))


@bp.route("/body/<int:body_id>")
@public
def body(body_id: int):
    s = objects.scope()
    district = next((d for d in s.districts if d.id == body_id), None)
    return _json(objects.body(s, district)) if district else _not_found()


def _lists(s: objects.Scope, district_id: int) -> dict:
    """Per list kind of a Body: its rows and how one is shown."""
    in_district = {b.id for b in s.bodies if s.district_of(b).id == district_id}
    meetings = [m for m in s.meetings if m.body_id in in_district]
    meeting_ids = {m.id for m in meetings}
    items = [i for i in s.items if i.meeting_id in meeting_ids]
    return {
        "organization": ([b for b in s.bodies if b.id in in_district], lambda b: objects.organization(s, b)),
        "person": (s.persons, lambda p: objects.person(s, p)),
        "membership": ([m for m in s.memberships if m.body_id in in_district], lambda m: objects.membership(s, m)),
        "meeting": (meetings, lambda m: objects.meeting(s, m)),
        "agendaItem": (items, lambda i: objects.agenda_item(s, i, objects.order_of(s, i))),
        "paper": ([p for p in s.papers if s.district_of(p.decision_body).id == district_id],
                  lambda p: objects.paper(s, p)),
        "consultation": (s.consultations, lambda c: objects.consultation(s, c)),
        "file": ([f for f in s.files if f.agenda_item.meeting_id in meeting_ids], lambda f: objects.file(s, f)),
        "location": ([loc for loc in s.locations if any(m.location_id == loc.id for m in meetings)],
                     lambda loc: objects.location(s, loc)),
    }


@bp.route("/body/<int:body_id>/<kind>")
@public
def body_list(body_id: int, kind: str):
    s = objects.scope()
    if not any(d.id == body_id for d in s.districts):
        return _not_found()
    lists = _lists(s, body_id)
    if kind not in lists:
        return _not_found()
    rows, render = lists[kind]
    return _paged(rows, render, lambda page: objects.url("body_list", body_id=body_id, kind=kind, page=page))


def _one(rows, object_id: int, render):
    row = next((r for r in rows if r.id == object_id), None)
    return _json(render(row)) if row is not None else _not_found()


@bp.route("/organization/<int:object_id>")
@public
def organization(object_id: int):
    s = objects.scope()
    return _one(s.bodies, object_id, lambda b: objects.organization(s, b))


@bp.route("/person/<int:object_id>")
@public
def person(object_id: int):
    s = objects.scope()
    return _one(s.persons, object_id, lambda p: objects.person(s, p))


@bp.route("/membership/<int:object_id>")
@public
def membership(object_id: int):
    s = objects.scope()
    return _one(s.memberships, object_id, lambda m: objects.membership(s, m))


@bp.route("/meeting/<int:object_id>")
@public
def meeting(object_id: int):
    s = objects.scope()
    return _one(s.meetings, object_id, lambda m: objects.meeting(s, m))


@bp.route("/agendaItem/<int:object_id>")
@public
def agenda_item(object_id: int):
    s = objects.scope()
    return _one(s.items, object_id, lambda i: objects.agenda_item(s, i, objects.order_of(s, i)))


@bp.route("/paper/<int:object_id>")
@public
def paper(object_id: int):
    s = objects.scope()
    return _one(s.papers, object_id, lambda p: objects.paper(s, p))


@bp.route("/consultation/<int:object_id>")
@public
def consultation(object_id: int):
    s = objects.scope()
    return _one(s.consultations, object_id, lambda c: objects.consultation(s, c))


@bp.route("/file/<int:object_id>")
@public
def file(object_id: int):
    s = objects.scope()
    return _one(s.files, object_id, lambda f: objects.file(s, f))


@bp.route("/location/<int:object_id>")
@public
def location(object_id: int):
    s = objects.scope()
    return _one(s.locations, object_id, lambda loc: objects.location(s, loc))
