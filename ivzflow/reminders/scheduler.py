"""The one scheduler process: `flask --app ivzflow scheduler`. Web workers never run it.

Only one scheduler is active at a time: on PostgreSQL it holds an advisory lock on a dedicated
connection, on SQLite a file lock in instance/. A second one waits as a standby and takes over when the
first dies (its lock goes with its connection or process).
"""
from __future__ import annotations

import fcntl
import logging
import os
import time
from contextlib import contextmanager
from datetime import datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask
from sqlalchemy import create_engine, text

from ivzflow.core import clock
from ivzflow.core.db import write_transaction
from ivzflow.extensions import db
from ivzflow.reminders.planner import replan
from ivzflow.reminders.plans import daily_subjects
from ivzflow.reminders.sweep import sweep

log = logging.getLogger("ivzflow.scheduler")
ADVISORY_KEY = 0x1F2F1  # any constant shared by all schedulers of one database


@contextmanager
def leadership(app: Flask, poll_seconds: float = 2.0):
    """Block until this process is the only active scheduler, and keep that for the block's duration."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgresql"):
        engine = create_engine(url, poolclass=None)
        connection = engine.connect()
        try:
            while not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar():
                connection.rollback()
                time.sleep(poll_seconds)
            connection.commit()
            log.info("scheduler: active (PostgreSQL advisory lock)")
            yield
        finally:
            connection.close()
            engine.dispose()
    else:
        path = os.path.join(app.instance_path, "scheduler.lock")
        with open(path, "a+") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    time.sleep(poll_seconds)
            log.info("scheduler: active (file lock %s)", path)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def run_sweep(app: Flask):
    with app.app_context():
        try:
            result = sweep()
            if result.processed or result.sent or result.failed:
                log.info("sweep: %s", result)
        finally:
            db.session.remove()


def run_daily(app: Flask):
    """Replan the reminders that depend on the date itself (year, week)."""
    with app.app_context():
        try:
            with write_transaction():
                for subject_type, subject_id in daily_subjects(clock.today()):
                    replan(subject_type, subject_id)
                db.session.commit()
        finally:
            db.session.remove()


def run(app: Flask, interval: int = 30) -> None:
    """Wait for leadership, then sweep every `interval` seconds and replan daily, until stopped."""
    with leadership(app):
        run_daily(app)
        scheduler = BlockingScheduler(timezone=str(clock.LOCAL_TZ))
        scheduler.add_job(run_sweep, "interval", args=[app], seconds=interval, coalesce=True, max_instances=1,
                          misfire_grace_time=None, next_run_time=datetime.now(clock.LOCAL_TZ))
        scheduler.add_job(run_daily, "interval", args=[app], hours=6, coalesce=True, max_instances=1,
                          misfire_grace_time=None)
        scheduler.start()
