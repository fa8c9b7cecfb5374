"""iCal: the .ics file of a meeting, the personal and body feeds behind a secret URL, the feed link."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from icalendar import Calendar
from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import feeds, services
from ivzflow.meetings.models import FeedToken, Location

pytestmark = pytest.mark.usefixtures("cal_frozen")


def _calendar(response) -> Calendar:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def _events(response) -> dict:
    return {str(e["UID"]): e for e in _calendar(response).walk("VEVENT")}


@pytest.fixture
def cal_member(make_user, make_body, make_member):
    """A user who sits in a body, with a live feed secret: (user, body, secret)."""
    def make(*roles: Role, show_all_deadlines: bool = False):
        body = make_body("DVO Twente", short_name="DVO")
        user = make_user(*roles)
        user.show_all_deadlines = show_all_deadlines
        make_member(body, user.person)
        _token, secret = feeds.renew(user)
        db.session.commit()
        return user, body, secret
    return make


def test_personal_feed_parses_with_meetings_and_deadlines_of_my_bodies(client, cal_member, cal_rule, make_meeting,
                                                                       make_body):
    user, body, secret = cal_member(show_all_deadlines=True)  # a member who chose all deadlines
    cal_rule(body)
    meeting = make_meeting(body, datetime(2015, 4, 16, 10, 0),
                           location=Location(name="Stadhuis", street="Langestraat 24", town="Enschede", room="Raadzaal"))
    make_meeting(make_body("Ander gremium"), datetime(2015, 4, 17, 10, 0))  # not mine
    make_meeting(body, datetime(2015, 5, 21, 10, 0), published=False)  # a draft: not in feeds

    response = client.get(f"/feeds/{secret}/me.ics")
    cal = _calendar(response)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    deadline_uids = {f"deadline-{d.id}@ivzflow" for d in meeting.deadlines}
    assert set(events) == {f"meeting-{meeting.id}@ivzflow"} | deadline_uids
    event = events[f"meeting-{meeting.id}@ivzflow"]
    assert str(event["SUMMARY"]) == meeting.name
    assert "Langestraat 24" in str(event["LOCATION"]) and "Raadzaal" in str(event["LOCATION"])
    assert str(event["URL"]).startswith("http://127.0.0.1:5000/")
    assert str(event["URL"]) in str(event["DESCRIPTION"])
    assert event["LAST-MODIFIED"].dt == meeting.updated_at
    assert str(cal["UID"]) == f"ivzflow-feed-user-{user.id}"
    assert cal.timezones[0].tz_name == "Europe/Amsterdam"
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_a_member_who_only_reads_gets_his_meetings_without_the_deadlines_of_others(
        client, cal_member, cal_rule, make_meeting):
    """The submission and agenda deadlines are work of the secretariat and the submitters, not his."""
    _user, body, secret = cal_member(Role.MEMBER)
    cal_rule(body)
    meeting = make_meeting(body, datetime(2015, 4, 16, 10, 0))
    assert meeting.deadlines
    assert set(_events(client.get(f"/feeds/{secret}/me.ics"))) == {f"meeting-{meeting.id}@ivzflow"}


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled_with_a_higher_sequence(client, cal_member, cal_rule,
                                                                                   make_meeting):
    _user, body, secret = cal_member(show_all_deadlines=True)
    cal_rule(body)
    meeting = make_meeting(body, datetime(2015, 4, 16, 10, 0))
    uid = f"meeting-{meeting.id}@ivzflow"
    before = _events(client.get(f"/feeds/{secret}/me.ics"))[uid]
    assert str(before["STATUS"]) == "CONFIRMED"

    services.cancel_meeting(None, meeting, "AB VRT verplaatst", version=meeting.version)
    db.session.commit()
    events = _events(client.get(f"/feeds/{secret}/me.ics"))
    after = events[uid]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert "AB VRT verplaatst" not in after.to_ical().decode()  # reasons stay in the app
    for deadline in meeting.deadlines:
        assert str(events[f"deadline-{deadline.id}@ivzflow"]["STATUS"]) == "CANCELLED"


def test_uids_are_stable_across_fetches_and_a_move_raises_the_sequence(client, cal_member, make_meeting):
    _user, body, secret = cal_member()
    meeting = make_meeting(body, datetime(2015, 4, 16, 10, 0))
    first = _calendar(client.get(f"/feeds/{secret}/me.ics"))
    second = _calendar(client.get(f"/feeds/{secret}/me.ics"))
    assert str(first["UID"]) == str(second["UID"])
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in second.walk("VEVENT")]

    services.move_meeting(None, meeting, clock.local_to_utc(datetime(2015, 4, 17).date(), 14), "Zaal bezet",
                          version=meeting.version)
    db.session.commit()
    moved = _events(client.get(f"/feeds/{secret}/me.ics"))[f"meeting-{meeting.id}@ivzflow"]
    old = next(iter(first.walk("VEVENT")))
    assert moved["SEQUENCE"] > old["SEQUENCE"]
    assert moved.start.hour == 14


def test_a_polling_calendar_gets_304_until_something_changes(client, cal_member, make_meeting):
    _user, body, secret = cal_member()
    meeting = make_meeting(body, datetime(2015, 4, 16, 10, 0))
    first = client.get(f"/feeds/{secret}/me.ics")
    etag = first.headers["ETag"]
    again = client.get(f"/feeds/{secret}/me.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""

    services.move_meeting(None, meeting, clock.local_to_utc(datetime(2015, 4, 17).date(), 14), "Zaal bezet",
                          version=meeting.version)
    db.session.commit()
    changed = client.get(f"/feeds/{secret}/me.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert _events(changed)[f"meeting-{meeting.id}@ivzflow"].start.hour == 14


def test_times_stay_ten_o_clock_local_across_the_change_to_summer_time(client, cal_member, make_meeting):
    _user, body, secret = cal_member()
    winter = make_meeting(body, datetime(2015, 3, 26, 10, 0))
    summer = make_meeting(body, datetime(2015, 3, 30, 10, 0))
    events = _events(client.get(f"/feeds/{secret}/bodies/{body.id}.ics"))
    for meeting, utc_hour in ((winter, 9), (summer, 8)):
        event = events[f"meeting-{meeting.id}@ivzflow"]
        assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
        assert (event.start.hour, event.start.minute) == (10, 0)
        assert event.start.tzinfo.key == "Europe/Amsterdam"
        assert event.start.astimezone(timezone.utc).hour == utc_hour
        assert event.end - event.start == timedelta(minutes=90)


def test_body_feed_has_the_published_meetings_of_that_body_for_any_user(client, make_user, make_body, make_meeting):
    body, other = make_body("Platform IVZ"), make_body("DVO Twente")
    published = make_meeting(body, datetime(2015, 4, 2, 13, 30))
    make_meeting(body, datetime(2015, 5, 7, 13, 30), published=False)
    make_meeting(other, datetime(2015, 4, 3, 10, 0))
    _token, secret = feeds.renew(make_user(Role.MEMBER))  # not a member of anything
    db.session.commit()
    response = client.get(f"/feeds/{secret}/bodies/{body.id}.ics")
    cal = _calendar(response)
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"meeting-{published.id}@ivzflow"]
    assert str(cal["UID"]) == f"ivzflow-feed-body-{body.id}"
    assert client.get(f"/feeds/{secret}/bodies/99999.ics").status_code == 404


def test_user_without_a_membership_gets_an_empty_personal_feed(client, make_user, make_body, make_meeting):
    make_meeting(make_body(), datetime(2015, 4, 2, 13, 30))
    _token, secret = feeds.renew(make_user(Role.MEMBER))
    db.session.commit()
    cal = _calendar(client.get(f"/feeds/{secret}/me.ics"))
    assert cal.walk("VEVENT") == []


def test_projectleider_gets_submission_deadlines_of_the_bodies_the_agendacommissie_prepares(
        client, make_user, make_body, cal_rule, make_meeting):
    from ivzflow.bodies.services import add_relation

    commissie = make_body("Agendacommissie", grants_role="agendacommissie")
    dvo = make_body("DVO Twente", short_name="DVO")
    add_relation(commissie, dvo, "prepares", None)
    cal_rule(dvo)
    meeting = make_meeting(dvo, datetime(2015, 4, 16, 10, 0))
    _token, secret = feeds.renew(make_user(Role.PROJECTLEIDER))
    db.session.commit()
    events = _events(client.get(f"/feeds/{secret}/me.ics"))
    submission = next(d for d in meeting.deadlines if d.kind == "submission")
    assert set(events) == {f"deadline-{submission.id}@ivzflow"}
    assert "Inleverdatum" in str(events[f"deadline-{submission.id}@ivzflow"]["SUMMARY"])


@pytest.mark.parametrize("secret", ["not-a-secret", "x" * 300])
def test_unknown_secret_is_404(client, secret):
    assert client.get(f"/feeds/{secret}/me.ics").status_code == 404
    assert client.get(f"/feeds/{secret}/bodies/1.ics").status_code == 404


def test_renewing_or_revoking_the_link_makes_old_urls_404(client, cal_member, login, make_meeting):
    user, body, old_secret = cal_member()
    make_meeting(body)
    assert client.get(f"/feeds/{old_secret}/me.ics").status_code == 200

    login(user)
    page = client.post("/calendar/subscribe").get_data(as_text=True)
    new_secret = next(s for s in _secrets_in(page) if s != old_secret)
    assert f"http://127.0.0.1:5000/feeds/{new_secret}/bodies/{body.id}.ics" in page
    assert client.get(f"/feeds/{old_secret}/me.ics").status_code == 404
    assert client.get(f"/feeds/{old_secret}/bodies/{body.id}.ics").status_code == 404
    assert client.get(f"/feeds/{new_secret}/me.ics").status_code == 200
    assert new_secret not in client.get("/calendar/subscribe").get_data(as_text=True)  # shown only once

    assert client.post("/calendar/subscribe/revoke").status_code == 302
    assert client.get(f"/feeds/{new_secret}/me.ics").status_code == 404
    assert db.session.scalar(select(db.func.count(FeedToken.id)).where(FeedToken.revoked_at.is_(None))) == 0


def _secrets_in(page: str) -> list[str]:
    import re
    return re.findall(r"/feeds/([A-Za-z0-9_-]+)/me\.ics", page)


def test_only_the_hash_of_the_secret_is_stored(make_user):
    user = make_user()
    token, secret = feeds.renew(user)
    db.session.commit()
    assert secret not in token.token_hash and len(token.token_hash) == 64
    assert feeds.user_for_secret(secret).id == user.id


def test_a_disabled_users_feed_is_404(client, cal_member):
    user, _body, secret = cal_member()
    user.is_enabled = False
    db.session.commit()
    assert client.get(f"/feeds/{secret}/me.ics").status_code == 404


def test_meeting_ics_file_for_those_who_may_see_it(client, login_as, make_body, make_meeting):
    body = make_body()
    published = make_meeting(body)
    draft = make_meeting(body, datetime(2015, 4, 2, 10, 0), published=False)
    login_as(Role.MEMBER)
    response = client.get(f"/meetings/{published.id}.ics")
    events = _events(response)
    assert set(events) == {f"meeting-{published.id}@ivzflow"}
    assert "attachment" in response.headers["Content-Disposition"]
    assert client.get(f"/meetings/{draft.id}.ics").status_code == 403
    assert client.get("/meetings/99999.ics").status_code == 404


def test_meeting_ics_needs_a_login(client, make_body, make_meeting):
    meeting = make_meeting(make_body())
    response = client.get(f"/meetings/{meeting.id}.ics")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_feed_link_forms_need_a_csrf_token(app, client, login_as, monkeypatch):
    login_as(Role.MEMBER)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get("/calendar/subscribe").get_data(as_text=True)
    assert 'name="csrf_token"' in page
    assert client.post("/calendar/subscribe").status_code == 400
    assert client.post("/calendar/subscribe/revoke").status_code == 400
    assert db.session.scalar(select(db.func.count(FeedToken.id))) == 0
