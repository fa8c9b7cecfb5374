"""The demo's proposals on 1 June 2015: where each stands, and the decision list of the last DVO."""
from datetime import date

from sqlalchemy import select

from ivzflow.decisions import services
from ivzflow.decisions.actions import actions_of
from ivzflow.decisions.models import DecisionItem, ItemTransition
from ivzflow.extensions import db
from ivzflow.organisations.models import District
from ivzflow.workflows import engine
from tests.decisions.conftest import item_titled, meeting_on, user


def test_about_a_dozen_proposals_in_different_states(story):
    twente = db.session.scalar(select(District.id).where(District.name == "Twente"))
    states = db.session.scalars(select(DecisionItem).where(DecisionItem.district_id == twente)).all()
    assert len(states) == 12  # and the action plan's continuation at the RVO (demo.upper_tier), the unit's
    assert len({i.state.name for i in states}) >= 8


def test_the_burglary_proposal_is_ready_but_its_advice_not_approved(story):
    item = item_titled("Aanpak woninginbraken")
    assert item.state.name == "gereed" and item.target_meeting.name == "DVO 1 juli 2015"
    assert item.trekker_id == user("lid").person_id and item.submitter_id == user("projectleider").id
    assert item.project_id is None
    assert item.communication_advice.status == "draft"
    option = next(o for o in engine.options(item, user("agendacommissie")) if o.transition.name == "agenderen")
    assert not option.allowed and any("communicatieadvies" in r for r in option.reasons)


def test_every_step_went_through_the_engine_at_its_moment(story):
    item = item_titled("Actieplan Platform IVZ")
    steps = db.session.scalars(select(ItemTransition).where(ItemTransition.item_id == item.id)
                               .order_by(ItemTransition.at)).all()
    assert [s.transition for s in steps] == ["indienen", "platform_advies", "gereed_melden", "agenderen", "vaststellen",
                                             "uitvoeren"]
    assert steps[4].at.date() == date(2015, 5, 20)


def test_the_decision_list_of_20_may_with_a_fan_out_partly_done(story):
    may = meeting_on("DVO", date(2015, 5, 20))
    listing = services.decision_list(may)
    assert len(listing.items) == 5 and listing.record is None
    assert may.state == "held"
    plan = item_titled("Actieplan Platform IVZ")
    fan_out = next(a for a in actions_of(plan.id) if a.assignments)
    statuses = [a.status for a in fan_out.assignments]
    assert len(statuses) == 14 and statuses.count("done") == 5 and fan_out.status == "in_progress"
    march = services.decision_list(meeting_on("DVO", date(2015, 3, 25)))
    assert march.record.adopted_at_meeting_id == may.id


def test_the_replayed_meetings_keep_their_held_state(story):
    assert meeting_on("DVO", date(2015, 3, 25)).state == "minutes_adopted"
    assert meeting_on("DVO", date(2015, 5, 20)).state == "held"
    july = meeting_on("DVO", date(2015, 7, 1))
    assert july.state == "preparing"  # the next DVO has a draft agenda: standing items and placed proposals
    titles = [i.title for i in july.items]
    assert "Opening en mededelingen" in titles and any(i.decision_item_id for i in july.items)
