"""Indicators: the target path per year and whether the latest measurement is on track.

The target path runs in straight lines from the baseline through each yearly target (so "10% rising to
11.5% in 2018" gives a target for every year in between); after the last target it stays there. The latest
regional measurement (not per municipality) is on track when it is at least as good as the path in its
year, "good" meaning lower or higher as the indicator says.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ivzflow.projects.models import Indicator, IndicatorTarget, Measurement


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal
    note: str | None = None


@dataclass
class Evaluation:
    state: str  # on_track | off_track | no_target | no_data (labels.TRACK)
    year: int | None = None
    actual: Decimal | None = None
    expected: Decimal | None = None


@dataclass
class IndicatorView:
    """An indicator with its values split out, as the project page, the charts and the reports use it."""

    indicator: Indicator
    targets: list[Point]
    actuals: list[Point]                                   # the region as a whole
    by_organisation: dict[str, list[Point]] = field(default_factory=dict)  # municipality name → values
    evaluation: Evaluation = field(default_factory=lambda: Evaluation("no_data"))

    @property
    def baseline(self) -> Point | None:
        i = self.indicator
        if i.baseline_value is None or i.baseline_year is None:
            return None
        return Point(i.baseline_year, i.baseline_value)

    @property
    def years(self) -> list[int]:
        """Every year the chart and the table show."""
        years = {p.year for p in self.targets} | {p.year for p in self.actuals}
        if self.baseline:
            years.add(self.baseline.year)
        return sorted(years)

    def target_in(self, year: int) -> Decimal | None:
        return next((p.value for p in self.targets if p.year == year), None)

    def actual_in(self, year: int) -> Point | None:
        return next((p for p in self.actuals if p.year == year), None)


def anchors(indicator: Indicator, targets: list[Point]) -> list[Point]:
    points = {p.year: p for p in targets}
    if indicator.baseline_value is not None and indicator.baseline_year is not None:
        points.setdefault(indicator.baseline_year, Point(indicator.baseline_year, indicator.baseline_value))
    return [points[y] for y in sorted(points)]


def expected_in(year: int, path: list[Point]) -> Decimal | None:
    """The target path's value in a year; None before the path starts."""
    if not path or year < path[0].year:
        return None
    for before, after in zip(path, path[1:]):
        if before.year <= year <= after.year:
            share = Decimal(year - before.year) / Decimal(after.year - before.year)
            return before.value + (after.value - before.value) * share
    return path[-1].value


def evaluate(indicator: Indicator, targets: list[Point], actuals: list[Point]) -> Evaluation:
    if not targets:
        return Evaluation("no_target")
    path = anchors(indicator, targets)
    measured = [p for p in actuals if expected_in(p.year, path) is not None]
    if not measured:
        return Evaluation("no_data")
    latest = measured[-1]
    expected = expected_in(latest.year, path)
    good = latest.value <= expected if indicator.direction == "lower" else latest.value >= expected
    return Evaluation("on_track" if good else "off_track", latest.year, latest.value, expected)


def view_of(indicator: Indicator, targets: list[IndicatorTarget], measurements: list[Measurement]) -> IndicatorView:
    target_points = sorted((Point(t.year, t.value) for t in targets), key=lambda p: p.year)
    actuals = sorted((Point(m.year, m.value, m.note) for m in measurements if m.organisation_id is None),
                     key=lambda p: p.year)
    by_org: dict[str, list[Point]] = {}
    for m in sorted((m for m in measurements if m.organisation_id is not None), key=lambda m: m.year):
        name = m.organisation.short_name or m.organisation.name if m.organisation else str(m.organisation_id)
        by_org.setdefault(name, []).append(Point(m.year, m.value, m.note))
    return IndicatorView(indicator, target_points, actuals, dict(sorted(by_org.items())),
                         evaluate(indicator, target_points, actuals))
