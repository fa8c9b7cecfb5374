"""Indicator charts as inline SVG, drawn on the server: no script, no outside host, printable.

Readable without colour: actuals are a solid line with round markers, the target path a dashed line with
square markers, the baseline a diamond. The template (projects/_chart.html) adds a <title> and <desc> and
the same numbers as a table beside the chart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _

from ivzflow.projects.indicators import IndicatorView, Point, anchors
from ivzflow.projects.labels import DIRECTIONS, TRACK

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 44, 36


@dataclass
class Marker:
    x: float
    y: float
    label: str


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    actual_path: str = ""
    actual_markers: list[Marker] = field(default_factory=list)
    target_path: str = ""
    target_markers: list[Marker] = field(default_factory=list)
    baseline: Marker | None = None


def number(value: Decimal | float | int) -> str:
    value = Decimal(value)
    return format_decimal(value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize())


def nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _describe(view: IndicatorView) -> str:
    unit = f" {view.indicator.unit}" if view.indicator.unit and view.indicator.unit != "aantal" else ""
    parts = []
    if view.actuals:
        parts.append(_("Werkelijk: %(values)s.", values="; ".join(f"{p.year}: {number(p.value)}{unit}"
                                                                 for p in view.actuals)))
    if view.targets:
        parts.append(_("Streefwaarden: %(values)s.", values="; ".join(f"{p.year}: {number(p.value)}{unit}"
                                                                     for p in view.targets)))
    if view.baseline:
        parts.append(_("Nulmeting %(year)d: %(value)s.", year=view.baseline.year, value=number(view.baseline.value)))
    parts.append(str(DIRECTIONS.get(view.indicator.direction, "")) + ".")
    parts.append(_("Beoordeling: %(state)s.", state=TRACK[view.evaluation.state]))
    return " ".join(parts)


def chart_of(view: IndicatorView) -> Chart | None:
    """The chart of one indicator, or None when it has no values at all."""
    years = view.years
    if not years:
        return None
    indicator = view.indicator
    chart = Chart(id=f"indicator-{indicator.id}",
                  title=_("%(name)s: werkelijk tegen streefwaarde", name=indicator.name),
                  description=_describe(view))
    path = anchors(indicator, view.targets)
    values = [float(p.value) for p in (*view.actuals, *path)]
    top = max(values) if values else 1.0
    step = nice_step(top * 1.1)
    y_max = step * math.ceil(top * 1.1 / step) or step
    first, last = years[0], years[-1]
    span = max(1, last - first)
    width = chart.plot_right - chart.plot_left - 24

    def x(year: int) -> float:
        return round(chart.plot_left + 12 + (year - first) * width / span, 1) if last != first else \
            round((chart.plot_left + chart.plot_right) / 2, 1)

    def y(value) -> float:
        return round(chart.plot_bottom - float(value) / y_max * (chart.plot_bottom - chart.plot_top), 1)

    ticks = int(round(y_max / step))
    chart.y_ticks = [(y(step * i), number(Decimal(str(round(step * i, 6))))) for i in range(ticks + 1)]
    every = 1 if span <= 12 else math.ceil(span / 12)
    chart.x_ticks = [(x(year), str(year)) for year in range(first, last + 1) if (year - first) % every == 0]

    def line(points: list[Point]) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{x(p.year)},{y(p.value)}" for i, p in enumerate(points))

    chart.actual_path = line(view.actuals)
    chart.actual_markers = [Marker(x(p.year), y(p.value), f"{p.year}: {number(p.value)}"
                                   + (f" ({p.note})" if p.note else "")) for p in view.actuals]
    chart.target_path = line(path) if len(path) > 1 else ""
    chart.target_markers = [Marker(x(p.year), y(p.value), f"{p.year}: {number(p.value)}") for p in view.targets]
    if view.baseline:
        chart.baseline = Marker(x(view.baseline.year), y(view.baseline.value),
                                f"{view.baseline.year}: {number(view.baseline.value)}")
    return chart
