"""The communication advisor's work list, writing and approving an advice, through the client."""
import pytest

from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.workflows import engine
from tests.decisions.conftest import item_titled, user

BURGLARY = "Aanpak woninginbraken: regionale inzet"


def advice_data(advice, **values):
    data = {"version": advice.version, "key_message": "Samen inbraken voorkomen", "audiences": "Inwoners",
            "spokesperson": "Burgemeester Tubbergen", "timing": "Na het DVO", "embargo_until": "2015-07-02",
            "woo_disclosure": "actief", "woo_note": ""}
    return {**data, **values}


@pytest.fixture
def submitted(proposal):
    """The proposal fixture, submitted to the Platform (a draft is not visible to the advisor)."""
    engine.take(proposal, "indienen", user("projectleider"))
    db.session.commit()
    return proposal


def test_work_list_shows_items_aimed_at_a_meeting_first_with_deadline(client, story, login_demo):
    login_demo("communicatie")
    page = client.get("/advice").get_data(as_text=True)
    assert BURGLARY in page and "DVO 1 juli 2015" in page
    assert "10 jun" in page  # the submission deadline of the 1 July DVO
    assert page.index(BURGLARY) < page.index("Convenant aanpak georganiseerde hennepteelt")
    assert "Regionaal meldpunt woonoverlast" not in page  # its advice is approved
    assert "fietsendiefstal" not in page  # a draft, not visible to the advisor
    assert "ter goedkeuring" in page and "ontbreekt" in page


@pytest.mark.parametrize("name, status", [
    ("communicatie", 200), ("secretariaat", 200), ("admin", 200), ("lid", 403), ("projectleider", 403),
    ("agendacommissie", 403)])
def test_who_may_open_the_work_list(client, story, login_demo, name, status):
    login_demo(name)
    assert client.get("/advice").status_code == status


@pytest.mark.parametrize("name, shown", [("communicatie", True), ("secretariaat", False), ("lid", False)])
def test_the_menu_has_the_work_list_for_communication_advisors_only(client, story, login_demo, name, shown):
    login_demo(name)
    page = client.get("/").get_data(as_text=True)
    menu = page.split('id="main-nav"')[1].split("</nav>")[0]
    assert ('href="/advice"' in menu) is shown


def test_advisor_writes_the_advice_and_it_awaits_approval(client, submitted, login_demo):
    login_demo("communicatie")
    advice = submitted.communication_advice
    form = client.get(f"/decisions/{submitted.id}/advice").get_data(as_text=True)
    assert "Kernboodschap" in form and "Vooraf informeren" in form and "Gemeente Tubbergen" in form
    tubbergen = db.session.scalar(db.select(Organisation.id).where(Organisation.short_name == "Tubbergen"))
    response = client.post(f"/decisions/{submitted.id}/advice", data=advice_data(advice, inform_ids=[tubbergen]))
    assert response.status_code == 302
    db.session.refresh(advice)
    assert advice.status == "draft" and advice.advisor_id == user("communicatie").id
    assert [i.organisation_id for i in advice.inform] == [tubbergen]
    assert advice.embargo_until.isoformat() == "2015-07-02"


def test_a_stale_advice_form_gets_409_and_changes_nothing(client, submitted, login_demo):
    login_demo("communicatie")
    advice = submitted.communication_advice
    response = client.post(f"/decisions/{submitted.id}/advice", data=advice_data(advice, version=advice.version - 1))
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.get_data(as_text=True)
    db.session.refresh(advice)
    assert advice.status == "requested" and advice.key_message is None


def test_secretariat_approves_but_the_writer_may_not(client, submitted, login_demo):
    login_demo("communicatie")
    advice = submitted.communication_advice
    client.post(f"/decisions/{submitted.id}/advice", data=advice_data(advice))
    db.session.refresh(advice)
    assert client.post(f"/decisions/{submitted.id}/advice/approve", data={"version": advice.version}).status_code == 403
    login_demo("secretariaat")
    page = client.get(f"/decisions/{submitted.id}/advice").get_data(as_text=True)
    assert "Advies goedkeuren" in page
    response = client.post(f"/decisions/{submitted.id}/advice/approve", data={"version": advice.version})
    assert response.status_code == 302
    db.session.refresh(advice)
    assert advice.status == "approved" and advice.approved_by_id == user("secretariaat").id


def test_a_stale_approval_gets_409(client, submitted, login_demo):
    login_demo("communicatie")
    advice = submitted.communication_advice
    client.post(f"/decisions/{submitted.id}/advice", data=advice_data(advice))
    login_demo("secretariaat")
    db.session.refresh(advice)
    response = client.post(f"/decisions/{submitted.id}/advice/approve", data={"version": advice.version - 1})
    assert response.status_code == 409 and "intussen gewijzigd" in response.get_data(as_text=True)
    db.session.refresh(advice)
    assert advice.status == "draft"


