"""Planning on cycles: rules, generated years, deadlines, moving and cancelling with what follows."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from ivzflow.bodies.models import Membership
from ivzflow.bodies.services import appoint
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError
from ivzflow.extensions import db
from ivzflow.meetings import hosts, services
from ivzflow.meetings.models import HostTurn, Location, Meeting

AB_DATES_2015 = [date(2015, 2, 11), date(2015, 4, 1), date(2015, 5, 14), date(2015, 7, 1), date(2015, 10, 7),
                 date(2015, 12, 9)]  # 14 May 2015 is Hemelvaartsdag


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return clock.local_to_utc(day, hour, minute)


@pytest.fixture
def chain(make_body):
    """AB VRT with its 2015 dates; DVO on the same day before it; Platform 2 weeks before the DVO;
    agendacommissie 5 working days before the Platform."""
    ab, dvo, platform, ac = (make_body(n) for n in ("AB VRT", "DVO Twente", "Platform IVZ", "Agendacommissie"))
    services.save_rule(ab, per_year=6, exactly=True, duration_minutes=120, weekday=2, start_time="14:00",
                       anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=28, agenda_fixed_days=21,
                       documents_days=10)
    services.save_rule(dvo, per_year=6, exactly=True, duration_minutes=90, weekday=None, start_time="12:00",
                       anchor="same_day_before", anchor_body_id=ab.id, anchor_offset=30, submission_days=21,
                       agenda_fixed_days=14, documents_days=7)
    services.save_rule(platform, per_year=6, exactly=False, duration_minutes=150, weekday=None, start_time="09:30",
                       anchor="weeks_before", anchor_body_id=dvo.id, anchor_offset=2, submission_days=14,
                       agenda_fixed_days=10, documents_days=5, has_host_rotation=True)
    services.save_rule(ac, per_year=6, exactly=False, duration_minutes=90, weekday=None, start_time="13:00",
                       anchor="working_days_before", anchor_body_id=platform.id, anchor_offset=5, submission_days=3,
                       agenda_fixed_days=2, documents_days=1)
    for day in AB_DATES_2015:
        services.create_meeting(None, ab, at(day, 14), 120, publish=True)
    db.session.commit()
    return ab, dvo, platform, ac


def test_generating_2015_for_the_dvo_gives_six_meetings_before_the_ab_and_none_on_a_holiday(chain):
    ab, dvo, *_ = chain
    result = services.generate_year(None, dvo, 2015)
    db.session.commit()
    assert len(result.created) == 6
    holidays = services.closed_days(2015)
    ab_meetings = services.meetings_of(ab.id, 2015)
    for meeting, anchor in zip(sorted(result.created, key=lambda m: m.start_at), ab_meetings):
        assert meeting.anchor_meeting_id == anchor.id
        assert meeting.local_day <= anchor.local_day
        assert meeting.end_at <= anchor.start_at
        assert meeting.local_day not in holidays and meeting.local_day.weekday() < 5
        assert not meeting.is_published
    on_ascension = next(m for m in result.created if m.anchor_meeting.local_day == date(2015, 5, 14))
    assert on_ascension.local_day == date(2015, 5, 13)
    regular = next(m for m in result.created if m.anchor_meeting.local_day == date(2015, 2, 11))
    assert clock.local(regular.start_at).strftime("%H:%M") == "12:00"  # ends 30 minutes before the AB's 14:00


def test_generating_twice_adds_nothing(chain):
    _ab, dvo, *_ = chain
    services.generate_year(None, dvo, 2015)
    again = services.generate_year(None, dvo, 2015)
    assert again.created == [] and len(again.skipped) == 6


def test_dependent_calendars_follow_the_chain(chain):
    _ab, dvo, platform, ac = chain
    for body in (dvo, platform, ac):
        services.generate_year(None, body, 2015)
    db.session.commit()
    holidays = services.closed_days(2015)
    for meeting in services.meetings_of(platform.id, 2015):
        assert meeting.anchor_meeting.body_id == dvo.id
        assert meeting.local_day <= meeting.anchor_meeting.local_day - timedelta(days=14)
        assert meeting.local_day not in holidays
    for meeting in services.meetings_of(ac.id, 2015):
        platform_day = meeting.anchor_meeting.local_day
        working_days = sum(1 for n in range(1, (platform_day - meeting.local_day).days)
                           if (d := meeting.local_day + timedelta(days=n)).weekday() < 5 and d not in holidays)
        assert working_days == 4  # five working days before: four working days lie in between


def test_generation_without_anchor_meetings_says_what_to_do(chain, make_body):
    ab, dvo, *_ = chain
    with pytest.raises(ValidationError, match="nog geen vergaderingen"):
        services.generate_year(None, dvo, 2016)


def test_driehoek_pattern_gives_four_meetings_on_working_days(make_body):
    driehoek = make_body("Gezagsdriehoek Midden", kind="driehoek")
    services.save_rule(driehoek, per_year=4, exactly=False, duration_minutes=120, weekday=3, start_time="10:00",
                       anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=14, agenda_fixed_days=10,
                       documents_days=7)
    result = services.generate_year(None, driehoek, 2015)
    days = [m.local_day for m in result.created]
    assert len(days) == 4 and [d.month for d in days] == [1, 4, 7, 10]
    assert all(d.weekday() == 3 for d in days)  # second Thursday of the quarter's first month


def test_deadlines_follow_from_the_rule_on_working_days(chain):
    _ab, dvo, *_ = chain
    meeting = services.generate_year(None, dvo, 2015).created[0]
    due = {d.kind: clock.local(d.due_at) for d in meeting.deadlines}
    assert set(due) == {"submission", "agenda_fixed", "documents"}
    assert due["submission"].date() == meeting.local_day - timedelta(days=21)
    assert due["submission"].hour == 17
    assert due["submission"] < due["agenda_fixed"] < due["documents"] < clock.local(meeting.start_at)


@pytest.mark.parametrize("field, value, message", [
    ("submission_days", 0, "na de vergadering"),
    ("documents_days", -3, "na de vergadering"),
    ("agenda_fixed_days", 30, "volgorde"),
    ("per_year", 0, "1 tot 52"),
    ("start_time", "25:00", "09:30"),
])
def test_bad_rules_are_refused_with_a_reason(make_body, field, value, message):
    body = make_body()
    values = dict(per_year=6, exactly=True, duration_minutes=90, weekday=None, start_time="12:00", anchor="none",
                  anchor_body_id=None, anchor_offset=0, submission_days=21, agenda_fixed_days=14, documents_days=7)
    values[field] = value
    with pytest.raises(ValidationError, match=message):
        services.save_rule(body, **values)


def test_anchoring_in_a_circle_is_refused(chain):
    ab, dvo, *_ = chain
    with pytest.raises(ValidationError, match="kringloop"):
        services.save_rule(ab, per_year=6, exactly=True, duration_minutes=90, weekday=None, start_time="12:00",
                           anchor="same_day_before", anchor_body_id=dvo.id, anchor_offset=0, submission_days=21,
                           agenda_fixed_days=14, documents_days=7, version=services.rule_of(ab.id).version)


def test_moving_the_ab_moves_the_dvo_the_platform_and_all_their_deadlines(chain):
    ab, dvo, platform, ac = chain
    for body in (dvo, platform, ac):
        services.generate_year(None, body, 2015)
    db.session.commit()
    ab_meeting = services.meetings_of(ab.id, 2015)[3]  # 1 July
    dvo_meeting = next(m for m in services.meetings_of(dvo.id, 2015) if m.anchor_meeting_id == ab_meeting.id)
    platform_meeting = next(m for m in services.meetings_of(platform.id, 2015) if m.anchor_meeting_id == dvo_meeting.id)
    old_submission = next(d.due_at for d in dvo_meeting.deadlines if d.kind == "submission")
    lines = services.move_meeting(None, ab_meeting, at(date(2015, 7, 8), 14), "Zaal niet beschikbaar",
                                  version=ab_meeting.version)
    db.session.commit()
    assert dvo_meeting.local_day == date(2015, 7, 8)
    assert platform_meeting.local_day == date(2015, 6, 24)
    new_submission = next(d.due_at for d in dvo_meeting.deadlines if d.kind == "submission")
    assert new_submission - old_submission == timedelta(days=7)
    text = "\n".join(lines)
    assert ab_meeting.name in text and dvo_meeting.name in text and "Inleverdatum" in text
    assert dvo_meeting.sequence == 1
    changes = services.changes_of(dvo_meeting.id)
    assert changes[0].cause_meeting_id == ab_meeting.id


def test_moving_only_the_meeting_leaves_dependents(chain):
    ab, dvo, *_ = chain
    services.generate_year(None, dvo, 2015)
    ab_meeting = services.meetings_of(ab.id, 2015)[0]
    dvo_meeting = next(m for m in services.meetings_of(dvo.id, 2015) if m.anchor_meeting_id == ab_meeting.id)
    before = dvo_meeting.start_at
    services.move_meeting(None, ab_meeting, at(date(2015, 2, 18), 14), "Reces", with_dependents=False,
                          version=ab_meeting.version)
    assert dvo_meeting.start_at == before


def test_moving_needs_a_reason_and_a_fresh_form(chain):
    ab, *_ = chain
    meeting = services.meetings_of(ab.id, 2015)[0]
    with pytest.raises(ValidationError, match="reden"):
        services.move_meeting(None, meeting, at(date(2015, 2, 18), 14), "  ", version=meeting.version)
    with pytest.raises(Conflict, match="intussen gewijzigd"):
        services.move_meeting(None, meeting, at(date(2015, 2, 18), 14), "x", version=meeting.version + 1)


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2101, 1, 1)])
def test_moving_outside_the_calendar_years_is_refused_like_planning(chain, day):
    ab, *_ = chain
    meeting = services.meetings_of(ab.id, 2015)[0]
    with pytest.raises(ValidationError, match="tussen 2000 en 2100") as refused:
        services.move_meeting(None, meeting, at(day, 14), "ver weg", version=meeting.version)
    assert refused.value.field == "start_on"


def test_the_move_form_refuses_a_date_no_calendar_holds(client, login, chain, make_user):
    """Year 1 has no day before it to reckon from: a message on the form (found by the full-strength fuzz)."""
    from ivzflow.accounts.roles import Role

    ab, *_ = chain
    meeting = services.meetings_of(ab.id, 2015)[0]
    login(make_user(Role.SECRETARIAT))
    response = client.post(f"/meetings/{meeting.id}/move", data={
        "version": meeting.version, "start_on": "0001-01-01", "start_time": "00:30", "duration_minutes": 60,
        "reason": "Test"})
    assert response.status_code == 400 and "tussen 2000 en 2100" in response.get_data(as_text=True)


def test_cancelling_cancels_deadlines_and_dependents(chain):
    ab, dvo, *_ = chain
    services.generate_year(None, dvo, 2015)
    ab_meeting = services.meetings_of(ab.id, 2015)[0]
    dvo_meeting = next(m for m in services.meetings_of(dvo.id, 2015) if m.anchor_meeting_id == ab_meeting.id)
    lines = services.cancel_meeting(None, ab_meeting, "Vervalt wegens gebrek aan agendapunten",
                                    version=ab_meeting.version)
    assert ab_meeting.is_cancelled and dvo_meeting.is_cancelled
    assert all(d.is_cancelled for d in dvo_meeting.deadlines)
    assert len(lines) == 2
    with pytest.raises(Conflict):
        services.move_meeting(None, dvo_meeting, at(date(2015, 2, 18), 12), "te laat", version=dvo_meeting.version)


def test_a_held_meeting_cannot_be_moved(chain, time_machine):
    ab, *_ = chain
    meeting = services.meetings_of(ab.id, 2015)[0]
    time_machine.move_to(datetime(2015, 3, 1, tzinfo=timezone.utc))
    services.change_state(None, meeting, "held", version=meeting.version)
    with pytest.raises(Conflict):
        services.move_meeting(None, meeting, at(date(2015, 2, 18), 14), "te laat", version=meeting.version)


def test_a_future_meeting_cannot_be_marked_held(chain, time_machine):
    ab, *_ = chain
    time_machine.move_to(datetime(2015, 1, 1, tzinfo=timezone.utc))
    meeting = services.meetings_of(ab.id, 2015)[0]
    with pytest.raises(Conflict, match="begonnen"):
        services.change_state(None, meeting, "held", version=meeting.version)


def test_times_keep_their_wall_clock_across_daylight_saving(make_body):
    body = make_body()
    before = services.create_meeting(None, body, at(date(2015, 3, 26), 10), 60)
    after = services.create_meeting(None, body, at(date(2015, 3, 30), 10), 60)
    assert before.start_at.hour == 9 and after.start_at.hour == 8  # UTC: CET then CEST
    assert clock.local(before.start_at).hour == clock.local(after.start_at).hour == 10


def test_clashes_of_bodies_sharing_members_on_one_day(make_body, make_person, make_seat):
    mayor = make_person("Burgemeester")
    dvo, driehoek, other = make_body("DVO"), make_body("Driehoek"), make_body("Andere")
    for body in (dvo, driehoek):
        appoint(None, make_seat(body), mayor, date(2015, 1, 1))
    appoint(None, make_seat(other), make_person(), date(2015, 1, 1))
    day = date(2015, 6, 3)
    a = services.create_meeting(None, dvo, at(day, 10), 60)
    b = services.create_meeting(None, driehoek, at(day, 14), 60)
    c = services.create_meeting(None, other, at(day, 14), 60)
    found = services.clashes([a, b, c])
    assert [m.id for m in found[a.id]] == [b.id]
    assert c.id not in found


def test_host_rotation_is_fair_and_skips_with_a_reason(make_body, make_org):
    platform = make_body("Platform")
    orgs = [make_org(f"Gemeente {n}") for n in "ABC"]
    for i, org in enumerate(orgs):
        db.session.add(Location(organisation_id=org.id, name=f"Stadhuis {org.name}", town="Twente"))
        db.session.add(HostTurn(body_id=platform.id, organisation_id=org.id, position=i))
    db.session.flush()
    meetings = [services.create_meeting(None, platform, at(date(2015, m, 10), 10), 120) for m in (1, 3, 5, 7)]
    hosts.assign_host(meetings[0])
    hosts.assign_host(meetings[1], skips=[(orgs[1].id, "Verbouwing stadhuis")])
    hosts.assign_host(meetings[2])
    hosts.assign_host(meetings[3])
    assert [m.host_organisation_id for m in meetings] == [orgs[0].id, orgs[2].id, orgs[1].id, orgs[0].id]
    assert meetings[0].location.name == "Stadhuis Gemeente A"
    assert hosts.skips_of(meetings[1].id)[0].reason == "Verbouwing stadhuis"
    with pytest.raises(ValidationError, match="reden"):
        hosts.assign_host(meetings[3], skips=[(orgs[0].id, "")])


def test_compliance_counts_planned_and_held_against_the_norm(chain, time_machine):
    ab, dvo, *_ = chain
    services.generate_year(None, dvo, 2015)
    first = services.meetings_of(dvo.id, 2015)[0]
    services.cancel_meeting(None, first, "vervalt", with_dependents=False, version=first.version)
    time_machine.move_to(datetime(2015, 9, 15, 8, tzinfo=timezone.utc))
    rows = {r.body.name: r for r in services.compliance(2015)}
    assert rows["DVO Twente"].planned == 5 and rows["DVO Twente"].short == 1
    assert rows["AB VRT"].planned == 6 and rows["AB VRT"].short == 0
    warnings = " ".join(services.compliance_warnings())
    assert "DVO Twente: 5 van de 6" in warnings
    assert "2016 is nog niet gepland" in warnings


def test_deadline_offset_change_applies_to_new_meetings(make_body):
    body = make_body()
    with pytest.raises(ValidationError):
        services.save_rule(body, per_year=4, exactly=False, duration_minutes=60, weekday=None, start_time="10:00",
                           anchor="none", anchor_body_id=None, anchor_offset=0, submission_days=0,
                           agenda_fixed_days=0, documents_days=0)
    assert db.session.scalar(select(db.func.count(Meeting.id))) == 0
    assert db.session.scalar(select(db.func.count(Membership.id))) == 0


def test_a_year_plans_only_inside_itself_reports_what_it_made_and_publishes_all_of_it(chain):
    """A January DVO puts its Platform in December of the year before: that one is not made for this year
    (it is said where it belongs), and a January DVO of the next year gives this year's December Platform."""
    ab, dvo, platform, _ac = chain
    services.create_meeting(None, ab, at(date(2015, 1, 14), 14), 120, publish=True)
    services.create_meeting(None, ab, at(date(2016, 1, 13), 14), 120, publish=True)
    services.generate_year(None, dvo, 2015)
    services.generate_year(None, dvo, 2016)
    result = services.generate_year(None, platform, 2015)
    db.session.commit()
    days = sorted(m.local_day for m in result.created)
    assert all(day.year == 2015 for day in days)
    assert days[-1] == date(2015, 12, 30)  # two weeks before the DVO of 13 January 2016
    assert any("2014" in line for line in result.skipped)  # the one for the DVO of 14 January 2015
    assert len(services.meetings_of(platform.id, 2015)) == len(result.created) == 7
    assert services.publish_year(None, platform, 2015) == 7
    assert not db.session.scalars(select(Meeting).where(Meeting.body_id == platform.id,
                                                        Meeting.is_published.is_(False))).all()
    row = next(r for r in services.compliance(2015) if r.body.id == platform.id)
    assert row.planned == 7 and not row.short


