"""Each role's start page opens with what that user must do now, soonest first, each a link to the page where
it is done; the task is gone as soon as its work is done. The demo on 1 June 2015, through the client."""
import re
from datetime import date, datetime, timezone

from ivzflow.core import clock
from ivzflow.extensions import db
from ivzflow.meetings import services as meetings
from ivzflow.projects.models import Project
from ivzflow.tasks.services import tasks_for
from tests.decisions.conftest import body, item_titled, login_demo, meeting_on, story, user  # noqa: F401
from tests.tasks.conftest import shown_tasks


def kinds(tasks) -> list[str]:
    return [t.kind for t in tasks]


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', html).group(1)


def post_status_update(client, link: str, **extra):
    form = client.get(link).get_data(as_text=True)
    return client.post(link, data={"previous_id": hidden(form, "previous_id"), "status": "green", "progress": 50,
                                   "summary": "Op koers.", **extra})


def test_the_projectleider_is_asked_for_the_status_update_until_it_is_posted(story, login_demo, client, dashboard):
    login_demo("projectleider")
    tasks = dashboard()
    # first her draft of 28 May: its route aims it at the Platform of 10 June, whose submission deadline
    # (27 May) has passed; then the status update, due 3 June, before that Platform: the soonest still ahead
    assert kinds(tasks)[:2] == ["submit_proposal", "status_update"]
    assert "fietsendiefstal" in tasks[0].title and "te laat" in tasks[0].words
    assert tasks[1].title == "Plaats de statusupdate van Aanpak woninginbraken"
    assert "uiterlijk woensdag 3 juni 2015" in tasks[1].words
    assert tasks[1].link.endswith("/status-updates/new")

    assert post_status_update(client, tasks[1].link).status_code == 302
    assert "status_update" not in kinds(dashboard())


def test_the_trekker_is_asked_to_consent_and_the_submitter_to_submit_afterwards(story, login_demo, client, dashboard):
    login_demo("projectleider")
    update = next(t for t in dashboard() if t.kind == "status_update")
    post_status_update(client, update.link, decision_needed="Extra budget voor de voorlichtingsbus.")
    proposal = item_titled("Aanpak woninginbraken: besluit gevraagd")
    assert not [t for t in dashboard() if "besluit gevraagd" in t.title]  # waits for the trekker, not for her

    login_demo("lid")  # the burgemeester of Tubbergen, trekker of the project
    consent = next(t for t in dashboard() if t.kind == "give_consent")
    assert consent.title == "Stem in met het voorstel 'Aanpak woninginbraken: besluit gevraagd'"
    assert "als bestuurlijk trekker van Aanpak woninginbraken" in consent.words
    assert consent.link == f"/decisions/{proposal.id}"
    assert client.post(f"/decisions/{proposal.id}/consent").status_code == 302
    assert "give_consent" not in kinds(dashboard())

    login_demo("projectleider")
    submit = next(t for t in dashboard() if "besluit gevraagd" in t.title)
    assert submit.kind == "submit_proposal"
    assert submit.title == "Werk uw voorstel 'Aanpak woninginbraken: besluit gevraagd' af en dien het in"


def test_the_advisor_writes_the_advice_and_someone_else_approves_it(story, login_demo, client, dashboard):
    login_demo("communicatie")
    tasks = dashboard()
    protocol = item_titled("Protocol maatschappelijke onrust")
    write = next(t for t in tasks if t.kind == "write_advice")
    assert write.title == f"Schrijf het communicatieadvies bij '{protocol.title}'"  # aimed at the soonest DVO
    assert "uiterlijk woensdag 10 juni 2015" in write.words
    # the advice she wrote herself (burglary) is not hers to approve
    assert "approve_advice" not in kinds(tasks)

    form = client.get(write.link).get_data(as_text=True)
    response = client.post(write.link, data={"version": hidden(form, "version"), "key_message": "Eén protocol.",
                                             "audiences": "Zorgpartners", "woo_disclosure": "actief"})
    assert response.status_code == 302
    assert write.title not in [t.title for t in dashboard()]

    login_demo("secretariaat")
    approvals = [t for t in dashboard() if t.kind == "approve_advice"]
    assert {t.title for t in approvals} == {
        f"Keur het communicatieadvies bij '{protocol.title}' goed",
        "Keur het communicatieadvies bij 'Aanpak woninginbraken: regionale inzet van buurtpreventie-apps' goed"}
    assert all("geschreven door Iris Koopman" in t.words for t in approvals)  # a name, not an e-mail address
    approve = approvals[0]
    form = client.get(approve.link).get_data(as_text=True)
    version = re.search(r'action="[^"]*/advice/approve".*?name="version"[^>]*value="(\d+)"', form, re.S).group(1)
    assert client.post(approve.link + "/approve", data={"version": version}).status_code == 302
    assert approve.title not in [t.title for t in dashboard()]


