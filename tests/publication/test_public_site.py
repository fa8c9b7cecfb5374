"""The public site: the secretariat publishes, anyone reads without login, nothing intern ever shows,
a withdrawal says so and is audited."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from ivzflow.audit.models import AuditEntry
from ivzflow.bodies.models import Body
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.publication.models import PublicationPolicy, Withdrawal

IVM = "Deelname aan de Integrale Veiligheidsmonitor 2015"
BUDGET = "Bestedingsplan reserves Platform IVZ"  # intern, on the agenda of 20 May
SECRETARIAT = "secretariaat@demo.ivzflow.nl"


def _dvo() -> Body:
    return db.session.scalar(select(Body).where(Body.short_name == "DVO"))


def _meeting(day: str) -> Meeting:
    dvo = _dvo()
    return next(m for m in db.session.scalars(select(Meeting).where(Meeting.body_id == dvo.id))
                if m.local_day.isoformat() == day)


def _log_in(client, demo, email: str = SECRETARIAT) -> None:
    response = client.post("/login", data={"email": email, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302


def test_secretariat_publishes_the_dvo_decision_list_and_anyone_reads_it_and_its_feed(client, demo):
    db.session.execute(delete(PublicationPolicy))
    march = _meeting("2015-03-25")
    dvo = _dvo()
    url = f"/openbaar/vergaderingen/{march.id}/besluitenlijst"
    assert client.get(url).status_code == 404

    _log_in(client, demo)
    page = client.get(f"/bodies/{dvo.id}/publicatie")
    assert page.status_code == 200 and "Openbare besluitenlijsten publiceren" in page.get_data(as_text=True)
    response = client.post(f"/bodies/{dvo.id}/publicatie", data={"version": "0", "decision_lists": "y"})
    assert response.status_code == 302
    client.post("/logout")

    public = client.get(url)
    assert public.status_code == 200
    assert IVM in public.get_data(as_text=True)
    feed = client.get(f"/openbaar/gremia/{dvo.id}/feed.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert f"http://ivzflow.test{url}" in feed.get_data(as_text=True)
    assert f"http://ivzflow.test{url}" in client.get("/openbaar/sitemap.xml").get_data(as_text=True)
    assert "DVO Twente" in client.get("/openbaar/").get_data(as_text=True)
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.record_type == "publication_policy",
                                                        AuditEntry.actor_label == SECRETARIAT)).all()
    assert [(e.action, e.changes.get("decision_lists")) for e in audit] == [("create", True)]


def test_intern_items_and_proposals_never_appear_also_after_a_later_edit(client, demo):
    march, may = _meeting("2015-03-25"), _meeting("2015-05-20")
    agenda = client.get(f"/openbaar/vergaderingen/{may.id}/agenda").get_data(as_text=True)
    assert "Actieplan Platform IVZ" in agenda and BUDGET not in agenda
    decision_list = f"/openbaar/vergaderingen/{march.id}/besluitenlijst"
    assert IVM in client.get(decision_list).get_data(as_text=True)

    ivm = db.session.scalar(select(DecisionItem).where(DecisionItem.title == IVM))
    ivm.confidentiality = "intern"  # a later edit: the proposal is no longer public
    plan_item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == may.id,
                                                           AgendaItem.title.like("Actieplan%")))
    plan_item.is_public = False  # and an agenda item made confidential
    db.session.commit()

    for url in (decision_list, f"/openbaar/vergaderingen/{march.id}/agenda"):
        text = client.get(url).get_data(as_text=True)
        assert IVM not in text and "Integrale Veiligheidsmonitor" not in text
    assert "Actieplan Platform IVZ" not in client.get(f"/openbaar/vergaderingen/{may.id}/agenda").get_data(as_text=True)


def test_a_meeting_whose_agenda_was_not_sent_is_not_published(client, demo):
    july = _meeting("2015-07-01")
    assert july.state not in ("sent", "held", "minutes_adopted")
    assert client.get(f"/openbaar/vergaderingen/{july.id}/agenda").status_code == 404
    assert client.get(f"/openbaar/vergaderingen/{july.id}/besluitenlijst").status_code == 404


def test_withdrawing_a_publication_is_audited_and_its_page_says_so(client, demo, time_machine):
    march = _meeting("2015-03-25")
    dvo = _dvo()
    url = f"/openbaar/vergaderingen/{march.id}/besluitenlijst"
    time_machine.move_to("2015-06-02T10:00:00+02:00", tick=False)
    _log_in(client, demo)
    response = client.post(f"/bodies/{dvo.id}/publicatie/intrekken",
                           data={"kind": "decision_list", "subject_id": str(march.id), "reason": "Fout in punt 4"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.location.endswith(f"/bodies/{dvo.id}/publicatie"), response.location
    client.post("/logout")

    page = client.get(url)
    assert page.status_code == 410
    text = page.get_data(as_text=True)
    assert "Deze publicatie is ingetrokken op 2 juni 2015." in text and "Fout in punt 4" in text
    assert IVM not in text
    assert url not in client.get("/openbaar/sitemap.xml").get_data(as_text=True)
    assert url not in client.get(f"/openbaar/gremia/{dvo.id}/feed.atom").get_data(as_text=True)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.record_type == "publication_withdrawal"))
    assert entry.action == "create" and entry.actor_label == SECRETARIAT
    assert entry.changes["reason"] == "Fout in punt 4"


def test_switching_a_kind_off_withdraws_what_was_published_rather_than_hiding_it(client, demo):
    may = _meeting("2015-05-20")
    dvo = _dvo()
    policy = db.session.scalar(select(PublicationPolicy).where(PublicationPolicy.body_id == dvo.id))
    _log_in(client, demo)
    response = client.post(f"/bodies/{dvo.id}/publicatie", data={"version": str(policy.version),
                                                                  "decision_lists": "y", "documents": "y"})
    assert response.status_code == 302
    page = client.get(f"/openbaar/vergaderingen/{may.id}/agenda")
    assert page.status_code == 410 and "Deze publicatie is ingetrokken op" in page.get_data(as_text=True)
    assert db.session.scalar(select(Withdrawal).where(Withdrawal.meeting_id == may.id)).kind == "agenda"


def test_withdrawing_needs_a_reason(client, demo):
    march = _meeting("2015-03-25")
    _log_in(client, demo)
    response = client.post(f"/bodies/{_dvo().id}/publicatie/intrekken",
                           data={"kind": "decision_list", "subject_id": str(march.id), "reason": ""})
    assert response.status_code == 400
    assert client.get(f"/openbaar/vergaderingen/{march.id}/besluitenlijst").status_code == 200


@pytest.mark.parametrize("email, status", [("lid@demo.ivzflow.nl", 403), ("agendacommissie@demo.ivzflow.nl", 200)])
def test_who_prepares_the_body_chooses_what_it_publishes(client, demo, email, status):
    _log_in(client, demo, email)
    assert client.get(f"/bodies/{_dvo().id}/publicatie").status_code == status


def test_the_settings_page_needs_a_login_the_public_site_does_not(client, demo):
    assert client.get(f"/bodies/{_dvo().id}/publicatie").status_code == 302
    assert client.get("/openbaar/").status_code == 200


def test_public_pages_stay_within_a_fixed_number_of_queries(client, demo, count_queries):
    dvo, may = _dvo(), _meeting("2015-05-20")
    march = _meeting("2015-03-25")
    pages = ["/openbaar/", f"/openbaar/gremia/{dvo.id}/", f"/openbaar/gremia/{dvo.id}/feed.atom",
             "/openbaar/sitemap.xml", f"/openbaar/vergaderingen/{may.id}/agenda",
             f"/openbaar/vergaderingen/{march.id}/besluitenlijst"]

    def measure() -> dict[str, int]:
        found = {}
        for path in pages:
            client.get(path)
            with count_queries() as counted:
                assert client.get(path).status_code == 200, path
            found[path] = counted.n
        return found

    before = measure()
    for n in range(12):  # more published agendas, each with items
        extra = Meeting(body_id=dvo.id, name=f"DVO extra {n}", start_at=may.start_at + timedelta(days=100 + n),
                        end_at=may.end_at + timedelta(days=100 + n), state="sent", is_published=True)
        extra.items = [AgendaItem(title=f"Punt {i}", position=i) for i in range(5)]
        db.session.add(extra)
    may_items = db.session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == may.id)).all()
    for i in range(10):
        db.session.add(AgendaItem(meeting_id=may.id, title=f"Extra punt {i}", position=100 + i))
    assert may_items
    db.session.commit()
    after = measure()
    assert max(after.values()) <= 15, after
    assert {p: (before[p], after[p]) for p in pages if after[p] > before[p]} == {}


PROJECT = "Aanpak woninginbraken"  # assigned by the action plan, an openbaar DVO decision


def _project_url(client) -> str:
    from ivzflow.projects.models import Project

    project = db.session.scalar(select(Project).where(Project.title == PROJECT))
    return f"/openbaar/projecten/{project.id}"


def test_a_project_assigned_by_a_public_decision_has_a_public_page_until_the_decision_is_intern(client, demo):
    url = _project_url(client)
    page = client.get(url)
    assert page.status_code == 200 and "Maximaal 1.895 woninginbraken" in page.get_data(as_text=True)
    assert url in client.get(f"/openbaar/gremia/{_dvo().id}/").get_data(as_text=True)
    plan = db.session.scalar(select(DecisionItem).where(DecisionItem.title.like("Actieplan Platform IVZ%")))
    plan.confidentiality = "intern"
    db.session.commit()
    assert client.get(url).status_code == 404


def test_withdrawing_a_project_page_shows_the_notice(client, demo):
    url = _project_url(client)
    project_id = int(url.rsplit("/", 1)[1])
    _log_in(client, demo)
    response = client.post(f"/bodies/{_dvo().id}/publicatie/intrekken",
                           data={"kind": "project", "subject_id": str(project_id), "reason": "Verouderd"})
    assert response.status_code == 302
    page = client.get(url)
    assert page.status_code == 410 and "Deze publicatie is ingetrokken op" in page.get_data(as_text=True)


def test_a_body_withdraws_only_its_own_publications(client, demo):
    other = db.session.scalar(select(Body).where(Body.short_name == "Platform IVZ"))
    march = _meeting("2015-03-25")
    _log_in(client, demo)
    response = client.post(f"/bodies/{other.id}/publicatie/intrekken",
                           data={"kind": "decision_list", "subject_id": str(march.id), "reason": "Fout"})
    assert response.status_code == 400
    assert client.get(f"/openbaar/vergaderingen/{march.id}/besluitenlijst").status_code == 200


def test_a_withdrawal_can_be_undone_while_the_body_publishes_that_kind(client, demo):
    march = _meeting("2015-03-25")
    dvo = _dvo()
    url = f"/openbaar/vergaderingen/{march.id}/besluitenlijst"
    _log_in(client, demo)
    client.post(f"/bodies/{dvo.id}/publicatie/intrekken",
                data={"kind": "decision_list", "subject_id": str(march.id), "reason": "Even controleren"})
    withdrawal = db.session.scalar(select(Withdrawal).where(Withdrawal.meeting_id == march.id))
    policy = db.session.scalar(select(PublicationPolicy).where(PublicationPolicy.body_id == dvo.id))
    policy.decision_lists = False
    db.session.commit()
    refused = client.post(f"/bodies/{dvo.id}/publicatie/opnieuw/{withdrawal.id}")
    assert refused.status_code == 409 and client.get(url).status_code == 410

    policy.decision_lists = True
    db.session.commit()
    assert client.post(f"/bodies/{dvo.id}/publicatie/opnieuw/{withdrawal.id}").status_code == 302
    assert client.get(url).status_code == 200
    actions = [e.action for e in db.session.scalars(select(AuditEntry).where(
        AuditEntry.record_type == "publication_withdrawal").order_by(AuditEntry.id))]
    assert actions == ["create", "delete"]


def test_a_withdrawal_is_undone_only_on_its_own_bodys_page(client, demo):
    """Another body's withdrawal is not found there (404), as an unknown one, and stays withdrawn."""
    march = _meeting("2015-03-25")
    dvo = _dvo()
    other = db.session.scalar(select(Body).where(Body.short_name == "Platform IVZ"))
    url = f"/openbaar/vergaderingen/{march.id}/besluitenlijst"
    _log_in(client, demo)
    client.post(f"/bodies/{dvo.id}/publicatie/intrekken",
                data={"kind": "decision_list", "subject_id": str(march.id), "reason": "Even controleren"})
    withdrawal = db.session.scalar(select(Withdrawal).where(Withdrawal.meeting_id == march.id))
    assert client.post(f"/bodies/{other.id}/publicatie/opnieuw/{withdrawal.id}").status_code == 404
    assert client.post(f"/bodies/{dvo.id}/publicatie/opnieuw/987654").status_code == 404
    assert client.get(url).status_code == 410
