"""Where a search result opens."""
from __future__ import annotations

from flask import url_for


def result_url(hit, external: bool = False) -> str:
    """Where a result opens: the object's own page (a document downloads)."""
    match hit.kind:
        case "proposal":
            return url_for("decisions.show", _external=external, item_id=hit.object_id)
        case "proposal_document":
            return url_for("decisions.download_document", _external=external, document_id=hit.object_id)
        case "action":
            return url_for("actions.show", _external=external, action_id=hit.object_id)
        case "agenda_item":
            return url_for("agenda.show", _external=external, meeting_id=hit.meeting_id, _anchor=f"item-{hit.object_id}")
        case "agenda_document":
            return url_for("agenda.download", _external=external, attachment_id=hit.object_id)
        case "decision_list":
            return url_for("actions.decision_list", _external=external, meeting_id=hit.object_id)
        case "project":
            return url_for("projects.show", _external=external, project_id=hit.object_id)
        case "status_update":
            return url_for("projects.history", _external=external, project_id=hit.project_id, _anchor=f"update-{hit.object_id}")
        case "body":
            return url_for("bodies.show", _external=external, body_id=hit.object_id)
        case "person":
            return url_for("people.show", _external=external, person_id=hit.object_id)
        case "organisation":
            return url_for("organisations.show", _external=external, org_id=hit.object_id)
    raise ValueError(hit.kind)
