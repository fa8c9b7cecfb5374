"""Small rules that both the task list and the reminders ask (no domain module has them yet)."""
from __future__ import annotations


def awaits_consent(item) -> bool:
    """A draft of a project's proposal waits for its bestuurlijk trekker to consent: until then the
    submitter cannot submit it (the trekker_consent guard) and the trekker is asked."""
    return bool(item.project_id and item.trekker_id and item.trekker_consent_at is None and item.state.is_editable)

