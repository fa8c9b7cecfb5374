"""Everything one project's page (and its PDF report) shows, in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ivzflow.bodies.models import Body
from ivzflow.extensions import db
from ivzflow.projects import governance, services
from ivzflow.projects.charts import Chart, chart_of
from ivzflow.projects.due import Cycle, current_cycle, due_state
from ivzflow.projects.indicators import IndicatorView, view_of
from ivzflow.projects.items import budget_totals
from ivzflow.projects.models import (
    Activity, BudgetLine, Indicator, Measurement, Milestone, Project, ProjectComment, StatusUpdate,
)


@dataclass
class ProjectPage:
    project: Project
    activities: list[Activity]
    milestones: list[Milestone]
    budget_lines: list[BudgetLine]
    budget_totals: dict[str, Decimal]
    indicators: list[tuple[IndicatorView, Chart | None]]
    updates: list[tuple[StatusUpdate, list[services.Change]]]
    comments: list[ProjectComment] = field(default_factory=list)
    cycle: Cycle | None = None
    due_state: str = "none"
    commissioner: Body | None = None  # the DVO

    @property
    def latest(self) -> StatusUpdate | None:
        return self.updates[0][0] if self.updates else None

    @property
    def overdue_activities(self) -> int:
        today = self.cycle.today if self.cycle else None
        return sum(1 for a in self.activities if today and a.is_overdue_on(today))


def indicators_of(project_id: int) -> list[tuple[IndicatorView, Chart | None]]:
    indicators = db.session.scalars(
        select(Indicator).where(Indicator.project_id == project_id).order_by(Indicator.position, Indicator.id)
        .options(selectinload(Indicator.targets), selectinload(Indicator.measurements)
                 .joinedload(Measurement.organisation))).all()
    views = [view_of(i, i.targets, i.measurements) for i in indicators]
    return [(v, chart_of(v)) for v in views]


def project_page(project: Project, *, updates: int | None = 3, cycle: Cycle | None = None) -> ProjectPage:
    """The project with its parts; `updates` limits how many status updates (None: all)."""
    def of(model, *order):
        return list(db.session.scalars(select(model).where(model.project_id == project.id).order_by(*order)))

    activities = of(Activity, Activity.position, Activity.due_on, Activity.id)
    budget = of(BudgetLine, BudgetLine.kind.desc(), BudgetLine.start_on, BudgetLine.id)
    cycle = cycle or current_cycle(district_id=project.district_id)
    page = ProjectPage(
        project=project, activities=activities,
        milestones=of(Milestone, Milestone.due_on, Milestone.id),
        budget_lines=budget, budget_totals=budget_totals(budget),
        indicators=indicators_of(project.id),
        updates=services.history(project.id, limit=updates),
        comments=services.comments_of(project.id), cycle=cycle, commissioner=governance.dvo_body(project.district_id))
    page.due_state = due_state(cycle, project, page.latest.posted_at if page.latest else None)
    return page
