"""API: the Platform's money for a year. Amounts are strings with two decimals (exact, never floats)."""
from __future__ import annotations

from decimal import Decimal

from ivzflow.api import api_user, bp
from ivzflow.core.web import require
from ivzflow.finance import services
from ivzflow.finance.permissions import can_view_finances
from ivzflow.plans.api import district_param, year_param


def amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{services.money(value):.2f}"


def rate(value: Decimal) -> str:
    """Two decimals, or four when the rate has them (EUR 0.1525 per inhabitant)."""
    return f"{value:.2f}" if value == value.quantize(services.CENT) else f"{value:.4f}"


@bp.route("/finances")
def finances():
    require(can_view_finances(api_user()))
    district_id, year = district_param(), year_param()
    o = services.overview(district_id, year)
    y = o.current
    return {
        "districtId": district_id, "year": year,
        "rate": rate(y.rule.rate) if y.rule else None,
        "referenceDate": y.rule.reference_on.isoformat() if y.rule else None,
        "contributions": [{"organisation": {"id": r.organisation.id, "name": r.organisation.name},
                           "inhabitants": r.inhabitants, "countedOn": r.counted_on.isoformat() if r.counted_on else None,
                           "inhabitantsAreDemoValues": r.is_demo, "rate": rate(y.rule.rate) if y.rule else None,
                           "amount": amount(r.amount)} for r in y.contributions],
        "municipalTotal": amount(y.municipal_total),
        "partnerContributions": [{"organisation": {"id": p.organisation_id, "name": p.organisation.name},
                                  "amount": amount(p.amount)} for p in y.partners],
        "budget": amount(y.budget),
        "committed": amount(y.committed),
        "spent": amount(y.spent),
        "balance": amount(y.left),
        "reserves": [{"name": r.name, "amount": amount(r.amount), "availableFrom": r.available_from,
                      "estimate": r.is_estimate} for r in o.reserves],
        "reserveAfterCommitments": amount(o.reserve_after_commitments),
        "commitments": [{"id": c.id, "title": c.title, "kind": c.kind, "source": c.source, "startYear": c.start_year,
                         "endYear": c.end_year, "amountPerYear": amount(c.amount_per_year),
                         "fte": None if c.fte is None else f"{c.fte:.2f}",
                         "hoursPerWeek": None if c.hours_per_week is None else f"{c.hours_per_week:.1f}",
                         "spent": amount(o.spent_by_commitment.get(c.id, Decimal(0))),
                         "projectId": c.project_id, "decisionItemId": c.decision_item_id}
                        for c in o.commitments_in(year)],
    }
