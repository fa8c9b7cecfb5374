"""The plan cycle: local plans, the theme matrix (table and heat map, CSV/XLSX, print) and the qualifying rule."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.core import clock
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import options, run_button, show_error, status_of, submit
from ivzflow.core.numbers import MAX_ID, whole_number
from ivzflow.core.web import public, require
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.meetings import feeds
from ivzflow.plans import audience, exports, labels, policy, policy_ical, services, weighing
from ivzflow.plans.others import LIMIT as OTHERS_LIMIT, others_by_theme
from ivzflow.plans.forms import LocalPlanForm, PolicySeriesForm, ThresholdForm
from ivzflow.plans.models import LocalPlan, PolicySeries, Weighing
from ivzflow.plans.permissions import (
    can_draft_dvo_proposal, can_manage_plans, can_view_plans, can_view_weighing, can_weigh_themes,
    shows_plan_cycle_menu,
)

bp = Blueprint("plans", __name__, url_prefix="/plannen")


@bp.app_context_processor
def _helpers():
    return {"can_view_plans": can_view_plans, "can_manage_plans": can_manage_plans,
            "can_view_weighing": can_view_weighing, "can_weigh_themes": can_weigh_themes,
            "can_draft_dvo_proposal": can_draft_dvo_proposal, "shows_plan_cycle_menu": shows_plan_cycle_menu,
            "THEME_GROUPS": labels.GROUPS}


def district_and_year() -> tuple[int, int]:
    """The district and year asked for in the query string (a bad value is a 400, a missing one the default)."""
    raw_district, raw_year = request.args.get("district"), request.args.get("year")
    district_id = whole_number(raw_district, 1) if raw_district else services.default_district_id()
    year = whole_number(raw_year, services.FIRST_YEAR, services.LAST_YEAR) if raw_year else services.default_year()
    if (raw_district and district_id is None) or year is None:
        abort(400)
    return district_id or 0, year  # 0: no district yet (a fresh installation): empty pages, not an error


@bp.get("/")
def matrix():
    require(can_view_plans(current_user))
    district_id, year = district_and_year()
    view = "heat" if request.args.get("view") == "heat" else "table"
    m = services.matrix(district_id, year)
    return render_template("plans/matrix.html", m=m, view=view, districts=services.districts(),
                           priorities=services.partner_priorities(district_id),
                           threshold_form=ThresholdForm(count=m.threshold, version=services.qualifying_version()))


@bp.get("/matrix.<fmt>")
def matrix_export(fmt: str):
    require(can_view_plans(current_user))
    district_id, year = district_and_year()
    m = services.matrix(district_id, year)
    name = f"themamatrix-{year}"
    if fmt == "csv":
        return Response(exports.to_csv(m), mimetype="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt == "xlsx":
        return Response(exports.to_xlsx(m), mimetype=exports.XLSX_MIMETYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    abort(404)


@bp.post("/drempel")
def threshold():
    require(can_manage_plans(current_user))
    form = ThresholdForm()
    back = url_for("plans.matrix", **{k: v for k, v in request.args.items() if k in ("district", "year", "view")})
    if not form.validate():
        flash(_("Geef een aantal plannen van 1 tot en met 99."), "error")
        return redirect(back)
    try:
        services.set_qualifying_count(current_user, form.count.data, version=form.version.data)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(back)
    db.session.commit()
    flash(_("Een thema komt nu in aanmerking vanaf %(n)d plannen.", n=form.count.data), "success")
    return redirect(back)


@bp.get("/lokale-plannen")
def local_plans():
    require(can_view_plans(current_user))
    district_id, _year = district_and_year()
    plans = services.plans_of(district_id)
    return render_template("plans/local_plans.html", plans=plans, district_id=district_id,
                           districts=services.districts(),
                           theme_ids=services.theme_ids_by_plan([p.id for p in plans]),
                           themes={t.id: t for t in services.themes()})


def _municipality_choices():
    rows = db.session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.classification == "gemeente", Organisation.district_id.is_not(None)).order_by(Organisation.name))
    return options([(0, _("Kies een gemeente"))] + [(id_, name) for id_, name in rows])


def _organisation(org_id: int | None) -> Organisation | None:
    return db.session.get(Organisation, org_id) if org_id and 0 < org_id <= MAX_ID else None


@bp.route("/lokale-plannen/nieuw", methods=["GET", "POST"])
@bp.route("/lokale-plannen/<int:plan_id>", methods=["GET", "POST"])
def edit_plan(plan_id: int | None = None):
    plan = db.get_or_404(LocalPlan, plan_id) if plan_id else None
    require(can_manage_plans(current_user))
    form = LocalPlanForm(obj=plan if request.method == "GET" else None)
    form.organisation_id.choices = _municipality_choices()
    form.theme_ids.choices = options((t.id, t.name) for t in services.themes())
    if request.method == "GET":
        if plan is not None:
            form.version.data = plan.version
            form.theme_ids.data = sorted(services.theme_ids_by_plan([plan.id])[plan.id])

    def save():
        return services.save_plan(
            current_user, plan, organisation=_organisation(form.organisation_id.data),
            title=form.title.data, start_year=form.start_year.data, end_year=form.end_year.data,
            adopted_on=form.adopted_on.data, document=form.document.data,
            theme_ids=list(form.theme_ids.data or []), version=form.version.data if plan else None)

    if done := submit(form, save, done=_("Het plan is opgeslagen."),
                      to=lambda saved: url_for("plans.local_plans", district=saved.district_id)):
        return done
    return render_template("plans/plan_form.html", form=form, plan=plan), status_of(form)


# --- weighing -------------------------------------------------------------------------------------------

def _weighing_input(w) -> dict[int, weighing.EntryInput]:
    """The form's fields per theme: j-<entry>-<letter> (yes/no/empty), r-<entry>-<letter>, o-<entry>, p-<entry>."""
    found = {}
    for entry in w.entries:
        judgements = {}
        for letter in labels.CRITERIA:
            raw = request.form.get(f"j-{entry.id}-{letter}", "")
            met = {"yes": True, "no": False}.get(raw)
            judgements[letter] = (met, request.form.get(f"r-{entry.id}-{letter}"))
        project = whole_number(request.form.get(f"p-{entry.id}", ""), 1)
        found[entry.id] = weighing.EntryInput(judgements=judgements, outcome=request.form.get(f"o-{entry.id}", ""),
                                              project_id=project)
    return found


