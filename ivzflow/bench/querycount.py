"""The benchmark's switches in the app (BENCH_QUERY_COUNT only; the configuration refuses it in production).

- `X-Query-Count` on every response: the SQL statements the request ran. In production it would tell
  outsiders something about the inside.
- A request with `X-Bench-Agenda-Cache: miss` finds this process's kept agenda rows empty, as the first
  reader after a change does (see meetings/agenda_cache): the runner measures that cost with wrk, which
  cannot change the meeting between requests. Outside the benchmark the header does nothing.
"""
from __future__ import annotations

from flask import Flask, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from ivzflow.meetings import agenda_cache

_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
CACHE_MISS_HEADER = ("X-Bench-Agenda-Cache", "miss")


def _count(conn, cursor, statement, parameters, context, executemany):
    if has_request_context() and not statement.lstrip().upper().startswith(_CONTROL):
        g._bench_queries = g.get("_bench_queries", 0) + 1


def init_app(app: Flask) -> None:
    if not event.contains(Engine, "before_cursor_execute", _count):
        event.listen(Engine, "before_cursor_execute", _count)

    @app.before_request
    def _miss_agenda_cache():
        name, value = CACHE_MISS_HEADER
        if request.headers.get(name) == value:
            agenda_cache.clear()

    @app.after_request
    def _header(response):
        response.headers["X-Query-Count"] = str(g.get("_bench_queries", 0))
        return response
