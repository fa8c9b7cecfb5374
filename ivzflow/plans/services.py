"""Local plans and the theme matrix: which plans are in force in a year, which themes they name, which qualify."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select

from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.core.records import expect_version, flush
from ivzflow.core.numbers import MAX_ID
from ivzflow.extensions import db
from ivzflow.organisations.models import District, Organisation
from ivzflow.people.models import Person
from ivzflow.plans.labels import GROUPS, QUALIFYING_DEFAULT, QUALIFYING_SETTING
from ivzflow.plans.models import LocalPlan, LocalPlanTheme, PartnerPriority, SafetyTheme
from ivzflow.settings.services import get_setting, set_settings, settings_version

FIRST_YEAR, LAST_YEAR = 2000, 2100


def qualifying_count() -> int:
    """N of the rule 'a theme qualifies for a regional approach when N or more plans name it'."""
    value = get_setting(QUALIFYING_SETTING)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else QUALIFYING_DEFAULT


def qualifying_version() -> str:
    """The version of N a form shows (see set_qualifying_count)."""
    return settings_version([QUALIFYING_SETTING])


def set_qualifying_count(actor, value: int | None, *, version) -> None:
    """Change N; the matrix and the weighing follow at once."""
    if value is None or not 1 <= value <= 99:
        raise ValidationError(_("Geef een aantal plannen van 1 tot en met 99."), field="count")
    set_settings({QUALIFYING_SETTING: value}, version=version)


def themes() -> list[SafetyTheme]:
    return list(db.session.scalars(select(SafetyTheme).order_by(SafetyTheme.position, SafetyTheme.id)))


def districts() -> list[tuple[int, str]]:
    return list(db.session.execute(select(District.id, District.name).order_by(District.name)))


def default_district_id() -> int | None:
    """The district shown when none is asked for: the first one with local plans (else the first one)."""
    found = db.session.scalar(select(LocalPlan.district_id).order_by(LocalPlan.district_id).limit(1))
    return found or db.session.scalar(select(District.id).order_by(District.id).limit(1))


def district_of_user(user) -> int | None:
    """The district of the user's organisation, else the default one: whose policy dates his calendar shows."""
    person_id = getattr(user, "person_id", None)
    found = db.session.scalar(select(Organisation.district_id).join(Person, Person.organisation_id == Organisation.id)
                              .where(Person.id == person_id)) if person_id else None
    return found or default_district_id()


def default_year() -> int:
    return clock.today().year


def plans_in_force(district_id: int, year: int) -> list[LocalPlan]:
    return list(db.session.scalars(
        select(LocalPlan).join(Organisation, Organisation.id == LocalPlan.organisation_id)
        .where(LocalPlan.district_id == district_id, LocalPlan.start_year <= year, LocalPlan.end_year >= year)
        .order_by(Organisation.name, LocalPlan.id)))


def plans_of(district_id: int) -> list[LocalPlan]:
    return list(db.session.scalars(
        select(LocalPlan).join(Organisation, Organisation.id == LocalPlan.organisation_id)
        .where(LocalPlan.district_id == district_id)
        .order_by(LocalPlan.start_year.desc(), Organisation.name, LocalPlan.id)))


def theme_ids_by_plan(plan_ids) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {p: set() for p in plan_ids}
    if found:
        for plan_id, theme_id in db.session.execute(
                select(LocalPlanTheme.plan_id, LocalPlanTheme.theme_id).where(LocalPlanTheme.plan_id.in_(found))):
            found[plan_id].add(theme_id)
    return found


@dataclass
class MatrixRow:
    theme: SafetyTheme
    plans: list[LocalPlan]  # the plans naming the theme, in column order
    qualifies: bool

    @property
    def count(self) -> int:
        return len(self.plans)


@dataclass
class Matrix:
    district_id: int
    year: int
    threshold: int
    plans: list[LocalPlan]
    rows: list[MatrixRow]
    cells: dict[int, set[int]] = field(default_factory=dict)  # plan id -> theme ids

    @property
    def qualifying(self) -> list[MatrixRow]:
        return [r for r in self.rows if r.qualifies]

    @property
    def totals(self) -> list[int]:
        return [r.count for r in self.rows]

    @property
    def groups(self) -> list[tuple[str, str, list[MatrixRow]]]:
        return [(key, str(label), [r for r in self.rows if r.theme.group == key]) for key, label in GROUPS.items()
                if any(r.theme.group == key for r in self.rows)]

    def named(self, plan: LocalPlan, theme: SafetyTheme) -> bool:
        return theme.id in self.cells.get(plan.id, ())

    def heat(self, row: MatrixRow) -> int:
        """0 to 5: the share of the plans naming the theme, for the heat map's shading."""
        return round(5 * row.count / len(self.plans)) if self.plans else 0


