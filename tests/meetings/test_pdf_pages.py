"""A PDF whose page tree lists one page 99,000 times (or holds itself) is refused at upload, and one stored
before that check is left out of the agenda pack instead of making every reader's pack expensive."""
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from weasyprint import HTML
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from ivzflow.core import clock, files, pdfpages
from ivzflow.extensions import db
from ivzflow.meetings.models import Attachment


def crafted_pdf(kids: list[int], count: int, pages_node: int = 2) -> bytes:
    """A small PDF: catalog (1), a /Pages node (2) whose /Kids are the given object numbers, one page (3)
    and its text (4)."""
    content = b"BT /F1 24 Tf 72 720 Td (Herhaalde pagina) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages %d 0 R >>" % pages_node,
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % count,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


REPEATED = crafted_pdf([3] * 99_000, 99_000)  # one page object, listed 99,000 times
REPEATED_UNDER_BOUND = crafted_pdf([3] * 400, 400)  # the same trick within the page bound
CYCLE = crafted_pdf([3, 2], 2)  # the /Pages node is its own kid
LYING_COUNT = crafted_pdf([3] * 99_000, 1)  # says one page, lists 99,000


def _pages(n: int) -> bytes:
    return HTML(string="".join(f'<p style="break-after: page">Pagina {i}</p>' for i in range(n))).write_pdf()


@pytest.mark.parametrize("content, error", [
    (REPEATED, pdfpages.TooManyPages), (LYING_COUNT, pdfpages.TooManyPages),
    (REPEATED_UNDER_BOUND, pdfpages.RepeatedPages), (CYCLE, pdfpages.RepeatedPages),
    (b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", pdfpages.Unreadable),
])
def test_a_crafted_page_tree_is_refused(content, error):
    with pytest.raises(error):
        pdfpages.page_count(io.BytesIO(content))


def test_the_pages_of_a_real_pdf_are_counted():
    assert pdfpages.page_count(io.BytesIO(_pages(3))) == 3
    with pytest.raises(pdfpages.TooManyPages):
        pdfpages.page_count(io.BytesIO(_pages(3)), limit=2)


@pytest.fixture
def item(chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing", name="DVO Twente 5 maart 2031")
    return make_item(meeting, "Jaarverslag")


def _upload(client, item, content: bytes, name: str):
    # encoded here: the test client spools a body over 500 kB to a temporary file it never closes
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(content), name)})
    return client.post(f"/agenda-items/{item.id}/documents", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize("content, message", [
    (REPEATED, "meer dan 2000 pagina"), (LYING_COUNT, "meer dan 2000 pagina"),
    (REPEATED_UNDER_BOUND, "dezelfde pagina meer dan eens"), (CYCLE, "dezelfde pagina meer dan eens"),
])
def test_a_pdf_with_a_crafted_page_tree_is_refused_at_upload(client, login, chain, item, content, message):
    login(chain.preparer)
    response = _upload(client, item, content, "jaarverslag.pdf")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalars(select(Attachment).where(Attachment.agenda_item_id == item.id)).all() == []


def test_a_crafted_pdf_stored_before_the_check_is_left_out_of_the_pack(client, login, chain, item):
    """Files uploaded before the check exist: the pack checks each PDF again before pypdf walks it."""
    login(chain.preparer)
    assert _upload(client, item, _pages(2), "begroting.pdf").status_code == 303
    stored = files.save(io.BytesIO(_pages(1)), "jaarverslag.pdf")  # the check passes; the content is
    files.path_of(stored.stored_name).write_bytes(REPEATED)  # replaced as an older upload would be
    db.session.add(Attachment(agenda_item_id=item.id, filename="jaarverslag.pdf", stored_name=stored.stored_name,
                              content_type=stored.content_type, size=len(REPEATED), sha256="0" * 64,
                              uploaded_at=clock.now(), uploaded_by_id=chain.preparer.id))
    db.session.commit()
    with client.get(f"/meetings/{item.meeting_id}/agenda.pdf") as response:
        assert response.status_code == 200
        reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1 + 2  # the agenda and the real document; not 500 copies of one page
    assert [entry.title for entry in reader.outline[-1]] == ["begroting.pdf"]