@bp.route("/weging", methods=["GET", "POST"])
def weighing_page():
    require(can_view_weighing(current_user))
    district_id, _default = district_and_year()
    raw_year = request.args.get("year")
    year = whole_number(raw_year, services.FIRST_YEAR + 1, services.LAST_YEAR) if raw_year else None
    if raw_year and year is None:
        abort(400)
    if year is None:
        latest = db.session.scalar(select(Weighing.year).where(Weighing.district_id == district_id)
                                   .order_by(Weighing.year.desc()).limit(1))
        year = latest or services.default_year() + 1
    w = weighing.weighing_of(district_id, year)
    error = None
    if request.method == "POST":
        require(can_weigh_themes(current_user))
        action = request.form.get("action", "save")
        try:
            if action == "start":
                w = weighing.start(current_user, district_id, year)
                message = _("De weging is geopend met de thema's die in aanmerking komen.")
            elif w is None:
                abort(404)
            elif action == "add":
                weighing.add_theme(current_user, w, whole_number(request.form.get("theme_id", ""), 1),
                                   request.form.get("version"))
                message = _("Het thema is toegevoegd aan de weging.")
            elif action == "draft":
                require(can_draft_dvo_proposal(current_user))
                item = weighing.draft_dvo_proposal(current_user, w, request.form.get("version"))
                db.session.commit()
                flash(_("Het DVO-voorstel is opgesteld, met de themamatrix en de weging als bijlage."), "success")
                return redirect(url_for("decisions.show", item_id=item.id))
            else:
                weighing.save(current_user, w, request.form.get("version"), _weighing_input(w),
                              request.form.get("opgaven"))
                message = _("De weging is opgeslagen.")
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("plans.weighing_page", district=district_id, year=year))
        except DomainError as exc:
            db.session.rollback()
            error = exc
            w = weighing.weighing_of(district_id, year)
    m = services.matrix(district_id, w.matrix_year if w else year - 1)
    item = db.session.get(DecisionItem, w.decision_item_id) if w and w.decision_item_id else None
    weighed = {e.theme_id for e in w.entries} if w else set()
    page = render_template(
        "plans/weighing.html", w=w, m=m, year=year, district_id=district_id, error=error, item=item,
        CRITERIA=labels.CRITERIA, OUTCOMES=labels.OUTCOMES, met_count=weighing.met_count,
        other_themes=[r.theme for r in m.rows if r.theme.id not in weighed],
        projects=weighing.project_choices(district_id) if w and can_weigh_themes(current_user) else [],
        opgaven=weighing.opgaven_of(w) if w else [], of_outcome=weighing.of_outcome)
    return page, (error.status if error else 200)


