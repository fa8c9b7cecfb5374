"""The besluitenlijst of a meeting: HTML and PDF, only what the reader may see, adopted at a later meeting."""
import io
from datetime import date

import pytest

from ivzflow.accounts.roles import Role
from ivzflow.decisions import services
from ivzflow.decisions.models import DecisionList
from ivzflow.extensions import db
from ivzflow.meetings import services as meetings
from ivzflow.workflows import engine
from tests.decisions.conftest import body, meeting_on, next_meeting, user

MAY_TITLES = ["Actieplan Platform IVZ Twente 2015-2016", "Voortgangsrapportage aanpak woninginbraken",
              "Bestedingsplan reserves Platform IVZ", "Regionale beleidsregel cameratoezicht bij evenementen",
              "Regionale inzet van de Wet Bibob bij horecavergunningen"]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def confidential_decision(story):
    """A vertrouwelijk proposal of the secretariat, decided at the DVO of 1 July."""
    item = services.create_item(user("secretariaat"), decision_body=body("DVO"), title="Vertrouwelijke casus",
                                points=["Besluit over de casus"], confidentiality="vertrouwelijk",
                                target_meeting_id=next_meeting("DVO").id)
    engine.take(item, "indienen", user("secretariaat"))  # past the draft, which only its makers see
    services.record_outcomes(user("secretariaat"), item, {item.points[0].id: ("adopted", "Geheim besluit")},
                             item.version)
    db.session.commit()
    return item


def test_the_decision_list_of_20_may_shows_every_decision(client, story, login_demo):
    login_demo("lid")
    meeting = meeting_on("DVO", date(2015, 5, 20))
    page = client.get(f"/meetings/{meeting.id}/decisions").get_data(as_text=True)
    for title in MAY_TITLES:
        assert title in page
    assert "Gewijzigd aangenomen" in page and "Aangehouden" in page and "Verworpen" in page
    assert "Voor kennisgeving" in page
    assert "Concept: nog niet vastgesteld" in page
    assert "Verwerk de regionale speerpunten" in page and "14 organisaties" in page
    assert "Besluitenlijst vaststellen" not in page  # not for a member


def test_the_march_list_was_adopted_in_may(client, story, login_demo):
    login_demo("lid")
    meeting = meeting_on("DVO", date(2015, 3, 25))
    page = client.get(f"/meetings/{meeting.id}/decisions").get_data(as_text=True)
    assert "Deelname aan de Integrale Veiligheidsmonitor 2015" in page
    assert "Vastgesteld in de vergadering DVO 20 mei 2015" in page


def test_the_pdf_has_the_same_decisions(client, story, login_demo):
    login_demo("lid")
    meeting = meeting_on("DVO", date(2015, 5, 20))
    response = client.get(f"/meetings/{meeting.id}/decisions.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "besluitenlijst" in response.headers["Content-Disposition"]
    text = " ".join(pdf_text(response.data).split())
    assert "Besluitenlijst DVO 20 mei 2015" in text
    for title in MAY_TITLES:
        assert title in text


def test_a_confidential_decision_only_for_those_allowed(client, confidential_decision, login_demo, login_as):
    meeting = confidential_decision.target_meeting
    login_as(Role.MEMBER)
    assert "Vertrouwelijke casus" not in client.get(f"/meetings/{meeting.id}/decisions").get_data(as_text=True)
    assert "Vertrouwelijke casus" not in pdf_text(client.get(f"/meetings/{meeting.id}/decisions.pdf").data)
    login_demo("lid")  # a mayor: a member of the DVO, which is on the item's route
    assert "Vertrouwelijke casus" in client.get(f"/meetings/{meeting.id}/decisions").get_data(as_text=True)
    login_demo("secretariaat")
    page = client.get(f"/meetings/{meeting.id}/decisions").get_data(as_text=True)
    assert "Vertrouwelijke casus" in page and "Geheim besluit" in page


def test_an_unpublished_meeting_has_no_decision_list_for_members(client, story, login_as):
    meeting = meetings.create_meeting(None, body("DVO"), next_meeting("DVO").start_at.replace(hour=6), 60,
                                      name="DVO extra")
    db.session.commit()
    login_as(Role.MEMBER)
    assert client.get(f"/meetings/{meeting.id}/decisions").status_code == 404
    assert client.get(f"/meetings/{meeting.id}/decisions.pdf").status_code == 404
    assert client.get("/meetings/999999/decisions").status_code == 404


def test_secretariat_adopts_the_list_at_the_next_meeting(client, story, login_demo):
    may, july = meeting_on("DVO", date(2015, 5, 20)), meeting_on("DVO", date(2015, 7, 1))
    login_demo("agendacommissie")
    assert client.post(f"/meetings/{may.id}/decisions/adopt", data={"meeting_id": july.id}).status_code == 403
    login_demo("secretariaat")
    page = client.get(f"/meetings/{may.id}/decisions").get_data(as_text=True)
    assert "Besluitenlijst vaststellen" in page and "DVO 1 juli 2015" in page
    response = client.post(f"/meetings/{may.id}/decisions/adopt", data={"meeting_id": july.id})
    assert response.status_code == 302
    record = db.session.scalar(db.select(DecisionList).where(DecisionList.meeting_id == may.id))
    assert record.adopted_at_meeting_id == july.id and record.adopted_by_id == user("secretariaat").id
    page = client.get(f"/meetings/{may.id}/decisions", follow_redirects=True).get_data(as_text=True)
    assert "Vastgesteld in de vergadering DVO 1 juli 2015" in page
    again = client.post(f"/meetings/{may.id}/decisions/adopt", data={"meeting_id": july.id}, follow_redirects=True)
    assert "al vastgesteld" in again.get_data(as_text=True)


def test_the_meeting_page_links_to_its_decision_list(app, client, story, login_demo):
    if "agenda.show" not in app.view_functions:
        pytest.skip("the meeting page links to the agenda pages, which are built on another branch")
    login_demo("lid")
    may = meeting_on("DVO", date(2015, 5, 20))
    assert f"/meetings/{may.id}/decisions" in client.get(f"/meetings/{may.id}").get_data(as_text=True)
