"""Browser tests: the app served on loopback, Debian's Chromium driven by Playwright, axe-core checks.

Without Chromium these tests skip with a message; with IVZFLOW_REQUIRE_BROWSER=1 (CI) they fail instead.
"""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from ivzflow import create_app
from ivzflow.extensions import db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        message = "Chromium is not installed (apt-get install -y chromium): browser tests cannot run."
        if os.environ.get("IVZFLOW_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--disable-gpu", "--disable-quic", "--disable-sync", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run"]}


def serve_demo(tmp, **config):
    """The Twente demo on a real server on a free loopback port, on its own SQLite file; yields the app."""
    app = create_app({"SECRET_KEY": "e2e", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'demo.sqlite'}",
                      "FILES_DIR": str(tmp / "files"), "CHEAP_PASSWORD_HASHES": True, **config})
    with app.app_context():
        db.create_all()
        from ivzflow.demo import twente
        twente.load(twente.DEMO_PASSWORD)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The demo server the browser tests share (its clock is the real one unless live_clock moves it)."""
    yield from serve_demo(tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A demo server of the test module's own, its clock at 1 June 2015, 09:00 (no SMTP server: e-mails wait)."""
    yield from serve_demo(tmp_path_factory.mktemp("fresh"), FAKE_NOW="2015-06-01T09:00", MAIL_PORT=9)


def sweep(app):
    """What the scheduler does every 30 seconds (no SMTP server here: the e-mails wait, the inbox does not)."""
    from ivzflow.reminders.sweep import sweep as run

    with app.app_context():
        run()


def municipal_user(app) -> str:
    """A user of the municipality of Losser, linked to a person of that municipality; returns the e-mail."""
    from sqlalchemy import select

    from ivzflow.accounts.services import create_user
    from ivzflow.organisations.models import Organisation
    from ivzflow.people.models import Person

    email = "ivz@losser.demo"
    with app.app_context():
        losser = db.session.scalar(select(Organisation).where(Organisation.short_name == "Losser"))
        person = Person(name="Joost Losser", function="beleidsmedewerker veiligheid gemeente Losser",
                        organisation_id=losser.id)
        db.session.add(person)
        db.session.flush()
        create_user(email, "Twente-demo-2015", set(), person_id=person.id)
        db.session.commit()
    return email


@pytest.fixture(scope="session")
def base_url(live_app):
    return live_app.config["LIVE_URL"]


def log_in(page, base_url: str, email: str):
    """Log in through the login form as one of the demo users; a session still open in the browser ends first."""
    from ivzflow.demo.twente import DEMO_PASSWORD

    # A response still in flight (the favicon, a script) would bring the old session cookie back after it
    # was cleared, and /login would then lead to the old user's start page.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    page.goto(base_url + "/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(base_url + "/")
    return page


@pytest.fixture
def login_page(page, base_url):
    return lambda email: log_in(page, base_url, email)


@pytest.fixture
def assert_accessible():
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; fail with the violations listed."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        assert not violations, results.generate_report()
    return check


@pytest.fixture
def live_clock(live_app):
    """Set the live app's demo clock: move("2015-07-01T13:45") makes it that moment (Amsterdam time) and
    lets it run on from there. The real clock comes back afterwards, for the other browser tests."""
    def move(local_iso: str):
        live_app.config["FAKE_NOW"] = local_iso
        live_app.extensions.pop("ivzflow.clock_offset", None)

    yield move
    live_app.config["FAKE_NOW"] = None
    live_app.extensions.pop("ivzflow.clock_offset", None)
