"""Configuration: defaults here, then instance/config.py, then IVZFLOW_* environment variables."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask

ENV_PREFIX = "IVZFLOW_"


class Defaults:
    ENV = "development"  # "production" switches on secure cookies and refuses the demo clock
    SQLALCHEMY_DATABASE_URI: str | None = None  # None: SQLite file in instance/
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_RECORD_QUERIES = False
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    TIMEZONE = "Europe/Amsterdam"
    WTF_CSRF_TIME_LIMIT = None  # the session lifetime already bounds the token
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)  # absolute lifetime of a login
    SESSION_IDLE_TIMEOUT = timedelta(minutes=60)
    LOGIN_MAX_FAILURES = 5
    LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
    LOGIN_BLOCKED_DELAY = timedelta(seconds=30)  # past the limit, one attempt per delay, doubling
    LOGIN_BLOCKED_DELAY_MAX = timedelta(minutes=15)
    PASSWORD_MIN_LENGTH = 12
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024
    FILES_DIR: str | None = None  # None: instance/files
    API_PAGE_SIZE = 50
    API_MAX_PAGE_SIZE = 200
    # Demo clock: an ISO timestamp the app pretends it is ("2015-06-01T09:00"); refused in production.
    FAKE_NOW: str | None = None
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_SENDER = "ivzflow <noreply@ivzflow.local>"
    MAIL_RETRY_SECONDS = 60  # first retry after a failed send; then five times longer each time
    BASE_URL = "http://127.0.0.1:5000"
    # Reverse proxies in front of the app (TLS terminated there): how many X-Forwarded-For/-Proto hops to
    # trust. 0 trusts none, so a client cannot claim https or another address; set 1 behind one proxy.
    TRUSTED_PROXIES = 0
    BENCH_QUERY_COUNT = False  # X-Query-Count header on every response, for the benchmark; refused in production
    # Argon2 at its lowest cost, for the test suite only (thousands of logins); refused in production.
    CHEAP_PASSWORD_HASHES = False


_BOOL = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def _coerce(current, raw: str):
    """Environment values are strings; give them the type of the default they replace."""
    if isinstance(current, bool):
        return _BOOL.get(raw.strip().lower(), False)
    if isinstance(current, int):
        return int(raw)
    if isinstance(current, timedelta):
        return timedelta(seconds=int(raw))
    return raw


def load_config(app: Flask, overrides: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for key, raw in os.environ.items():
        if key.startswith(ENV_PREFIX):
            name = key[len(ENV_PREFIX):]
            if name in ("TEST_DATABASE_URL", "REQUIRE_BROWSER", "BENCH_DATABASE_URL", "INSTANCE_PATH"):
                continue
            name = "SQLALCHEMY_DATABASE_URI" if name == "DATABASE_URL" else name
            app.config[name] = _coerce(app.config.get(name), raw)
    if overrides:
        app.config.update(overrides)

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "ivzflow.sqlite")
    if not app.config.get("FILES_DIR"):
        app.config["FILES_DIR"] = os.path.join(app.instance_path, "files")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app)

    production = app.config["ENV"] == "production"
    if production:
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
        if app.config.get("FAKE_NOW"):
            raise RuntimeError("IVZFLOW_FAKE_NOW (the demo clock) is refused in production.")
        if app.config.get("BENCH_QUERY_COUNT"):
            raise RuntimeError("IVZFLOW_BENCH_QUERY_COUNT (the benchmark's query counter) is refused in production.")
        if app.config.get("CHEAP_PASSWORD_HASHES"):
            raise RuntimeError("IVZFLOW_CHEAP_PASSWORD_HASHES (the test suite's password hashes) is refused in production.")
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"timeout": 30}, **app.config["SQLALCHEMY_ENGINE_OPTIONS"]}


def _instance_secret(app: Flask) -> str:
    """A random key kept in instance/ so sessions survive restarts and are shared by workers."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
        except FileExistsError:
            pass  # another worker wrote it first
    return path.read_text().strip()
