"""The ceiling: a bare Flask app that renders a template of 20 rows from SQLite, served like ivzflow.

`gunicorn -c gunicorn.conf.py 'ivzflow.bench.bare:create_app()'` with IVZFLOW_BENCH_BARE_DB set to a file.
"""
from __future__ import annotations

import os

from flask import Flask, render_template_string
from sqlalchemy import create_engine, text

TEMPLATE = """<!doctype html><html lang="nl"><head><title>Agenda</title></head><body><h1>Agenda</h1>
<table>{% for row in rows %}<tr><td>{{ row.position }}</td><td>{{ row.title }}</td><td>{{ row.presenter }}</td>
<td>{{ row.duration }} min.</td></tr>{% endfor %}</table></body></html>"""


def prepare(path: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, position INTEGER, "
                                "title TEXT, presenter TEXT, duration INTEGER)"))
        connection.execute(text("DELETE FROM item"))
        connection.execute(text("INSERT INTO item (position, title, presenter, duration) VALUES "
                                "(:p, :t, 'voorzitter', 10)"), [{"p": i, "t": f"Agendapunt {i}"} for i in range(1, 21)])
    engine.dispose()


def create_app() -> Flask:
    app = Flask(__name__)
    engine = create_engine(f"sqlite:///{os.environ['IVZFLOW_BENCH_BARE_DB']}")

    @app.route("/")
    def page():
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT position, title, presenter, duration FROM item ORDER BY position"))
            return render_template_string(TEMPLATE, rows=list(rows))

    app.extensions["bench_engine"] = engine
    return app