# --- policy calendar --------------------------------------------------------------------------------------

def _day_arg(name: str):
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None or not policy.FIRST_YEAR <= day.year <= policy.LAST_YEAR:
        abort(400)
    return day


@bp.get("/wat-anderen-doen")
def others():
    """Other districts' public projects per safety theme: good practice travels."""
    require(can_view_plans(current_user))
    groups, more = others_by_theme(current_user)
    return render_template("plans/others.html", groups=groups, more=more, limit=OTHERS_LIMIT)


@bp.route("/kalender", methods=["GET", "POST"])
def policy_calendar():
    require(can_view_plans(current_user))
    today = clock.today()
    start = _day_arg("from") or date(today.year - 4, 1, 1)
    end = _day_arg("to") or date(today.year + 2, 12, 31)
    # like the other plan-cycle pages, one district (its dates and the national ones) unless all are asked for
    raw_district = request.args.get("district") or ""
    district_id = None if raw_district == "all" else whole_number(raw_district, 1) if raw_district else (
        services.default_district_id())
    if raw_district not in ("", "all") and district_id is None:
        abort(400)
    form = PolicySeriesForm()
    if request.method == "POST":
        require(can_manage_plans(current_user))
        if form.validate():
            try:
                policy.save_series(current_user, None, kind=form.kind.data, title=form.title.data,
                                   starts_on=form.starts_on.data, ends_on=form.ends_on.data,
                                   repeat_years=form.repeat_years.data, until_year=form.until_year.data,
                                   remind_days_before=form.remind_days_before.data,
                                   description=form.description.data,
                                   district_id=district_id or services.default_district_id())
                db.session.commit()
                flash(_("De datum staat in de beleidskalender; herinneringen volgen vanzelf."), "success")
                return redirect(url_for("plans.policy_calendar", district=district_id or "all"))
            except DomainError as exc:
                show_error(form, exc)
    elif request.method == "GET":
        form = PolicySeriesForm(formdata=None)
    entries = policy.entries(start, end, district_id)
    years: dict[int, list] = {}
    for entry in entries:
        years.setdefault(entry.occurrence.occurs_on.year, []).append(entry)
    return render_template("plans/policy_calendar.html", years=years, start=start, end=end, form=form,
                           today=today, POLICY_KINDS=labels.POLICY_KINDS, label_of=policy.label_of,
                           districts=services.districts(), district_id=district_id,
                           series=policy.all_series(district_id) if can_manage_plans(current_user) else []), status_of(form)


@bp.post("/kalender/<int:series_id>/verwijderen")
def delete_policy_series(series_id: int):
    series = db.get_or_404(PolicySeries, series_id)
    require(can_manage_plans(current_user))
    return run_button(url_for("plans.policy_calendar"),
                      lambda version: policy.delete_series(current_user, series, version),
                      _("De reeks is uit de beleidskalender verwijderd."))


@bp.get("/feeds/<secret>/beleidskalender.ics")
@public
def policy_feed(secret: str):
    """The policy calendar for a calendar app, behind the user's personal feed secret (see Kalender >
    Abonneren); from a year back onwards."""
    user = feeds.user_for_secret(secret)
    if user is None:
        abort(404)
    with force_locale(user.locale or "nl"):
        # the dates he is reminded of (plans.audience), else those of his district: the calendar is no secret
        districts = audience.districts_of(user) or services.district_of_user(user)
        data = policy_ical.policy_calendar(user.id, policy.entries(date(clock.today().year - 1, 1, 1), None,
                                                                   districts))
    return Response(data, mimetype="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="beleidskalender.ics"'})
