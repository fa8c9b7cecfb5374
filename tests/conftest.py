"""Test fixtures: the app on real databases, a client, logins by role, factories, a query counter.

Every database test runs on SQLite, and on PostgreSQL too when IVZFLOW_TEST_DATABASE_URL is set.
"""
from __future__ import annotations

import contextvars
import itertools
import os
import secrets
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, make_url, select, text

from ivzflow import create_app
from ivzflow.accounts.models import User, UserDistrict, UserRole
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import hash_password
from ivzflow.audit.models import rewrite_allowed
from ivzflow.bench.run import free_port
from ivzflow.bodies.models import Body, Seat
from ivzflow.bodies.services import appoint
from ivzflow.extensions import db
from ivzflow.organisations.models import Basisteam, District, Organisation
from ivzflow.people.models import Person
from tests import snapshots

PASSWORD = "paarse olifant danst op de brug"


def pytest_configure(config):
    """One fuzz seed for the whole run, chosen here so that pytest-xdist's workers inherit it."""
    if not os.environ.get("IVZFLOW_FUZZ_SEED"):
        os.environ["IVZFLOW_FUZZ_SEED"] = str(secrets.randbelow(2 ** 32))


def pytest_report_header(config):
    seed = os.environ["IVZFLOW_FUZZ_SEED"]
    return f"fuzz seed: {seed} (replay with IVZFLOW_FUZZ_SEED={seed}, see tests/security/test_fuzz.py)"


def _worker_database(url: str | None) -> str | None:
    """`make test` runs in two processes (pytest-xdist); every test drops and refills its database, so each
    process after the first gets its own database beside the configured one (created when missing)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    if not url or worker == "gw0":
        return url
    configured = make_url(url)
    name = f"{configured.database}_{worker}"
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return configured.set(database=name).render_as_string(hide_password=False)


PG_URL = _worker_database(os.environ.get("IVZFLOW_TEST_DATABASE_URL"))
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _config(url: str, tmp_dir) -> dict:
    # PostgreSQL: a commit need not wait for the disk in tests (a sixth of the PostgreSQL leg's time)
    engine = {"connect_args": {"options": "-c synchronous_commit=off"}} if url.startswith("postgresql") else {}
    return {
        "SQLALCHEMY_ENGINE_OPTIONS": engine,
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "FILES_DIR": str(tmp_dir / "files"),
        "SERVER_NAME": "ivzflow.test",
        "CHEAP_PASSWORD_HASHES": True,  # argon2 at its lowest cost: thousands of logins (refused in production)
    }


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    """One app and schema per database backend; each test starts from empty tables."""
    tmp_dir = tmp_path_factory.mktemp(request.param)
    url = PG_URL if request.param == "postgresql" else f"sqlite:///{tmp_dir / 'test.sqlite'}"
    app = create_app(_config(url, tmp_dir))
    with app.app_context():
        if request.param == "postgresql":  # start from nothing, whatever an older schema left behind
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # DELETE is ~50x faster than TRUNCATE on small tables; foreign keys are off for this transaction
                connection.execute(text("SET LOCAL session_replication_role = replica"))
                for table in tables:
                    connection.execute(text(f'DELETE FROM "{table}"'))
            else:
                connection.execute(text("PRAGMA defer_foreign_keys = ON"))  # tables that refer to each other
                with rewrite_allowed(connection):  # the audit log's triggers refuse DELETE otherwise
                    for table in tables:
                        connection.execute(text(f'DELETE FROM "{table}"'))


class IsolatedClient(FlaskClient):
    """Runs each request in its own application context, like a real server does.

    The test's own session is committed first, so what the test set up is visible to the request, and
    objects the test holds are reloaded afterwards.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            db.session.commit()
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def ctx(app):
    """An application context, so tests can use db.session directly."""
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app, ctx):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF protection switched on, for tests of the protection itself."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False


_counter = itertools.count(1)
_hash_cache: dict[str, str] = {}


def _password_hash() -> str:
    if PASSWORD not in _hash_cache:
        _hash_cache[PASSWORD] = hash_password(PASSWORD)
    return _hash_cache[PASSWORD]


@pytest.fixture
def make_org(ctx):
    def make(name: str | None = None, classification: str = "gemeente", **values) -> Organisation:
        org = Organisation(name=name or f"Gemeente {next(_counter)}", classification=classification, **values)
        db.session.add(org)
        db.session.commit()
        return org
    return make


@pytest.fixture
def make_person(ctx):
    def make(name: str | None = None, **values) -> Person:
        person = Person(name=name or f"Persoon {next(_counter)}", **values)
        db.session.add(person)
        db.session.commit()
        return person
    return make


