"""Projects: the portfolio with exports and reports, one project, its frame and content, status updates.

Activities, milestones, money and indicators are in item_views.py, on the same blueprint.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_currency
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.audit.services import log_read
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import options, show_error, status_of, submit
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require
from ivzflow.decisions.links import items_of_project
from ivzflow.decisions.permissions import can_view_item
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.services import person_choices
from ivzflow.projects import exports, labels, reports, services
from ivzflow.projects.forms import (
    CommentForm, PortfolioFilterForm, ProjectContentForm, ProjectSetupForm, StatusUpdateForm,
)
from ivzflow.bodies.districts import home_district
from ivzflow.projects.governance import dvo_member_choices
from ivzflow.projects.models import Project
from ivzflow.projects.pages import project_page
from ivzflow.projects.permissions import (
    can_comment_on_project, can_edit_project, can_manage_projects, can_post_status_update, can_view_project,
    can_view_projects,
)
from ivzflow.core.pagination import Page
from ivzflow.projects.portfolio import Filters, count, portfolio, trekker_choices
from ivzflow.projects.richtext import render
from ivzflow.bodies.district_filter import district_choices
from ivzflow.projects.scope import project_scope

bp = Blueprint("projects", __name__)


@bp.app_context_processor
def _helpers():
    return {"PROJECT_KINDS": labels.KINDS, "PROJECT_STATUSES": labels.STATUSES, "TRACK": labels.TRACK,
            "ACTIVITY_STATUSES": labels.ACTIVITY_STATUSES, "DUE_STATES": labels.DUE_STATES,
            "BUDGET_KINDS": labels.BUDGET_KINDS, "DIRECTIONS": labels.DIRECTIONS,
            "can_view_projects": can_view_projects, "can_manage_projects": can_manage_projects,
            "can_edit_project": can_edit_project, "can_post_status_update": can_post_status_update,
            "can_comment_on_project": can_comment_on_project}


@bp.app_template_filter("richtext")
def _richtext(value):
    return render(value)


@bp.app_template_filter("money")
def _money(value):
    return format_currency(value, "EUR") if value is not None else ""


def load(project_id: int) -> Project:
    """The project, if the signed-in user may read it; else 404 (not 403: whether it exists is not said)."""
    project = db.get_or_404(Project, project_id)
    if not can_view_project(current_user, project):
        abort(404)
    return project


def municipality_choices(blank: str):
    # Names only: whole organisations would bring their basisteams, districts and parents along.
    rows = db.session.execute(select(Organisation.id, Organisation.short_name, Organisation.name)
                              .where(Organisation.classification == "gemeente").order_by(Organisation.name))
    return options([(0, blank)] + [(id_, short_name or name) for id_, short_name, name in rows])


# --- portfolio ---------------------------------------------------------------------------------------

# More trekkers than this and the filter asks for a name instead of listing them all (at national scale
# thousands: a list of them was most of the page's time and 200 kB).
TREKKER_LIST_LIMIT = 200


def _filters() -> tuple[PortfolioFilterForm, Filters]:
    """The portfolio's filters from the query string; a value that is not valid is ignored."""
    form = PortfolioFilterForm(request.args)
    form.trekker.choices = trekker_choices(_("Alle trekkers"), limit=TREKKER_LIST_LIMIT) or []
    form.municipality.choices = municipality_choices(_("Alle gemeenten"))
    form.district.choices = options(district_choices())
    form.validate()

    def valid(field):
        return None if field.errors else (field.data or None)

    filters = Filters(kind=valid(form.kind), trekker_id=valid(form.trekker), municipality_id=valid(form.municipality),
                      trekker_name=(valid(form.trekker_name) or "").strip() or None,
                      status=valid(form.status), sort=valid(form.sort) or "position",
                      descending=form.order.data == "desc",
                      scope=project_scope(current_user, valid(form.district)))
    return form, filters


PORTFOLIO_PAGE = 50


