"""`flask --app ivzflow bench ...`: generate the national data set, run the benchmark.

Every app loads this module (its commands); each command imports its implementation when it runs, so
that stays out of the web workers."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from ivzflow.accounts.models import User
from ivzflow.accounts.services import create_token
from ivzflow.extensions import db
from ivzflow.meetings import feeds


@click.group(cls=AppGroup, help="The speed benchmark: national-scale data and measurements.")
def bench():
    pass


@bench.command("generate", help="Add the national-scale data set (times --scale) to this database.")
@click.option("--scale", default=1.0, show_default=True, type=float)
@click.option("--seed", default=2015, show_default=True, type=int)
def generate_command(scale: float, seed: int):
    from flask_migrate import upgrade

    from ivzflow.bench.generate import generate

    upgrade()
    click.echo(f"Generating scale {scale} (seed {seed}) ...")
    marks = generate(scale, seed, log=click.echo)
    db.session.remove()
    click.echo(f"Done in {marks['seconds']} s: {sum(marks['rows'].values()):,} rows.")


@bench.command("run", help="Generate the data set in fresh databases, serve it with gunicorn and measure.")
@click.option("--scale", default=1.0, show_default=True, type=float)
@click.option("--seed", default=2015, show_default=True, type=int)
@click.option("--out", default="bench/results", show_default=True)
@click.option("--duration", default=5.0, show_default=True, type=float, help="Seconds per throughput measurement.")
@click.option("--requests", "samples", default=60, show_default=True, type=int,
              help="Sequential requests per page for the latency percentiles.")
@click.option("--label", default="", help="A name for this run in the results (e.g. before, after).")
@click.option("--backend", "backends", multiple=True, type=click.Choice(["sqlite", "postgresql"]),
              help="Only these databases (default: SQLite, and PostgreSQL when IVZFLOW_BENCH_DATABASE_URL is set).")
def run_command(scale: float, seed: int, out: str, duration: float, samples: int, label: str,
                backends: tuple[str, ...]):
    from ivzflow.bench.run import main

    main(scale=scale, seed=seed, out=out, duration=duration, samples=samples, label=label, log=click.echo,
         backends=backends or ("sqlite", "postgresql"))


@bench.command("secrets", hidden=True, help="Print JSON: an API token, a feed secret and the marks (for the runner).")
def secrets_command():
    import json

    from sqlalchemy import select

    from ivzflow.bench.generate import district_user, load_marks

    user = db.session.scalar(select(User).where(User.email == "secretariaat@demo.ivzflow.nl"))
    _token, api_secret = create_token(user, "bench", "read")
    _feed, feed_secret = feeds.renew(user)
    member = db.session.scalar(select(User).where(User.email == district_user()))
    _token, member_api_secret = create_token(member, "bench", "read")
    db.session.commit()
    click.echo(json.dumps({"api": api_secret, "feed": feed_secret, "district_user": member.email,
                           "api_district": member_api_secret, "marks": load_marks()}))


@bench.command("index", hidden=True, help="Print JSON: the search index rebuilt over the generated data, timed.")
def index_command():
    import json
    import time

    from sqlalchemy import text

    from ivzflow.search.indexer import reindex_all

    started = time.monotonic()
    entries = reindex_all(db.session())
    db.session.commit()
    db.session.execute(text("ANALYZE search_entry"))  # the generator analysed it while it was still empty
    db.session.commit()
    click.echo(json.dumps({"seconds": round(time.monotonic() - started, 1), "entries": entries}))


@bench.command("sweep", hidden=True, help="Print JSON: one timed sweep of the scheduler over this database.")
def sweep_command():
    import json

    from ivzflow.bench.run import measure_sweep

    click.echo(json.dumps(measure_sweep()))
