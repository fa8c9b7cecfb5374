"""Communication advice: the advisor's work list, writing and approving an advice."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.core.errors import DomainError
from ivzflow.core.forms import show_error, status_of
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require
from ivzflow.decisions import local_advice, permissions as can, queries, services
from ivzflow.decisions.forms import AdviceForm, ApproveForm, WaiveForm
from ivzflow.decisions.models import DecisionItem
from ivzflow.decisions.views import load_item
from ivzflow.extensions import db
from ivzflow.organisations.services import organisation_choices

bp = Blueprint("advice", __name__)


@bp.route("/advice")
def worklist():
    require(can.can_view_advice_worklist(current_user))
    items = services.advice_worklist(queries.visible_items(current_user))
    return render_template("decisions/advice_worklist.html", items=items)


def _advice_form(item: DecisionItem, posted: bool) -> AdviceForm:
    """The advice form: as posted, or filled from the stored advice."""
    advice = item.communication_advice
    form = AdviceForm() if posted else AdviceForm(formdata=None, obj=advice)
    if not posted:
        form.inform_ids.data = [i.organisation_id for i in advice.inform]
        form.woo_disclosure.data = advice.woo_disclosure or ""
        form.local_advisor_id.data = advice.local_advisor_id or 0
    form.inform_ids.choices = organisation_choices()
    posted_inform = [n for n in (whole_number(i, 1) for i in form.inform_ids.data or []) if n] if posted else None
    form.local_advisor_id.choices = local_advice.advisor_choices(item, advice, _("Nog niemand gekozen"), posted_inform)
    return form


def _page(item: DecisionItem, form: AdviceForm, approve_form: ApproveForm, status: int):
    return render_template("decisions/advice_form.html", item=item, advice=item.communication_advice, form=form,
                           approve_form=approve_form,
                           may_write=can.can_write_advice(current_user, item),
                           may_approve=can.can_approve_advice(current_user, item)), status


def _load(item_id: int) -> DecisionItem:
    item = load_item(item_id)
    if item.communication_advice is None:
        abort(404)
    return item


@bp.route("/decisions/<int:item_id>/advice", methods=["GET", "POST"])
def edit(item_id: int):
    item = _load(item_id)
    require(can.can_write_advice(current_user, item) or can.can_approve_advice(current_user, item))
    if request.method == "POST":
        require(can.can_write_advice(current_user, item))
    form = _advice_form(item, posted=request.method == "POST")
    if form.validate_on_submit():
        try:
            services.save_advice(
                current_user, item.communication_advice, version=form.version.data,
                key_message=form.key_message.data, audiences=form.audiences.data,
                spokesperson=form.spokesperson.data, timing=form.timing.data, embargo_until=form.embargo_until.data,
                woo_disclosure=form.woo_disclosure.data, woo_note=form.woo_note.data,
                inform_ids=form.inform_ids.data or [])
            asked = ("local_advisor_id" in request.form  # a client that does not send it changes nothing
                     and local_advice.record_local_advisor(item.communication_advice, form.local_advisor_id.data))
        except DomainError as exc:
            db.session.rollback()
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("Het communicatieadvies is opgeslagen en wacht op goedkeuring."), "success")
            if asked:
                flash(_("%(name)s krijgt een bericht met het verzoek mee te kijken.",
                        name=item.communication_advice.local_advisor.name), "success")
            return redirect(url_for("advice.edit", item_id=item.id))
    return _page(item, form, ApproveForm(version=item.communication_advice.version), status_of(form))


@bp.route("/decisions/<int:item_id>/advice/approve", methods=["POST"])
def approve(item_id: int):
    item = _load(item_id)
    require(can.can_approve_advice(current_user, item))  # its writer may not (four eyes; the page says so)
    approve_form = ApproveForm()
    if not approve_form.validate_on_submit():
        abort(400)
    try:
        services.approve_advice(current_user, item.communication_advice, approve_form.version.data)
    except DomainError as exc:
        show_error(approve_form, exc)
        return _page(item, _advice_form(item, posted=False), approve_form, status_of(approve_form))
    db.session.commit()
    flash(_("Het communicatieadvies is goedgekeurd."), "success")
    return redirect(url_for("decisions.show", item_id=item.id))


@bp.route("/decisions/<int:item_id>/advice/waive", methods=["POST"])
def waive(item_id: int):
    """The secretariat records why this proposal needs no communication advice."""
    item = _load(item_id)
    require(can.can_waive_advice(current_user, item))  # before the form: a refusal must not depend on the input
    form = WaiveForm()
    if not form.validate_on_submit():
        flash(_("Geef de reden waarom dit voorstel geen communicatieadvies nodig heeft."), "error")
        return redirect(url_for("decisions.show", item_id=item.id))
    try:
        services.waive_advice(current_user, item.communication_advice, form.reason.data, form.version.data)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("Vastgelegd waarom geen communicatieadvies nodig is."), "success")
    return redirect(url_for("decisions.show", item_id=item.id))
