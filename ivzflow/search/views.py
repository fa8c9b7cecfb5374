"""The search page: one box in the header, results as a list of headed items, filters that work without JS."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.bodies.district_filter import district_choices, read_district
from ivzflow.bodies.models import Body
from ivzflow.core.forms import options
from ivzflow.core.i18n import request_locale
from ivzflow.core.pagination import Page
from ivzflow.core.web import require
from ivzflow.decisions.forms import STATUS_CHOICES
from ivzflow.extensions import db
from ivzflow.projects.labels import STATUSES as PROJECT_STATUSES
from ivzflow.search import services
from ivzflow.search.forms import SearchForm
from ivzflow.search.kinds import ENTRY_LABELS
from ivzflow.search.links import result_url
from ivzflow.workflows.models import WorkflowState

bp = Blueprint("search", __name__)
PER_PAGE = 20


def _state_choices() -> list:
    locale = str(request_locale())
    proposals = {}
    for name, nl, en in db.session.execute(select(WorkflowState.name, WorkflowState.label_nl, WorkflowState.label_en)
                                           .order_by(WorkflowState.position)):
        proposals.setdefault(name, en if locale == "en" else nl)
    choices = [("", _("Elke status"))]
    choices += [(name, _("Voorstel: %(state)s", state=label)) for name, label in proposals.items()]
    choices += [(c.value, _("Actie: %(state)s", state=c.label)) for c in STATUS_CHOICES]
    choices += [(value, _("Project: %(state)s", state=label)) for value, label in PROJECT_STATUSES.items()]
    return options(choices)


@bp.route("/search")
def index():
    require(current_user.is_authenticated)
    form = SearchForm(request.args)
    form.body.choices = options([("", _("Elk gremium"))] + list(db.session.execute(
        select(Body.id, Body.name).order_by(Body.name)).all()))
    form.state.choices = _state_choices()
    results = None
    picked = read_district(current_user, request.args.get("district"))
    if form.validate() and (form.q.data or "").strip():
        filters = services.Filters(kind=form.kind.data or None, body_id=form.body.data, year=form.year.data,
                                   state=form.state.data or None, districts=picked)
        results = services.search(current_user, form.q.data, filters, Page.from_request(PER_PAGE))
    return render_template("search/results.html", form=form, results=results, result_url=result_url,
                           labels=ENTRY_LABELS, districts=(district_choices(), picked)), 200 if not form.errors else 400
