"""Between the tiers (issue 18): a DVO decision passed up to the RVO continues on the RVO's own route (the
DVO-secretarissenoverleg advises, the RVO decides), with what is confidential left in the district; the result
comes back as a notification and on the DVO's next agenda. The same between a driehoek and the DVO."""
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body, BodyRelation
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, NotAllowed
from ivzflow.decisions import documents, services, tiers
from ivzflow.decisions.documents import documents_of
from ivzflow.decisions.models import DecisionItem
from ivzflow.demo import demo_pdf
from ivzflow.extensions import db
from ivzflow.meetings.agenda import load_items
from ivzflow.meetings.models import Meeting
from ivzflow.organisations.models import District
from ivzflow.reminders.models import Reminder
from ivzflow.workflows import effects, engine
from tests.decisions.conftest import body, item_titled, meeting_on, user

pytestmark = pytest.mark.usefixtures("story")


def budget() -> DecisionItem:
    """Adopted by the DVO on 20 May 2015 (intern), being carried out."""
    return item_titled("Bestedingsplan reserves")


def feedback_on(meeting: Meeting) -> list[str]:
    return [i.title for i in load_items(meeting) if i.title.startswith("Terugkoppeling") and ":" in i.title]


def next_after(body_short_name: str, instant) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.body_id == body(body_short_name).id,
                                                   Meeting.start_at > instant).order_by(Meeting.start_at).limit(1))


def test_the_demo_action_plan_went_up_to_the_rvo_and_came_back_on_the_dvo_agenda_of_1_july():
    plan = item_titled("Actieplan Platform IVZ Twente")
    up = tiers.continuation_of(plan)
    assert up.continues_id == plan.id and up.decision_body.short_name == "RVO ON"
    assert up.district_id == db.session.scalar(select(District.id).where(District.name == "Oost-Nederland"))
    assert [(c.body.short_name, c.role, c.result) for c in up.route] == [
        ("DVO-secretarissen ON", "advice", "positief"), ("RVO ON", "decision", "vaststellen")]
    assert {p.outcome for p in up.points} == {"adopted"}
    july = meeting_on("DVO", date(2015, 7, 1))
    titles = [i.title for i in load_items(july)]
    feedback = f"Terugkoppeling RVO ON: {plan.title}"
    assert feedback in titles and titles.index(feedback) < titles.index("Rondvraag en sluiting")
    assert db.session.scalar(select(Reminder.id).where(Reminder.kind == "reported_back", Reminder.subject_id == up.id,
                                                       Reminder.user_id == user("secretariaat").id))


def test_the_upper_tier_of_the_demo_has_its_composition():
    rvo, secretaries = body("RVO ON"), body("DVO-secretarissen ON")
    seats = {s.name for s in rvo.seats}
    assert {"Voorzitter (regioburgemeester)", "Voorzitter DVO Twente", "Hoofdofficier van justitie",
            "Politiechef Oost-Nederland"} <= seats
    assert "Secretaris DVO Twente" in {s.name for s in secretaries.seats}
    twente = db.session.scalar(select(District).where(District.name == "Twente"))
    assert twente.parent.name == "Oost-Nederland" and twente.parent.is_unit
    rule_anchor = db.session.scalar(select(Meeting.anchor_meeting_id).where(Meeting.body_id == secretaries.id).limit(1))
    assert db.session.get(Meeting, rule_anchor).body_id == rvo.id  # a week before each RVO meeting
    assert len({s.name for s in body("Bestuurscollege ON").seats if s.name.startswith("Gemeente")}) >= 14


def test_pass_up_continues_on_the_rvo_route_and_the_decision_comes_back_to_the_dvo(client, login_demo):
    item = budget()
    with clock.frozen_at(clock.now()):
        documents.add_document(user("secretariaat"), item, io.BytesIO(demo_pdf.protocol_pdf()), "Bijlage.pdf")
    db.session.commit()
    login_demo("secretariaat")
    page = client.get(f"/decisions/{item.id}").get_data(as_text=True)
    assert "Voorleggen aan RVO ON" in page
    response = client.post(f"/decisions/{item.id}/pass-up", data={"note": "Graag regionaal afstemmen."})
    assert response.status_code == 302
    up = tiers.continuation_of(item)
    assert response.headers["Location"].endswith(f"/decisions/{up.id}")
    assert [c.body.short_name for c in up.route] == ["DVO-secretarissen ON", "RVO ON"]
    assert [p.text for p in up.points] == [p.text for p in item.points]
    assert "Graag regionaal afstemmen." in up.summary
    assert [d.filename for d in documents_of(up.id)] == ["Bijlage.pdf"]
    assert f'href="/decisions/{item.id}"' in client.get(f"/decisions/{up.id}").get_data(as_text=True)
    assert "Voortgezet bij RVO ON" in client.get(f"/decisions/{item.id}").get_data(as_text=True)

    sec = user("secretariaat")
    rvo_meeting = meeting_on("RVO ON", date(2015, 9, 24))
    services.set_target_meeting(up, rvo_meeting.id)
    engine.take(up, "indienen", sec)
    advice_meeting = next_after("DVO-secretarissen ON", clock.now())
    from ivzflow.meetings import agenda
    agenda.add_item(sec, advice_meeting, title=up.title, duration_minutes=15, is_public=False).decision_item_id = up.id
    services.waive_advice(sec, up.communication_advice, "Loopt via het district.", up.communication_advice.version)
    with clock.frozen_at(advice_meeting.start_at + timedelta(hours=1)):
        engine.take(up, "platform_advies", sec, params={"advice": "positief", "advice_text": "Akkoord.",
                                                        "meeting_id": advice_meeting.id})
        engine.take(up, "gereed_melden", sec)
    with clock.frozen_at(rvo_meeting.start_at - timedelta(days=20)):
        engine.take(up, "agenderen", sec)
    with clock.frozen_at(rvo_meeting.start_at + timedelta(minutes=30)):
        services.record_outcomes(sec, up, {p.id: ("adopted", None) for p in up.points}, up.version)
        engine.take(up, "vaststellen", sec)
        db.session.commit()
        dvo_meeting = next_after("DVO", rvo_meeting.start_at)
    titles = [i.title for i in load_items(dvo_meeting)]
    assert f"Terugkoppeling RVO ON: {item.title}" in titles
    assert titles.index(f"Terugkoppeling RVO ON: {item.title}") < titles.index("Rondvraag en sluiting")
    told = set(db.session.scalars(select(Reminder.user_id).where(Reminder.kind == "reported_back",
                                                                 Reminder.subject_id == up.id)))
    assert sec.id in told and user("projectleider").id not in told