def test_the_secretariat_sees_agendas_and_lists_and_records_todays_meeting(story, login_demo, client, dashboard,
                                                                          time_machine):
    login_demo("secretariaat")
    tasks = dashboard()
    assert tasks[0].title == "Stel de agenda op van Agendacommissie 3 juni 2015"
    assert "te laat" in tasks[0].words and "29 mei 2015" in tasks[0].words  # its deadline has passed
    titles = [t.title for t in tasks]
    assert "Stel de agenda op van Platform IVZ 10 juni 2015" in titles
    assert "Stel de agenda vast van DVO 1 juli 2015" in titles
    adopt = next(t for t in tasks if t.kind == "adopt_decision_list")
    assert adopt.title == "Laat de besluitenlijst van DVO 20 mei 2015 vaststellen"
    assert "in DVO 1 juli 2015" in adopt.words

    # On 3 June at three the agendacommissie has met: record it.
    time_machine.move_to(datetime(2015, 6, 3, 13, 0, tzinfo=timezone.utc), tick=False)
    login_demo("secretariaat")  # a new day, a new login
    record = next(t for t in dashboard() if t.kind == "record_meeting")
    assert record.title == "Vergadering van vandaag vastleggen: Agendacommissie 3 juni 2015"
    meeting = meeting_on("Agendacommissie", date(2015, 6, 3))
    assert record.link == f"/meetings/{meeting.id}/record"
    record_everyone_present(client, meeting)  # who was there: the meeting is held, its record done
    assert "record_meeting" not in kinds(dashboard())
    db.session.refresh(meeting)
    assert meeting.state == "held"

    # On the day of the DVO of 1 July the list of 20 May is adopted there.
    time_machine.move_to(datetime(2015, 7, 1, 13, 0, tzinfo=timezone.utc), tick=False)
    login_demo("secretariaat")
    may, july = meeting_on("DVO", date(2015, 5, 20)), meeting_on("DVO", date(2015, 7, 1))
    assert client.post(f"/meetings/{may.id}/decisions/adopt", data={"meeting_id": july.id}).status_code == 302
    # (the secretariat also serves the RVO through its seat among the DVO secretaries: that list is another's task)
    assert not [t for t in dashboard() if t.kind == "adopt_decision_list" and "DVO 20 mei 2015" in t.title]


def record_everyone_present(client, meeting):
    """The record page's 'Iedereen aanwezig', as the browser posts it."""
    from ivzflow.meetings.agenda import load_items
    from ivzflow.meetings.record import members_of
    data = {"version": meeting.version, "all_present": "Iedereen aanwezig"}
    for n, member in enumerate(members_of(meeting)):
        data |= {f"attendance-{n}-person_id": member.person_id, f"attendance-{n}-status": "",
                 f"attendance-{n}-stand_in_id": 0}
    for n, item in enumerate(load_items(meeting)):
        data |= {f"items-{n}-item_id": item.id, f"items-{n}-version": item.version}
    assert client.post(f"/meetings/{meeting.id}/record", data=data).status_code == 303


def test_the_dvo_stays_to_be_recorded_until_every_proposal_on_it_has_its_outcome(story, login_demo, client,
                                                                                 dashboard, time_machine):
    from ivzflow.decisions.models import DecisionItem
    from ivzflow.meetings.agenda import load_items
    july = meeting_on("DVO", date(2015, 7, 1))
    july.state = "sent"
    db.session.commit()
    time_machine.move_to(datetime(2015, 7, 1, 13, 0, tzinfo=timezone.utc), tick=False)
    login_demo("secretariaat")
    record = next(t for t in dashboard() if t.kind == "record_meeting" and "DVO" in t.title)
    assert record.title == "Vergadering van vandaag vastleggen: DVO 1 juli 2015"
    assert record.link == f"/meetings/{july.id}/record"
    record_everyone_present(client, july)
    assert any(t.kind == "record_meeting" and "DVO" in t.title for t in dashboard())  # held; the proposals wait
    time_machine.move_to(datetime(2015, 7, 3, 9, 0, tzinfo=timezone.utc), tick=False)
    login_demo("secretariaat")
    later = next(t for t in dashboard() if t.kind == "record_meeting" and "DVO" in t.title)
    assert later.title == "Verloop vastleggen van DVO 1 juli 2015"
    db.session.refresh(july)
    data = {"version": july.version}
    for n, item in enumerate(load_items(july)):
        data |= {f"items-{n}-item_id": item.id, f"items-{n}-version": item.version}
        proposal = db.session.get(DecisionItem, item.decision_item_id) if item.decision_item_id else None
        for m, point in enumerate(proposal.points if proposal else []):
            data |= {f"items-{n}-points-{m}-point_id": point.id, f"items-{n}-points-{m}-outcome": "noted"}
    from ivzflow.meetings.record import members_of
    for n, member in enumerate(members_of(july)):
        data |= {f"attendance-{n}-person_id": member.person_id, f"attendance-{n}-status": "present"}
    assert client.post(f"/meetings/{july.id}/record", data=data).status_code == 303
    assert not any(t.kind == "record_meeting" and "DVO" in t.title for t in dashboard())


