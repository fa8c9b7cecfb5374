"""Office files are zip archives; inspecting one cannot exhaust a worker (issue 15): a 1 MB .docx whose
XML inflated to 1 GB took a worker to 2 GB. Entries are streamed with a hard cap, and an archive that
inflates far beyond an office file is refused with a clear message."""
from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest

from ivzflow.core import filetypes
from ivzflow.core.files import save

DOCX_TYPES = (b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/'
              b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')


def _docx(tmp_path, document: bytes, types: bytes = DOCX_TYPES):
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)
    return path


def _lie_about_sizes(path, name: bytes, declared: int) -> None:
    """Rewrite the uncompressed size the archive declares for an entry, in both of its headers."""
    data = bytearray(path.read_bytes())
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            if data[at + name_at:at + name_at + len(name)] == name:
                data[at + size_at:at + size_at + 4] = struct.pack("<I", declared)
            start = at + 4
    path.write_bytes(bytes(data))


def _measured(call):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak, time.perf_counter() - started


def test_an_ordinary_docx_is_recognised(tmp_path):
    assert filetypes.detect(_docx(tmp_path, b"<w:document/>" * 1000)) is filetypes.DOCX


def test_a_docx_whose_document_inflates_a_thousandfold_is_refused_as_a_zip_bomb(app, tmp_path):
    path = _docx(tmp_path, b"\0" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with app.test_request_context():
        with pytest.raises(filetypes.ZipBomb) as refused:
            _measured(lambda: filetypes.detect(path))
        assert "zipbom" in refused.value.message
        with pytest.raises(filetypes.ZipBomb):
            save(io.BytesIO(path.read_bytes()), "bom.docx")


def test_an_entry_that_lies_about_its_size_is_read_with_a_hard_cap(app, tmp_path):
    path = _docx(tmp_path, b"<w:document/>", types=DOCX_TYPES + b" " * (200 * 1024 * 1024))
    _lie_about_sizes(path, b"[Content_Types].xml", 1000)
    with app.test_request_context():
        result, peak, seconds = _measured(lambda: filetypes.detect(path))
    assert result is None  # not an office file we accept
    assert peak < 8 * 1024 * 1024 and seconds < 2
