"""The meetings API: OParl names, filters, visibility of meetings and agenda items, clear errors."""
from __future__ import annotations

from datetime import datetime

import pytest

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token
from ivzflow.bodies.services import add_relation
from ivzflow.extensions import db
from ivzflow.meetings import services
from ivzflow.meetings.models import AgendaItem, Location
from tests.meetings.conftest import make_meeting  # noqa: F401  (the factory fixture)


def get(client, url, secret):
    return client.get(url, headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def cal_token(make_user):
    """A token for a new user with these roles: (user, secret)."""
    def make(*roles: Role):
        user = make_user(*roles)
        _token, secret = create_token(user, "test")
        db.session.commit()
        return user, secret
    return make


@pytest.fixture
def cal_dvo(make_body):
    """The agendacommissie prepares the DVO: (agendacommissie, DVO)."""
    commissie = make_body("Agendacommissie", grants_role="agendacommissie")
    dvo = make_body("DVO Twente", short_name="DVO")
    add_relation(commissie, dvo, "prepares", None)
    db.session.commit()
    return commissie, dvo


def _items(meeting, *specs):
    for position, (title, public) in enumerate(specs):
        meeting.items.append(AgendaItem(title=title, position=position, is_public=public, duration_minutes=10))
    db.session.commit()


def test_meeting_has_oparl_names_and_times_with_offset(client, cal_token, cal_dvo, make_meeting):
    _commissie, dvo = cal_dvo
    winter = make_meeting(dvo, datetime(2015, 3, 26, 10, 0), location=Location(
        name="Stadhuis Enschede", street="Langestraat 24", postcode="7511 HC", town="Enschede", room="Raadzaal"))
    summer = make_meeting(dvo, datetime(2015, 3, 30, 10, 0))
    _user, secret = cal_token(Role.MEMBER)
    data = get(client, f"/api/v1/meetings/{winter.id}", secret).json
    assert data["type"].endswith("/Meeting")
    assert data["name"] == "DVO 26 maart 2015"
    assert data["start"] == "2015-03-26T10:00:00+01:00" and data["end"] == "2015-03-26T11:30:00+01:00"
    assert data["meetingState"] == "planned" and data["cancelled"] is False
    assert data["location"] == {"description": "Stadhuis Enschede", "streetAddress": "Langestraat 24",
                                "postalCode": "7511 HC", "locality": "Enschede", "room": "Raadzaal"}
    assert data["organization"]["id"] == dvo.id and data["organization"]["url"].endswith(f"/api/v1/bodies/{dvo.id}")
    assert get(client, f"/api/v1/meetings/{summer.id}", secret).json["start"] == "2015-03-30T10:00:00+02:00"


def test_list_filters_by_body_and_local_dates(client, cal_token, cal_dvo, make_meeting, make_body):
    _commissie, dvo = cal_dvo
    platform = make_body("Platform IVZ")
    first = make_meeting(dvo, datetime(2015, 3, 26, 0, 30))  # still 25 March in UTC
    second = make_meeting(dvo, datetime(2015, 4, 16, 10, 0))
    make_meeting(platform, datetime(2015, 3, 27, 10, 0))
    _user, secret = cal_token(Role.MEMBER)

    data = get(client, f"/api/v1/meetings?body={dvo.id}", secret).json
    assert [m["id"] for m in data["data"]] == [first.id, second.id]
    assert data["pagination"]["totalElements"] == 2
    march = get(client, "/api/v1/meetings?from=2015-03-26&to=2015-03-26", secret).json
    assert [m["id"] for m in march["data"]] == [first.id]
    paged = get(client, "/api/v1/meetings?per_page=1&from=2015-03-01", secret).json
    assert paged["pagination"]["totalPages"] == 3 and "from=2015-03-01" in paged["links"]["next"]


def test_unpublished_meetings_are_invisible_to_members_and_unknown_to_them(client, cal_token, cal_dvo, make_meeting,
                                                                          make_member):
    commissie, dvo = cal_dvo
    draft = make_meeting(dvo, datetime(2015, 3, 26, 10, 0), published=False)
    _member, member_secret = cal_token(Role.MEMBER)
    preparer, preparer_secret = cal_token(Role.MEMBER)
    make_member(commissie, preparer.person)

    assert get(client, "/api/v1/meetings", member_secret).json["data"] == []
    response = get(client, f"/api/v1/meetings/{draft.id}", member_secret)
    assert response.status_code == 404 and response.json["error"]["status"] == 404
    assert [m["id"] for m in get(client, "/api/v1/meetings", preparer_secret).json["data"]] == [draft.id]
    assert get(client, f"/api/v1/meetings/{draft.id}", preparer_secret).status_code == 200


def test_agenda_items_only_once_the_agenda_is_sent_and_confidential_ones_only_for_members(
        client, cal_token, cal_dvo, make_meeting, make_member):
    commissie, dvo = cal_dvo
    meeting = make_meeting(dvo, datetime(2015, 3, 26, 10, 0))
    _items(meeting, ("Opening en mededelingen", True), ("Casus georganiseerde hennepteelt", False),
           ("Rondvraag", True))
    outsider, outsider_secret = cal_token(Role.MEMBER)
    member, member_secret = cal_token(Role.MEMBER)
    make_member(dvo, member.person)
    preparer, preparer_secret = cal_token(Role.MEMBER)
    make_member(commissie, preparer.person)

    assert "agendaItem" not in get(client, f"/api/v1/meetings/{meeting.id}", outsider_secret).json  # still a draft
    assert len(get(client, f"/api/v1/meetings/{meeting.id}", preparer_secret).json["agendaItem"]) == 3

    meeting.state = "sent"
    db.session.commit()
    public = get(client, f"/api/v1/meetings/{meeting.id}", outsider_secret).json["agendaItem"]
    assert [(i["number"], i["name"]) for i in public] == [("1", "Opening en mededelingen"), ("3", "Rondvraag")]
    assert {"id", "number", "order", "name", "public", "result"} <= set(public[0])
    full = get(client, f"/api/v1/meetings/{meeting.id}", member_secret).json["agendaItem"]
    assert [i["name"] for i in full][1] == "Casus georganiseerde hennepteelt" and full[1]["public"] is False


def test_cancelled_meetings_say_so(client, cal_token, make_body, make_meeting):
    meeting = make_meeting(make_body())
    services.cancel_meeting(None, meeting, "Geen agendapunten", version=meeting.version)
    db.session.commit()
    _user, secret = cal_token(Role.MEMBER)
    data = get(client, f"/api/v1/meetings/{meeting.id}", secret).json
    assert data["cancelled"] is True and data["meetingState"] == "cancelled"


@pytest.mark.parametrize("query, status", [
    ("from=2015-13-01", 400), ("to=tomorrow", 400), ("body=abc", 400), ("body=-1", 400),
    ("from=2015-05-01&to=2015-04-01", 400), ("page=0", 400), ("per_page=100000", 400), ("body=999999", 404),
])
def test_malformed_parameters_get_a_clear_json_error(client, cal_token, query, status):
    _user, secret = cal_token(Role.MEMBER)
    response = get(client, f"/api/v1/meetings?{query}", secret)
    assert response.status_code == status
    assert response.json["error"]["message"]


def test_unknown_meeting_is_404_json_and_a_token_is_needed(client, cal_token):
    _user, secret = cal_token(Role.MEMBER)
    response = get(client, "/api/v1/meetings/99999", secret)
    assert response.status_code == 404 and response.json["error"]["status"] == 404
    assert client.get("/api/v1/meetings").status_code == 401


def test_meeting_list_runs_a_bounded_number_of_queries(client, cal_token, make_body, make_meeting, count_queries):
    body = make_body()
    _user, secret = cal_token(Role.MEMBER)
    get(client, "/api/v1/meetings", secret)  # the first use of a token records it; that is not the point here
    counts = []
    for extra in (3, 40):
        for day in range(extra):
            make_meeting(body, datetime(2015, 1, 1, 10, 0).replace(month=1 + day % 12, day=1 + day % 28))
        with count_queries() as counted:
            assert get(client, "/api/v1/meetings?per_page=200", secret).status_code == 200
        counts.append(counted.n)
    assert counts[0] == counts[1], counts
