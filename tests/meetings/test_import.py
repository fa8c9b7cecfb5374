"""Importing a body's meeting dates from an .ics file: preview, confirm, skip taken days, refuse bad files."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from ivzflow.accounts.roles import Role
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings.models import Meeting

AB_VRT = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Veiligheidsregio Twente//AB//NL\r
BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T020000\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:ab-1\r
SUMMARY:AB VRT\r
DTSTART;TZID=W. Europe Standard Time:20150316T140000\r
DTEND;TZID=W. Europe Standard Time:20150316T160000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ab-2\r
SUMMARY:AB VRT (zomer)\r
DTSTART;TZID=Europe/Amsterdam:20150629T140000\r
DURATION:PT2H30M\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ab-3\r
SUMMARY:AB VRT in UTC\r
DTSTART:20151005T120000Z\r
DTEND:20151005T140000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ab-4\r
SUMMARY:AB VRT hele dag\r
DTSTART;VALUE=DATE:20151214\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ab-5\r
SUMMARY:AB VRT vervallen\r
DTSTART:20150420T140000\r
STATUS:CANCELLED\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _upload(client, body, data: bytes, filename: str = "ab-vrt-2015.ics"):
    # encoded in memory: the test client would spool a large upload to a temporary file it never closes
    boundary, payload = encode_multipart({"file": FileStorage(io.BytesIO(data), filename)})
    return client.post(f"/bodies/{body.id}/meetings/import", data=payload,
                       content_type=f"multipart/form-data; boundary={boundary}")


def _confirm(client, body, preview_page: str):
    token = re.search(r'name="preview" type="hidden" value="([^"]+)"', preview_page).group(1)
    return client.post(f"/bodies/{body.id}/meetings/import/confirm", data={"preview": token})


def _local_starts(body) -> list[tuple[str, int]]:
    meetings = db.session.scalars(select(Meeting).where(Meeting.body_id == body.id).order_by(Meeting.start_at))
    return [(clock.local(m.start_at).strftime("%Y-%m-%d %H:%M"), m.duration_minutes) for m in meetings]


@pytest.fixture
def cal_ab(make_body):
    return make_body("Algemeen Bestuur Veiligheidsregio Twente", short_name="AB VRT", kind="bestuur")


def test_good_file_is_previewed_then_imported_as_published_meetings(client, login_as, cal_ab, make_meeting):
    login_as(Role.SECRETARIAT)
    make_meeting(cal_ab, datetime(2015, 10, 5, 9, 0))  # that day is taken already
    preview = _upload(client, cal_ab, AB_VRT)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "3 van de 5 afspraken worden ingelezen" in page
    assert "geannuleerd in het bestand" in page and "al een vergadering" in page
    assert db.session.scalar(select(func.count(Meeting.id))) == 1  # a preview writes nothing

    response = _confirm(client, cal_ab, page)
    assert response.status_code == 302
    assert _local_starts(cal_ab) == [
        ("2015-03-16 14:00", 120),  # a Windows time zone name, resolved by the file's VTIMEZONE
        ("2015-06-29 14:00", 150),  # DURATION instead of DTEND
        ("2015-10-05 09:00", 90),  # the meeting that was there
        ("2015-12-14 09:30", 90),  # all day: the usual time
    ]
    assert all(m.is_published for m in db.session.scalars(select(Meeting)))
    followed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 vergaderingen van Algemeen Bestuur Veiligheidsregio Twente ingelezen" in followed


def test_all_day_events_take_the_time_and_length_of_the_bodys_rule(client, login_as, cal_ab, cal_rule):
    login_as(Role.SECRETARIAT)
    cal_rule(cal_ab, start_time="15:00", duration_minutes=120)
    data = AB_VRT.replace(b"UID:ab-1", b"UID:ab-1\r\nRRULE:FREQ=MONTHLY")  # and refuses a recurring event
    page = _upload(client, cal_ab, data).get_data(as_text=True)
    assert "herhalende afspraken" in page
    _confirm(client, cal_ab, page)
    assert ("2015-12-14 15:00", 120) in _local_starts(cal_ab)
    assert all(not start.startswith("2015-03-16") for start, _m in _local_starts(cal_ab))


def test_confirming_twice_does_not_double_the_meetings(client, login_as, cal_ab):
    login_as(Role.SECRETARIAT)
    page = _upload(client, cal_ab, AB_VRT).get_data(as_text=True)
    _confirm(client, cal_ab, page)
    _confirm(client, cal_ab, page)
    assert len(_local_starts(cal_ab)) == 4


@pytest.mark.parametrize("data, filename, message", [
    (b"dit is geen agenda", "ab.ics", "geen geldig iCalendar-bestand"),
    (bytes(range(256)) * 4, "ab.ics", "geen geldig iCalendar-bestand"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n", "ab.ics", "geen geldig iCalendar-bestand"),
    (b"BEGIN:VEVENT\r\nDTSTART:20150101T100000\r\nEND:VEVENT\r\n", "ab.ics", "geen geldig iCalendar-bestand"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "ab.ics", "geen afspraken"),
    (b"", "ab.ics", "leeg"),
    (b"BEGIN:VCALENDAR\r\n" + b"X-PADDING:" + b"x" * (1024 * 1024) + b"\r\nEND:VCALENDAR\r\n", "ab.ics", "groter dan 1 MB"),
    (b"%PDF-1.4 not a calendar", "ab.pdf", "extensie .ics"),
    (AB_VRT, "ab-vrt.txt", "extensie .ics"),
])
def test_bad_files_get_a_clear_message(client, login_as, cal_ab, data, filename, message):
    login_as(Role.SECRETARIAT)
    response = _upload(client, cal_ab, data, filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Meeting.id))) == 0


def test_a_broken_date_marks_that_event_only(client, login_as, cal_ab):
    login_as(Role.SECRETARIAT)
    data = AB_VRT.replace(b"DTSTART:20151005T120000Z", b"DTSTART:2015XX05T120000Z")
    page = _upload(client, cal_ab, data).get_data(as_text=True)
    assert "ongeldige datum of tijd" in page and "3 van de 5" in page


def test_a_tampered_preview_is_refused(client, login_as, cal_ab):
    login_as(Role.SECRETARIAT)
    response = client.post(f"/bodies/{cal_ab.id}/meetings/import/confirm", data={"preview": "eyJib2R5IjoxfQ.x.y"})
    assert response.status_code == 302
    assert "verlopen of ongeldig" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(func.count(Meeting.id))) == 0


@pytest.mark.parametrize("role", [Role.MEMBER, Role.AGENDACOMMISSIE, Role.PROJECTLEIDER])
def test_only_the_secretariat_imports(client, login_as, cal_ab, role):
    login_as(role)
    assert client.get(f"/bodies/{cal_ab.id}/meetings/import").status_code == 403
    assert _upload(client, cal_ab, AB_VRT).status_code == 403
    assert client.post(f"/bodies/{cal_ab.id}/meetings/import/confirm", data={"preview": "x"}).status_code == 403


def test_upload_form_is_labelled_and_carries_a_csrf_token(app, client, login_as, cal_ab, monkeypatch):
    login_as(Role.SECRETARIAT)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get(f"/bodies/{cal_ab.id}/meetings/import").get_data(as_text=True)
    assert 'name="csrf_token"' in page and '<label for="file">' in page
    assert _upload(client, cal_ab, AB_VRT).status_code == 400  # no token


def test_utc_times_are_kept_as_instants(client, login_as, cal_ab):
    login_as(Role.SECRETARIAT)
    _confirm(client, cal_ab, _upload(client, cal_ab, AB_VRT).get_data(as_text=True))
    october = db.session.scalar(select(Meeting).where(Meeting.start_at >= datetime(2015, 10, 1, tzinfo=timezone.utc))
                                .order_by(Meeting.start_at).limit(1))
    assert october.start_at == datetime(2015, 10, 5, 12, 0, tzinfo=timezone.utc)
