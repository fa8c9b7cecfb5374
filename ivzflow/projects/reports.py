"""Printable progress reports (PDF, WeasyPrint): one project, or all of them as the voortgangsrapportage.

The HTML is rendered from templates with the charts inline, so nothing is fetched while printing; the URL
fetcher only accepts data: URLs, so a link in a project text cannot make the server fetch anything.

Printing costs far more than the HTML (seconds for a dozen projects), so a report is kept (core.kept)
under the digest of its HTML: every reader of an unchanged portfolio gets the same file, and any change
gives another. The compiled report holds at most MAX_PROJECTS projects (the list's filters choose them).
"""
from __future__ import annotations

from flask import render_template
from weasyprint import HTML, URLFetcher

from ivzflow.core import clock, kept
from ivzflow.projects.due import current_cycle, cycles_of
from ivzflow.projects.models import Project
from ivzflow.projects.pages import project_page
from ivzflow.projects.portfolio import Filters, portfolio


FORMAT = "report-1"  # part of the digest: a change in how reports are printed makes new ones
MAX_PROJECTS = 100  # in one compiled report: about 15 s of printing on the first request after a change


def render_pdf(html: str) -> bytes:
    """The report's HTML as PDF, printed once per distinct HTML."""
    return kept.kept("reports", kept.digest(FORMAT, html), lambda: _print(html))


def _print(html: str) -> bytes:
    return HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


def project_report(project: Project) -> bytes:
    """One project: frame, latest status with what changed, activities, milestones, money, indicators."""
    cycle = current_cycle(district_id=project.district_id)
    page = project_page(project, updates=2, cycle=cycle)
    return render_pdf(render_template("projects/report.html", pages=[page], rows=None, cycle=cycle,
                                      printed_on=clock.today(), compiled=False))


def portfolio_report(filters: Filters = Filters()) -> bytes:
    """The voortgangsrapportage: the portfolio table, then every project (a few queries per project); the
    caller keeps it within MAX_PROJECTS. Each project's update is due before its own district's Platform;
    the title names the Platform meeting only when the report holds one district."""
    rows = portfolio(filters)
    cycles = cycles_of({row.project.district_id for row in rows})
    pages = [project_page(row.project, updates=2, cycle=cycles[row.project.district_id]) for row in rows]
    cycle = next(iter(cycles.values())) if len(cycles) == 1 else None  # several districts: no one Platform
    return render_pdf(render_template("projects/report.html", pages=pages, rows=rows, cycle=cycle,
                                      printed_on=clock.today(), compiled=True))
