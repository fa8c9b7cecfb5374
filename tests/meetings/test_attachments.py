"""Documents on agenda items: the type is judged by content, files are stored safely, downloads are guarded."""
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from ivzflow.core import files
from ivzflow.core.errors import ValidationError
from ivzflow.extensions import db
from ivzflow.meetings.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(64)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _zip(entries: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _office(main: str) -> bytes:
    return _zip({"[Content_Types].xml": f'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" '
                                        f'ContentType="{main}"/></Types>', "word/document.xml": "<w:document/>"})


ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"})


@pytest.fixture
def item(chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="preparing")
    return make_item(meeting, "Voortgang woninginbraken")


def _upload(client, item, content: bytes, name: str):
    return client.post(f"/agenda-items/{item.id}/documents", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def _stored(app) -> set[Path]:
    return {p for p in Path(app.config["FILES_DIR"]).rglob("*") if p.is_file()}


def _attachments(item) -> list[Attachment]:
    return list(db.session.scalars(select(Attachment).where(Attachment.agenda_item_id == item.id)))


@pytest.mark.parametrize("content, name, content_type", [
    (PDF, "notitie.pdf", "application/pdf"),
    (PNG, "kaart.png", "image/png"),
    (JPEG, "foto.jpeg", "image/jpeg"),
    (b"Beslispunten:\n1. Instemmen met de aanpak.\n", "voorstel.txt", "text/plain; charset=utf-8"),
    (_office(WORD_MAIN), "voorstel.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (ODT, "advies.odt", "application/vnd.oasis.opendocument.text"),
])
def test_allowed_types_are_stored_with_hash_size_and_a_random_name(client, login, chain, item, app, content, name,
                                                                   content_type):
    login(chain.preparer)
    response = _upload(client, item, content, name)
    assert response.status_code == 303, response.get_data(as_text=True)
    [attachment] = _attachments(item)
    assert (attachment.filename, attachment.content_type, attachment.size) == (name, content_type, len(content))
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert len(attachment.stored_name) == 64 and name not in attachment.stored_name
    stored = Path(app.config["FILES_DIR"]) / attachment.stored_name[:2] / attachment.stored_name
    assert stored.read_bytes() == content
    assert attachment.uploaded_by_id == chain.preparer.id


@pytest.mark.parametrize("content, name, message", [
    (PNG, "verslag.pdf", "eindigt op .pdf, maar de inhoud is een PNG-afbeelding"),
    (EXE, "setup.exe", "wordt niet aangenomen"),
    (EXE, "notulen.pdf", "wordt niet aangenomen"),
    (_office(MACRO_MAIN), "macro.docm", "wordt niet aangenomen"),
    (_zip({"a.txt": "hallo"}), "archief.zip", "wordt niet aangenomen"),
    (_zip({"a.txt": "hallo"}), "vermomd.docx", "wordt niet aangenomen"),
    (b"", "leeg.txt", "Het bestand is leeg"),
    ("Caf\u00e9".encode("latin-1"), "latin1.txt", "wordt niet aangenomen"),
])
def test_other_content_is_refused_whatever_its_name(client, login, chain, item, app, content, name, message):
    login(chain.preparer)
    before = _stored(app)
    response = _upload(client, item, content, name)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _attachments(item) == []
    assert _stored(app) == before


def test_a_name_without_extension_gets_the_one_of_its_content(client, login, chain, item):
    login(chain.preparer)
    _upload(client, item, PDF, "Notitie cameratoezicht")
    [attachment] = _attachments(item)
    assert attachment.filename == "Notitie cameratoezicht.pdf"


def test_file_names_are_sanitised(client, login, chain, item):
    login(chain.preparer)
    _upload(client, item, PDF, "../../etc/rapport<2015>:v2.pdf")
    [attachment] = _attachments(item)
    assert attachment.filename == "rapport_2015_v2.pdf"


@pytest.mark.parametrize("raw, safe", [
    ('C:\\Users\\jan\\"notulen".pdf', "notulen_.pdf"), ("...", "bestand"), ("\x00\x1f.txt", "txt"),
    ("a" * 300 + ".pdf", "a" * 196 + ".pdf"), ("Één overzicht.pdf", "Één overzicht.pdf"),
])
def test_safe_filename(raw, safe):
    assert files.safe_filename(raw) == safe


def test_per_file_limit(ctx, app):
    before = _stored(app)
    with pytest.raises(ValidationError, match="groter dan"):
        files.save(io.BytesIO(PDF * 100), "groot.pdf", max_size=len(PDF) * 10)
    assert _stored(app) == before


def test_a_request_over_the_configured_maximum_is_refused(client, login, chain, item, app):
    login(chain.preparer)
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = _upload(client, item, PDF + bytes(2000), "groot.pdf")
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 25 * 1024 * 1024
    assert response.status_code == 413
    assert "te groot" in response.get_data(as_text=True)
    assert _attachments(item) == []


def test_download_is_an_attachment_with_the_original_name(client, login, chain, item):
    login(chain.preparer)
    _upload(client, item, PDF, "Notitie woninginbraken 2015.pdf")
    [attachment] = _attachments(item)
    with client.get(f"/attachments/{attachment.id}") as response:
        assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="Notitie woninginbraken 2015.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_download_of_a_non_ascii_name(client, login, chain, item):
    login(chain.preparer)
    _upload(client, item, PDF, "Overzicht Hof van Twente één.pdf")
    [attachment] = _attachments(item)
    with client.get(f"/attachments/{attachment.id}") as response:
        disposition = response.headers["Content-Disposition"]
    assert "filename*=UTF-8''Overzicht%20Hof%20van%20Twente%20%C3%A9%C3%A9n.pdf" in disposition


@pytest.mark.parametrize("who, status", [("outsider", 404), ("member", 200), ("preparer", 200)])
def test_only_those_who_may_see_a_confidential_item_download_its_files(client, login, chain, make_meeting,
                                                                        make_item, who, status):
    meeting = make_meeting(chain.dvo, state="fixed")
    secret = make_item(meeting, "Casus ondermijning", is_public=False)
    login(chain.preparer)
    _upload(client, secret, PDF, "casus.pdf")
    meeting.state = "sent"
    db.session.commit()
    [attachment] = _attachments(secret)
    login(getattr(chain, who))
    with client.get(f"/attachments/{attachment.id}") as response:
        assert response.status_code == status


def test_a_draft_agendas_files_are_not_for_members(client, login, chain, item):
    login(chain.preparer)
    _upload(client, item, PDF, "concept.pdf")
    [attachment] = _attachments(item)
    login(chain.member)
    assert client.get(f"/attachments/{attachment.id}").status_code == 404  # not revealed


def test_members_cannot_upload(client, login, chain, item):
    login(chain.member)
    assert _upload(client, item, PDF, "notitie.pdf").status_code == 403


def test_no_uploads_once_the_meeting_was_held(client, login, chain, make_meeting, make_item):
    meeting = make_meeting(chain.dvo, state="held")
    item = make_item(meeting, "Mededelingen")
    login(chain.preparer)
    response = _upload(client, item, PDF, "laat.pdf")
    assert response.status_code == 409 and "voorbij" in response.get_data(as_text=True)


def test_removing_an_attachment_removes_the_file(client, login, chain, item, app):
    login(chain.preparer)
    _upload(client, item, PDF, "weg.pdf")
    [attachment] = _attachments(item)
    path = files.path_of(attachment.stored_name)
    assert path.exists()
    response = client.post(f"/attachments/{attachment.id}/delete")
    assert response.status_code == 303
    assert _attachments(item) == [] and not path.exists()


def test_deleting_the_item_removes_its_files(client, login, chain, item):
    login(chain.preparer)
    _upload(client, item, PDF, "weg.pdf")
    [attachment] = _attachments(item)
    path = files.path_of(attachment.stored_name)
    db.session.refresh(item)
    assert client.post(f"/agenda-items/{item.id}/delete", data={"version": item.version}).status_code == 303
    assert not path.exists()


def test_a_file_saved_in_a_transaction_that_rolls_back_is_removed(ctx, app):
    stored = files.save(io.BytesIO(PDF), "terug.pdf")
    path = files.path_of(stored.stored_name)
    assert path.exists()
    db.session.rollback()
    assert not path.exists()
