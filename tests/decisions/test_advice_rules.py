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
