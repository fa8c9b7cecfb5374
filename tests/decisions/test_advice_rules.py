"""Communication advice that cannot be walked around: an approved advice no longer holds after the proposal's
title, points or documents change (it waits for a second pair of eyes again); whatever the kind, a proposal
reaches the DVO with an approved advice or with the secretariat's recorded reason why none is needed."""
import io

from ivzflow.decisions import services
from ivzflow.extensions import db
from tests.decisions.conftest import user
from tests.decisions.test_routing import _form

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def approved(item):
    advice = item.communication_advice
    services.save_advice(user("communicatie"), advice, version=advice.version, key_message="Samen inbraken voorkomen",
                         audiences="Inwoners", spokesperson=None, timing=None, embargo_until=None,
                         woo_disclosure=None, woo_note=None, inform_ids=[])
    services.approve_advice(user("secretariaat"), advice, advice.version)
    db.session.commit()
    assert advice.status == "approved"
    return advice


def _status(item) -> str:
    db.session.expire_all()
    return item.communication_advice.status


def test_a_new_title_withdraws_the_approval_and_the_advice_waits_for_approval_again(client, proposal, login_demo):
    approved(proposal)
    login_demo("projectleider")
    response = client.post(f"/decisions/{proposal.id}/edit", data=_form(proposal, title="Een heel ander voorstel"))
    assert response.status_code == 302
    assert _status(proposal) == "draft" and proposal.communication_advice.approved_at is None
    assert proposal in services.advice_worklist()
    login_demo("secretariaat")
    assert "Advies goedkeuren" in client.get(f"/decisions/{proposal.id}/advice").get_data(as_text=True)
    from datetime import date

    from ivzflow.tasks.services import tasks_for
    asked = [t for t in tasks_for(user("secretariaat"), date(2015, 6, 1)) if t.kind == "approve_advice"]
    assert any(proposal.title in t.title for t in asked)  # the approver has the task again


def test_changed_points_withdraw_the_approval(client, proposal, login_demo):
    approved(proposal)
    login_demo("projectleider")
    client.post(f"/decisions/{proposal.id}/edit", data=_form(proposal, points="Instemmen met een nieuw beslispunt"))
    assert _status(proposal) == "draft"


def test_saving_without_a_change_keeps_the_approval(client, proposal, login_demo):
    approved(proposal)
    login_demo("projectleider")
    assert client.post(f"/decisions/{proposal.id}/edit", data=_form(proposal)).status_code == 302
    assert _status(proposal) == "approved"


def test_an_added_or_removed_document_withdraws_the_approval(client, proposal, login_demo):
    approved(proposal)
    login_demo("projectleider")
    response = client.post(f"/decisions/{proposal.id}/documents", data={"file": (io.BytesIO(PDF), "memo.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    assert _status(proposal) == "draft"


def _agenda_row(client, item) -> str:
    import html
    page = html.unescape(client.get(f"/meetings/{item.target_meeting_id}/agenda").get_data(as_text=True))
    return page.split(item.title)[1].split("</tr>")[0]


def test_the_secretariat_records_why_a_report_needs_no_advice_audited_and_shown(client, story, login_demo):
    from sqlalchemy import select

    from ivzflow.audit.models import AuditEntry
    from tests.decisions.conftest import body, next_meeting

    report = services.create_item(user("projectleider"), decision_body=body("DVO"), title="Voortgangsrapportage Q1",
                                  kind="information", points=["Kennisnemen van de voortgang"],
                                  target_meeting_id=next_meeting("DVO").id)
    db.session.commit()
    login_demo("secretariaat")
    assert "ontbreekt" in _agenda_row(client, report)  # a report is no longer 'n.v.t.' by its kind alone
    advice = report.communication_advice
    url = f"/decisions/{report.id}/advice/waive"
    client.post(url, data={"version": advice.version, "reason": "  "})
    assert _status(report) == "requested"
    assert client.post(url, data={"version": advice.version, "reason": "Alleen ter kennisname."}).status_code == 302
    assert _status(report) == "waived"
    page = client.get(f"/decisions/{report.id}").get_data(as_text=True)
    assert "Geen communicatieadvies nodig: Alleen ter kennisname." in page
    assert "n.v.t." in _agenda_row(client, report)
    changes = [e.changes for e in db.session.scalars(select(AuditEntry).where(
        AuditEntry.record_type == "communication_advice", AuditEntry.record_id == str(advice.id)))]
    assert any("Alleen ter kennisname." in str(c) for c in changes)  # who and when: the entry's actor and time


def test_only_the_secretariat_may_waive_the_advice(client, proposal, login_demo):
    for name in ("projectleider", "communicatie"):
        login_demo(name)
        response = client.post(f"/decisions/{proposal.id}/advice/waive",
                               data={"version": proposal.communication_advice.version, "reason": "Niet nodig."})
        assert response.status_code in (403, 404)
    assert _status(proposal) == "requested"


def test_a_waiver_lapses_when_the_proposal_changes(client, story, login_demo):
    from tests.decisions.conftest import body

    item = services.create_item(user("projectleider"), decision_body=body("DVO"), title="Bespreken aanpak",
                                kind="discussion", points=["Bespreken"])
    advice = item.communication_advice
    services.waive_advice(user("secretariaat"), advice, "Alleen een bespreking.", advice.version)
    db.session.commit()
    login_demo("projectleider")
    client.post(f"/decisions/{item.id}/edit", data=_form(item, points="Instemmen met een regionale aanpak"))
    assert _status(item) == "requested" and item.communication_advice.waived_reason is None
