"""`X-Query-Count` on every response: the SQL statements the request ran (BENCH_QUERY_COUNT only).

For the benchmark and tests; the configuration refuses it in production, where it would tell outsiders
something about the inside.
"""
from __future__ import annotations

from flask import Flask, g, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def _count(conn, cursor, statement, parameters, context, executemany):
    if has_request_context() and not statement.lstrip().upper().startswith(_CONTROL):
        g._bench_queries = g.get("_bench_queries", 0) + 1


def init_app(app: Flask) -> None:
    if not event.contains(Engine, "before_cursor_execute", _count):
        event.listen(Engine, "before_cursor_execute", _count)

    @app.after_request
    def _header(response):
        response.headers["X-Query-Count"] = str(g.get("_bench_queries", 0))
        return response
