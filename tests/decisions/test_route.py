"""A proposal on its route: every guard, every role, the route steps and the decision."""
import pytest
from sqlalchemy import select

from ivzflow.core.errors import Conflict, NotAllowed
from ivzflow.decisions import actions, services
from ivzflow.decisions.models import ItemTransition
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem
from ivzflow.workflows import engine
from tests.decisions.conftest import advise, body, next_meeting, on_advice_agenda, user


def names(options):
    return {o.transition.name: o for o in options}


def approve_advice(item):
    advice = item.communication_advice
    services.save_advice(user("communicatie"), advice, version=advice.version, key_message="Samen inbraken voorkomen",
                         audiences="Inwoners, buurtpreventieteams", spokesperson="Burgemeester Tubbergen", timing="Na het DVO",
                         embargo_until=None, woo_disclosure="actief", woo_note=None, inform_ids=[])
    services.approve_advice(user("secretariaat"), advice, advice.version)


def to_ready(item):
    engine.take(item, "indienen", user("projectleider"))
    advise(item)
    engine.take(item, "gereed_melden", user("projectleider"))


def test_the_route_comes_from_the_structure(proposal):
    route = [(c.body.short_name, c.role) for c in proposal.route]
    assert route[0] == ("Platform IVZ", "advice")
    assert route[-1] == ("DVO", "decision")
    assert {("Veiligheidsdirectie", "note"), ("Kring GS", "note")} <= set(route)


def test_touching_both_agendas_makes_directie_and_kring_decide(story):
    item = services.create_item(user("secretariaat"), decision_body=body("DVO"), title="Crisisplan", points=["x"],
                                touches_both_agendas=True)
    assert {("Veiligheidsdirectie", "decision"), ("Kring GS", "decision")} <= {(c.body.short_name, c.role)
                                                                                for c in item.route}


def test_only_the_submitter_or_secretariat_may_submit(proposal):
    assert "indienen" not in names(engine.options(proposal, user("lid")))
    with pytest.raises(NotAllowed):
        engine.take(proposal, "indienen", user("agendacommissie"))
    assert proposal.state.name == "concept"


def test_a_proposal_without_decision_points_cannot_be_submitted(story):
    item = services.create_item(user("projectleider"), decision_body=body("DVO"), title="Leeg", points=[])
    option = names(engine.options(item, user("projectleider")))["indienen"]
    assert not option.allowed and "beslispunt" in option.reasons[0]


def test_a_project_proposal_needs_the_trekkers_consent(story):
    trekker = user("lid")  # burgemeester Tubbergen, trekker of the burglary project
    item = services.create_item(user("projectleider"), decision_body=body("DVO"), title="Inbraakpreventie", points=["x"],
                                trekker_id=trekker.person_id, project_id=1)
    with pytest.raises(Conflict, match="nog niet ingestemd"):
        engine.take(item, "indienen", user("projectleider"))
    services.give_consent(trekker, item)
    engine.take(item, "indienen", user("projectleider"))
    assert item.state.name == "ingediend"


def test_agendacommissie_cannot_place_it_without_approved_communication_advice(proposal):
    to_ready(proposal)
    option = names(engine.options(proposal, user("agendacommissie")))["agenderen"]
    assert not option.allowed
    assert any("communicatieadvies" in r for r in option.reasons)
    with pytest.raises(Conflict, match="communicatieadvies is nog niet goedgekeurd"):
        engine.take(proposal, "agenderen", user("agendacommissie"))
    approve_advice(proposal)
    engine.take(proposal, "agenderen", user("agendacommissie"))
    assert proposal.state.name == "geagendeerd"
    placed = db.session.scalars(select(AgendaItem.meeting_id).where(AgendaItem.decision_item_id == proposal.id)).all()
    assert next_meeting("DVO").id in placed  # besides the Platform meeting that advised on it


def test_negative_platform_advice_sends_it_back(proposal):
    engine.take(proposal, "indienen", user("projectleider"))
    advise(proposal, "negatief", "Nee.")
    with pytest.raises(Conflict, match="negatief"):
        engine.take(proposal, "gereed_melden", user("projectleider"))
    engine.take(proposal, "aanpassen", user("projectleider"), comment="Wordt herschreven")
    assert proposal.state.name == "concept"


