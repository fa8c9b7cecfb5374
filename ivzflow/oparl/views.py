"""OParl 1.1, read only and without login, under /oparl/v1/: System, Body (a district), its lists and each
object by its URL. Lists are paged in the database (`data`, `pagination`, `links`); an unpublished id is a 404."""
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


def _page():
    return whole_number(request.args.get("page", "1"), 1)


def _paged(kind: objects.Kind, district_id: int | None, endpoint_url):
    """One page of a list, as OParl lists are: `data`, `pagination` and `links`; paged in the database."""
    page = _page()
    if page is None:
        return _json({"error": "De parameter page moet een geheel getal vanaf 1 zijn."}, 400)
    data, total = kind.page(objects.context(), district_id, page, PAGE_SIZE)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    links = {"first": endpoint_url(1), "last": endpoint_url(pages)}
    if page > 1:
        links["prev"] = endpoint_url(min(page - 1, pages))
    if page < pages:
        links["next"] = endpoint_url(page + 1)
    return _json({"data": data, "links": links,
                  "pagination": {"totalElements": total, "elementsPerPage": PAGE_SIZE, "currentPage": page,
                                 "totalPages": pages}})


@bp.route("/")
@public
def system():
    return _json(objects.system())


@bp.route("/body")
@public
def bodies():
    return _paged(objects.BODY, None, lambda page: objects.url("bodies", page=page))


@bp.route("/body/<int:body_id>")
@public
def body(body_id: int):
    found = objects.BODY.one(objects.context(), body_id)
    return _json(found) if found else _not_found()


@bp.route("/body/<int:body_id>/<kind>")
@public
def body_list(body_id: int, kind: str):
    c = objects.context()
    if kind not in objects.KINDS or not any(d.id == body_id for d in c.districts):
        return _not_found()
    return _paged(objects.KINDS[kind], body_id,
                  lambda page: objects.url("body_list", body_id=body_id, kind=kind, page=page))


def _one(kind: str, object_id: int):
    c = objects.context()
    found = objects.KINDS[kind].one(c, object_id) if c.districts else None  # no district: nothing is public
    return _json(found) if found is not None else _not_found()


@bp.route("/organization/<int:object_id>")
@public
def organization(object_id: int):
    return _one("organization", object_id)


@bp.route("/person/<int:object_id>")
@public
def person(object_id: int):
    return _one("person", object_id)


@bp.route("/membership/<int:object_id>")
@public
def membership(object_id: int):
    return _one("membership", object_id)


@bp.route("/meeting/<int:object_id>")
@public
def meeting(object_id: int):
    return _one("meeting", object_id)


@bp.route("/agendaItem/<int:object_id>")
@public
def agenda_item(object_id: int):
    return _one("agendaItem", object_id)


@bp.route("/paper/<int:object_id>")
@public
def paper(object_id: int):
    return _one("paper", object_id)


@bp.route("/consultation/<int:object_id>")
@public
def consultation(object_id: int):
    return _one("consultation", object_id)


@bp.route("/file/<int:object_id>")
@public
def file(object_id: int):
    return _one("file", object_id)


@bp.route("/location/<int:object_id>")
@public
def location(object_id: int):
    return _one("location", object_id)


@bp.route("/legislativeTerm/<int:object_id>")
@public
def legislative_term(object_id: int):
    return _one("legislativeTerm", object_id)
