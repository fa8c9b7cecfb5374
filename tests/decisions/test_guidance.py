"""After each step the proposal page says who acts next and what, from the workflow and its guards."""
import html

from ivzflow.decisions import guidance, route, services
from ivzflow.extensions import db
from ivzflow.workflows import engine
from tests.decisions.conftest import advise, body, next_meeting, user


def turns(item):
    found = guidance.next_turns(item, user("secretariaat"))
    return ((found.now.who, found.now.what) if found.now else None,
            (found.after.who, found.after.what) if found.after else None)


def project_draft():
    trekker = user("lid")
    return services.create_item(user("projectleider"), decision_body=body("DVO"), title="Inbraakpreventie",
                                points=["x"], trekker_id=trekker.person_id, project_id=1,
                                target_meeting_id=next_meeting("DVO").id)


def test_a_project_draft_waits_for_its_trekker_then_the_submitter(story):
    item = project_draft()
    now, after = turns(item)
    assert now == (f"{item.trekker.name} (bestuurlijk trekker)", "instemmen met het voorstel")
    assert after[0].startswith("de indiener (") and "of het secretariaat" in after[0]
    assert after[1] == "Indienen bij Platform IVZ"
    services.give_consent(user("lid"), item)
    now, after = turns(item)
    assert now[1] == "Indienen bij Platform IVZ"
    assert after == ("het secretariaat", "Platform-advies vastleggen")


def test_after_submitting_the_agendacommissie_puts_it_on_the_platform_agenda_then_the_secretariat_records(proposal):
    engine.take(proposal, "indienen", user("projectleider"))
    platform = route.advice_step(proposal).meeting
    now, after = turns(proposal)
    assert now == ("de agendacommissie", f"het voorstel op de agenda van {platform.name} plaatsen")
    assert after == ("het secretariaat", "Platform-advies vastleggen")


def test_then_the_platform_discusses_it_in_its_meeting(proposal):
    from tests.decisions.conftest import on_advice_agenda

    engine.take(proposal, "indienen", user("projectleider"))
    platform = on_advice_agenda(proposal)
    now, _after = turns(proposal)
    assert now[0] == "Platform IVZ" and now[1].startswith("het voorstel bespreken in de vergadering van ")
    assert str(platform.local_day.day) in now[1]


def test_when_ready_the_communication_advice_comes_first(proposal):
    engine.take(proposal, "indienen", user("projectleider"))
    advise(proposal)
    engine.take(proposal, "gereed_melden", user("projectleider"))
    now, after = turns(proposal)
    assert now == ("de communicatieadviseur", "het communicatieadvies schrijven")
    assert after == ("de agendacommissie of het secretariaat", "Agenderen voor het DVO")


def test_on_the_dvo_agenda_the_dvo_comes_next_in_its_meeting(proposal):
    from tests.decisions.test_route import approve_advice

    engine.take(proposal, "indienen", user("projectleider"))
    advise(proposal)
    engine.take(proposal, "gereed_melden", user("projectleider"))
    approve_advice(proposal)
    engine.take(proposal, "agenderen", user("agendacommissie"))
    now, after = turns(proposal)
    assert now[0] == "DVO Twente" and now[1].startswith("het voorstel behandelen in de vergadering van")
    assert after[0] == "het secretariaat"


def test_the_proposal_page_says_who_is_next_instead_of_that_nobody_can_act(client, proposal, login_demo):
    engine.take(proposal, "indienen", user("projectleider"))
    db.session.commit()
    login_demo("projectleider")
    text = html.unescape(client.get(f"/decisions/{proposal.id}").get_data(as_text=True))
    platform = route.advice_step(proposal).meeting
    assert (f"Nu aan de beurt: de agendacommissie — het voorstel op de agenda van {platform.name} plaatsen."
            in " ".join(text.replace("<strong>", "").replace("</strong>", "").split()))
    assert "Daarna: het secretariaat — Platform-advies vastleggen." in text
    assert "U kunt op dit moment geen stap zetten" not in text


def test_a_settled_proposal_has_no_next_turn(story):
    from tests.decisions.conftest import item_titled

    done = item_titled("Deelname aan de Integrale Veiligheidsmonitor")
    assert guidance.next_turns(done) == guidance.Guidance(None, None)


def test_the_guidance_reuses_the_guards_the_page_already_asked(proposal, monkeypatch):
    """The proposal page asks each guard of the way forward once: for its buttons (engine.options), not again
    for who is next."""
    from ivzflow.workflows import registry

    engine.take(proposal, "indienen", user("projectleider"))
    secretariat = user("secretariaat")
    options = engine.options(proposal, secretariat)
    assert any(not o.allowed for o in options)  # recording the advice waits for the Platform's meeting
    asked = []
    for name in list(registry.GUARDS):
        monkeypatch.setitem(registry.GUARDS, name, lambda item, u, params, name=name: asked.append(name))
    found = guidance.next_turns(proposal, secretariat, options)
    assert asked == [] and found.now is not None
    guidance.next_turns(proposal, secretariat)  # without the page's options it asks them itself
    assert asked
