"""Exports of the portfolio (CSV, XLSX) and the printable progress reports (PDF)."""
import csv
import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from ivzflow.accounts.roles import Role
from ivzflow.extensions import db
from ivzflow.projects import items, services


def _portfolio(make_project):
    burglary = make_project("Aanpak woninginbraken")
    services.post_status_update(None, burglary, status="amber", progress=40, summary="Vertraging")
    items.save_activity(None, burglary, title="Te laat", status="open", due_on=date(2015, 1, 1))
    make_project("=HYPERLINK(\"http://evil\")", kind="opgave")
    db.session.commit()
    return burglary


def test_csv_export_has_the_view_in_dutch_columns(client, login_as, make_project):
    login_as(Role.MEMBER)
    _portfolio(make_project)
    response = client.get("/projects/export.csv?sort=title")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Titel", "Soort", "Begindatum"]
    burglary = next(r for r in rows if r[0] == "Aanpak woninginbraken")
    header = rows[0]
    assert burglary[header.index("Status")] == "Oranje"
    assert burglary[header.index("Voortgang (%)")] == "40"
    assert burglary[header.index("Activiteiten te laat")] == "1"
    assert burglary[header.index("Bestuurlijk trekker")] == "Burgemeester Tubbergen"
    assert any(r[0].startswith("'=HYPERLINK") for r in rows)  # no formulas from user text


def test_csv_export_follows_the_filters(client, login_as, make_project):
    login_as(Role.MEMBER)
    _portfolio(make_project)
    rows = list(csv.reader(io.StringIO(client.get("/projects/export.csv?kind=speerpunt").data.decode("utf-8-sig")),
                           delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["Aanpak woninginbraken"]


def test_xlsx_export_has_numbers_and_dates(client, login_as, make_project):
    login_as(Role.MEMBER)
    _portfolio(make_project)
    response = client.get("/projects/export.xlsx?kind=speerpunt")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[0] == "Aanpak woninginbraken"
    assert row[header.index("Voortgang (%)")] == 40
    assert row[header.index("Status")] == "Oranje"
    assert row[header.index("Begindatum")].date() == date(2015, 1, 1)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_project_report_is_a_pdf_with_the_project_and_its_chart(client, login_as, make_project):
    login_as(Role.MEMBER)
    project = _portfolio(make_project)
    indicator = items.save_indicator(None, project, name="Woninginbraken in Twente", direction="lower",
                                     baseline_value=2085, baseline_year=2014)
    items.set_target(None, indicator, 2015, 1895)
    db.session.commit()
    response = client.get(f"/projects/{project.id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    text = _pdf_text(response.data)
    assert "Aanpak woninginbraken" in text and "Vertraging" in text
    assert "Streefwaarde (stippellijn, vierkant)" in text  # the chart's legend: the SVG is drawn in the PDF


def test_compiled_report_has_every_project(client, login_as, make_project):
    login_as(Role.MEMBER)
    _portfolio(make_project)
    make_project("Woonoverlast door psychisch kwetsbaren")
    db.session.commit()
    response = client.get("/projects/report.pdf")
    assert response.data.startswith(b"%PDF")
    text = _pdf_text(response.data)
    assert "Voortgangsrapportage regionale projecten" in text
    for title in ("Aanpak woninginbraken", "Woonoverlast door psychisch kwetsbaren", "HYPERLINK"):
        assert title in text


def test_demo_voortgangsrapportage(client, demo, login_as):
    login_as(Role.MEMBER)
    response = client.get("/projects/report.pdf")
    text = _pdf_text(response.data)
    assert "Aanpak georganiseerde hennepteelt" in text and "Meer zichtbaarheid van het Platform IVZ" in text


def test_the_compiled_report_is_printed_once_per_change(client, login_as, make_project, app):
    """Printing takes seconds: every reader of an unchanged portfolio gets the kept file; a change prints
    anew."""
    import shutil
    from pathlib import Path

    kept = Path(app.config["FILES_DIR"]) / "reports"
    shutil.rmtree(kept, ignore_errors=True)
    login_as(Role.MEMBER)
    burglary = _portfolio(make_project)
    first = client.get("/projects/report.pdf")
    assert first.status_code == 200 and "Vertraging" in _pdf_text(first.data)
    [path] = kept.glob("*.pdf")
    assert path.stat().st_mode & 0o077 == 0  # private, as uploads are
    path.write_bytes(first.data + b"% kept\n")  # what the next reader gets shows whether it was printed again
    login_as(Role.PROJECTLEIDER)
    assert client.get("/projects/report.pdf").data.endswith(b"% kept\n")

    services.post_status_update(None, burglary, status="green", progress=60, summary="Weer op schema")
    db.session.commit()
    again = client.get("/projects/report.pdf")
    assert not again.data.endswith(b"% kept\n") and "Weer op schema" in _pdf_text(again.data)
    assert len(list(kept.glob("*.pdf"))) == 2


def test_the_compiled_report_follows_the_filters_and_is_bounded(client, login_as, make_project, monkeypatch):
    from ivzflow.projects import reports

    login_as(Role.MEMBER)
    _portfolio(make_project)  # a speerpunt and an opgave
    monkeypatch.setattr(reports, "MAX_PROJECTS", 1)
    response = client.get("/projects/report.pdf")
    assert response.status_code == 302 and response.headers["Location"].startswith("/projects")
    assert "hoogstens 1 projecten" in client.get(response.headers["Location"]).get_data(as_text=True)
    response = client.get("/projects/report.pdf?kind=speerpunt")
    assert response.status_code == 200
    text = _pdf_text(response.data)
    assert "Aanpak woninginbraken" in text and "HYPERLINK" not in text
