"""API: GET /api/v1/search?q=&kind=&body=&year=&state=&district=&page= (what the token's user may see; by default
in his districts)."""
from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from ivzflow.api import api_page, api_user, bp, int_arg, page_of
from ivzflow.bodies.district_filter import read_district
from ivzflow.core.errors import ValidationError
from ivzflow.search import services
from ivzflow.search.kinds import ENTRY_LABELS, KINDS
from ivzflow.search.links import result_url


def _hit_json(hit: services.Hit) -> dict:
    return {"kind": hit.kind, "kindLabel": str(ENTRY_LABELS[hit.kind]), "id": hit.object_id,
            "title": str(hit.title.striptags()), "titleHtml": str(hit.title), "snippetHtml": str(hit.snippet),
            "web": result_url(hit, external=True), "year": hit.year, "state": hit.state, "body": hit.body_id}


@bp.route("/search")
def search():
    q = (request.args.get("q") or "").strip()  # without words: an empty list
    if len(q) > services.MAX_QUERY_LENGTH:
        raise ValidationError(_("Parameter q is te lang (ten hoogste %(n)d tekens).", n=services.MAX_QUERY_LENGTH),
                              field="q")
    kind = request.args.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise ValidationError(_("Parameter kind moet een van deze zijn: %(kinds)s.", kinds=", ".join(KINDS)),
                              field="kind")
    state = request.args.get("state") or None
    if state is not None and len(state) > 60:
        raise ValidationError(_("Parameter state is te lang."), field="state")
    picked = read_district(api_user(), request.args.get("district"), strict=True)
    filters = services.Filters(kind=kind, body_id=int_arg("body"), year=int_arg("year"), state=state, districts=picked)
    page = api_page()
    results = services.search(api_user(), q, filters, page)
    args = {k: v for k, v in (("q", q), ("kind", kind), ("body", request.args.get("body")),
                              ("year", request.args.get("year")), ("state", state)) if v} | picked.args
    listing = page_of(results.total, [_hit_json(h) for h in results.hits], results.page, "api.search", **args)
    listing["facets"] = {"kind": results.counts}
    return listing
