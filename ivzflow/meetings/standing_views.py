"""A body's standing agenda items (its agenda template), kept by the secretariat."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.bodies.models import Body
from ivzflow.core.forms import run_button, status_of, submit
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.meetings import permissions as perm
from ivzflow.meetings import standing_items as service
from ivzflow.meetings.agenda import has_sections
from ivzflow.meetings.agenda_forms import StandingItemForm
from ivzflow.meetings.agenda_views import bp
from ivzflow.meetings.models import StandingItem


def _form(body: Body, item: StandingItem | None = None) -> StandingItemForm:
    form = StandingItemForm(obj=item if request.method == "GET" else None)
    if request.method == "GET":
        if item is None:
            form.duration_minutes.data = 5
        else:
            form.visibility.data = "public" if item.is_public else "confidential"
            form.section.data = item.section or "common"
    if not has_sections(body):
        form.remove_section()
    return form


def _values(form: StandingItemForm) -> dict:
    return dict(title=form.title.data, duration_minutes=form.duration_minutes.data,
                is_public=form.visibility.data != "confidential", is_closing=form.is_closing.data,
                section=form.section.data if "section" in form else None)


def _list_url(body_id: int, anchor: str | None = None) -> str:
    return url_for("agenda.standing_items", body_id=body_id, _anchor=anchor)


@bp.route("/bodies/<int:body_id>/standing-items", methods=["GET", "POST"])
def standing_items(body_id: int):
    require(perm.can_manage_standing_items(current_user))
    body = db.get_or_404(Body, body_id)
    form = _form(body)
    if done := submit(form, lambda: service.add_standing_item(current_user, body, **_values(form)),
                      done=_("Het vaste punt is toegevoegd."),
                      to=lambda item: _list_url(body.id, f"standing-{item.id}"), code=303):
        return done
    return render_template("agenda/standing_items.html", body=body, items=service.standing_items(body), form=form,
                           sectioned=has_sections(body)), status_of(form)


@bp.route("/standing-items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_standing_item(item_id: int):
    require(perm.can_manage_standing_items(current_user))
    item = db.get_or_404(StandingItem, item_id)
    body = db.get_or_404(Body, item.body_id)
    form = _form(body, item)

    def save():
        return service.update_standing_item(current_user, item, body, version=form.version.data, **_values(form))

    if done := submit(form, save, done=_("Het vaste punt is bijgewerkt."),
                      to=_list_url(body.id, f"standing-{item.id}"), code=303):
        return done
    return render_template("agenda/standing_item_form.html", body=body, item=item, form=form), status_of(form)


@bp.route("/standing-items/<int:item_id>/delete", methods=["POST"])
def delete_standing_item(item_id: int):
    require(perm.can_manage_standing_items(current_user))
    item = db.get_or_404(StandingItem, item_id)
    return run_button(_list_url(item.body_id),
                      lambda version: service.delete_standing_item(current_user, item, version=version),
                      _("Het vaste punt is verwijderd."))


@bp.route("/standing-items/<int:item_id>/move", methods=["POST"])
def move_standing_item(item_id: int):
    require(perm.can_manage_standing_items(current_user))
    item = db.get_or_404(StandingItem, item_id)
    body = db.get_or_404(Body, item.body_id)
    direction = request.form.get("direction", "")
    return run_button(_list_url(body.id, f"standing-{item.id}"),
                      lambda _version: service.move_standing_item(current_user, item, body, direction))