def matrix(district_id: int, year: int, threshold: int | None = None) -> Matrix:
    """Themes x plans in force in the year, with the count per theme and whether it qualifies."""
    threshold = threshold or qualifying_count()
    plans = plans_in_force(district_id, year)
    cells = theme_ids_by_plan([p.id for p in plans])
    rows = []
    for theme in themes():
        naming = [p for p in plans if theme.id in cells[p.id]]
        rows.append(MatrixRow(theme=theme, plans=naming, qualifies=len(naming) >= threshold))
    return Matrix(district_id=district_id, year=year, threshold=threshold, plans=plans, rows=rows, cells=cells)


def partner_priorities(district_id: int) -> list[tuple[str, list[SafetyTheme]]]:
    """Per source (partner or plan), the themes it prioritises."""
    found: dict[str, list[SafetyTheme]] = {}
    for source, theme in db.session.execute(
            select(PartnerPriority.source, SafetyTheme).join(SafetyTheme, SafetyTheme.id == PartnerPriority.theme_id)
            .where(PartnerPriority.district_id == district_id)
            .order_by(PartnerPriority.id)):
        found.setdefault(source, []).append(theme)
    return list(found.items())


def save_plan(actor, plan: LocalPlan | None, *, organisation: Organisation | None, title: str | None,
              start_year: int | None, end_year: int | None, adopted_on: date | None, document: str | None,
              theme_ids: list[int], version=None) -> LocalPlan:
    """Create or change a local plan and the themes it names."""
    if plan is not None:
        expect_version(plan, version)
    if organisation is None or organisation.classification != "gemeente" or organisation.district_id is None:
        raise ValidationError(_("Kies de gemeente van het plan."), field="organisation_id")
    if start_year is None or not FIRST_YEAR <= start_year <= LAST_YEAR:
        raise ValidationError(_("Geef het eerste jaar van het plan (%(a)d-%(b)d).", a=FIRST_YEAR, b=LAST_YEAR),
                              field="start_year")
    if end_year is None or not start_year <= end_year <= LAST_YEAR:
        raise ValidationError(_("Het laatste jaar ligt op of na het eerste jaar."), field="end_year")
    if adopted_on is not None and not FIRST_YEAR - 5 <= adopted_on.year <= LAST_YEAR:
        raise ValidationError(_("Geef een geldige datum van vaststelling."), field="adopted_on")
    if any(not 0 < t <= MAX_ID for t in theme_ids):
        raise ValidationError(_("Onbekend veiligheidsthema gekozen."), field="theme_ids")
    known = set(db.session.scalars(select(SafetyTheme.id).where(SafetyTheme.id.in_(set(theme_ids))))) \
        if theme_ids else set()
    if known != set(theme_ids):
        raise ValidationError(_("Onbekend veiligheidsthema gekozen."), field="theme_ids")
    clash = select(LocalPlan.id).where(
        LocalPlan.organisation_id == organisation.id, LocalPlan.start_year <= end_year,
        LocalPlan.end_year >= start_year)
    if plan is not None:
        clash = clash.where(LocalPlan.id != plan.id)
    if db.session.scalar(clash.limit(1)) is not None:
        raise ValidationError(_("Deze gemeente heeft al een plan in (een deel van) deze periode."), field="start_year")
    if plan is None:
        plan = LocalPlan(created_at=clock.now())
        db.session.add(plan)
    plan.organisation_id = organisation.id
    plan.district_id = organisation.district_id
    plan.title = (title or "").strip()[:200] or _("Integraal veiligheidsplan %(name)s %(a)d-%(b)d",
                                                   name=organisation.short_name or organisation.name,
                                                   a=start_year, b=end_year)
    plan.start_year, plan.end_year = start_year, end_year
    plan.adopted_on = adopted_on
    plan.document = (document or "").strip()[:300] or None
    flush(plan)
    db.session.execute(delete(LocalPlanTheme).where(LocalPlanTheme.plan_id == plan.id))
    if theme_ids:
        db.session.execute(insert(LocalPlanTheme), [{"plan_id": plan.id, "theme_id": t} for t in sorted(known)])
    db.session.flush()
    db.session.expire(plan, ["themes"])
    return plan
