"""The result of a proposal is entered once, on the meeting record: per decision point the outcome, from which
the DVO's decision step and the proposal's timeline follow; each meeting keeps its own outcome per point, and
the besluitenlijst shows attendance and every item's result."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ivzflow.decisions.models import DecisionItem, ItemTransition, PointOutcome
from ivzflow.extensions import db
from ivzflow.meetings.agenda import load_items
from ivzflow.meetings.record import members_of
from tests.decisions.conftest import meeting_on, user


@pytest.fixture
def july(story, time_machine):
    """The DVO of 1 July 2015, its agenda sent, during the meeting."""
    meeting = meeting_on("DVO", date(2015, 7, 1))
    meeting.state, meeting.is_published = "sent", True
    db.session.commit()
    time_machine.move_to(meeting.start_at + timedelta(minutes=80), tick=False)
    return meeting


def proposals_on(meeting):
    return [(i, db.session.get(DecisionItem, i.decision_item_id)) for i in load_items(meeting) if i.decision_item_id]


def record_form(meeting, attendance=None, outcomes=None, results=None, **extra):
    """The record page's form as a browser posts it: attendance by person id, outcomes by point id."""
    data = {"version": meeting.version, **extra}
    for n, member in enumerate(members_of(meeting)):
        status, stand_in = (attendance or {}).get(member.person_id, ("", 0))
        data |= {f"attendance-{n}-person_id": member.person_id, f"attendance-{n}-status": status,
                 f"attendance-{n}-stand_in_id": stand_in}
    for n, item in enumerate(load_items(meeting)):
        data |= {f"items-{n}-item_id": item.id, f"items-{n}-version": item.version,
                 f"items-{n}-result": (results or {}).get(item.id, item.result or ""), f"items-{n}-minutes": ""}
        proposal = db.session.get(DecisionItem, item.decision_item_id) if item.decision_item_id else None
        for m, point in enumerate(proposal.points if proposal else []):
            outcome, text = (outcomes or {}).get(point.id, ("", ""))
            data |= {f"items-{n}-points-{m}-point_id": point.id, f"items-{n}-points-{m}-outcome": outcome,
                     f"items-{n}-points-{m}-text": text}
    return data


def test_everyone_present_in_one_click_then_the_exceptions(client, july, login_demo):
    login_demo("secretariaat")
    members = members_of(july)
    assert len(members) > 10
    response = client.post(f"/meetings/{july.id}/record",
                           data=record_form(july, all_present="Iedereen aanwezig"), follow_redirects=True)
    assert "Iedereen is als aanwezig vastgelegd" in response.get_data(as_text=True)
    db.session.refresh(july)
    absent = members[1].person_id
    response = client.post(f"/meetings/{july.id}/record", data=record_form(
        july, {m.person_id: ("present", 0) for m in members} | {absent: ("absent", 0)}))
    assert response.status_code == 303
    page = client.get(f"/meetings/{july.id}/decisions").get_data(as_text=True)
    present_part = page[page.index("Aanwezig"):page.index("Afwezig met bericht")]
    assert members[0].person.name in present_part and members[1].person.name not in present_part
    assert members[1].person.name in page[page.index("Afwezig met bericht"):]


def test_outcomes_per_point_make_the_dvo_decision_and_the_timeline(client, july, login_demo):
    login_demo("secretariaat")
    placed = proposals_on(july)
    assert len(placed) >= 2
    (_first_item, adopted), (_second_item, deferred) = placed[:2]
    page = client.get(f"/meetings/{july.id}/record").get_data(as_text=True)
    assert "Gewijzigd aangenomen" in page and "Beslispunt 1" in page
    outcomes = {p.id: ("adopted", "") for p in adopted.points}
    outcomes |= {p.id: ("deferred", "Eerst de gemeenteraden horen.") for p in deferred.points}
    response = client.post(f"/meetings/{july.id}/record", data=record_form(july, outcomes=outcomes),
                           follow_redirects=True)
    assert response.status_code == 200, response.get_data(as_text=True)
    db.session.refresh(adopted)
    db.session.refresh(deferred)
    assert adopted.state.name == "vastgesteld"
    step = db.session.scalar(select(ItemTransition).where(ItemTransition.item_id == adopted.id)
                             .order_by(ItemTransition.id.desc()).limit(1))
    assert step.transition == "vaststellen" and step.by_id == user("secretariaat").id
    assert "Volgt uit het verloop" in step.comment
    # deferred: to the next DVO, and the July list keeps 'aangehouden'
    assert deferred.target_meeting_id != july.id and deferred.target_meeting.start_at > july.start_at
    kept = db.session.scalars(select(PointOutcome).where(PointOutcome.meeting_id == july.id,
                                                         PointOutcome.point_id.in_([p.id for p in deferred.points])))
    assert {k.outcome for k in kept} == {"deferred"}
    listing = client.get(f"/meetings/{july.id}/decisions").get_data(as_text=True)
    assert "Aangehouden" in listing and "Aangenomen" in listing and "Eerst de gemeenteraden horen." in listing
    # the proposal page's own outcome form now leads to the record
    again = client.get(f"/decisions/{deferred.id}/outcomes")
    assert again.status_code == 302 and f"/meetings/{deferred.target_meeting_id}/record" in again.location
    # entered once: the record page shows the decided proposal read-only
    page = client.get(f"/meetings/{july.id}/record").get_data(as_text=True)
    assert f'name="items-{placed_index(july, adopted)}-points-0-outcome"' not in page


