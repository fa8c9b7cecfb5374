"""A member who only reads (the mayor of Tubbergen, "Lid (alleen lezen)") reads agendas and proposals but starts
no proposals and uploads nothing: the buttons are not there and the pages refuse with a reason. The demo on
1 June 2015."""
import io
from datetime import date

from ivzflow.accounts.permissions import reads_only
from ivzflow.meetings.models import AgendaItem
from tests.decisions.conftest import item_titled, login_demo, meeting_on, story, user  # noqa: F401

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_one_function_says_who_only_reads(story):
    assert reads_only(user("lid"))
    # the agendacommissie's login is assigned "member" too; its seat grants the agendacommissie role
    for other in ("agendacommissie", "secretariaat", "projectleider", "communicatie", "admin"):
        assert not reads_only(user(other)), other


def test_the_mayor_gets_no_new_proposal_button_and_the_page_says_why(story, login_demo, client):
    login_demo("lid")
    assert "Nieuw voorstel" not in client.get("/decisions").get_data(as_text=True)
    response = client.get("/decisions/new")
    assert response.status_code == 403
    assert "alleen leesrechten" in response.get_data(as_text=True)
    assert client.post("/decisions/new", data={"title": "Toch een voorstel"}).status_code == 403


def test_the_mayor_as_trekker_consents_but_does_not_upload(story, login_demo, client):
    burglary = item_titled("Aanpak woninginbraken: regionale inzet")
    assert burglary.trekker_id == user("lid").person_id
    login_demo("lid")
    page = client.get(f"/decisions/{burglary.id}").get_data(as_text=True)
    assert 'type="file"' not in page
    response = client.post(f"/decisions/{burglary.id}/documents", data={"file": (io.BytesIO(PDF), "x.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 403 and "alleen leesrechten" in response.get_data(as_text=True)


def test_the_mayor_cannot_open_the_upload_form_of_an_agenda_item(story, login_demo, client):
    from sqlalchemy import select

    from ivzflow.extensions import db

    july = meeting_on("DVO", date(2015, 7, 1))
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == july.id).limit(1))
    assert item is not None
    login_demo("lid")
    response = client.get(f"/agenda-items/{item.id}/documents")
    assert response.status_code == 403 and "alleen leesrechten" in response.get_data(as_text=True)
    login_demo("agendacommissie")
    assert client.get(f"/agenda-items/{item.id}/documents").status_code == 200
