"""The Platform's money per district and year: contributions, budget, commitments, spending, reserves.

Every figure is a Decimal computed from the rows (never a float, never stored twice). One overview costs a
fixed number of queries whatever the number of years, municipalities or commitments.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import format_currency
from flask_babel import gettext as _
from sqlalchemy import func, select

from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError
from ivzflow.core.records import expect_version, flush
from ivzflow.core.numbers import MAX_ID
from ivzflow.decisions import services as decisions
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.finance.labels import COMMITMENT_KINDS, SOURCES
from ivzflow.finance.models import (
    Commitment, ContributionRule, Expenditure, InhabitantCount, PartnerContribution, Reserve,
)
from ivzflow.organisations.models import Organisation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("9999999999.99")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def money(value) -> Decimal:
    """An amount in euros, rounded to the cent (half up, as invoices do)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(raw, field_name: str, *, allow_zero: bool = True, places: Decimal = CENT) -> Decimal:
    """An amount typed the Dutch way ('93.913,80', '€ 20.000') or the plain way ('93913.80')."""
    text = str(raw or "").replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Geef een bedrag in euro's, bijvoorbeeld 20.000,00."), field=field_name) from None
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT or (value == 0 and not allow_zero) \
            or value != value.quantize(places):
        raise ValidationError(_("Geef een bedrag in euro's, bijvoorbeeld 20.000,00."), field=field_name)
    return value


@dataclass
class ContributionRow:
    organisation: Organisation
    inhabitants: int | None
    counted_on: date | None
    is_demo: bool
    amount: Decimal | None  # None: no figure on or before the reference date


@dataclass
class YearFigures:
    year: int
    rule: ContributionRule | None
    contributions: list[ContributionRow]
    partners: list[PartnerContribution]
    committed: Decimal  # from the yearly budget
    spent: Decimal

    @property
    def inhabitants(self) -> int:
        return sum(r.inhabitants or 0 for r in self.contributions)

    @property
    def municipal_total(self) -> Decimal:
        return sum((r.amount for r in self.contributions if r.amount is not None), ZERO)

    @property
    def partner_total(self) -> Decimal:
        return sum((p.amount for p in self.partners), ZERO)

    @property
    def budget(self) -> Decimal:
        return self.municipal_total + self.partner_total

    @property
    def left(self) -> Decimal:
        return self.budget - self.committed

    @property
    def missing_figures(self) -> list[Organisation]:
        return [r.organisation for r in self.contributions if r.amount is None]


@dataclass
class Overview:
    district_id: int
    year: int
    current: YearFigures
    years: list[YearFigures]
    commitments: list[Commitment]
    reserves: list[Reserve]
    spent_by_commitment: dict[int, Decimal] = field(default_factory=dict)

    @property
    def reserves_total(self) -> Decimal:
        return sum((r.amount for r in self.reserves), ZERO)

    @property
    def committed_from_reserves(self) -> Decimal:
        return sum((c.amount_per_year * len(c.years()) for c in self.commitments if c.source == "reserve"), ZERO)

    @property
    def reserve_after_commitments(self) -> Decimal:
        return self.reserves_total - self.committed_from_reserves

    def total(self, name: str) -> Decimal:
        return sum((getattr(y, name) for y in self.years), ZERO)

    def commitments_in(self, year: int) -> list[Commitment]:
        return [c for c in self.commitments if c.start_year <= year <= c.end_year]

    @property
    def staff(self) -> list[Commitment]:
        return [c for c in self.commitments_in(self.year) if c.kind == "staff"]

    @property
    def grants(self) -> list[Commitment]:
        return [c for c in self.commitments if c.source == "external"]


def municipalities(district_id: int) -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(
        Organisation.district_id == district_id, Organisation.classification == "gemeente")
        .order_by(Organisation.name)))


def _counts(org_ids) -> dict[int, list[InhabitantCount]]:
    """Every dated figure of these municipalities, newest first."""
    found: dict[int, list[InhabitantCount]] = defaultdict(list)
    if org_ids:
        for count in db.session.scalars(select(InhabitantCount).where(InhabitantCount.organisation_id.in_(org_ids))
                                        .order_by(InhabitantCount.counted_on.desc())):
            found[count.organisation_id].append(count)
    return found


def _figure_on(counts: list[InhabitantCount], day: date) -> InhabitantCount | None:
    return next((c for c in counts if c.counted_on <= day), None)


def contributions(rule: ContributionRule | None, orgs: list[Organisation], counts) -> list[ContributionRow]:
    rows = []
    for org in orgs:
        figure = _figure_on(counts.get(org.id, []), rule.reference_on) if rule else None
        rows.append(ContributionRow(
            organisation=org, inhabitants=figure.inhabitants if figure else None,
            counted_on=figure.counted_on if figure else None, is_demo=bool(figure and figure.is_demo),
            amount=money(rule.rate * figure.inhabitants) if figure else None))
    return rows


