"""The trekker is asked to consent (message with a link, task) and the message is done when he did; a
communication advice is approved by someone other than its writer, and names people, not addresses; the
DVO agenda says 'ter goedkeuring' for an advice that waits for approval."""
import html
import re
from datetime import date

import pytest
from sqlalchemy import select

from ivzflow.core.errors import Conflict
from ivzflow.decisions import services
from ivzflow.extensions import db
from ivzflow.projects import services as projects
from ivzflow.projects.models import Project
from ivzflow.reminders.models import Notification
from ivzflow.reminders.sweep import sweep
from tests.decisions.conftest import item_titled, meeting_on, user

BURGLARY = "Aanpak woninginbraken: regionale inzet van buurtpreventie-apps"


def messages(name: str, kind: str) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user(name).id,
                                                              Notification.kind == kind)))


def text(response) -> str:
    """The page as words (tags of inline emphasis left out)."""
    return " ".join(html.unescape(re.sub(r"</?strong>", "", response.get_data(as_text=True))).split())


def test_the_trekker_is_asked_by_a_message_with_a_link_and_a_task_until_he_consents(story, client, login_demo):
    project = db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))
    projects.post_status_update(user("projectleider"), project, status="amber", progress=40, summary="Vertraging.",
                                decision_needed="Extra budget voor de voorlichtingsbus.")
    db.session.commit()
    sweep()
    proposal = item_titled("Aanpak woninginbraken: besluit gevraagd")
    [asked] = messages("lid", "consent_requested")
    assert asked.link.endswith(f"/decisions/{proposal.id}") and f"/decisions/{proposal.id}" in asked.body

    login_demo("lid")
    start = text(client.get("/"))
    assert "Stem in met het voorstel 'Aanpak woninginbraken: besluit gevraagd'" in start
    page = text(client.get(f"/decisions/{proposal.id}"))
    assert f"Nu aan de beurt: {user('lid').display_name} (bestuurlijk trekker) — instemmen met het voorstel." in page
    assert client.post(f"/decisions/{proposal.id}/consent").status_code == 302
    db.session.refresh(asked)
    assert asked.done_at is not None
    assert "Stem in met het voorstel" not in text(client.get("/"))


def _write(item, writer):
    advice = item.communication_advice
    services.save_advice(writer, advice, version=advice.version, key_message="Samen inbraken voorkomen",
                         audiences="Inwoners", spokesperson=None, timing=None, embargo_until=None,
                         woo_disclosure=None, woo_note=None, inform_ids=[])
    db.session.commit()
    return advice


def test_the_writer_of_an_advice_cannot_approve_it_and_is_told_why(client, proposal, login_demo):
    advice = _write(proposal, user("secretariaat"))
    with pytest.raises(Conflict, match="U schreef dit communicatieadvies zelf"):
        services.approve_advice(user("secretariaat"), advice, advice.version)
    db.session.rollback()
    login_demo("secretariaat")
    page = text(client.get(f"/decisions/{proposal.id}/advice"))
    assert "Advies goedkeuren" not in page and "U schreef dit advies zelf" in page
    assert client.post(f"/decisions/{proposal.id}/advice/approve", data={"version": advice.version}).status_code == 403
    db.session.expire_all()
    assert proposal.communication_advice.status == "draft"


def test_another_person_approves_and_is_named_not_by_address(client, proposal, login_demo):
    advice = _write(proposal, user("communicatie"))
    login_demo("secretariaat")
    assert client.post(f"/decisions/{proposal.id}/advice/approve", data={"version": advice.version}).status_code == 302
    page = text(client.get(f"/decisions/{proposal.id}"))
    secretary = user("secretariaat")
    assert f"door {secretary.display_name}" in page
    assert secretary.email not in page and user("projectleider").email not in page  # timeline: names too


def test_the_dvo_agenda_says_an_advice_awaits_approval(story, client, login_demo):
    login_demo("secretariaat")
    july = meeting_on("DVO", date(2015, 7, 1))
    page = html.unescape(client.get(f"/meetings/{july.id}/agenda").get_data(as_text=True))
    row = page.split(BURGLARY)[1].split("</tr>")[0]
    assert "ter goedkeuring" in row and "ontbreekt" not in row
