"""The policy calendar: recurring dates 2011-2017, reminders through the scheduler, the page and the feed."""
from __future__ import annotations

from datetime import date, datetime, timezone

from icalendar import Calendar
from sqlalchemy import select

from ivzflow.accounts.models import User
from ivzflow.extensions import db
from ivzflow.meetings import feeds
from ivzflow.plans import policy
from ivzflow.plans.models import PolicyOccurrence, PolicySeries
from ivzflow.reminders.models import Notification, PolicyEvent, Reminder
from ivzflow.reminders.planner import replan
from ivzflow.reminders.sweep import sweep

DEMO_NOW = datetime(2015, 6, 1, 7, tzinfo=timezone.utc)  # 09:00 in Amsterdam


def _user(name: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{name}@demo.ivzflow.nl"))


def test_demo_events_2011_2017_follow_the_repeat_rules(demo):
    found = {(e.series.kind, e.occurrence.occurs_on, e.occurrence.ends_on) for e in policy.entries()}
    assert ("ivm", date(2011, 9, 1), None) in found and ("ivm", date(2015, 9, 1), None) in found
    assert ("ivm", date(2016, 3, 1), None) in found  # results in March 2016
    assert ("local_plans", date(2013, 1, 1), date(2016, 12, 31)) in found
    assert ("local_plans", date(2017, 1, 1), date(2020, 12, 31)) in found
    assert {(s, e) for k, s, e in found if k == "action_plan"} == {
        (date(2013, 1, 1), date(2014, 12, 31)), (date(2015, 1, 1), date(2016, 12, 31)),
        (date(2017, 1, 1), date(2018, 12, 31))}
    assert ("financing", date(2016, 7, 1), None) in found
    assert all(2011 <= s.year <= 2017 for _k, s, _e in found)
    titles = set(db.session.scalars(select(PolicyEvent.title)))
    assert "Integrale Veiligheidsmonitor: meting 2015" in titles
    assert "Lokale integrale veiligheidsplannen 2013-2016" in titles


def test_reminder_before_the_ivm_of_september_2015(demo, time_machine):
    time_machine.move_to(DEMO_NOW, tick=False)
    event = db.session.scalar(select(PolicyEvent).where(PolicyEvent.title == "Integrale Veiligheidsmonitor: meting 2015"))
    replan("policy", event.id)
    db.session.commit()
    reminders = db.session.scalars(select(Reminder).where(Reminder.subject_type == "policy",
                                                          Reminder.subject_id == event.id)).all()
    assert _user("secretariaat").id in {r.user_id for r in reminders}
    assert _user("agendacommissie").id in {r.user_id for r in reminders}  # a member of the agendacommissie
    assert {r.due_at.date() for r in reminders} == {date(2015, 7, 3)}  # 60 days before 1 September
    time_machine.move_to(datetime(2015, 7, 3, 7, 30, tzinfo=timezone.utc), tick=False)
    sweep()
    note = db.session.scalar(select(Notification).where(Notification.user_id == _user("secretariaat").id,
                                                        Notification.kind == "policy_event"))
    assert note is not None and "Integrale Veiligheidsmonitor: meting 2015" in note.title


def test_changing_the_rule_moves_the_occurrences_and_their_events(demo):
    series = db.session.scalar(select(PolicySeries).where(PolicySeries.title == "Integrale Veiligheidsmonitor: meting"))
    policy.save_series(None, series, version=series.version, kind="ivm", title=series.title,
                       starts_on=date(2011, 10, 1), ends_on=None, repeat_years=2, until_year=2015,
                       remind_days_before=14, description=None)
    db.session.commit()
    dates = [o.occurs_on for o in series.occurrences]
    assert dates == [date(2011, 10, 1), date(2013, 10, 1), date(2015, 10, 1)]
    events = db.session.scalars(select(PolicyEvent).where(PolicyEvent.title.like("Integrale Veiligheidsmonitor: meting%"))
                                .order_by(PolicyEvent.happens_on)).all()
    assert [e.happens_on for e in events] == dates and {e.remind_days_before for e in events} == {14}
    assert db.session.scalar(select(PolicyOccurrence).where(PolicyOccurrence.occurs_on == date(2011, 9, 1))) is None


def test_calendar_page_and_the_secretariat_adds_a_series(demo_login, count_queries, time_machine):
    time_machine.move_to(DEMO_NOW)
    client = demo_login("secretariaat")
    with count_queries() as counted:
        response = client.get("/plannen/kalender?from=2011-01-01&to=2017-12-31")
    assert response.status_code == 200 and counted.n <= 15
    html = response.get_data(as_text=True)
    assert "Integrale Veiligheidsmonitor: meting 2015" in html and "Actieplan Platform IVZ 2017-2018" in html
    response = client.post("/plannen/kalender", data={
        "kind": "other", "title": "Evaluatie samenwerking", "starts_on": "2016-11-01", "repeat_years": "1",
        "until_year": "2018", "remind_days_before": "21"})
    assert response.status_code == 302
    assert [e.happens_on.year for e in db.session.scalars(
        select(PolicyEvent).where(PolicyEvent.title.like("Evaluatie samenwerking%")))] == [2016, 2017, 2018]
    response = client.post("/plannen/kalender", data={
        "kind": "other", "title": "Fout", "starts_on": "2016-11-01", "ends_on": "2016-01-01",
        "remind_days_before": "21"})
    assert response.status_code == 400 and "op of na het begin" in response.get_data(as_text=True)
    assert client.get("/plannen/kalender?from=2015-13-01").status_code == 400
    series = db.session.scalar(select(PolicySeries).where(PolicySeries.title == "Evaluatie samenwerking"))
    response = client.post(f"/plannen/kalender/{series.id}/verwijderen", data={"version": series.version})
    assert response.status_code == 303
    assert db.session.scalar(select(PolicyEvent).where(PolicyEvent.title.like("Evaluatie%"))) is None


def test_members_read_the_calendar_but_cannot_change_it(demo_login):
    client = demo_login("lid")
    assert client.get("/plannen/kalender").status_code == 200
    assert client.post("/plannen/kalender", data={"title": "x"}).status_code == 403
    series = db.session.scalar(select(PolicySeries))
    assert client.post(f"/plannen/kalender/{series.id}/verwijderen", data={"version": 1}).status_code == 403


def test_policy_feed_behind_the_personal_secret(demo, client, time_machine):
    time_machine.move_to(DEMO_NOW)
    _token, secret = feeds.renew(_user("lid"))
    db.session.commit()
    response = client.get(f"/plannen/feeds/{secret}/beleidskalender.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert "Integrale Veiligheidsmonitor: meting 2015" in summaries
    assert "Integrale Veiligheidsmonitor: meting 2011" not in summaries  # from a year back
    assert client.get("/plannen/feeds/nonsense/beleidskalender.ics").status_code == 404


def test_month_calendar_shows_policy_dates_to_those_reminded(demo_login, count_queries, time_machine):
    """The IVM of September 2015 is in the month calendar of the secretariat and the agendacommissie (the
    reminders' audience), not in that of a member; the page stays bounded."""
    time_machine.move_to(DEMO_NOW)
    for name in ("secretariaat", "agendacommissie"):
        client = demo_login(name)
        with count_queries() as counted:
            response = client.get("/calendar?month=2015-09")
        assert response.status_code == 200 and counted.n <= 15, counted.n
        assert "Integrale Veiligheidsmonitor: meting 2015" in response.get_data(as_text=True)
    html = demo_login("lid").get("/calendar?month=2015-09").get_data(as_text=True)
    assert "Integrale Veiligheidsmonitor" not in html


def test_personal_feed_carries_policy_dates_for_those_reminded(demo, client, time_machine):
    time_machine.move_to(DEMO_NOW)
    _token, secret = feeds.renew(_user("agendacommissie"))
    _token, member_secret = feeds.renew(_user("lid"))
    db.session.commit()
    response = client.get(f"/feeds/{secret}/me.ics")
    assert response.status_code == 200
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.data).walk("VEVENT")}
    ivm = events["Integrale Veiligheidsmonitor: meting 2015"]
    assert ivm.start == date(2015, 9, 1)  # an all-day event
    plans = events["Lokale integrale veiligheidsplannen 2017-2020"]
    assert plans.end == date(2021, 1, 1)  # the period, DTEND exclusive
    assert "Integrale Veiligheidsmonitor: meting 2011" not in events  # from a year back, like the meetings
    member = Calendar.from_ical(client.get(f"/feeds/{member_secret}/me.ics").data)
    assert not any("Veiligheidsmonitor" in str(e["SUMMARY"]) for e in member.walk("VEVENT"))