def test_platform_advice_needs_its_text(proposal):
    engine.take(proposal, "indienen", user("projectleider"))
    with pytest.raises(Exception, match="tekst van het advies"):
        advise(proposal, text="")


def test_late_proposal_needs_the_secretariats_exception(proposal, time_machine):
    deadline = next(d.due_at for d in proposal.target_meeting.deadlines if d.kind == "submission")
    time_machine.move_to(deadline.replace(hour=deadline.hour + 1), tick=False)
    to_ready(proposal)
    approve_advice(proposal)
    with pytest.raises(Conflict, match="na de inleverdatum"):
        engine.take(proposal, "agenderen", user("agendacommissie"))
    services.override_deadline(user("secretariaat"), proposal, "Spoedeisend: subsidie verloopt")
    engine.take(proposal, "agenderen", user("agendacommissie"))
    assert proposal.state.name == "geagendeerd"


def test_the_dvo_decides_only_in_its_meeting_and_with_every_point_decided(proposal, time_machine):
    to_ready(proposal)
    approve_advice(proposal)
    engine.take(proposal, "agenderen", user("agendacommissie"))
    with pytest.raises(Conflict, match="in de vergadering zelf"):
        engine.take(proposal, "vaststellen", user("secretariaat"))
    time_machine.move_to(proposal.target_meeting.start_at, tick=False)
    with pytest.raises(Conflict, match="nog geen uitkomst"):
        engine.take(proposal, "vaststellen", user("secretariaat"))
    services.record_outcomes(user("secretariaat"), proposal, {p.id: ("adopted", "Conform") for p in proposal.points},
                             proposal.version)
    engine.take(proposal, "vaststellen", user("secretariaat"))
    assert proposal.state.name == "vastgesteld"
    assert [c.result for c in proposal.route if c.body.short_name == "DVO"] == ["vaststellen"]
    listing = services.decision_list(proposal.target_meeting)
    assert [i.id for i in listing.items] == [proposal.id]


def test_directie_and_kring_must_give_their_opinion_first(story, time_machine):
    item = services.create_item(user("secretariaat"), decision_body=body("DVO"), title="Crisisplan", points=["x"],
                                touches_both_agendas=True, target_meeting_id=next_meeting("DVO").id)
    engine.take(item, "indienen", user("secretariaat"))
    advise(item)
    engine.take(item, "gereed_melden", user("secretariaat"))
    approve_advice(item)
    engine.take(item, "agenderen", user("secretariaat"))
    time_machine.move_to(item.target_meeting.start_at, tick=False)
    with pytest.raises(Conflict, match="Veiligheidsdirectie"):
        engine.take(item, "afwijzen", user("secretariaat"))
    for consultation in item.route:
        if consultation.role == "decision" and consultation.body_id != item.decision_body_id:
            services.record_opinion(user("secretariaat"), consultation, "akkoord", None)
    engine.take(item, "afwijzen", user("secretariaat"))
    assert item.state.name == "afgewezen" and item.state.is_final
    assert [p.outcome for p in item.points] == ["rejected"]


def test_deferring_moves_it_to_a_later_meeting(proposal, time_machine):
    to_ready(proposal)
    approve_advice(proposal)
    engine.take(proposal, "agenderen", user("agendacommissie"))
    first = proposal.target_meeting
    time_machine.move_to(first.start_at, tick=False)
    later = db.session.scalar(select(type(first)).where(type(first).body_id == first.body_id,
                                                         type(first).start_at > first.start_at)
                              .order_by(type(first).start_at).limit(1))
    engine.take(proposal, "aanhouden", user("secretariaat"), params={"meeting_id": later.id})
    assert proposal.state.name == "geagendeerd" and proposal.target_meeting_id == later.id
    results = dict(db.session.execute(select(AgendaItem.meeting_id, AgendaItem.result)
                                      .where(AgendaItem.decision_item_id == proposal.id)).all())
    assert results[first.id] == "aangehouden" and results[later.id] is None


