"""The one clock: aware UTC, Amsterdam dates, and the demo clock that production refuses."""
from datetime import date, timedelta

import pytest

from ivzflow import create_app
from ivzflow.core import clock


def test_demo_clock_starts_at_the_setting_and_runs_on(tmp_path):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.sqlite'}",
                      "FAKE_NOW": "2015-06-01T09:00"})
    with app.app_context():
        first = clock.now()
        assert clock.local(first).strftime("%Y-%m-%d %H:%M") == "2015-06-01 09:00"
        assert clock.today().isoformat() == "2015-06-01"
        assert timedelta(0) <= clock.now() - first < timedelta(seconds=5)


def test_production_refuses_the_demo_clock(tmp_path):
    with pytest.raises(RuntimeError, match="refused in production"):
        create_app({"ENV": "production", "SECRET_KEY": "x", "FAKE_NOW": "2015-06-01T09:00",
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'c.sqlite'}"})


def test_local_dates_follow_amsterdam_not_utc():
    late_evening = clock.local_to_utc(date(2015, 6, 30), 23, 30)
    assert late_evening.hour == 21 and clock.local(late_evening).day == 30


def test_frozen_clock_answers_the_instant_inside_the_block_only():
    instant = clock.local_to_utc(date(2015, 5, 20), 14, 0)
    with clock.frozen_at(instant):
        assert clock.now() == instant and clock.today() == date(2015, 5, 20)
    assert clock.now().year > 2015


def test_frozen_clock_refuses_a_naive_time():
    from datetime import datetime
    with pytest.raises(ValueError):
        with clock.frozen_at(datetime(2015, 5, 20, 14, 0)):
            pass
