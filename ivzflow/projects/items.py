"""The parts of a project: activities, milestones, grants and budget lines, indicators with their values."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select

from ivzflow.bodies.models import Body
from ivzflow.core.errors import ValidationError
from ivzflow.core.records import save
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.projects.labels import ACTIVITY_STATUSES, BUDGET_KINDS, DIRECTIONS
from ivzflow.projects.models import (
    Activity, BudgetLine, Indicator, IndicatorTarget, Measurement, Milestone, Project,
)

MAX_AMOUNT = Decimal("9999999999.99")
MAX_VALUE = Decimal("999999999999.99")
YEARS = range(1990, 2101)


def _required(values: dict, key: str, message: str) -> None:
    if not (values.get(key) or "").strip():
        raise ValidationError(message, field=key)


def _period(values: dict, start: str = "start_on", end: str = "end_on") -> None:
    if values.get(start) and values.get(end) and values[end] < values[start]:
        raise ValidationError(_("De einddatum ligt vóór de begindatum."), field=end)


def _exists(model, key: str, values: dict, message: str) -> None:
    if values.get(key) and db.session.get(model, values[key]) is None:
        raise ValidationError(message, field=key)


def _save(obj, model, project: Project, values: dict, version):
    return save(obj or model(project_id=project.id), values, version=version)


def _next_position(model, project: Project) -> int:
    return (db.session.scalar(select(func.max(model.position)).where(model.project_id == project.id)) or 0) + 1


def delete_item(obj) -> None:
    """Remove an activity, milestone, budget line or indicator (the audit log keeps what it was)."""
    db.session.delete(obj)
    db.session.flush()


# --- activities and milestones -----------------------------------------------------------------------

def save_activity(actor, project: Project, activity: Activity | None = None, *, version=None, **values) -> Activity:
    """Create or change an activity."""
    _required(values, "title", _("Vul een omschrijving van de activiteit in."))
    if values.get("status", "open") not in ACTIVITY_STATUSES:
        raise ValidationError(_("Kies een geldige status."), field="status")
    _exists(Person, "owner_person_id", values, _("Deze persoon bestaat niet."))
    _exists(Body, "body_id", values, _("Dit gremium bestaat niet."))
    if activity is None and not values.get("position"):
        values["position"] = _next_position(Activity, project)
    return _save(activity, Activity, project, values, version)


def save_milestone(actor, project: Project, milestone: Milestone | None = None, *, version=None,
                   **values) -> Milestone:
    """Create or change a milestone."""
    _required(values, "title", _("Vul een omschrijving van de mijlpaal in."))
    return _save(milestone, Milestone, project, values, version)


# --- money -------------------------------------------------------------------------------------------

def save_budget_line(actor, project: Project, line: BudgetLine | None = None, *, version=None,
                     **values) -> BudgetLine:
    """Create or change a grant or budget line."""
    _required(values, "source", _("Vul de bron in (bijvoorbeeld het ministerie of de provincie)."))
    if values.get("kind", "grant") not in BUDGET_KINDS:
        raise ValidationError(_("Kies subsidie of budget."), field="kind")
    if values.get("amount") is not None:
        try:
            amount = Decimal(str(values["amount"]))
        except (InvalidOperation, ValueError):
            raise ValidationError(_("Vul een bedrag in."), field="amount") from None
        if not amount.is_finite() or not Decimal(0) <= amount <= MAX_AMOUNT:
            raise ValidationError(_("Het bedrag ligt tussen € 0 en € 9.999.999.999,99."), field="amount")
        values["amount"] = amount.quantize(Decimal("0.01"))
    _period(values)
    return _save(line, BudgetLine, project, values, version)


def budget_totals(lines: list[BudgetLine]) -> dict[str, Decimal]:
    totals = {kind: Decimal("0.00") for kind in BUDGET_KINDS}
    for line in lines:
        if line.amount is not None:
            totals[line.kind] = totals.get(line.kind, Decimal("0.00")) + line.amount
    return totals


# --- indicators --------------------------------------------------------------------------------------

def _year(value, field: str) -> None:
    if value is not None and value not in YEARS:
        raise ValidationError(_("Kies een jaar van 1990 tot en met 2100."), field=field)


def _value(value, field: str) -> Decimal:
    try:
        value = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Vul een getal in."), field=field) from None
    if not value.is_finite() or not Decimal(0) <= value <= MAX_VALUE:
        raise ValidationError(_("Een waarde is 0 of meer (en kleiner dan een biljoen)."), field=field)
    return value.quantize(Decimal("0.01"))


def save_indicator(actor, project: Project, indicator: Indicator | None = None, *, version=None,
                   **values) -> Indicator:
    """Create or change an indicator: name, unit, direction and baseline."""
    _required(values, "name", _("Vul de naam van de indicator in."))
    if values.get("direction") not in DIRECTIONS:
        raise ValidationError(_("Kies of lager of hoger beter is."), field="direction")
    _year(values.get("baseline_year"), "baseline_year")
    if (values.get("baseline_value") is None) != (values.get("baseline_year") is None):
        raise ValidationError(_("Vul bij een nulmeting zowel de waarde als het jaar in."), field="baseline_value")
    if values.get("baseline_value") is not None:
        values["baseline_value"] = _value(values["baseline_value"], "baseline_value")
    if indicator is None and not values.get("position"):
        values["position"] = _next_position(Indicator, project)
    return _save(indicator, Indicator, project, values, version)


def set_target(actor, indicator: Indicator, year: int, value) -> IndicatorTarget:
    """The target for a year (replaces an earlier one for that year)."""
    _year(year, "year")
    if year is None:
        raise ValidationError(_("Vul het jaar in."), field="year")
    value = _value(value, "value")
    target = db.session.scalar(select(IndicatorTarget).where(IndicatorTarget.indicator_id == indicator.id,
                                                             IndicatorTarget.year == year))
    if target is None:
        target = IndicatorTarget(indicator_id=indicator.id, year=year, value=value)
        db.session.add(target)
    else:
        target.value = value
    db.session.flush()
    return target


def set_measurement(actor, indicator: Indicator, year: int, value, organisation_id: int | None = None,
                    note: str | None = None) -> Measurement:
    """The measured value for a year, for the region or one municipality (replaces an earlier one)."""
    _year(year, "year")
    if year is None:
        raise ValidationError(_("Vul het jaar in."), field="year")
    value = _value(value, "value")
    if organisation_id is not None:
        org = db.session.get(Organisation, organisation_id)
        if org is None or org.classification != "gemeente":
            raise ValidationError(_("Kies een gemeente, of laat leeg voor de hele regio."), field="organisation_id")
    found = db.session.scalar(select(Measurement).where(
        Measurement.indicator_id == indicator.id, Measurement.year == year,
        Measurement.organisation_id.is_(None) if organisation_id is None
        else Measurement.organisation_id == organisation_id))
    if found is None:
        found = Measurement(indicator_id=indicator.id, year=year, organisation_id=organisation_id)
        db.session.add(found)
    found.value, found.note = value, (note or "").strip()[:200] or None
    db.session.flush()
    return found
