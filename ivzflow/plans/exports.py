"""The matrix as CSV (semicolons and a byte-order mark, as Dutch Excel expects) and as XLSX."""
from __future__ import annotations

import csv
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ivzflow.plans.labels import GROUPS
from ivzflow.plans.services import Matrix

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _name(plan) -> str:
    return plan.organisation.short_name or plan.organisation.name


def rows(m: Matrix) -> list[list]:
    head = [_("Groep"), _("Veiligheidsthema")] + [_name(p) for p in m.plans] + [_("Totaal"), _("Komt in aanmerking")]
    body = [[str(GROUPS.get(r.theme.group, r.theme.group)), r.theme.name]
            + ["X" if m.named(p, r.theme) else "" for p in m.plans]
            + [r.count, _("ja") if r.qualifies else _("nee")] for r in m.rows]
    return [head] + body


def to_csv(m: Matrix) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows(m):
        writer.writerow([_safe(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(m: Matrix) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Matrix %(year)d", year=m.year)
    for row in rows(m):
        sheet.append([_safe(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    qualifying = PatternFill("solid", fgColor="FFE08A")
    for index, row in enumerate(m.rows, start=2):
        if row.qualifies:
            for cell in sheet[index]:
                cell.fill = qualifying
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 50
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