@bp.route("/projects")
def index():
    require(can_view_projects(current_user))
    form, filters = _filters()
    # One page at a time: a national installation holds thousands of projects (the export has them all).
    page = Page.from_request(PORTFOLIO_PAGE).with_total(count(filters))
    rows = portfolio(filters, limit=page.per_page, offset=page.offset)
    export_args = {k: v for k, v in request.args.to_dict().items() if k != "page"}
    return render_template("projects/index.html", form=form, filters=filters, rows=rows, page=page,
                           today=clock.today(), export_args=export_args)


@bp.route("/projects/export.<any(csv, xlsx):fmt>")
def export(fmt: str):
    require(can_view_projects(current_user))
    _form, filters = _filters()
    rows = portfolio(filters)
    stamp = clock.today().isoformat()
    log_read("export", "project", "*", format=fmt, rows=len(rows))
    if fmt == "csv":
        return Response(exports.to_csv(rows), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="projecten-{stamp}.csv"'})
    return Response(exports.to_xlsx(rows), mimetype=exports.XLSX_MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="projecten-{stamp}.xlsx"'})


@bp.route("/projects/report.pdf")
def compiled_report():
    require(can_view_projects(current_user))
    _form, filters = _filters()
    if count(filters) > reports.MAX_PROJECTS:
        flash(_("Een voortgangsrapportage bundelt hoogstens %(n)d projecten. Kies er met de filters minder en "
                "maak dan de rapportage.", n=reports.MAX_PROJECTS), "error")
        return redirect(url_for("projects.index", **request.args.to_dict()))
    data = reports.portfolio_report(filters)
    log_read("export", "project", "*", format="report.pdf")
    return _pdf(data, f"voortgangsrapportage-{clock.today().isoformat()}.pdf")


def _pdf(data: bytes, filename: str) -> Response:
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


# --- one project -------------------------------------------------------------------------------------

@bp.route("/projects/<int:project_id>")
def show(project_id: int):
    require(can_view_projects(current_user))
    project = load(project_id)
    page = project_page(project)
    comment_form = CommentForm(status_update_id=page.latest.id if page.latest else "")
    proposals = [i for i in items_of_project(project.id) if can_view_item(current_user, i)]
    return render_template("projects/show.html", page=page, project=project, comment_form=comment_form,
                           proposals=proposals)


@bp.route("/projects/<int:project_id>/report.pdf")
def report(project_id: int):
    require(can_view_projects(current_user))
    project = load(project_id)
    data = reports.project_report(project)
    log_read("export", "project", project.id, format="report.pdf")
    return _pdf(data, f"voortgang-project-{project.id}.pdf")


def _fill_setup(form: ProjectSetupForm, project: Project | None) -> None:
    form.trekker_id.choices = dvo_member_choices(
        clock.today(), _("— nog niet aangewezen —"), keep_id=project.trekker_id if project else None,
        district_id=project.district_id if project else home_district(current_user))
    form.projectleider_id.choices = person_choices(_("— nog niet aangewezen —"))
    form.lead_organisation_id.choices = municipality_choices(_("— gemeente van de trekker —"))
    groups = db.session.scalars(select(Body).where(Body.kind == "expertgroep").order_by(Body.name))
    form.expert_group_id.choices = options([(0, _("— geen —"))] + [(b.id, b.name) for b in groups])


def _setup_values(form: ProjectSetupForm) -> dict:
    ids = ("trekker_id", "projectleider_id", "lead_organisation_id", "expert_group_id")
    values = {name: form[name].data for name in services.SETUP_FIELDS}
    values.update({name: form[name].data or None for name in ids})
    values["position"] = form.position.data or 0
    return values


@bp.route("/projects/new", methods=["GET", "POST"])
def new():
    require(can_manage_projects(current_user))
    form = ProjectSetupForm()
    _fill_setup(form, None)

    def save():
        return services.create_project(current_user, new_expert_group=form.new_expert_group.data, **_setup_values(form))

    if done := submit(form, save, done=_("Het project is aangemaakt."),
                      to=lambda project: url_for("projects.show", project_id=project.id)):
        return done
    return render_template("projects/setup.html", form=form, project=None), status_of(form)


@bp.route("/projects/<int:project_id>/setup", methods=["GET", "POST"])
def setup(project_id: int):
    project = load(project_id)
    require(can_manage_projects(current_user, project))
    form = ProjectSetupForm(obj=project if request.method == "GET" else None)
    _fill_setup(form, project)
    if request.method == "GET":
        for name in ("trekker_id", "projectleider_id", "lead_organisation_id", "expert_group_id"):
            form[name].data = getattr(project, name) or 0

    def save():
        return services.update_project_setup(current_user, project, version=form.version.data,
                                             new_expert_group=form.new_expert_group.data, **_setup_values(form))

    if done := submit(form, save, done=_("Het project is bijgewerkt."),
                      to=url_for("projects.show", project_id=project.id)):
        return done
    return render_template("projects/setup.html", form=form, project=project), status_of(form)


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
def edit(project_id: int):
    project = load(project_id)
    require(can_edit_project(current_user, project))
    form = ProjectContentForm(obj=project if request.method == "GET" else None)

    def save():
        return services.update_project_content(current_user, project, version=form.version.data,
                                               analysis=form.analysis.data, ambition=form.ambition.data,
                                               approach=form.approach.data)

    if done := submit(form, save, done=_("Analyse, ambitie en aanpak zijn opgeslagen."),
                      to=url_for("projects.show", project_id=project.id)):
        return done
    return render_template("projects/edit.html", form=form, project=project), status_of(form)


# --- status updates and comments ---------------------------------------------------------------------

@bp.route("/projects/<int:project_id>/status-updates")
def history(project_id: int):
    require(can_view_projects(current_user))
    project = load(project_id)
    return render_template("projects/history.html", project=project, updates=services.history(project.id))


@bp.route("/projects/<int:project_id>/status-updates/new", methods=["GET", "POST"])
def new_status_update(project_id: int):
    project = load(project_id)
    require(can_post_status_update(current_user, project))
    latest = services.latest_update(project.id)
    form = StatusUpdateForm()
    if request.method == "GET":
        form.previous_id.data = latest.id if latest else ""
        if latest:  # start from the previous report; the projectleider changes what changed
            form.status.data, form.progress.data = latest.status, latest.progress
    if form.validate_on_submit():
        try:
            raw = form.previous_id.data
            update = services.post_status_update(
                current_user, project, status=form.status.data, progress=form.progress.data,
                summary=form.summary.data, achievements=form.achievements.data, risks=form.risks.data,
                next_steps=form.next_steps.data, decision_needed=form.decision_needed.data,
                previous_id=whole_number(raw, 1))
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("De statusupdate is geplaatst."), "success")
            if update.decision_item_id:
                flash(_("Uw vraag om een besluit is een conceptvoorstel geworden; werk het uit en dien het in."), "info")
                return redirect(url_for("decisions.show", item_id=update.decision_item_id))
            return redirect(url_for("projects.show", project_id=project.id, _anchor="status"))
    return render_template("projects/status_update_form.html", form=form, project=project,
                           latest=latest), status_of(form)


@bp.route("/projects/<int:project_id>/comments", methods=["POST"])
def comment(project_id: int):
    project = load(project_id)
    require(can_comment_on_project(current_user, project))
    form = CommentForm()
    if done := submit(form, lambda: services.add_comment(current_user, project, form.body.data,
                                                         status_update_id=whole_number(form.status_update_id.data, 1)),
                      done=_("Uw reactie is geplaatst."),
                      to=url_for("projects.show", project_id=project.id, _anchor="comments")):
        return done
    page = project_page(project)
    return render_template("projects/show.html", page=page, project=project, comment_form=form), 400
