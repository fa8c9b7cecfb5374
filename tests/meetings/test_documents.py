"""The agenda as documents: one PDF with the PDF attachments, a zip, and a printable page."""
import io
import zipfile

import pytest
from pypdf import PdfReader
from weasyprint import HTML

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)


def _pdf_with(text: str) -> bytes:
    return HTML(string=f"<p>{text}</p>").write_pdf()


def _upload(client, item, content: bytes, name: str):
    response = client.post(f"/agenda-items/{item.id}/documents", data={"file": (io.BytesIO(content), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def sent_agenda(client, login, chain, make_meeting, make_item):
    """A sent DVO agenda with a public item (a PDF and a PNG) and a confidential item (a PDF)."""
    meeting = make_meeting(chain.dvo, state="fixed", name="DVO Twente 5 maart 2031")
    public = make_item(meeting, "Voortgang aanpak woninginbraken", minutes=30, presenter="Burgemeester Hengelo")
    secret = make_item(meeting, "Casus georganiseerde hennepteelt", minutes=20, is_public=False)
    login(chain.preparer)
    _upload(client, public, _pdf_with("Bijlage inbraakcijfers per basisteam"), "inbraakcijfers.pdf")
    _upload(client, public, PNG, "kaart.png")
    _upload(client, secret, _pdf_with("Vertrouwelijke bijlage hennep"), "hennep.pdf")
    meeting.state = "sent"
    from ivzflow.extensions import db
    db.session.commit()
    return meeting


def test_pdf_has_the_agenda_and_the_pdf_documents(client, login, chain, sent_agenda):
    login(chain.member)
    with client.get(f"/meetings/{sent_agenda.id}/agenda.pdf") as response:
        assert response.status_code == 200
        pdf = response.data
    assert pdf.startswith(b"%PDF")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=agenda-dvo-twente-5-maart-2031.pdf"
    text = _text(pdf)
    assert "Voortgang aanpak woninginbraken" in text and "Casus georganiseerde hennepteelt" in text
    assert "Bijlage inbraakcijfers per basisteam" in text and "Vertrouwelijke bijlage hennep" in text
    assert "kaart.png" in text  # listed on the agenda, but only a PDF can be appended


def test_pdf_leaves_out_what_the_reader_may_not_see(client, login, chain, sent_agenda):
    login(chain.outsider)
    with client.get(f"/meetings/{sent_agenda.id}/agenda.pdf") as response:
        text = _text(response.data)
    assert "Voortgang aanpak woninginbraken" in text and "Bijlage inbraakcijfers" in text
    assert "hennep" not in text.lower()


def test_zip_has_the_agenda_and_the_documents_the_reader_may_see(client, login, chain, sent_agenda):
    login(chain.member)
    with client.get(f"/meetings/{sent_agenda.id}/agenda.zip") as response:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment;")
        archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert names[0] == "agenda.pdf" and archive.read("agenda.pdf").startswith(b"%PDF")
    assert "01 Voortgang aanpak woninginbraken/inbraakcijfers.pdf" in names
    assert archive.read("01 Voortgang aanpak woninginbraken/kaart.png") == PNG
    assert "02 Casus georganiseerde hennepteelt/hennep.pdf" in names
    login(chain.outsider)
    with client.get(f"/meetings/{sent_agenda.id}/agenda.zip") as response:
        names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert not any("hennep" in n for n in names) and len(names) == 3


def test_print_page_has_no_navigation_and_uses_print_css(client, login, chain, sent_agenda):
    login(chain.member)
    page = client.get(f"/meetings/{sent_agenda.id}/agenda/print").get_data(as_text=True)
    assert "Voortgang aanpak woninginbraken" in page and "Inleider: Burgemeester Hengelo" in page
    assert "Hoofdmenu" not in page and "agenda-print.css" in page
    assert "09:30" in page and "10:00" in page  # the second item starts after the first's 30 minutes


@pytest.mark.parametrize("path", ["agenda.pdf", "agenda.zip", "agenda/print"])
def test_a_draft_agendas_documents_are_not_for_members(client, login, chain, make_meeting, make_item, path):
    meeting = make_meeting(chain.dvo, state="preparing")
    make_item(meeting, "Concept")
    login(chain.member)
    assert client.get(f"/meetings/{meeting.id}/{path}").status_code == 404  # not revealed
    login(chain.preparer)
    with client.get(f"/meetings/{meeting.id}/{path}") as response:
        assert response.status_code == 200


def test_a_damaged_pdf_document_does_not_stop_the_agenda(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    item = make_item(meeting, "Mededelingen")
    login(chain.preparer)
    _upload(client, item, b"%PDF-1.4\nthis is not really a pdf\n", "kapot.pdf")
    with client.get(f"/meetings/{meeting.id}/agenda.pdf") as response:
        assert response.status_code == 200
        assert "Mededelingen" in _text(response.data)
