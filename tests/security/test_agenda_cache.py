"""The agenda's rows are kept per process between readers (meetings.agenda_cache): every change shows at
once, whichever way it reached the database, and each reader sees the rows of their own rights, language
and session."""
import re
from datetime import timedelta

from sqlalchemy import delete, update

from ivzflow.decisions.models import ItemAttachment
from ivzflow.extensions import db
from ivzflow.meetings import agenda_cache
from ivzflow.meetings.models import AgendaItem, Attachment, Meeting
from tests.security.conftest import DEMO_PASSWORD, ROLE_USERS


def login(client, principal):
    client.post("/logout")
    assert client.post("/login", data={"email": ROLE_USERS[principal], "password": DEMO_PASSWORD}).status_code == 302


def agenda(client, meeting_id) -> str:
    response = client.get(f"/meetings/{meeting_id}/agenda")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def without_tokens(page: str) -> str:
    return re.sub(r'value="[^"]*"', "", page)  # CSRF tokens carry the second they were signed in


def test_every_change_to_the_rows_shows_at_once(client, world):
    meeting_id, item_id = world.ids["preparing_meeting"], world.ids["draft_agenda_item"]
    login(client, "secretariat")
    page = agenda(client, meeting_id)
    assert "Punt in voorbereiding" in page and "concept.pdf" in page
    assert without_tokens(agenda(client, meeting_id)) == without_tokens(page)  # the kept rows, the same

    item = db.session.get(AgendaItem, item_id)
    item.title = "Punt met een nieuwe titel"  # through the ORM, as another server would
    db.session.commit()
    assert "Punt met een nieuwe titel" in agenda(client, meeting_id)

    second = AgendaItem(meeting_id=meeting_id, title="Tweede punt", duration_minutes=15, position=2)
    db.session.add(second)
    db.session.commit()
    page = agenda(client, meeting_id)
    assert "Tweede punt" in page and '<span class="item-number" data-number>2.</span> Tweede punt' in page

    # a deleted item's id and version on another item (SQLite reuses the last id; a restore brings back rows)
    second_id = second.id
    db.session.delete(second)
    db.session.commit()
    db.session.add(AgendaItem(id=second_id, meeting_id=meeting_id, title="Ander punt", duration_minutes=15,
                              position=2))
    db.session.commit()
    page = agenda(client, meeting_id)
    assert "Ander punt" in page and "Tweede punt" not in page

    db.session.execute(delete(Attachment).where(Attachment.agenda_item_id == item_id))  # bypassing the ORM
    db.session.commit()
    assert "concept.pdf" not in agenda(client, meeting_id)

    item = db.session.get(AgendaItem, item_id)
    item.decision_item_id = world.ids["decision_item"]
    db.session.commit()
    assert "voorstel.pdf" in agenda(client, meeting_id)  # the proposal's document

    db.session.execute(delete(ItemAttachment).where(ItemAttachment.id == world.ids["proposal_document"]))
    db.session.commit()
    assert "voorstel.pdf" not in agenda(client, meeting_id)

    # what the database does on its own when a proposal is deleted (ON DELETE SET NULL), without a version
    db.session.execute(update(AgendaItem).where(AgendaItem.id == item_id).values(decision_item_id=None))
    db.session.commit()
    assert 'class="proposal-link"' not in agenda(client, meeting_id)

    meeting = db.session.get(Meeting, meeting_id)
    minutes = int((meeting.end_at - meeting.start_at).total_seconds() // 60)
    meeting.end_at = meeting.start_at + timedelta(minutes=20)
    db.session.commit()
    page = agenda(client, meeting_id)
    assert "25 van 20 min (over de tijd)" in page and f"van {minutes} min" not in page


def test_each_reader_gets_the_rows_of_their_own_rights_language_and_session(app, client, world):
    meeting_id, title = world.ids["driehoek_meeting"], "Vertrouwelijk driehoekpunt"
    login(client, "secretariat")
    assert title in agenda(client, meeting_id)
    login(client, "outsider")  # may read the sent agenda, not its confidential item
    page = agenda(client, meeting_id)
    assert title not in page and "1 vertrouwelijk punt is alleen zichtbaar voor de leden." in page
    login(client, "secretariat")
    page = agenda(client, meeting_id)
    assert title in page and "Duur" in page
    client.post("/language", data={"locale": "en"})
    assert title in agenda(client, meeting_id) and "Duration" in agenda(client, meeting_id)

    other = app.test_client()
    login(other, "admin")
    tokens = [set(re.findall(r'name="csrf_token" value="([^"]+)"', agenda(c, world.ids["preparing_meeting"])))
              for c in (client, other)]
    assert all(len(t) == 1 for t in tokens) and tokens[0] != tokens[1]  # each its own, on every button
    assert agenda_cache.CSRF_PLACEHOLDER not in agenda(other, world.ids["preparing_meeting"])


def test_the_kept_rows_stay_within_their_budget():
    agenda_cache.clear()
    share = agenda_cache.BUDGET_CHARS // 8
    for n in range(20):
        agenda_cache.put(("agenda", n), "x" * share)
    kept = [n for n in range(20) if agenda_cache.get(("agenda", n)) is not None]
    assert kept == list(range(12, 20))  # the most recent, within the budget
    agenda_cache.put(("giant",), "x" * agenda_cache.BUDGET_CHARS)
    assert agenda_cache.get(("giant",)) is None and agenda_cache.get(("agenda", 19)) is not None
    agenda_cache.clear()
