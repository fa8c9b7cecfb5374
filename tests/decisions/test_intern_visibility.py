"""One visibility rule for an 'intern' proposal wherever it shows (its page, the besluitenlijst, the API list
and detail, the decisions index): a user without any membership does not read it; an 'openbaar' one he does."""
from datetime import date

from sqlalchemy import select

from ivzflow.accounts.roles import Role
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from tests.decisions.conftest import meeting_on


def _decided_at(meeting_day: date):
    may = meeting_on("DVO", meeting_day)
    items = list(db.session.scalars(select(DecisionItem).where(DecisionItem.target_meeting_id == may.id)))
    intern = next(i for i in items if i.confidentiality == "intern")
    public = next(i for i in items if i.confidentiality == "openbaar")
    return may, intern, public


def test_a_user_without_any_membership_reads_no_intern_proposal_anywhere(client, story, login_as):
    from ivzflow.accounts.services import create_token

    may, intern, public = _decided_at(date(2015, 5, 20))
    outsider = login_as(Role.MEMBER)  # an account, no seat in any body
    assert client.get(f"/decisions/{intern.id}").status_code == 404
    assert client.get(f"/decisions/{public.id}").status_code == 200
    listing = client.get(f"/meetings/{may.id}/decisions")
    assert listing.status_code == 200
    page = listing.get_data(as_text=True)
    assert public.title in page and intern.title not in page
    assert intern.title not in client.get("/decisions?per_page=200").get_data(as_text=True)
    agenda = client.get(f"/meetings/{may.id}/agenda")
    assert agenda.status_code == 200 and intern.title not in agenda.get_data(as_text=True)

    _token, secret = create_token(outsider, "test", "read")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(f"/api/v1/decision-items/{intern.id}", headers=headers).status_code == 404
    ids = {i["id"] for i in client.get(f"/api/v1/decision-items?meeting={may.id}&per_page=200",
                                       headers=headers).json["data"]}
    assert public.id in ids and intern.id not in ids


def test_a_member_of_a_body_reads_the_intern_proposal(client, story, login_demo):
    may, intern, _public = _decided_at(date(2015, 5, 20))
    login_demo("agendacommissie")
    assert client.get(f"/decisions/{intern.id}").status_code == 200
    assert intern.title in client.get(f"/meetings/{may.id}/decisions").get_data(as_text=True)


def test_an_agenda_item_marked_public_follows_its_intern_proposal(client, story, login_as, login_demo):
    """The item that puts an intern proposal before the meeting shows only to those who may see the
    proposal, whatever the item's own setting: on the agenda, its print, PDF and zip, and in the API."""
    import io
    import zipfile

    from pypdf import PdfReader

    from ivzflow.accounts.services import create_token
    from ivzflow.meetings.models import AgendaItem

    may, intern, public = _decided_at(date(2015, 5, 20))
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == may.id,
                                                      AgendaItem.decision_item_id == intern.id))
    item.is_public = True  # the secretariat marked the item public
    db.session.commit()
    title = intern.title[:40]

    def shown(path: str) -> str:
        with client.get(f"/meetings/{may.id}/{path}") as response:
            assert response.status_code == 200, path
            data = response.data
        if path.endswith(".pdf"):
            return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\n", " ")
        if path.endswith(".zip"):
            return " ".join(zipfile.ZipFile(io.BytesIO(data)).namelist())
        return data.decode()

    outsider = login_as(Role.MEMBER)  # an account, no seat in any body
    for path in ("agenda", "agenda/print", "agenda.pdf", "agenda.zip"):
        assert title not in shown(path), path
    assert public.title[:40] in shown("agenda")
    _token, secret = create_token(outsider, "test", "read")
    db.session.commit()
    api = client.get(f"/api/v1/meetings/{may.id}", headers={"Authorization": f"Bearer {secret}"}).json
    names = [i["name"] for i in api["agendaItem"]]
    assert public.title in names and intern.title not in names

    login_demo("lid")  # a member of the DVO (who only reads): may see the intern proposal
    for path in ("agenda", "agenda/print", "agenda.pdf"):
        assert title in shown(path), path