@pytest.fixture
def make_user(ctx, make_person):
    def make(*roles: Role, email: str | None = None, person: Person | None = None,
             districts: list[District] | None = None) -> User:
        """`districts`: where the user works (issue 18); by default every district there is now, so that a test
        about something else is not refused by the district scope."""
        person = person or make_person()
        user = User(email=email or f"user{next(_counter)}@example.org", password_hash=_password_hash(),
                    person_id=person.id)
        user.role_rows = [UserRole(role=r.value) for r in roles]
        db.session.add(user)
        db.session.flush()
        ids = [d.id for d in districts] if districts is not None else db.session.scalars(select(District.id)).all()
        db.session.add_all(UserDistrict(user_id=user.id, district_id=d) for d in ids)
        db.session.commit()
        return user
    return make


@pytest.fixture
def make_body(ctx):
    def make(name: str | None = None, kind: str = "commissie", **values) -> Body:
        body = Body(name=name or f"Gremium {next(_counter)}", kind=kind, **values)
        db.session.add(body)
        db.session.commit()
        return body
    return make


@pytest.fixture
def make_seat(ctx):
    def make(body: Body, name: str | None = None, **values) -> Seat:
        seat = Seat(body_id=body.id, name=name or f"Zetel {next(_counter)}", **values)
        db.session.add(seat)
        db.session.commit()
        return seat
    return make


@pytest.fixture
def make_member(ctx, make_seat, make_person):
    """Put a person on a new seat of a body from a date (default 2015-01-01)."""
    def make(body: Body, person: Person | None = None, start_on: date = date(2015, 1, 1), **seat_values):
        seat = make_seat(body, **seat_values)
        membership = appoint(None, seat, person or make_person(), start_on)
        db.session.commit()
        return membership
    return make


@pytest.fixture
def login(client):
    """Log the test client in as a user, through the real login form."""
    def do(user: User):
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user
    return do


@pytest.fixture
def login_as(make_user, login):
    """Create a user with these roles and log in as them."""
    def do(*roles: Role, **kwargs) -> User:
        return login(make_user(*roles, **kwargs))
    return do


@pytest.fixture
def count_queries(app):
    """Counts SQL statements in a block: `with count_queries() as counted: ...; counted.n`."""
    @contextmanager
    def counting():
        class Counter:
            n = 0
            statements: list[str] = []

        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            if statement.split(None, 1)[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK"):
                return  # transaction control, not a query
            counter.n += 1
            counter.statements.append(statement)

        engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)
    return counting


_demo_files: dict = {}
_demo_snapshots: dict = {}


@pytest.fixture
def demo(app, ctx):
    """The Twente demo data. Loaded through the real loader once per database, then restored from a
    snapshot (tests/snapshots.py: the loader takes seconds, the restore milliseconds)."""
    from ivzflow.demo import twente

    backend = db.engine.dialect.name
    if backend not in _demo_snapshots:
        assert twente.load(twente.DEMO_PASSWORD)
        db.session.commit()
        _demo_snapshots[backend] = snapshots.take()
        files = Path(app.config["FILES_DIR"])
        _demo_files[backend] = {p.relative_to(files): p.read_bytes() for p in files.rglob("*") if p.is_file()}
    else:
        snapshots.restore(_demo_snapshots[backend])
        files = Path(app.config["FILES_DIR"])  # the demo's stored documents too: a test may have wiped them
        for relative, content in _demo_files[backend].items():
            if not (files / relative).exists():
                (files / relative).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                (files / relative).write_bytes(content)
                (files / relative).chmod(0o600)
    return twente


@pytest.fixture
def twente(ctx):
    """A minimal district with one basisteam, for tests that need them."""
    district = District(name="Twente")
    db.session.add(district)
    db.session.flush()
    team = Basisteam(name="Midden", district_id=district.id)
    db.session.add(team)
    db.session.commit()
    return district, team


class MailSink:
    """What a real SMTP server on loopback received, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.policy import default

        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


def wait_until(condition, seconds: float = 90) -> bool:
    """Poll `condition` until it holds (True) or the time is up (False): for other processes' work."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def smtp_server(app):
    """A real SMTP server (aiosmtpd) on a free loopback port; the app sends its mail there."""
    from aiosmtpd.controller import Controller

    sink = MailSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    old = app.config["MAIL_SERVER"], app.config["MAIL_PORT"]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    sink.controller, sink.port = controller, port
    yield sink
    controller.stop()
    app.config["MAIL_SERVER"], app.config["MAIL_PORT"] = old
