"""How an application context's transaction ends: one that only read is committed (so PostgreSQL keeps
the prepared statements of a page's queries), one with changes that were not committed is rolled back."""
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ivzflow.extensions import db
from ivzflow.meetings.models import Location
from tests.decisions.test_views_api import login_demo


@contextmanager
def transaction_ends():
    """How the transactions of other sessions than the test's own end."""
    ends, own = [], db.session()

    def committed(session):
        if session is not own:
            ends.append("commit")

    def rolled_back(session):
        if session is not own:
            ends.append("rollback")

    event.listen(Session, "after_commit", committed)
    event.listen(Session, "after_rollback", rolled_back)
    try:
        yield ends
    finally:
        event.remove(Session, "after_commit", committed)
        event.remove(Session, "after_rollback", rolled_back)


def _name(location_id):
    db.session.expire_all()
    return db.session.get(Location, location_id).name


def test_only_a_transaction_that_just_read_is_committed_at_the_end(app, client, demo):
    location_id = db.session.scalar(select(Location.id).order_by(Location.id).limit(1))
    before = _name(location_id)
    db.session.commit()
    login_demo(client, "secretariaat")
    with transaction_ends() as ends:
        assert client.get("/locations").status_code == 200
    assert ends == ["commit"]

    for flush in (False, True):  # changed in memory, or already sent to the database, but not committed
        with transaction_ends() as ends, app.app_context():
            db.session.get(Location, location_id).name = "Niet bewaard"
            if flush:
                db.session.flush()
        assert "commit" not in ends and _name(location_id) == before


def test_postgresql_keeps_a_pages_prepared_statements_between_requests(app, client, demo):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server-side prepared statements to keep")
    login_demo(client, "secretariaat")
    db.session.remove()
    db.engine.dispose()  # one pooled connection serves these requests in turn (the pool hands them out FIFO)
    connections = set()

    def note(conn, cursor, statement, params, context, many):
        connections.add(cursor.connection)

    event.listen(db.engine, "after_cursor_execute", note)
    try:
        for _ in range(8):  # psycopg prepares a statement on its fifth execution
            assert client.get("/locations").status_code == 200
    finally:
        event.remove(db.engine, "after_cursor_execute", note)
    prepared = 0
    for raw in connections:
        prepared += raw.execute("select count(*) from pg_prepared_statements").fetchone()[0]
        raw.rollback()
    assert prepared > 0