def test_an_advice_without_key_message_cannot_be_approved(client, submitted, login_demo):
    login_demo("communicatie")
    advice = submitted.communication_advice
    client.post(f"/decisions/{submitted.id}/advice", data=advice_data(advice, key_message=""))
    login_demo("secretariaat")
    db.session.refresh(advice)
    response = client.post(f"/decisions/{submitted.id}/advice/approve", data={"version": advice.version})
    assert response.status_code == 400 and "kernboodschap" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["lid", "projectleider", "agendacommissie"])
def test_others_may_not_open_or_post_the_advice(client, submitted, login_demo, name):
    login_demo(name)
    advice = submitted.communication_advice
    assert client.get(f"/decisions/{submitted.id}/advice").status_code == 403
    assert client.post(f"/decisions/{submitted.id}/advice", data=advice_data(advice)).status_code == 403


def test_the_advice_of_an_invisible_draft_does_not_exist_for_the_advisor(client, proposal, login_demo):
    login_demo("communicatie")
    assert client.get(f"/decisions/{proposal.id}/advice").status_code == 404


def test_agendacommissie_sees_why_it_cannot_place_the_burglary_proposal(client, story, login_demo):
    login_demo("agendacommissie")
    item = item_titled(BURGLARY)
    page = client.get(f"/decisions/{item.id}").get_data(as_text=True)
    assert "Agenderen voor het DVO" in page and "disabled" in page
    assert "communicatieadvies is nog niet goedgekeurd" in page
    login_demo("secretariaat")
    advice = item.communication_advice
    assert client.post(f"/decisions/{item.id}/advice/approve", data={"version": advice.version}).status_code == 302
    login_demo("agendacommissie")
    response = client.post(f"/decisions/{item.id}/transitions", data={"version": item.version,
                                                                     "transition": "agenderen"})
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.state.name == "geagendeerd"


def test_advice_records_the_local_advisor_it_was_prepared_with_and_asks_him(client, submitted, login_demo, make_user):
    """Issue 16: the local communication advisor of the portfolio holder (or a partner concerned) is chosen
    on the advice form, recorded, and asked: a notification with a link to the proposal."""
    from sqlalchemy import select

    from ivzflow.people.models import Person
    from ivzflow.reminders.models import Notification
    from ivzflow.reminders.sweep import sweep

    inge = db.session.scalar(select(Person).where(Person.name == "Inge Busscher"))  # communicatie Tubbergen
    asked = make_user(person=inge)
    tubbergen = db.session.scalar(db.select(Organisation.id).where(Organisation.short_name == "Tubbergen"))
    login_demo("communicatie")
    advice = submitted.communication_advice
    response = client.post(f"/decisions/{submitted.id}/advice",
                           data=advice_data(advice, inform_ids=[tubbergen], local_advisor_id=inge.id))
    assert response.status_code == 302
    db.session.refresh(advice)
    assert advice.local_advisor_id == inge.id and advice.local_advisor_asked_at is not None
    page = client.get(f"/decisions/{submitted.id}/advice").get_data(as_text=True)
    assert "Voorbereid met" in page and "Inge Busscher" in page
    sweep()
    [note] = db.session.scalars(select(Notification).where(Notification.user_id == asked.id,
                                                           Notification.kind == "local_advice_requested")).all()
    assert note.link.endswith(f"/decisions/{submitted.id}") and submitted.title in note.title
    client.post("/logout")
    from tests.conftest import PASSWORD
    assert client.post("/login", data={"email": asked.email, "password": PASSWORD}).status_code == 302
    assert client.get(f"/decisions/{submitted.id}").status_code == 200  # the asked advisor opens the link
    login_demo("communicatie")
    # saving again does not ask again; someone outside the organisations concerned is not offered
    other = db.session.scalar(select(Person).where(Person.name == "Lotte Brinkman"))  # communicatie Hengelo
    db.session.refresh(advice)
    response = client.post(f"/decisions/{submitted.id}/advice",
                           data=advice_data(advice, inform_ids=[tubbergen], local_advisor_id=other.id))
    assert response.status_code == 400
    db.session.refresh(advice)
    assert advice.local_advisor_id == inge.id
    response = client.post(f"/decisions/{submitted.id}/advice",
                           data=advice_data(advice, inform_ids=[tubbergen], local_advisor_id=inge.id))
    assert response.status_code == 302
    sweep()
    assert db.session.scalar(select(db.func.count(Notification.id)).where(
        Notification.user_id == asked.id, Notification.kind == "local_advice_requested")) == 1
