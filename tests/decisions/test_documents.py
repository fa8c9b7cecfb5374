"""Documents of a proposal: uploaded by its submitter, checked by content, shown only to those who may see the
proposal, confidential downloads audited, frozen once the proposal is settled."""
import hashlib
import io
from pathlib import Path

from sqlalchemy import select

from ivzflow.audit.models import AuditEntry
from ivzflow.decisions import services
from ivzflow.decisions.models import ItemAttachment
from ivzflow.extensions import db
from ivzflow.workflows import engine
from ivzflow.workflows.models import WorkflowState
from tests.decisions.conftest import body, user

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(64)


def _upload(client, item, content: bytes, name: str):
    return client.post(f"/decisions/{item.id}/documents", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def _documents(item) -> list[ItemAttachment]:
    db.session.expire_all()
    return list(db.session.scalars(select(ItemAttachment).where(ItemAttachment.item_id == item.id)))


def _download(client, document):
    response = client.get(f"/decisions/documents/{document.id}")
    response.get_data()
    response.close()  # the file is streamed; close it as a browser would
    return response


def _stored(app) -> set[Path]:
    return {p for p in Path(app.config["FILES_DIR"]).rglob("*") if p.is_file()}


def test_submitter_adds_a_document_that_others_on_the_route_can_open(app, client, proposal, login_demo):
    login_demo("projectleider")
    response = _upload(client, proposal, PDF, "voorstel buurtpreventie.pdf")
    assert response.status_code == 303
    [document] = _documents(proposal)
    assert (document.filename, document.content_type, document.size) == (
        "voorstel buurtpreventie.pdf", "application/pdf", len(PDF))
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    page = client.get(f"/decisions/{proposal.id}").get_data(as_text=True)
    assert "voorstel buurtpreventie.pdf" in page and f"/decisions/documents/{document.id}" in page

    download = _download(client, document)
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_a_document_of_another_type_is_refused_on_the_page_and_nothing_is_kept(app, client, proposal, login_demo):
    login_demo("projectleider")
    before = _stored(app)
    response = _upload(client, proposal, EXE, "voorstel.pdf")
    assert response.status_code == 400
    assert "Dit soort bestand wordt niet aangenomen" in response.get_data(as_text=True)
    assert _documents(proposal) == [] and _stored(app) == before


def test_who_may_not_see_the_draft_cannot_open_or_add_documents(app, client, proposal, login_demo):
    login_demo("projectleider")
    _upload(client, proposal, PDF, "concept.pdf")
    [document] = _documents(proposal)
    login_demo("lid")  # a DVO member: a draft is not his to see
    assert _download(client, document).status_code == 404
    assert _upload(client, proposal, PDF, "ander.pdf").status_code == 404
    assert client.post(f"/decisions/documents/{document.id}/delete").status_code == 404
    assert len(_documents(proposal)) == 1


def _submitted_with_a_document(client, login_demo, title: str, **values):
    """A proposal of the secretariat, submitted to the Platform, with one document."""
    item = services.create_item(user("secretariaat"), decision_body=body("DVO"), title=title, points=["x"], **values)
    engine.take(item, "indienen", user("secretariaat"))
    db.session.commit()
    login_demo("secretariaat")
    _upload(client, item, PDF, "stuk.pdf")
    [document] = _documents(item)
    return item, document


def test_a_reader_on_the_route_cannot_add_or_remove(app, client, story, login_demo):
    item, document = _submitted_with_a_document(client, login_demo, "Regionale aanpak")
    login_demo("lid")
    assert client.get(f"/decisions/{item.id}").status_code == 200
    assert "Document toevoegen" not in client.get(f"/decisions/{item.id}").get_data(as_text=True)
    assert _download(client, document).status_code == 200
    assert _upload(client, item, PDF, "eigen.pdf").status_code == 403
    assert client.post(f"/decisions/documents/{document.id}/delete").status_code == 403
    assert len(_documents(item)) == 1


def test_downloading_a_confidential_document_is_audited(app, client, story, login_demo):
    item, document = _submitted_with_a_document(client, login_demo, "Vertrouwelijke casus",
                                                confidentiality="vertrouwelijk")
    login_demo("lid")  # a DVO member: on the route
    assert _download(client, document).status_code == 200
    entries = list(db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "download", AuditEntry.record_type == "item_attachment")))
    assert [(e.record_id, e.actor_label) for e in entries] == [(str(document.id), "lid@demo.ivzflow.nl")]


def test_removing_takes_the_file_off_disk_and_a_settled_proposal_is_frozen(app, client, proposal, login_demo):
    login_demo("projectleider")
    _upload(client, proposal, PDF, "eerste.pdf")
    _upload(client, proposal, PDF + b"2", "tweede.pdf")
    first, second = sorted(_documents(proposal), key=lambda d: d.filename)
    first_file = first.stored_name
    response = client.post(f"/decisions/documents/{first.id}/delete")
    assert response.status_code == 303
    assert [d.filename for d in _documents(proposal)] == ["tweede.pdf"]
    assert not any(p.name == first_file for p in _stored(app))

    final = db.session.scalar(select(WorkflowState).where(
        WorkflowState.version_id == proposal.workflow_version_id, WorkflowState.is_final.is_(True)).limit(1))
    proposal.state_id = final.id
    db.session.commit()
    assert _upload(client, proposal, PDF, "laat.pdf").status_code == 403
    assert client.post(f"/decisions/documents/{second.id}/delete").status_code == 403
    assert _download(client, second).status_code == 200


def test_the_agenda_links_a_placed_proposal_and_its_documents(app, client, story, login_demo):
    from ivzflow.decisions.models import DecisionItem
    from ivzflow.meetings.models import AgendaItem
    placed = db.session.scalar(  # a proposal on the next DVO's draft agenda, still open
        select(AgendaItem).join(DecisionItem, DecisionItem.id == AgendaItem.decision_item_id)
        .join(WorkflowState, WorkflowState.id == DecisionItem.state_id).where(WorkflowState.is_final.is_(False))
        .limit(1))
    proposal = db.session.get(DecisionItem, placed.decision_item_id)
    login_demo("secretariaat")
    _upload(client, proposal, PDF, "bijlage bij het voorstel.pdf")
    [document] = [d for d in _documents(proposal) if d.filename == "bijlage bij het voorstel.pdf"]
    page = client.get(f"/meetings/{placed.meeting_id}/agenda").get_data(as_text=True)
    assert f'href="/decisions/{placed.decision_item_id}"' in page
    assert f'href="/decisions/documents/{document.id}"' in page and "bijlage bij het voorstel.pdf" in page
