"""The start page of every demo role finds its rows through indexes: no statement scans a table that grows with
the country (without statistics SQLite's plan depends on the schema and the statement, not on the rows, so a small
data set shows it; the statistics generate() gathers of its few rows are dropped: they would decide otherwise).

At national scale a member's start page took 1.8 s when one OR across two tables made SQLite read every follow-up
action, and another 0.2 s when the proposals' visibility was listed as a subquery of every proposal.
"""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from ivzflow.bench import run
from ivzflow.bench.generate import NOW, generate
from ivzflow.extensions import db

GROWING = ("decision_item", "communication_advice", "follow_up_action", "action_assignment", "item_transition",
           "notification", "status_update", "decision_point", "consultation", "agenda_item", "meeting", "decision_list",
           "project", "audit_entry")
SCAN = re.compile(r"^SCAN (\w+)")  # with or without an index: it reads every row


@pytest.mark.parametrize("role", sorted(run.ROLES))
def test_the_start_page_scans_no_growing_table(app, client, demo, time_machine, role):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the plan is read with SQLite's EXPLAIN QUERY PLAN")
    from ivzflow.demo.twente import DEMO_PASSWORD

    time_machine.move_to(NOW + timedelta(minutes=1), tick=False)
    generate(0.001, seed=1, log=lambda *_: None, due_count=0)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM sqlite_stat1")
        connection.exec_driver_sql("ANALYZE sqlite_schema")  # makes SQLite read the (now empty) statistics again
    assert client.post("/login", data={"email": run.ROLES[role], "password": DEMO_PASSWORD}).status_code == 302
    seen: list[tuple[str, object]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        assert client.get("/").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    scans = []
    for statement, parameters in seen:
        with db.engine.connect() as connection:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        for *_ids, detail in plan:
            found = SCAN.match(detail)
            if found and found.group(1) in GROWING:
                scans.append((detail, statement[:160]))
    assert not scans, scans