def test_what_is_confidential_stays_in_the_district():
    item = budget()
    item.confidentiality = "vertrouwelijk"
    item.summary = "<p>Namen van betrokkenen</p>"
    documents.add_document(user("secretariaat"), item, io.BytesIO(demo_pdf.protocol_pdf()), "Vertrouwelijk.pdf")
    up = tiers.pass_up(item, user("secretariaat"))
    db.session.commit()
    assert up.confidentiality == "intern" and up.summary is None and documents_of(up.id) == []
    assert [p.text for p in up.points] == [p.text for p in item.points]


def test_only_the_districts_secretariat_passes_up(client, login_demo, make_user, make_person):
    item = budget()
    with pytest.raises(NotAllowed):
        tiers.pass_up(item, user("lid"))
    other = District(name="IJsselland (tiers)", police_unit="Oost-Nederland")
    db.session.add(other)
    db.session.commit()
    stranger = make_user(Role.SECRETARIAT, districts=[other])
    with pytest.raises(NotAllowed):
        tiers.pass_up(item, stranger)
    login_demo("lid")
    assert client.post(f"/decisions/{item.id}/pass-up", data={"note": "x"}).status_code == 403
    assert tiers.continuation_of(item) is None


def test_only_an_adopted_proposal_goes_up_and_only_once():
    sec = user("secretariaat")
    with pytest.raises(Conflict):
        tiers.pass_up(item_titled("Regionale inzet van de Wet Bibob"), sec)  # rejected
    tiers.pass_up(budget(), sec)
    with pytest.raises(Conflict):
        tiers.pass_up(budget(), sec)


def test_a_driehoek_raises_a_local_matter_to_the_dvo_and_hears_back():
    sec = user("secretariaat")
    driehoek = body("Driehoek Midden")
    helper = Body(name="Voorbereiding driehoek Midden", short_name="Voorbereiding Midden", kind="commissie",
                  district_id=driehoek.district_id)
    db.session.add(helper)
    db.session.flush()
    db.session.add(BodyRelation(source_id=helper.id, target_id=driehoek.id, kind="advises"))
    local = services.create_item(sec, decision_body=driehoek, title="Overlast rond het station van Hengelo",
                                 points=["De driehoek vraagt het DVO om een districtsbrede aanpak."],
                                 own_adviser_ok=True)
    local.points[0].outcome = "adopted"
    db.session.flush()
    up = tiers.pass_up(local, sec)
    assert up.decision_body.short_name == "DVO" and [c.body.short_name for c in up.route][-1] == "DVO"
    assert up.route[0].body.kind == "platform"
    effects.record_decision(up, sec, {"_transition": "vaststellen"})
    db.session.commit()
    titles = feedback_on(next_after("Driehoek Midden", clock.now()))
    assert titles == [f"Terugkoppeling DVO: {local.title}"]


def test_a_dvo_decision_is_reported_to_the_driehoeken(client, login_demo):
    plan = item_titled("Actieplan Platform IVZ Twente")
    login_demo("secretariaat")
    assert "Terugkoppelen aan" in client.get(f"/decisions/{plan.id}").get_data(as_text=True)
    assert client.post(f"/decisions/{plan.id}/report-down").status_code == 302
    for team in ("Midden", "Noord", "Noord-Oost", "West", "Enschede"):
        assert f"Terugkoppeling DVO: {plan.title}" in feedback_on(next_after(f"Driehoek {team}", clock.now()))
    login_demo("lid")
    assert client.post(f"/decisions/{plan.id}/report-down").status_code == 403


def test_the_api_shows_both_ends_to_who_may_see_them(client):
    from tests.decisions.test_views_api import token_for
    plan = item_titled("Actieplan Platform IVZ Twente")
    up = tiers.continuation_of(plan)
    detail = client.get(f"/api/v1/decision-items/{plan.id}", headers=token_for("secretariaat")).json
    assert detail["continuedBy"]["id"] == up.id and detail["continues"] is None
    back = client.get(f"/api/v1/decision-items/{up.id}", headers=token_for("secretariaat")).json
    assert back["continues"]["id"] == plan.id and back["continuedBy"] is None
