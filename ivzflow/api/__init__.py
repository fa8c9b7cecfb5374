"""The JSON API under /api/v1: personal bearer tokens, OParl 1.1 names, paginated lists.

Each domain adds its routes to `bp` in its own api.py; this module authenticates and pages.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, current_app, g, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from ivzflow.accounts.services import token_user
from ivzflow.audit.services import set_actor
from ivzflow.core import clock
from ivzflow.core.errors import ValidationError, json_error
from ivzflow.core.numbers import whole_number
from ivzflow.core.pagination import Page
from ivzflow.core.web import check_input, marked_public
from ivzflow.extensions import csrf, db

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookies are accepted here, only bearer tokens

OPARL = "https://schema.oparl.org/1.1/"
LAST_USED_GRANULARITY = timedelta(minutes=5)


@bp.before_request
def _authenticate():
    if marked_public():
        return None  # the API's own description (ivzflow.api.openapi): it holds no data
    header = request.headers.get("Authorization", "")
    scheme, _sep, secret = header.partition(" ")
    token = token_user(secret.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        db.session.rollback()
        response = json_error(401, _("Een geldig API-token is nodig (Authorization: Bearer ...)."))
        response.headers["WWW-Authenticate"] = 'Bearer realm="ivzflow"'
        return response
    g.api_user, g.api_scope = token.user, token.scope
    set_actor(db.session, token.user)
    check_input()  # only now, and capped: an anonymous body is never read
    # Record use, at most every few minutes, so reading the API does not write on every request.
    if token.last_used_at is None or clock.now() - token.last_used_at > LAST_USED_GRANULARITY:
        token.last_used_at = clock.now()
        db.session.commit()
    return None


def api_user():
    return g.api_user


def require_write() -> None:
    if g.get("api_scope") != "write":
        abort(403)


def page_of(query_total: int, items: list, page: Page, endpoint: str, **args) -> dict:
    """An OParl-style list: data, pagination and links."""
    page = page.with_total(query_total)

    def link(number: int) -> str:
        return url_for(endpoint, page=number, per_page=page.per_page, _external=True, **args)

    links = {"self": link(page.number), "first": link(1), "last": link(page.pages)}
    if page.has_prev:
        links["prev"] = link(page.number - 1)
    if page.has_next:
        links["next"] = link(page.number + 1)
    return {
        "data": items,
        "pagination": {"totalElements": page.total, "elementsPerPage": page.per_page,
                       "currentPage": page.number, "totalPages": page.pages},
        "links": links,
    }


def list_response(query, serialize, endpoint: str, **args) -> dict:
    """Run an ordered select one page at a time and wrap it as an OParl list."""
    page = api_page()
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.scalars(query.limit(page.per_page).offset(page.offset))
    return page_of(total, [serialize(row) for row in rows], page, endpoint, **args)


def api_page() -> Page:
    return Page.from_api_request(current_app.config["API_PAGE_SIZE"], current_app.config["API_MAX_PAGE_SIZE"])


def int_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    value = whole_number(raw)  # up to the largest key: PostgreSQL refuses a larger one for an integer column
    if value is None:
        raise ValidationError(_("Parameter %(name)s moet een geheel getal zijn.", name=name), field=name)
    return value


def date_arg(name: str) -> date | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        if len(raw) != 10:
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(_("Parameter %(name)s moet een datum zijn in de vorm JJJJ-MM-DD.", name=name),
                              field=name) from None


def ref(endpoint: str, obj, **ids) -> dict | None:
    """A reference to another object: id, API url and name."""
    if obj is None:
        return None
    return {"id": obj.id, "url": url_for(endpoint, _external=True, **ids), "name": getattr(obj, "name", None)}
