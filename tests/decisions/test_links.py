"""Proposals and projects: a status update that asks for a DVO decision starts a draft proposal."""
from sqlalchemy import select

from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.projects import services as projects
from ivzflow.projects.models import Project
from tests.decisions.conftest import user


def test_a_decision_request_in_a_status_update_becomes_a_draft_proposal(client, story):
    project = db.session.scalar(select(Project).where(Project.title == "Aanpak woninginbraken"))
    update = projects.post_status_update(user("projectleider"), project, status="amber", progress=40,
                                         summary="Minder inbraken dan vorig jaar, maar de daling stokt.",
                                         decision_needed="Extra inzet van de flexteams\nBudget voor Stop Heling")
    db.session.commit()
    item = db.session.get(DecisionItem, update.decision_item_id)
    assert item.project_id == project.id and item.trekker_id == project.trekker_id
    assert [p.text for p in item.points] == ["Extra inzet van de flexteams", "Budget voor Stop Heling"]
    assert item.state.is_initial and item.submitter_id == user("projectleider").id
    from tests.decisions.test_views_api import login_demo
    login_demo(client, "projectleider")
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert item.title in page


def test_the_agenda_builder_shows_proposals_aimed_at_the_meeting_with_their_readiness(client, proposal):
    from tests.decisions.test_route import to_ready
    from tests.decisions.test_views_api import login_demo

    to_ready(proposal)
    db.session.commit()
    login_demo(client, "agendacommissie")
    page = client.get(f"/meetings/{proposal.target_meeting_id}/agenda").get_data(as_text=True)
    section = page.split('id="candidates-heading"')[1]
    assert proposal.title in section and "positief" in section and "ontbreekt" in section
    client.post("/logout")
    login_demo(client, "projectleider")  # sits in the Platform, which advises the DVO but does not prepare it
    assert 'id="candidates-heading"' not in client.get(f"/meetings/{proposal.target_meeting_id}/agenda").get_data(
        as_text=True)


def test_the_agenda_builder_counts_a_proposals_documents_and_sees_it_placed(client, proposal):
    import io

    from ivzflow.decisions import documents
    from ivzflow.decisions.readiness import readiness
    from ivzflow.meetings.models import AgendaItem
    from tests.decisions.test_route import to_ready

    to_ready(proposal)
    meeting = proposal.target_meeting
    [before] = [r for r in readiness(meeting) if r.item_id == proposal.id]
    assert before.documents == 0 and not before.placed

    for name in ("voorstel.pdf", "bijlage.pdf"):
        documents.add_document(user("secretariaat"), proposal, io.BytesIO(b"%PDF-1.4\n%%EOF\n"), name)
    db.session.add(AgendaItem(meeting_id=meeting.id, position=99, title=proposal.title, duration_minutes=10,
                              decision_item_id=proposal.id))
    db.session.commit()
    [after] = [r for r in readiness(meeting) if r.item_id == proposal.id]
    assert after.documents == 2 and after.placed and not after.ready