def test_every_transition_is_recorded_with_who_when_and_comment(proposal):
    engine.take(proposal, "indienen", user("projectleider"), comment="Graag in de juni-vergadering")
    db.session.commit()
    record = db.session.scalar(select(ItemTransition).where(ItemTransition.item_id == proposal.id))
    assert record.by_id == user("projectleider").id and record.comment == "Graag in de juni-vergadering"
    assert (record.from_state.name, record.to_state.name) == ("concept", "ingediend")


def test_the_engine_never_allows_a_transition_outside_the_graph(proposal):
    with pytest.raises(Conflict, match="niet mogelijk"):
        engine.take(proposal, "vaststellen", user("secretariaat"))


def test_actions_fan_out_to_the_municipalities_and_roll_up(proposal):
    action = actions.create_action(user("secretariaat"), proposal, description="Bespreek de aanpak in de driehoek",
                                   due_on=None, all_municipalities=True)
    assert len(action.assignments) == 14
    for assignment in action.assignments:
        actions.set_assignment_status(user("secretariaat"), assignment, "done", None, assignment.version)
    assert action.status == "done"
    assert actions.open_action_count(proposal.id) == 0


def test_items_keep_the_workflow_version_they_started_on(proposal):
    from ivzflow.workflows import loader
    data = dict(loader.latest("dvo_voorstel").definition)
    data["states"] = [dict(s) for s in data["states"]]
    data["states"][1]["label"] = {"nl": "Ingediend (nieuw)", "en": "Submitted (new)"}
    new_version = loader.load(data)
    later = services.create_item(user("projectleider"), decision_body=body("DVO"), title="Later", points=["x"])
    assert proposal.workflow_version.number == 1 and later.workflow_version_id == new_version.id
    engine.take(proposal, "indienen", user("projectleider"))
    assert proposal.state.label_nl == "Ingediend bij Platform IVZ"


def test_a_state_in_use_cannot_be_removed(proposal):
    from ivzflow.workflows import loader
    data = dict(loader.latest("dvo_voorstel").definition)
    data["states"] = [s for s in data["states"] if s["name"] != "concept"]
    data["states"][0] = dict(data["states"][0], initial=True)
    data["transitions"] = [t for t in data["transitions"] if "concept" not in (t["from"], t["to"])]
    with pytest.raises(loader.DefinitionRejected, match="'concept' is nog in gebruik"):
        loader.load(data)


def test_a_proposal_for_information_reaches_the_dvo_only_with_an_advice_or_a_recorded_reason_for_none(story):
    from ivzflow.workflows.engine import TransitionRefused

    item = services.create_item(user("projectleider"), decision_body=body("DVO"), title="Voortgang", kind="information",
                                points=["Kennisnemen"], target_meeting_id=next_meeting("DVO").id)
    to_ready(item)
    with pytest.raises(TransitionRefused, match="communicatieadvies is nog niet goedgekeurd"):
        engine.take(item, "agenderen", user("agendacommissie"))
    advice = item.communication_advice
    services.waive_advice(user("secretariaat"), advice, "Alleen ter kennisname.", advice.version)
    engine.take(item, "agenderen", user("agendacommissie"))
    assert item.state.name == "geagendeerd" and advice.status == "waived"
    assert (advice.waived_reason, advice.waived_by_id) == ("Alleen ter kennisname.", user("secretariaat").id)


@pytest.mark.parametrize("meeting_id", ["vorige week", "²", 2**40, 999_999, [1]])
def test_platform_advice_in_an_unknown_meeting_is_refused_and_nothing_recorded(client, proposal, meeting_id,
                                                                              time_machine):
    from tests.decisions.test_views_api import token_for

    engine.take(proposal, "indienen", user("projectleider"))
    platform = on_advice_agenda(proposal)
    db.session.commit()
    time_machine.move_to(platform.start_at, tick=False)
    response = client.post(f"/api/v1/decision-items/{proposal.id}/transitions", headers=token_for("secretariaat"),
                           json={"transition": "platform_advies", "advice": "positief", "advice_text": "Akkoord.",
                                 "meeting_id": meeting_id, "version": proposal.version})
    assert response.status_code == 400 and "vergadering bestaat niet" in response.get_json()["error"]["message"]
    db.session.expire_all()
    advice = next(c for c in db.session.get(type(proposal), proposal.id).route if c.role == "advice")
    assert advice.result is None and advice.meeting_id == platform.id  # still the planned meeting
