"""The members' view of a meeting: a mayor who reads the DVO sees per item the decision points, the documents
and how the proposal was dealt with before; the readiness table and the minutes are for those who prepare
the meeting. A member who only reads starts no proposals and uploads nothing. The demo on 1 June 2015."""
import io
import re
from datetime import date

import pytest

from ivzflow.core import clock, files
from ivzflow.decisions.models import ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings import permissions as perm
from tests.decisions.conftest import body, item_titled, login_demo, meeting_on, story, user  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def may_dvo(story):
    """The DVO of 20 May 2015 (held), its action plan with a document."""
    plan = item_titled("Actieplan Platform IVZ Twente")
    # a settled proposal's documents are frozen: put the document in as it was before the meeting
    db.session.add(ItemAttachment(item_id=plan.id, **files.save_upload(io.BytesIO(PDF), "actieplan-2015.pdf"),
                                  uploaded_at=clock.now()))
    db.session.commit()
    return meeting_on("DVO", date(2015, 5, 20))


def test_the_mayor_reads_decision_points_documents_and_earlier_advice_not_the_readiness(
        may_dvo, login_demo, client):
    login_demo("lid")
    response = client.get(f"/meetings/{may_dvo.id}/agenda")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    words = text(page)
    assert "Actieplan Platform IVZ Twente 2015-2016" in words
    assert "Beslispunten" in words
    assert "Het DVO stelt het actieplan Platform IVZ Twente 2015-2016 vast." in words
    assert "Vastgesteld" in words  # the outcome of that point at this meeting
    assert "Eerder behandeld" in words and "Positief" in words  # the Platform's advice
    link = re.search(r'href="(/decisions/documents/\d+)"[^>]*download>actieplan-2015.pdf', page)
    assert link, "the proposal's document is a download on the agenda"
    download = client.get(link.group(1))
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    download.close()
    # what those who prepare the meeting see is not his
    for internal in ("Voorstellen voor deze vergadering", "Tot hier", "Totaal", "Agenda vaststellen",
                     "Verloop vastleggen"):
        assert internal not in words


@pytest.mark.parametrize("login_name", ["secretariaat", "agendacommissie"])
def test_those_who_prepare_the_dvo_see_its_readiness_and_minutes(story, login_demo, client, login_name):
    login_demo(login_name)
    july = meeting_on("DVO", date(2015, 7, 1))
    words = text(client.get(f"/meetings/{july.id}/agenda").get_data(as_text=True))
    assert "Voorstellen voor deze vergadering" in words and "Tot hier" in words


def test_one_rule_says_who_prepares_a_meeting(story):
    july = meeting_on("DVO", date(2015, 7, 1))
    mayor, committee = user("lid"), user("agendacommissie")
    # the mayor sits in the DB DVO, which prepares the DVO: he still only reads it
    assert july.body_id not in perm.prepared_bodies(mayor)
    assert not perm.prepares_meeting(mayor, july) and not perm.can_attach_documents(mayor, july)
    assert perm.prepares_meeting(committee, july)


def test_a_draft_meeting_of_the_body_he_reads_is_not_his(story, login_demo, client):
    from ivzflow.meetings import services as meetings

    draft = meetings.create_meeting(None, body("DVO"), clock.local_to_utc(date(2015, 6, 24), 10), 60,
                                    name="Extra DVO (concept)")
    db.session.commit()
    login_demo("lid")
    assert client.get(f"/meetings/{draft.id}").status_code == 404
    assert "Extra DVO" not in client.get("/").get_data(as_text=True)
    assert "Extra DVO" not in client.get("/calendar?month=2015-06").get_data(as_text=True)


def test_the_members_view_runs_a_bounded_number_of_queries(may_dvo, login_demo, client, count_queries):
    login_demo("lid")
    client.get(f"/meetings/{may_dvo.id}/agenda")
    with count_queries() as counted:
        assert client.get(f"/meetings/{may_dvo.id}/agenda").status_code == 200
    assert counted.n <= 15, counted.statements  # 15: one for the districts the member works in



def test_a_deferred_proposal_says_where_its_points_were_deferred(story):
    """On the agenda of 1 July the camera rule, deferred on 20 May, says so rather than showing it as decided."""
    from ivzflow.meetings.members import members_agenda, result_label

    july, may = meeting_on("DVO", date(2015, 7, 1)), meeting_on("DVO", date(2015, 5, 20))
    agenda = members_agenda(user("secretariaat"), july)
    row = next(r for r in agenda.rows if r.item.title.startswith("Regionale beleidsregel cameratoezicht"))
    point = row.proposal.item.points[0]
    # the record branch keeps a deferral per meeting (PointOutcome), not on the point, which stays open
    outcome, _text, at = agenda.outcome_of(point)
    assert point.outcome is None and outcome == "deferred" and at.id == may.id
    assert result_label("aanhouden") == "Aangehouden" and result_label("positief") == "Positief"


def test_the_agenda_reminders_go_to_those_who_prepare_not_to_the_mayor(story):
    """'Agenda samenstellen' goes to the agendacommissie; the mayor's DB DVO seat does not make it his."""
    from ivzflow.reminders.plans import preparer_users

    asked = preparer_users(body("DVO").id)
    assert user("agendacommissie").id in asked and user("lid").id not in asked


def test_the_feeds_carry_the_deadlines_to_who_acts_on_them(story):
    from ivzflow.meetings import feeds

    mayor_meetings, mayor_deadlines = feeds.personal_feed(user("lid"))
    assert any(m.body_id == body("DVO").id for m in mayor_meetings) and mayor_deadlines == []
    _meetings, committee_deadlines = feeds.personal_feed(user("agendacommissie"))
    kinds = {(d.meeting.body_id, d.kind) for d in committee_deadlines}
    assert (body("DVO").id, "agenda_fixed") in kinds  # the agendacommissie fixes the DVO agenda
    _meetings, submitter_deadlines = feeds.personal_feed(user("projectleider"))
    assert {d.kind for d in submitter_deadlines} == {"submission"}
