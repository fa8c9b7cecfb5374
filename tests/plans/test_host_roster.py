"""The Platform meets "roulerend op locatie bij alle deelnemers": its host roster holds every participant."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import hosts, services
from ivzflow.meetings.models import Meeting
from ivzflow.organisations.models import Organisation


def _platform() -> Body:
    return db.session.scalar(select(Body).where(Body.name == "Platform IVZ"))


def test_demo_roster_holds_every_participating_organisation(demo):
    platform = _platform()
    names = {db.session.get(Organisation, t.organisation_id).short_name for t in hosts.roster(platform.id)}
    municipalities = set(db.session.scalars(select(Organisation.short_name).where(  # of Twente, the Platform's
        Organisation.classification == "gemeente", Organisation.district_id == platform.district_id)))
    assert municipalities <= names
    for partner in ("Politie ON", "OM", "VH Twente", "RIEC ON", "THOR", "GGD", "Brandweer", "VRT"):
        assert partner in names, partner
    order = [db.session.get(Organisation, t.organisation_id).classification for t in hosts.roster(platform.id)]
    assert order[:14] == ["gemeente"] * 14  # the municipalities keep their turns; the partners follow


def test_the_host_rotates_over_every_participant(demo):
    platform = _platform()
    roster = hosts.roster(platform.id)
    meetings = [services.create_meeting(None, platform, clock.local_to_utc(date(2016 + i // 12, i % 12 + 1, 15), 10),
                                        120) for i in range(len(roster) + 2)]
    hosts.assign_hosts_in_turn(meetings)
    hosted = {m.host_organisation_id for m in meetings}
    assert hosted == {t.organisation_id for t in roster}  # everyone had a turn


def test_adding_participants_keeps_the_roster_and_appends_newcomers(demo):
    platform = _platform()
    before = [(t.organisation_id, t.location_id) for t in hosts.roster(platform.id)]
    assert hosts.participant_roster(platform.id, date(2015, 6, 1)) == before  # nothing new
    assert set(hosts.participants(platform.id, date(2015, 6, 1))) <= {org for org, _loc in before}
    # a participant missing from the roster comes back at its end, without a location; the others keep theirs
    dropped, _location = before[3]
    shortened = before[:3] + before[4:]
    hosts.save_roster(platform.id, shortened)
    assert hosts.participant_roster(platform.id, date(2015, 6, 1)) == shortened + [(dropped, None)]


def test_the_next_meetings_get_their_hosts_in_roster_order(demo):
    """2015 went down the roster; the meetings planned next continue where it stopped, over the partners, and
    then start again at the top: each at the host's own place."""
    platform = _platform()
    roster = [t.organisation_id for t in hosts.roster(platform.id)]
    hosted = list(db.session.scalars(select(Meeting.host_organisation_id).where(
        Meeting.body_id == platform.id, Meeting.state != "cancelled").order_by(Meeting.start_at)))
    assert hosted and hosted == roster[:len(hosted)]
    planned = [services.create_meeting(None, platform, clock.local_to_utc(date(2016 + i // 10, i % 10 + 1, 15), 10),
                                       120) for i in range(len(roster) - len(hosted) + 3)]
    hosts.assign_hosts_in_turn(planned)
    assert [m.host_organisation_id for m in planned] == roster[len(hosted):] + roster[:3]
    for meeting in planned:
        host = db.session.get(Organisation, meeting.host_organisation_id)
        assert meeting.location is not None and meeting.location.organisation_id == host.id, host.name