def placed_index(meeting, proposal) -> int:
    return next(n for n, i in enumerate(load_items(meeting)) if i.decision_item_id == proposal.id)


def test_amended_needs_the_text_and_nothing_is_saved_without_it(client, july, login_demo):
    login_demo("secretariaat")
    (_item, proposal), *_rest = proposals_on(july)
    response = client.post(f"/meetings/{july.id}/record", data=record_form(
        july, outcomes={proposal.points[0].id: ("amended", "")}))
    assert response.status_code == 400 and "gewijzigd is aangenomen" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(PointOutcome.id)).where(PointOutcome.meeting_id == july.id)) == 0


def test_the_besluitenlijst_has_every_items_result_also_in_the_pdf(client, july, login_demo):
    login_demo("secretariaat")
    standing = next(i for i in load_items(july) if not i.decision_item_id)
    members = members_of(july)
    response = client.post(f"/meetings/{july.id}/record", data=record_form(
        july, {m.person_id: ("present", 0) for m in members}, results={standing.id: "Besproken en vastgesteld"}))
    assert response.status_code == 303
    page = client.get(f"/meetings/{july.id}/decisions").get_data(as_text=True)
    assert standing.title in page and "Besproken en vastgesteld" in page
    from tests.decisions.test_decision_list import pdf_text
    text = " ".join(pdf_text(client.get(f"/meetings/{july.id}/decisions.pdf").data).split())
    assert "Besproken en vastgesteld" in text and members[0].person.name in text and "Aanwezigheid" in text


def test_the_record_page_and_the_list_have_a_bounded_number_of_queries(client, july, login_demo, count_queries):
    login_demo("secretariaat")
    members = members_of(july)
    client.post(f"/meetings/{july.id}/record", data=record_form(july, {m.person_id: ("present", 0) for m in members}))
    with count_queries() as record_page:
        assert client.get(f"/meetings/{july.id}/record").status_code == 200
    with count_queries() as listing:
        assert client.get(f"/meetings/{july.id}/decisions").status_code == 200
    assert record_page.n <= 20, (record_page.n, record_page.statements)
    assert listing.n <= 18, listing.statements


def test_a_point_deferred_here_and_decided_at_the_next_meeting_keeps_both_results(client, july, login_demo,
                                                                                 time_machine):
    login_demo("secretariaat")
    (_item, proposal), *_rest = proposals_on(july)
    client.post(f"/meetings/{july.id}/record", data=record_form(
        july, outcomes={p.id: ("deferred", "Na de zomer.") for p in proposal.points}))
    db.session.refresh(proposal)
    later = proposal.target_meeting
    assert later.start_at > july.start_at
    later.state, later.is_published = "sent", True
    db.session.commit()
    time_machine.move_to(later.start_at + timedelta(minutes=30), tick=False)
    login_demo("secretariaat")
    page = client.get(f"/meetings/{later.id}/record").get_data(as_text=True)
    assert proposal.title in page
    response = client.post(f"/meetings/{later.id}/record", data=record_form(
        later, outcomes={p.id: ("adopted", "") for p in proposal.points}))
    assert response.status_code == 303
    db.session.refresh(proposal)
    assert proposal.state.name == "vastgesteld"
    july_list = client.get(f"/meetings/{july.id}/decisions").get_data(as_text=True)
    later_list = client.get(f"/meetings/{later.id}/decisions").get_data(as_text=True)
    ours = july_list.split(proposal.title)[1].split("</section>")[0]
    assert "Aangehouden</strong> — Na de zomer." in ours and "Aangenomen" not in ours, ours
    assert proposal.title in later_list and "Aangenomen" in later_list
    steps = [s.transition for s in db.session.scalars(select(ItemTransition).where(
        ItemTransition.item_id == proposal.id).order_by(ItemTransition.id))]
    assert steps[-2:] == ["aanhouden", "vaststellen"]
    page = client.get(f"/decisions/{proposal.id}").get_data(as_text=True)  # the timeline shows both meetings
    assert f"{july.name}, beslispunt 1: Aangehouden" in page and f"{later.name}, beslispunt 1: Aangenomen" in page