def test_a_municipality_sees_its_part_of_an_action_until_it_reports_it_done(story, login_demo, client, dashboard):
    login_demo("lid")
    action = next(t for t in dashboard() if t.kind == "action")
    assert action.title.startswith("Actie voor Gemeente Tubbergen: Verwerk de regionale speerpunten")
    assert "uiterlijk woensdag 1 juli 2015" in action.words
    page = client.get(action.link).get_data(as_text=True)
    form = re.search(r'action="(/actions/\d+/assignments/\d+)"(.*?)</form>', page, re.S)
    assert form, "the Tubbergen part has its own form"
    version = re.search(r'name="version"[^>]*value="(\d+)"', form.group(2)).group(1)
    assert client.post(form.group(1), data={"status": "done", "version": version}).status_code == 302
    assert "action" not in kinds(dashboard())


def test_the_start_page_shows_no_deadlines_and_no_draft_meetings_to_those_who_may_not_see_them(
        story, login_demo, client, dashboard):
    """A member sees the meetings of the bodies they sit in, but not a draft of another body's calendar
    (the meeting page answers 404 to them), and no deadlines that are someone else's work."""
    draft = meetings.create_meeting(None, body("Driehoek Noord-Oost"), clock.local_to_utc(date(2015, 6, 5), 10), 60,
                                    name="Extra driehoek Noord-Oost (concept)")
    db.session.commit()
    assert not draft.is_published
    login_demo("lid")  # sits in the driehoek Noord-Oost, does not prepare it
    assert client.get(f"/meetings/{draft.id}").status_code == 404
    page = client.get("/").get_data(as_text=True)
    assert "Extra driehoek Noord-Oost" not in page
    assert "Driehoek Noord-Oost 8 juli 2015" in page  # the published meeting is there
    for deadline in ("Inleverdatum", "Agenda vastgesteld", "Stukken verzonden"):
        assert deadline not in page
    # his seat in the DB DVO (which prepares the DVO) does not make agendas his work: he reads
    assert not {"prepare_agenda", "fix_agenda", "send_agenda"} & set(kinds(shown_tasks(page)))


def test_tasks_come_soonest_first_and_undated_ones_last(story):
    tasks = tasks_for(user("communicatie"), date(2015, 6, 1))
    dues = [t.due for t in tasks]
    dated = [d for d in dues if d is not None]
    assert len(dated) >= 3 and None in dues
    assert dues == sorted(dated) + [None] * (len(dues) - len(dated))


def test_a_user_without_tasks_is_told_so(story, client, login_as, dashboard):
    login_as()
    assert dashboard() == []
    assert "Er wacht nu niets op u." in client.get("/").get_data(as_text=True)


def test_the_start_page_costs_the_same_queries_however_much_there_is_to_do(story, login_demo, client,
                                                                           count_queries):
    """Tasks come from a fixed number of queries per source, not one per proposal, project or action."""
    from ivzflow.decisions import actions, services as decisions

    secretariat, advisor = user("secretariaat"), user("communicatie")
    dvo, july = body("DVO"), meeting_on("DVO", date(2015, 7, 1))
    burglary = item_titled("Aanpak woninginbraken: regionale")

    def add(numbers):
        for n in numbers:
            item = decisions.create_item(secretariat, decision_body=dvo, title=f"Voorstel {n}", points=["Besluiten"],
                                         target_meeting_id=july.id)
            advice = item.communication_advice
            decisions.save_advice(advisor, advice, version=advice.version, key_message="k", audiences="a",
                                  spokesperson=None, timing=None, embargo_until=None, woo_disclosure=None,
                                  woo_note=None, inform_ids=[])
            actions.create_action(secretariat, burglary, description=f"Actie {n}", due_on=date(2015, 6, 20 + n % 5),
                                  owner_person_id=secretariat.person_id)
            db.session.add(Project(title=f"Project {n}", kind="speerpunt", projectleider_id=secretariat.person_id,
                                   start_on=date(2015, 1, 1)))
        db.session.commit()

    def start_page():
        with count_queries() as counted:
            page = client.get("/").get_data(as_text=True)
        return counted, [t.title for t in shown_tasks(page)]

    add(range(1))
    login_demo("secretariaat")
    client.get("/")
    few, _titles = start_page()
    add(range(1, 12))
    many, titles = start_page()
    assert sum(t.startswith("Keur het communicatieadvies bij 'Voorstel") for t in titles) == 12
    assert sum(t.startswith("Werk uw voorstel 'Voorstel") for t in titles) == 12
    assert sum(t.startswith("Plaats de statusupdate van Project") for t in titles) == 12
    assert sum(t.startswith("Actie: Actie") for t in titles) == 12
    assert many.n == few.n, "\n".join(many.statements)