def overview(district_id: int, year: int) -> Overview:
    """The year's figures, every year's budget/committed/spent/left, the commitments and the reserves."""
    rules = {r.year: r for r in db.session.scalars(
        select(ContributionRule).where(ContributionRule.district_id == district_id))}
    partners: dict[int, list[PartnerContribution]] = defaultdict(list)
    for p in db.session.scalars(select(PartnerContribution).where(PartnerContribution.district_id == district_id)
                                .order_by(PartnerContribution.id)):
        partners[p.year].append(p)
    commitments = list(db.session.scalars(
        select(Commitment).where(Commitment.district_id == district_id)
        .order_by(Commitment.start_year, Commitment.kind, Commitment.title)))
    spent_by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    spent_by_commitment: dict[int, Decimal] = defaultdict(lambda: ZERO)
    year_of = func.extract("year", Expenditure.spent_on)
    for y, commitment_id, amount in db.session.execute(
            select(year_of, Expenditure.commitment_id, func.sum(Expenditure.amount))
            .where(Expenditure.district_id == district_id).group_by(year_of, Expenditure.commitment_id)):
        spent_by_year[int(y)] += Decimal(amount)
        if commitment_id:
            spent_by_commitment[commitment_id] += Decimal(amount)
    orgs = municipalities(district_id)
    counts = _counts([o.id for o in orgs])
    years = sorted(set(rules) | set(partners) | {year}
                   | {y for c in commitments if c.source == "budget" for y in c.years()})

    def figures(y: int) -> YearFigures:
        committed = sum((c.amount_per_year for c in commitments if c.source == "budget" and y in c.years()), ZERO)
        return YearFigures(year=y, rule=rules.get(y), contributions=contributions(rules.get(y), orgs, counts),
                           partners=partners.get(y, []), committed=committed, spent=money(spent_by_year[y]))

    all_years = [figures(y) for y in years]
    current = next(f for f in all_years if f.year == year)
    reserves = list(db.session.scalars(select(Reserve).where(Reserve.district_id == district_id)
                                       .order_by(Reserve.available_from, Reserve.id)))
    return Overview(district_id=district_id, year=year, current=current,
                    years=[f for f in all_years if f.rule or f.partners or f.committed or f.spent],
                    commitments=commitments, reserves=reserves, spent_by_commitment=dict(spent_by_commitment))


def invoice_rows(district_id: int, year: int) -> YearFigures:
    """What each municipality is invoiced for the year."""
    rule = db.session.scalar(select(ContributionRule).where(ContributionRule.district_id == district_id,
                                                            ContributionRule.year == year))
    orgs = municipalities(district_id)
    return YearFigures(year=year, rule=rule, contributions=contributions(rule, orgs, _counts([o.id for o in orgs])),
                       partners=[], committed=ZERO, spent=ZERO)


def latest_rule_year(district_id: int, up_to: int) -> int | None:
    return db.session.scalar(select(func.max(ContributionRule.year)).where(
        ContributionRule.district_id == district_id, ContributionRule.year <= up_to))


def _year(value, field_name: str) -> int:
    if not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(_("Kies een jaar van %(a)d tot en met %(b)d.", a=FIRST_YEAR, b=LAST_YEAR),
                              field=field_name)
    return value


def save_rule(actor, district_id: int, year: int, *, rate, reference_on: date | None, version=None) -> ContributionRule:
    """Set the year's rate per inhabitant and the reference date of the inhabitant figures."""
    _year(year, "year")
    try:
        rate = rate if isinstance(rate, Decimal) else parse_amount(rate, "rate", places=Decimal("0.0001"))
    except ValidationError:
        raise ValidationError(_("Geef een bedrag per inwoner, bijvoorbeeld 0,15."), field="rate") from None
    if not rate.is_finite() or rate > Decimal("100") or rate < 0:
        raise ValidationError(_("Geef een bedrag per inwoner, bijvoorbeeld 0,15."), field="rate")
    if reference_on is None or not FIRST_YEAR - 5 <= reference_on.year <= LAST_YEAR:
        raise ValidationError(_("Geef de peildatum van de inwonertallen."), field="reference_on")
    rule = db.session.scalar(select(ContributionRule).where(ContributionRule.district_id == district_id,
                                                            ContributionRule.year == year))
    rule = rule or ContributionRule(district_id=district_id, year=year)
    expect_version(rule, version)
    db.session.add(rule)
    rule.rate, rule.reference_on = rate, reference_on
    flush(rule)
    return rule


