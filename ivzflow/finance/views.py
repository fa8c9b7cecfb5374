"""The Platform's money: the year's budget and what is left, commitments, spending, reserves, invoices."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.core.errors import DomainError
from ivzflow.core.forms import options, show_error, status_of
from ivzflow.core.pdf import render_pdf
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.finance import exports, labels, services
from ivzflow.finance.forms import CommitmentForm, ExpenditureForm, RuleForm
from ivzflow.finance.models import Commitment
from ivzflow.finance.permissions import can_manage_finances, can_view_finances
from ivzflow.organisations.models import District
from ivzflow.plans.services import districts
from ivzflow.plans.views import district_and_year  # the same district and year arguments as the plans' pages

bp = Blueprint("finance", __name__, url_prefix="/financien")


@bp.app_context_processor
def _helpers():
    return {"can_view_finances": can_view_finances, "can_manage_finances": can_manage_finances,
            "COMMITMENT_KINDS": labels.COMMITMENT_KINDS, "FINANCE_SOURCES": labels.SOURCES}


def _forms(overview):
    rule = overview.current.rule
    rule_form = RuleForm(formdata=None, rate=str(rule.rate).rstrip("0").rstrip(".").replace(".", ",") if rule else "",
                         reference_on=rule.reference_on if rule else None, version=rule.version if rule else "")
    commitment_form = CommitmentForm(formdata=None, start_year=overview.year, end_year=overview.year)
    expenditure_form = ExpenditureForm(formdata=None)
    expenditure_form.commitment_id.choices = options(
        [(0, _("(geen)"))] + [(c.id, c.title) for c in overview.commitments_in(overview.year)])
    return rule_form, commitment_form, expenditure_form


@bp.get("/")
def index():
    require(can_view_finances(current_user))
    district_id, year = district_and_year()
    overview = services.overview(district_id, year)
    rule_form, commitment_form, expenditure_form = _forms(overview)
    return render_template("finance/index.html", o=overview, districts=districts(), rule_form=rule_form,
                           commitment_form=commitment_form, expenditure_form=expenditure_form)


def _after(district_id: int, year: int, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("finance.index", district=district_id, year=year))


def _refuse(district_id: int, year: int, form, exc: DomainError | None = None):
    """Show the page again with the messages (and a 4xx)."""
    if exc is not None:
        show_error(form, exc)
    overview = services.overview(district_id, year)
    forms = dict(zip(("rule_form", "commitment_form", "expenditure_form"), _forms(overview)))
    name = {RuleForm: "rule_form", CommitmentForm: "commitment_form", ExpenditureForm: "expenditure_form"}[type(form)]
    if name == "expenditure_form":
        form.commitment_id.choices = forms[name].commitment_id.choices
    forms[name] = form
    return render_template("finance/index.html", o=overview, districts=districts(), **forms), status_of(form)


def _district_or_404(district_id: int) -> None:
    if db.session.get(District, district_id) is None:
        abort(404)


def _save(form_class, action, message: str):
    """One of the page's forms posted: check it, run the write for (district, year, form), then back to the
    page; bad input or a refusal shows the page again with the messages."""
    require(can_manage_finances(current_user))
    district_id, year = district_and_year()
    _district_or_404(district_id)
    form = form_class()
    if not form.validate():
        return _refuse(district_id, year, form)
    try:
        action(district_id, year, form)
    except DomainError as exc:
        return _refuse(district_id, year, form, exc)
    return _after(district_id, year, message)


@bp.post("/tarief")
def save_rule():
    return _save(RuleForm, lambda district_id, year, form: services.save_rule(
        current_user, district_id, year, rate=form.rate.data, reference_on=form.reference_on.data,
        version=form.version.data or None), _("Het tarief en de peildatum zijn opgeslagen."))


@bp.post("/verplichtingen")
def add_commitment():
    return _save(CommitmentForm, lambda district_id, _year, form: services.add_commitment(
        current_user, district_id, kind=form.kind.data, source=form.source.data, title=form.title.data,
        start_year=form.start_year.data, end_year=form.end_year.data, amount_per_year=form.amount_per_year.data,
        fte=form.fte.data, hours_per_week=form.hours_per_week.data, note=form.note.data),
        _("De verplichting is vastgelegd."))


@bp.post("/uitgaven")
def add_expenditure():
    return _save(ExpenditureForm, lambda district_id, _year, form: services.add_expenditure(
        current_user, district_id, commitment_id=form.commitment_id.data or None, spent_on=form.spent_on.data,
        amount=form.amount.data, description=form.description.data), _("De uitgave is vastgelegd."))


@bp.post("/verplichtingen/<int:commitment_id>/bestedingsvoorstel")
def spending_proposal(commitment_id: int):
    commitment = db.get_or_404(Commitment, commitment_id)
    require(can_manage_finances(current_user))
    try:
        item = services.draft_spending_proposal(current_user, commitment)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("finance.index", district=commitment.district_id, year=commitment.start_year))
    db.session.commit()
    flash(_("Het bestedingsvoorstel is opgesteld; de functioneringscommissie adviseert erover."), "success")
    return redirect(url_for("decisions.show", item_id=item.id))


@bp.get("/facturen.pdf", defaults={"fmt": "pdf"})
@bp.get("/facturen.xlsx", defaults={"fmt": "xlsx"})
def invoices(fmt: str):
    """The year's invoice list per municipality (?year=, default this year)."""
    require(can_view_finances(current_user))
    district_id, year = district_and_year()
    if not request.args.get("year"):  # the newest list there is, up to this year
        year = services.latest_rule_year(district_id, year) or year
    figures = services.invoice_rows(district_id, year)
    if figures.rule is None:
        abort(404)
    name = f"facturen-gemeenten-{year}"
    if fmt == "xlsx":
        return Response(exports.invoice_xlsx(figures), mimetype=exports.XLSX_MIMETYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    if fmt == "pdf":
        district = db.session.get(District, district_id)
        pdf = render_pdf("finance/invoices_pdf.html", f=figures, district=district)
        return Response(pdf, mimetype="application/pdf",
                        headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})
    abort(404)