def test_policy_calendar_filters_by_district(demo_login, time_machine):
    from ivzflow.organisations.models import District
    time_machine.move_to(DEMO_NOW)
    other = District(name="Noord-Holland Noord")
    db.session.add(other)
    db.session.commit()
    client = demo_login("secretariaat")
    response = client.post(f"/plannen/kalender?district={other.id}", data={
        "kind": "other", "title": "Eigen evaluatie", "starts_on": "2016-11-01", "remind_days_before": "21"})
    assert response.status_code == 302
    twente = policy.entries()[0].series.district_id
    assert "Eigen evaluatie" in client.get(f"/plannen/kalender?district={other.id}").get_data(as_text=True)
    html = client.get(f"/plannen/kalender?district={twente}").get_data(as_text=True)
    assert "Eigen evaluatie" not in html and "Integrale Veiligheidsmonitor: meting 2015" in html
    assert "Eigen evaluatie" not in client.get("/plannen/kalender").get_data(as_text=True)  # Twente's by default
    assert "Eigen evaluatie" in client.get("/plannen/kalender?district=all").get_data(as_text=True)
    assert client.get("/plannen/kalender?district=abc").status_code == 400


def test_calendar_feed_and_api_show_the_users_district_and_the_national_dates(demo, client, time_machine):
    """Another district's dates stay out of a Twente secretariat member's calendar, feeds and the default API
    answer (a national installation has 43 districts' dates)."""
    from ivzflow.organisations.models import District
    time_machine.move_to(DEMO_NOW)
    other = District(name="Noord-Holland Noord")
    db.session.add(other)
    db.session.flush()
    policy.save_series(None, None, kind="ivm", title="Monitor elders", starts_on=date(2015, 9, 15), ends_on=None,
                       repeat_years=None, until_year=None, remind_days_before=30, description=None,
                       district_id=other.id)
    policy.save_series(None, None, kind="other", title="Landelijke dag", starts_on=date(2015, 9, 16), ends_on=None,
                       repeat_years=None, until_year=None, remind_days_before=30, description=None, district_id=None)
    _token, secret = feeds.renew(_user("secretariaat"))
    db.session.commit()
    personal = client.get(f"/feeds/{secret}/me.ics").get_data(as_text=True)
    assert "Landelijke dag" in personal and "Monitor elders" not in personal
    assert "Integrale Veiligheidsmonitor: meting 2015" in personal
    policy_feed = client.get(f"/plannen/feeds/{secret}/beleidskalender.ics").get_data(as_text=True)
    assert "Landelijke dag" in policy_feed and "Monitor elders" not in policy_feed
    from ivzflow.accounts.services import create_token
    _api_token, api = create_token(_user("secretariaat"), "test")
    db.session.commit()
    titles = {e["title"] for e in client.get("/api/v1/policy-events?from=2015-09-01&to=2015-09-30",
                                             headers={"Authorization": f"Bearer {api}"}).json["data"]}
    assert "Landelijke dag 2015" in titles and "Monitor elders 2015" not in titles
    titles = {e["title"] for e in client.get(f"/api/v1/policy-events?from=2015-09-01&to=2015-09-30&district={other.id}",
                                             headers={"Authorization": f"Bearer {api}"}).json["data"]}
    assert "Monitor elders 2015" in titles and "Integrale Veiligheidsmonitor: meting 2015" not in titles
