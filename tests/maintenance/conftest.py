"""Fixtures for backup, restore and copy: demo data with real attachment files, and ways to compare."""
from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import select, text

from ivzflow.core import files
from ivzflow.decisions.models import DecisionItem, ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Attachment

UPLOADS = [
    ("agenda", "verslag.pdf", b"%PDF-1.7\n" + os.urandom(200_000)),
    ("agenda", "kaart.png", b"\x89PNG\r\n\x1a\n" + os.urandom(5_000)),
    ("item", "toelichting.txt", "Toelichting bij het voorstel: één zin met ë en ß.\n".encode() * 50),
]


@pytest.fixture
def attachments(demo):
    """Three uploaded files on demo agenda items and a demo proposal, stored as the app stores them (and no
    other files: what earlier tests left behind is removed, and the demo's own document with its row)."""
    import shutil

    shutil.rmtree(current_app.config["FILES_DIR"], ignore_errors=True)
    for document in db.session.scalars(select(ItemAttachment)):
        db.session.delete(document)
    agenda_item = db.session.scalars(select(AgendaItem).order_by(AgendaItem.id)).first()
    decision_item = db.session.scalars(select(DecisionItem).order_by(DecisionItem.id)).first()
    now = datetime(2015, 6, 1, 7, 30, 15, 123456, tzinfo=timezone.utc)
    for where, name, content in UPLOADS:
        stored = files.save(io.BytesIO(content), name)
        values = dict(filename=stored.filename, stored_name=stored.stored_name, content_type=stored.content_type,
                      size=stored.size, sha256=stored.sha256, uploaded_at=now)
        if where == "agenda":
            db.session.add(Attachment(agenda_item_id=agenda_item.id, **values))
        else:
            db.session.add(ItemAttachment(item_id=decision_item.id, **values))
    db.session.commit()
    return UPLOADS


@pytest.fixture
def stamped(app, ctx):
    """The test database's schema (made by create_all) recorded as the newest Alembic revision, as
    `flask db upgrade` leaves a real database."""
    from flask_migrate import stamp

    stamp()
    yield
    db.session.remove()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))


def table_contents(connection=None) -> dict[str, list[dict]]:
    """Every row of every table (but the derived search index), all columns, ordered by primary key."""
    from ivzflow.maintenance.snapshot import tables

    def read(conn):
        return {t.name: [dict(r._mapping) for r in conn.execute(t.select().order_by(*t.primary_key.columns))]
                for t in tables()}
    if connection is not None:
        return read(connection)
    with db.engine.connect() as conn:
        return read(conn)


def file_contents() -> dict[str, bytes]:
    """Every stored file (not the upload scratch folder), by path under the files directory."""
    root = Path(current_app.config["FILES_DIR"])
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.relative_to(root).parts[0] != "tmp"}


def wipe() -> None:
    """Delete every row (foreign keys that close a cycle first) and every stored file."""
    import shutil

    from ivzflow.maintenance.snapshot import clear

    db.session.remove()
    with db.engine.begin() as connection:
        clear(connection)
        connection.execute(text("DELETE FROM search_entry"))
        assert all(connection.scalar(text(f'SELECT count(*) FROM "{t.name}"')) == 0
                   for t in db.metadata.sorted_tables)
    shutil.rmtree(current_app.config["FILES_DIR"], ignore_errors=True)
