"""The portfolio as CSV (semicolons and a byte-order mark, as Dutch Excel expects) and as XLSX."""
from __future__ import annotations

import csv
import io
from datetime import date

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ivzflow.core import clock
from ivzflow.projects.labels import DUE_STATES, KINDS, STATUSES
from ivzflow.projects.portfolio import Row

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [_("Titel"), _("Soort"), _("Begindatum"), _("Einddatum"), _("Bestuurlijk trekker"), _("Gemeente"),
            _("Projectleider"), _("Expertgroep"), _("Status"), _("Voortgang (%)"), _("Laatste statusupdate"),
            _("Dagen sinds laatste statusupdate"), _("Activiteiten te laat"), _("Indicatoren op koers"),
            _("Indicatoren niet op koers"), _("Indicatoren zonder oordeel"), _("Statusupdate voor het Platform")]


def values(row: Row, today: date) -> list:
    p = row.project
    track = row.track
    return [
        p.title, str(KINDS.get(p.kind, p.kind)), p.start_on, p.end_on,
        p.trekker.name if p.trekker else None, p.lead_organisation.name if p.lead_organisation else None,
        p.projectleider.name if p.projectleider else None, p.expert_group.name if p.expert_group else None,
        str(STATUSES[row.status]) if row.status else _("geen"), row.progress,
        clock.local(row.posted_at).date() if row.posted_at else None, row.age_days(today),
        row.overdue_activities, track["on_track"], track["off_track"],
        track["no_target"] + track["no_data"], str(DUE_STATES[row.due_state]),
    ]


def _safe(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[Row]) -> bytes:
    today = clock.today()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows:
        writer.writerow(["" if v is None else _safe(v.isoformat() if isinstance(v, date) else v)
                         for v in values(row, today)])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[Row]) -> bytes:
    today = clock.today()
    book = Workbook()
    sheet = book.active
    sheet.title = _("Projecten")
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(v) for v in values(row, today)])
    for column in ("C", "D", "K"):
        for cell in sheet[column][1:]:
            cell.number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "B2"
    for column, width in zip("ABCDEFGHIJKLMNOPQ", (40, 18, 12, 12, 24, 22, 24, 30, 10, 10, 14, 10, 10, 10, 10, 10, 22)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