def _quantity(raw, name: str, top: Decimal, places: Decimal) -> Decimal | None:
    """An optional positive number such as 0,66 (fte) or 24 (hours a week)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not Decimal(0) < value <= top or value != value.quantize(places):
        raise ValidationError(_("Geef een getal groter dan 0 en hoogstens %(n)s.", n=top), field=name)
    return value


def add_commitment(actor, district_id: int, *, kind: str, source: str, title: str | None, start_year, end_year,
                   amount_per_year, fte=None, hours_per_week=None, note: str | None = None) -> Commitment:
    """Record money promised for some years (staff capacity, a project budget, a grant)."""
    if kind not in COMMITMENT_KINDS:
        raise ValidationError(_("Kies de soort verplichting."), field="kind")
    if source not in SOURCES:
        raise ValidationError(_("Kies waaruit het betaald wordt."), field="source")
    if not (title or "").strip():
        raise ValidationError(_("Geef de verplichting een omschrijving."), field="title")
    start, end = _year(start_year, "start_year"), _year(end_year, "end_year")
    if end < start:
        raise ValidationError(_("Het laatste jaar ligt op of na het eerste jaar."), field="end_year")
    amount = amount_per_year if isinstance(amount_per_year, Decimal) else parse_amount(amount_per_year,
                                                                                         "amount_per_year")
    fte = _quantity(fte, "fte", Decimal("99"), Decimal("0.01"))
    hours_per_week = _quantity(hours_per_week, "hours_per_week", Decimal("168"), Decimal("0.1"))
    commitment = Commitment(district_id=district_id, kind=kind, source=source, title=title.strip()[:200],
                            start_year=start, end_year=end, amount_per_year=money(amount), fte=fte,
                            hours_per_week=hours_per_week, note=(note or "").strip()[:300] or None,
                            created_at=clock.now())
    db.session.add(commitment)
    db.session.flush()
    return commitment


def add_expenditure(actor, district_id: int, *, commitment_id: int | None, spent_on: date | None, amount,
                    description: str | None) -> Expenditure:
    """Record money spent (on a commitment of the same district, or otherwise)."""
    if commitment_id is not None:
        commitment = db.session.get(Commitment, commitment_id) if 0 < commitment_id <= MAX_ID else None
        if commitment is None or commitment.district_id != district_id:
            raise ValidationError(_("Onbekende verplichting gekozen."), field="commitment_id")
    if spent_on is None or not FIRST_YEAR <= spent_on.year <= LAST_YEAR:
        raise ValidationError(_("Geef de datum van de uitgave."), field="spent_on")
    if not (description or "").strip():
        raise ValidationError(_("Geef een omschrijving van de uitgave."), field="description")
    value = amount if isinstance(amount, Decimal) else parse_amount(amount, "amount", allow_zero=False)
    expenditure = Expenditure(district_id=district_id, commitment_id=commitment_id, spent_on=spent_on,
                              amount=money(value), description=description.strip()[:300])
    db.session.add(expenditure)
    db.session.flush()
    return expenditure


def spending_body() -> Body | None:
    """The body that decides on spending the Platform's money: the committee another body (the
    functioneringscommissie) advises. Found from the structure, not by name."""
    return db.session.scalar(
        select(Body).join(BodyRelation, BodyRelation.target_id == Body.id)
        .where(BodyRelation.kind == "advises", Body.kind == "commissie").order_by(BodyRelation.id).limit(1))


def draft_spending_proposal(actor, commitment: Commitment) -> DecisionItem:
    """A spending proposal for the commitment; its route (computed by the decisions service) starts with the
    advice of the functioneringscommissie."""
    if commitment.decision_item_id is not None:
        raise Conflict(_("Voor deze verplichting is al een bestedingsvoorstel."))
    body = spending_body()
    if body is None:
        raise Conflict(_("Er is geen commissie die over de besteding beslist."))
    period = f"{commitment.start_year}" if commitment.start_year == commitment.end_year else \
        f"{commitment.start_year}-{commitment.end_year}"
    item = decisions.create_item(
        actor, decision_body=body, title=_("Bestedingsvoorstel: %(title)s", title=commitment.title),
        kind="decision", confidentiality="intern", project_id=commitment.project_id, own_adviser_ok=True,
        points=[_("De agendacommissie besteedt %(amount)s per jaar (%(period)s) uit %(source)s aan: %(title)s.",
                  amount=format_eur(commitment.amount_per_year), period=period,
                  source=str(SOURCES[commitment.source]).lower(), title=commitment.title)])
    commitment.decision_item_id = item.id
    db.session.flush()
    return item


def format_eur(value: Decimal) -> str:
    return format_currency(value, "EUR")
