"""The Platform IVZ agenda offers the proposals that await its advice; one click places them, before the
closing items, and ties the Platform's advice to that meeting. On the Twente demo of 1 June 2015."""
from datetime import date

import pytest
from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.decisions.models import Consultation
from ivzflow.extensions import db
from ivzflow.meetings import agenda
from ivzflow.meetings.models import AgendaItem
from tests.decisions.conftest import item_titled, login_demo, meeting_on, story, user  # noqa: F401

RADICAL = "Regionaal afstemmingsoverleg radicalisering"


def platform() -> Body:
    return db.session.scalar(select(Body).where(Body.kind == "platform", Body.short_name == "Platform IVZ"))


def _june(story):
    return meeting_on(platform().short_name, date(2015, 6, 10))


def _place(client, meeting, item):
    return client.post(f"/meetings/{meeting.id}/agenda/proposals/{item.id}/place")


def _advice_step(item) -> Consultation:
    return next(c for c in item.route if c.role == "advice")


@pytest.mark.parametrize("who", ["agendacommissie", "secretariaat"])
def test_the_next_platform_meeting_offers_the_submitted_proposal(client, story, login_demo, who):
    june = _june(story)
    login_demo(who)
    page = client.get(f"/meetings/{june.id}/agenda").get_data(as_text=True)
    assert "Voorstellen voor advies van het Platform" in page
    assert RADICAL in page and "Op de agenda plaatsen" in page
    # a proposal already past the Platform's advice, or still a draft, is not offered
    offers = page[page.index("offers-heading"):]
    assert "Convenant aanpak georganiseerde hennepteelt" not in offers
    assert "Regionale aanpak fietsendiefstal" not in offers
    # a later Platform meeting does not offer it: the June meeting is the one it aims at
    september = meeting_on(platform().short_name, date(2015, 9, 16))
    assert RADICAL not in client.get(f"/meetings/{september.id}/agenda").get_data(as_text=True)


def test_one_click_places_it_before_the_closing_items_and_ties_the_advice(client, story, login_demo):
    june, item = _june(story), item_titled(RADICAL)
    login_demo("agendacommissie")
    response = _place(client, june, item)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "staat op de agenda als punt" in page
    titles = [i.title for i in agenda.load_items(june)]
    assert titles[-2:] == [RADICAL, "Rondvraag"], titles
    placed = db.session.scalar(select(AgendaItem).where(AgendaItem.title == RADICAL))
    assert placed.decision_item_id == item.id and not placed.is_public  # a vertrouwelijk proposal
    assert placed.presenter == item.trekker.name
    assert _advice_step(item).meeting_id == june.id
    # offered no more, and a second click is refused
    assert "offers-heading" not in page
    again = _place(client, june, item)
    assert "niet (meer) aangeboden" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert [i.title for i in agenda.load_items(june)].count(RADICAL) == 1


def test_a_proposal_that_names_a_platform_meeting_is_offered_there(client, story, login_demo):
    september = meeting_on(platform().short_name, date(2015, 9, 16))
    item = item_titled(RADICAL)
    _advice_step(item).meeting_id = september.id
    db.session.commit()
    login_demo("agendacommissie")
    assert RADICAL not in client.get(f"/meetings/{_june(story).id}/agenda").get_data(as_text=True)
    assert RADICAL in client.get(f"/meetings/{september.id}/agenda").get_data(as_text=True)
    assert _place(client, _june(story), item).status_code == 303
    assert RADICAL not in [i.title for i in agenda.load_items(_june(story))]


def test_a_proposal_without_platform_advice_on_its_route_is_not_offered(client, story, login_demo):
    item = item_titled(RADICAL)
    item.route = [c for c in item.route if c.role != "advice"]
    db.session.commit()
    login_demo("agendacommissie")
    june = _june(story)
    assert RADICAL not in client.get(f"/meetings/{june.id}/agenda").get_data(as_text=True)
    _place(client, june, item)
    assert RADICAL not in [i.title for i in agenda.load_items(june)]


@pytest.mark.parametrize("who", ["lid", "projectleider"])
def test_only_those_who_prepare_the_platform_may_place(client, story, login_demo, who):
    june, item = _june(story), item_titled(RADICAL)
    june.is_published = True
    db.session.commit()
    login_demo(who)
    assert _place(client, june, item).status_code == 403
    assert RADICAL not in [i.title for i in agenda.load_items(june)]


def test_the_platform_agenda_runs_a_bounded_number_of_queries(client, story, login_demo, count_queries):
    from ivzflow.decisions import services as decisions
    from ivzflow.meetings.proposals import ADVICE_EFFECT
    from ivzflow.projects.governance import dvo_body
    june = _june(story)
    login_demo("agendacommissie")
    client.get(f"/meetings/{june.id}/agenda")  # the first request warms per-process caches
    counts = []
    for extra in (0, 8):
        for n in range(extra):
            item = decisions.create_item(user("secretariaat"), decision_body=dvo_body(), title=f"Voorstel {n}",
                                         confidentiality="vertrouwelijk", points=["Instemmen"])
            item.state = next(t.from_state for t in item.workflow_version.transitions if ADVICE_EFFECT in t.effects)
        db.session.commit()
        with count_queries() as counted:
            page = client.get(f"/meetings/{june.id}/agenda").get_data(as_text=True)
        counts.append(counted.n)
    assert "Voorstel 7" in page
    assert counts[0] == counts[1] <= 25, counts
