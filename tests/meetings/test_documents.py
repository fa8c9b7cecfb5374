"""The agenda as documents: one PDF with the PDF attachments, a zip, and a printable page."""
import io
import zipfile

import pytest

from tests.decisions.conftest import login_demo, story  # noqa: F401
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


# --- the pack: every listed document, in agenda order, a tagged PDF ------------------------------------

def _outline(reader: PdfReader) -> list:
    """The outline as nested (title, page index) pairs."""
    def walk(entries):
        out = []
        for entry in entries:
            if isinstance(entry, list):
                out.append(walk(entry))
            else:
                out.append((entry.title, reader.get_destination_page_number(entry)))
        return out
    return walk(reader.outline)


def test_the_pdf_is_tagged_with_title_language_and_an_outline_per_item(client, login, chain, sent_agenda):
    login(chain.member)
    with client.get(f"/meetings/{sent_agenda.id}/agenda.pdf") as response:
        reader = PdfReader(io.BytesIO(response.data))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Agenda DVO Twente 5 maart 2031"
    assert root["/Lang"] == "nl" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert _outline(reader) == [
        ("Agenda DVO Twente 5 maart 2031", 0),
        ("1. Voortgang aanpak woninginbraken", 0), [("inbraakcijfers.pdf", 1)],
        ("2. Casus georganiseerde hennepteelt", 0), [("hennep.pdf", 2)],
    ]
    assert len(reader.pages) == 3


def test_a_long_document_adds_at_most_the_page_bound(client, login, chain, make_meeting, make_item, monkeypatch):
    from ivzflow.meetings import documents
    monkeypatch.setattr(documents, "MAX_PAGES_PER_DOCUMENT", 2)
    meeting = make_meeting(chain.dvo, state="preparing")
    item = make_item(meeting, "Jaarverslag")
    login(chain.preparer)
    pages = "".join(f'<p style="break-after: page">Pagina {n}</p>' for n in range(1, 6))
    _upload(client, item, HTML(string=pages).write_pdf(), "jaarverslag.pdf")
    with client.get(f"/meetings/{meeting.id}/agenda.pdf") as response:
        reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1 + 2
    assert _outline(reader)[-1] == [("jaarverslag.pdf (eerste 2 pagina's)", 1)]
    assert "Pagina 3" not in _text(response.data)
    with client.get(f"/meetings/{meeting.id}/agenda.zip") as response:
        archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert len(PdfReader(io.BytesIO(archive.read("01 Jaarverslag/jaarverslag.pdf"))).pages) == 5


def test_a_pack_is_built_once_per_change(client, login, chain, sent_agenda, monkeypatch):
    import shutil

    from ivzflow.core import files
    from ivzflow.meetings import documents
    shutil.rmtree(files.root() / "packs", ignore_errors=True)  # kept by an earlier test of the same agenda
    builds = []
    real = documents._build
    monkeypatch.setattr(documents, "_build", lambda *args: builds.append(1) or real(*args))
    login(chain.member)
    first = client.get(f"/meetings/{sent_agenda.id}/agenda.pdf").data
    assert client.get(f"/meetings/{sent_agenda.id}/agenda.pdf").data == first and len(builds) == 1
    kept = files.root() / "packs"  # a pack may hold confidential items: private, as uploads are
    assert kept.stat().st_mode & 0o077 == 0 and all(p.stat().st_mode & 0o077 == 0 for p in kept.iterdir())
    login(chain.outsider)  # sees fewer items: another pack
    client.get(f"/meetings/{sent_agenda.id}/agenda.pdf")
    assert len(builds) == 2
    from ivzflow.extensions import db
    sent_agenda.items[0].title = "Voortgang aanpak woninginbraken 2015"
    db.session.commit()
    login(chain.member)
    assert "woninginbraken 2015" in _text(client.get(f"/meetings/{sent_agenda.id}/agenda.pdf").data)
    assert len(builds) == 3


def _proposal_document(story, name: str, text: str):
    """A PDF on the demo proposal about camera surveillance, which is on the DVO agenda of 1 July 2015."""
    from sqlalchemy import select

    from ivzflow.decisions.documents import add_document
    from ivzflow.decisions.models import DecisionItem
    from ivzflow.extensions import db
    from tests.decisions.conftest import user
    item = db.session.scalar(select(DecisionItem).where(DecisionItem.title.startswith("Regionale beleidsregel")))
    add_document(user("secretariaat"), item, io.BytesIO(_pdf_with(text)), name)
    db.session.commit()
    return item


def test_the_pack_holds_the_documents_of_the_proposals_on_the_agenda(client, story, login_demo):
    from datetime import date

    from tests.decisions.conftest import meeting_on
    proposal = _proposal_document(story, "beleidsregel-cameratoezicht.pdf", "Tekst van de beleidsregel")
    july = meeting_on("DVO", date(2015, 7, 1))
    login_demo("secretariaat")
    page = client.get(f"/meetings/{july.id}/agenda").get_data(as_text=True)
    assert "beleidsregel-cameratoezicht.pdf" in page  # what the agenda page lists ...
    with client.get(f"/meetings/{july.id}/agenda.pdf") as response:
        reader = PdfReader(io.BytesIO(response.data))
    assert "Tekst van de beleidsregel" in _text(response.data)  # ... the PDF holds
    outline = _outline(reader)
    number = next(i for i, entry in enumerate(outline) if isinstance(entry, tuple)
                  and entry[0].endswith(proposal.title[:300]))
    assert outline[number + 1][0][0] == "beleidsregel-cameratoezicht.pdf"
    titles = [entry[0] for entry in outline if isinstance(entry, tuple)]
    assert titles[-1].endswith("Rondvraag en sluiting")
    with client.get(f"/meetings/{july.id}/agenda.zip") as response:
        names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert names[0] == "agenda.pdf"
    assert [n for n in names if n.endswith("beleidsregel-cameratoezicht.pdf")] == [
        f"04 {proposal.title[:77]}/beleidsregel-cameratoezicht.pdf"]