def test_the_dvo_on_the_day_of_its_ab_is_no_clash(chain, make_person, make_seat):
    ab, dvo, *_ = chain
    mayor = make_person("Voorzitter")
    for body in (ab, dvo):
        appoint(None, make_seat(body), mayor, date(2015, 1, 1))
    services.generate_year(None, dvo, 2015)
    db.session.commit()
    assert services.clashes(services.meetings_of(dvo.id, 2015) + services.meetings_of(ab.id, 2015)) == {}


def test_planning_before_the_anchor_has_dates_links_to_where_to_enter_them(client, login, chain, make_user):
    from ivzflow.accounts.roles import Role

    ab, dvo, *_ = chain
    login(make_user(Role.SECRETARIAT))
    page = client.get(f"/bodies/{dvo.id}/plan?year=2016")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="anchor-missing"' in html and f'/bodies/{ab.id}/plan?year=2016' in html
    assert 'id="anchor-missing"' not in client.get(f"/bodies/{dvo.id}/plan?year=2015").get_data(as_text=True)


def test_the_demo_dvo_rows_carry_no_same_day_warning(demo, client):
    """The DVO meets on the day of the AB VRT by design: the DVO's year shows no clash with it."""
    from ivzflow.bodies.models import Body
    from ivzflow.demo.twente import DEMO_PASSWORD

    dvo = db.session.scalar(select(Body).where(Body.name == "DVO Twente"))
    assert client.post("/login", data={"email": "secretariaat@demo.ivzflow.nl",
                                       "password": DEMO_PASSWORD}).status_code == 302
    page = client.get(f"/bodies/{dvo.id}/plan?year=2015").get_data(as_text=True)
    ab = db.session.scalar(select(Body).where(Body.name == "Algemeen Bestuur Veiligheidsregio Twente"))
    assert "DVO 1 juli 2015" in page and f"Zelfde dag als {ab.short_name or ab.name}" not in page
