"""The parts of a project (activities, milestones, money, indicators): add, change, remove.

One set of routes serves the four kinds; each kind names its model, form, service and texts. Indicator
values (targets and measurements) have their own page.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.core.forms import SelectField, options, status_of, submit
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.people.services import person_choices
from ivzflow.projects import items
from ivzflow.projects.forms import ActivityForm, BudgetLineForm, IndicatorForm, IndicatorValueForm, MilestoneForm
from ivzflow.projects.models import Activity, BudgetLine, Indicator, IndicatorTarget, Measurement, Milestone
from ivzflow.projects.pages import indicators_of
from ivzflow.projects.permissions import can_edit_project
from ivzflow.projects.views import bp, load, municipality_choices


def _activity_choices(form: ActivityForm) -> None:
    form.owner_person_id.choices = person_choices(_("— geen persoon —"))
    bodies = db.session.execute(select(Body.id, Body.name).order_by(Body.name)).all()
    form.body_id.choices = options([(0, _("— geen —"))] + [(b.id, b.name) for b in bodies])


@dataclass(frozen=True)
class ItemKind:
    model: type
    form: type[FlaskForm]
    save: Callable
    new_title: str
    edit_title: str
    saved: str
    deleted: str
    anchor: str
    choices: Callable | None = None


ITEM_KINDS = {
    "activities": ItemKind(Activity, ActivityForm, items.save_activity, _l("Nieuwe activiteit"),
                           _l("Activiteit bewerken"), _l("De activiteit is opgeslagen."),
                           _l("De activiteit is verwijderd."), "activities", _activity_choices),
    "milestones": ItemKind(Milestone, MilestoneForm, items.save_milestone, _l("Nieuwe mijlpaal"),
                           _l("Mijlpaal bewerken"), _l("De mijlpaal is opgeslagen."), _l("De mijlpaal is verwijderd."),
                           "milestones"),
    "budget": ItemKind(BudgetLine, BudgetLineForm, items.save_budget_line, _l("Nieuwe subsidie of budgetregel"),
                       _l("Subsidie of budgetregel bewerken"), _l("De regel is opgeslagen."),
                       _l("De regel is verwijderd."), "budget"),
    "indicators": ItemKind(Indicator, IndicatorForm, items.save_indicator, _l("Nieuwe indicator"),
                           _l("Indicator bewerken"), _l("De indicator is opgeslagen."),
                           _l("De indicator is verwijderd."), "indicators"),
}
KIND_PATTERN = "<any(activities, milestones, budget, indicators):kind>"


def _values(form: FlaskForm) -> dict:
    """The form's values for the service: no token or version; an unchosen select (0) is None."""
    values = {}
    for f in form:
        if f.name in ("csrf_token", "version"):
            continue
        values[f.name] = (f.data or None) if isinstance(f, SelectField) and f.data == 0 else f.data
    return values


def _item(kind: ItemKind, project_id: int, item_id: int):
    item = db.get_or_404(kind.model, item_id)
    if item.project_id != project_id:
        abort(404)
    return item


def _back(project_id: int, kind: ItemKind) -> str:
    return url_for("projects.show", project_id=project_id, _anchor=kind.anchor)


@bp.route(f"/projects/<int:project_id>/{KIND_PATTERN}/new", methods=["GET", "POST"])
@bp.route(f"/projects/<int:project_id>/{KIND_PATTERN}/<int:item_id>/edit", methods=["GET", "POST"])
def item_form(project_id: int, kind: str, item_id: int | None = None):
    project = load(project_id)
    require(can_edit_project(current_user, project))
    spec = ITEM_KINDS[kind]
    item = _item(spec, project.id, item_id) if item_id else None
    form = spec.form(obj=item if request.method == "GET" else None)
    if spec.choices:
        spec.choices(form)
    if request.method == "GET" and item is not None:
        for f in form:
            if isinstance(f, SelectField) and f.data is None:
                f.data = 0
    if done := submit(form, lambda: spec.save(current_user, project, item, version=form.version.data if item else None,
                                              **_values(form)),
                      done=str(spec.saved), to=_back(project.id, spec)):
        return done
    title = spec.edit_title if item else spec.new_title
    return render_template("projects/item_form.html", form=form, project=project, item=item, kind=kind,
                           title=title), status_of(form)


@bp.route(f"/projects/<int:project_id>/{KIND_PATTERN}/<int:item_id>/delete", methods=["POST"])
def delete_item(project_id: int, kind: str, item_id: int):
    project = load(project_id)
    require(can_edit_project(current_user, project))
    spec = ITEM_KINDS[kind]
    items.delete_item(_item(spec, project.id, item_id))
    db.session.commit()
    flash(str(spec.deleted), "success")
    return redirect(_back(project.id, spec))


# --- indicator values --------------------------------------------------------------------------------

@bp.route("/projects/<int:project_id>/indicators/<int:item_id>/values", methods=["GET", "POST"])
def indicator_values(project_id: int, item_id: int):
    project = load(project_id)
    require(can_edit_project(current_user, project))
    indicator = _item(ITEM_KINDS["indicators"], project.id, item_id)
    form = IndicatorValueForm()
    form.organisation_id.choices = municipality_choices(_("— hele regio —"))

    def save():
        if form.kind.data == "target":
            items.set_target(current_user, indicator, form.year.data, form.value.data)
        else:
            items.set_measurement(current_user, indicator, form.year.data, form.value.data,
                                  form.organisation_id.data or None, form.note.data)

    if done := submit(form, save, done=_("De waarde is opgeslagen."),
                      to=url_for("projects.indicator_values", project_id=project.id, item_id=indicator.id)):
        return done
    view, chart = next((v, c) for v, c in indicators_of(project.id) if v.indicator.id == indicator.id)
    return render_template("projects/indicator_values.html", form=form, project=project, indicator=indicator,
                           view=view, chart=chart), status_of(form)


@bp.route("/projects/<int:project_id>/indicators/<int:item_id>/<any(targets, measurements):what>/<int:value_id>"
          "/delete", methods=["POST"])
def delete_indicator_value(project_id: int, item_id: int, what: str, value_id: int):
    project = load(project_id)
    require(can_edit_project(current_user, project))
    indicator = _item(ITEM_KINDS["indicators"], project.id, item_id)
    value = db.get_or_404(IndicatorTarget if what == "targets" else Measurement, value_id)
    if value.indicator_id != indicator.id:
        abort(404)
    items.delete_item(value)
    db.session.commit()
    flash(_("De waarde is verwijderd."), "success")
    return redirect(url_for("projects.indicator_values", project_id=project.id, item_id=indicator.id))
