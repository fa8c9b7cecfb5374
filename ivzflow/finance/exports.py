"""The yearly invoice list per municipality, as XLSX (the PDF is a template, see views)."""
from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ivzflow.finance.services import YearFigures

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EURO = '"€" #,##0.00'


def invoice_xlsx(figures: YearFigures) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Facturen %(year)d", year=figures.year)
    rule = figures.rule
    sheet.append([_("Gemeente"), _("Inwoners"), _("Peildatum"), _("Bijdrage per inwoner"), _("Bedrag")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in figures.contributions:
        sheet.append([row.organisation.name, row.inhabitants, row.counted_on, rule.rate if rule else None, row.amount])
    sheet.append([_("Totaal"), figures.inhabitants, rule.reference_on if rule else None, None, figures.municipal_total])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, fmt in (("C", "DD-MM-YYYY"), ("D", '"€" #,##0.0000'), ("E", EURO), ("B", "#,##0")):
        for cell in sheet[column][1:]:
            cell.number_format = fmt
    for column, width in zip("ABCDE", (30, 12, 12, 18, 16)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
