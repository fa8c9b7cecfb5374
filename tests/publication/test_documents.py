"""Documents of public agenda items are published with the agenda (when the body publishes documents); those
of confidential items or intern proposals never, and OParl lists the published ones as File objects."""
from __future__ import annotations

import io

from sqlalchemy import select

from ivzflow.core import clock, files
from ivzflow.extensions import db
from ivzflow.meetings.models import AgendaItem, Attachment
from ivzflow.publication.models import PublicationPolicy

from tests.oparl.test_oparl import STANDARD, _validator
from tests.publication.test_public_site import _dvo, _meeting

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _attach(item: AgendaItem, name: str) -> Attachment:
    attachment = Attachment(agenda_item_id=item.id, **files.save_upload(io.BytesIO(PDF), name),
                            uploaded_at=clock.now())
    db.session.add(attachment)
    db.session.commit()
    return attachment


def _item(meeting, title_start: str) -> AgendaItem:
    return db.session.scalar(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                                      AgendaItem.title.like(title_start + "%")))


def test_documents_of_public_items_are_published_and_the_others_never(client, demo):
    may = _meeting("2015-05-20")
    public_doc = _attach(_item(may, "Actieplan Platform IVZ"), "actieplan.pdf")
    intern_doc = _attach(_item(may, "Bestedingsplan reserves"), "bestedingsplan.pdf")  # an intern proposal

    agenda = client.get(f"/openbaar/vergaderingen/{may.id}/agenda").get_data(as_text=True)
    assert "actieplan.pdf" in agenda and "bestedingsplan.pdf" not in agenda
    download = client.get(f"/openbaar/documenten/{public_doc.id}")
    assert download.status_code == 200 and download.data == PDF
    download.close()
    assert client.get(f"/openbaar/documenten/{intern_doc.id}").status_code == 404

    district = client.get(client.get("/oparl/v1/").get_json()["body"]).get_json()["data"][0]
    files_list = client.get(district["file"]).get_json()["data"]
    assert [f["name"] for f in files_list] == ["actieplan.pdf"]
    assert files_list[0]["accessUrl"].endswith(f"/openbaar/documenten/{public_doc.id}")
    if (STANDARD / "schema").exists():
        assert not [e.message for e in _validator("File").iter_errors(files_list[0])]

    policy = db.session.scalar(select(PublicationPolicy).where(PublicationPolicy.body_id == _dvo().id))
    policy.documents = False
    db.session.commit()
    assert client.get(f"/openbaar/documenten/{public_doc.id}").status_code == 404
    assert "actieplan.pdf" not in client.get(f"/openbaar/vergaderingen/{may.id}/agenda").get_data(as_text=True)
