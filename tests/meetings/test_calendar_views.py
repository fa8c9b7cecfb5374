"""The month and list views: what each user sees, cancellations, deadlines, paging, query bounds."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from ivzflow.accounts.roles import Role
from ivzflow.bodies.services import add_relation
from ivzflow.extensions import db
from ivzflow.meetings import services

pytestmark = pytest.mark.usefixtures("cal_frozen")


@pytest.fixture
def cal_bodies(make_body):
    """The agendacommissie prepares the DVO: (agendacommissie, DVO)."""
    commissie = make_body("Agendacommissie", grants_role="agendacommissie")
    dvo = make_body("DVO Twente", short_name="DVO")
    add_relation(commissie, dvo, "prepares", None)
    db.session.commit()
    return commissie, dvo


def test_month_view_is_a_table_with_weekday_headers_and_links_to_meetings(client, login_as, make_body,
                                                                          make_meeting):
    login_as(Role.MEMBER)
    meeting = make_meeting(make_body("DVO Twente", short_name="DVO"), datetime(2015, 3, 26, 10, 0))
    response = client.get("/calendar?month=2015-03")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<caption>maart 2015</caption>" in page
    assert page.count('<th scope="col"><abbr title=') == 7
    assert '<abbr title="maandag">ma</abbr>' in page
    assert f'href="/meetings/{meeting.id}' in page and "10:00 DVO 26 maart 2015" in page
    assert "donderdag 26 maart 2015" in page  # the day is named for screen readers
    assert 'href="/calendar?month=2015-02"' in page and 'href="/calendar?month=2015-04"' in page


def test_month_view_shows_times_in_amsterdam_on_both_sides_of_summer_time(client, login_as, make_body, make_meeting):
    login_as(Role.MEMBER)
    body = make_body(short_name="DVO")
    make_meeting(body, datetime(2015, 3, 26, 10, 0))
    make_meeting(body, datetime(2015, 3, 30, 10, 0))
    page = client.get("/calendar?month=2015-03").get_data(as_text=True)
    assert page.count(">10:00 ") == 2


def test_cancelled_meeting_is_struck_through_and_labelled(client, login_as, make_body, make_meeting):
    login_as(Role.MEMBER)
    meeting = make_meeting(make_body(short_name="DVO"), datetime(2015, 3, 26, 10, 0))
    services.cancel_meeting(None, meeting, "Geen agendapunten", version=meeting.version)
    db.session.commit()
    month = client.get("/calendar?month=2015-03").get_data(as_text=True)
    listing = client.get("/meetings?from=2015-03-01").get_data(as_text=True)
    for page in (month, listing):
        assert f"<del>{meeting.name}</del>" in page or re.search(rf"<del>[^<]*{meeting.name}</del>", page)
        assert "geannuleerd" in page


def _cell(client, day: str) -> str:
    return client.get("/calendar?month=2015-03").get_data(as_text=True).split(day)[1].split("</td>")[0]


def test_deadlines_are_shown_on_their_day_to_who_acts_on_them(client, login_as, make_body, make_meeting, cal_rule):
    login_as(Role.SECRETARIAT)
    body = make_body(short_name="DVO")
    cal_rule(body)
    meeting = make_meeting(body, datetime(2015, 4, 16, 10, 0))
    cell = _cell(client, "donderdag 26 maart 2015")
    assert "Inleverdatum" in cell and meeting.name in cell


def test_a_member_sees_others_deadlines_only_when_he_chose_all_of_them(
        client, login_as, make_body, make_meeting, cal_rule):
    member = login_as(Role.MEMBER)
    body = make_body(short_name="DVO")
    cal_rule(body)
    make_meeting(body, datetime(2015, 4, 16, 10, 0))
    assert "Inleverdatum" not in _cell(client, "donderdag 26 maart 2015")
    profile = client.get("/profile").get_data(as_text=True)
    assert "Termijnen tonen" in profile and "Alleen die voor mij" in profile
    response = client.post("/profile/deadlines", data={"dl-shown": "all"})
    assert response.status_code == 303
    db.session.refresh(member)
    assert member.show_all_deadlines
    assert "Inleverdatum" in _cell(client, "donderdag 26 maart 2015")
    assert client.post("/profile/deadlines", data={"dl-shown": "some"}).status_code == 400
    client.post("/profile/deadlines", data={"dl-shown": "mine"})
    assert "Inleverdatum" not in _cell(client, "donderdag 26 maart 2015")


def test_unpublished_meetings_are_hidden_from_members_but_shown_to_who_prepares_them(
        client, login_as, make_member, cal_bodies, make_meeting):
    commissie, dvo = cal_bodies
    draft = make_meeting(dvo, datetime(2015, 3, 26, 10, 0), published=False)
    member = login_as(Role.MEMBER)
    make_member(dvo, member.person)
    for url in ("/calendar?month=2015-03", "/meetings?from=2015-03-01"):
        assert draft.name not in client.get(url).get_data(as_text=True)

    client.post("/logout")
    preparer = login_as(Role.MEMBER)
    make_member(commissie, preparer.person)
    for url in ("/calendar?month=2015-03", "/meetings?from=2015-03-01"):
        page = client.get(url).get_data(as_text=True)
        assert draft.name in page and "concept" in page


def test_list_filters_by_body_and_dates_and_pages(client, login_as, make_body, make_meeting):
    login_as(Role.SECRETARIAT)
    dvo, platform = make_body("DVO Twente"), make_body("Platform IVZ")
    for week in range(30):
        make_meeting(dvo, datetime(2015, 1, 5, 10, 0) + timedelta(weeks=week))
    make_meeting(platform, datetime(2015, 3, 4, 10, 0))

    page = client.get(f"/meetings?body={dvo.id}&from=2015-01-01&to=2015-12-31").get_data(as_text=True)
    assert "30 vergaderingen" in page and "Pagina 1 van 2" in page
    assert "Platform IVZ 4 maart 2015" not in page
    second = client.get(f"/meetings?body={dvo.id}&from=2015-01-01&to=2015-12-31&page=2").get_data(as_text=True)
    assert second.count("<tr") - 1 == 5
    window = client.get("/meetings?from=2015-03-01&to=2015-03-31").get_data(as_text=True)
    assert "6 vergaderingen" in window  # 4 DVO Mondays in March 2015, plus 30 March, plus the Platform


def test_list_starts_today_by_default_and_can_show_everything(client, login_as, make_body, make_meeting):
    login_as(Role.MEMBER)
    body = make_body("DVO Twente")
    make_meeting(body, datetime(2015, 2, 2, 10, 0))  # before the frozen today (1 March 2015)
    make_meeting(body, datetime(2015, 4, 2, 10, 0))
    assert "1 vergaderingen" in client.get("/meetings").get_data(as_text=True)
    assert "2 vergaderingen" in client.get("/meetings?from=").get_data(as_text=True)


@pytest.mark.parametrize("query", ["from=2015-13-01", "from=2015-05-01&to=2015-04-01", "body=abc"])
def test_bad_filters_get_a_message_not_an_error_page(client, login_as, query):
    login_as(Role.MEMBER)
    response = client.get(f"/meetings?{query}")
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)


def test_a_malformed_month_shows_this_month(client, login_as):
    login_as(Role.MEMBER)
    for month in ("2015-13", "abc", "99999-01", "1900-01"):
        response = client.get(f"/calendar?month={month}")
        assert response.status_code == 200
        assert "<caption>maart 2015</caption>" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/calendar", "/meetings", "/calendar/subscribe"])
def test_calendar_pages_need_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def _plan(body, count: int, make_meeting, offset: int = 0):
    for i in range(offset, offset + count):
        make_meeting(body, datetime(2015, 3, 2, 8, 0) + timedelta(days=i % 28, minutes=5 * i))


@pytest.mark.parametrize("url", ["/calendar?month=2015-03", "/meetings?from=2015-03-01&to=2015-03-31"])
def test_calendar_pages_run_a_bounded_number_of_queries(client, login_as, make_member, make_meeting, cal_rule,
                                                        cal_bodies, count_queries, url):
    commissie, dvo = cal_bodies
    user = login_as(Role.MEMBER)
    make_member(commissie, user.person)  # sees the DVO's drafts too: the widest visibility condition
    cal_rule(dvo)  # so every meeting has deadlines to show
    _plan(dvo, 3, make_meeting)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    _plan(dvo, 77, make_meeting, offset=3)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert few.n == many.n <= 12, (few.n, many.n, many.statements)
