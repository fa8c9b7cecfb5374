"""Workflow administration: the list of workflows, and saving an edited or imported definition."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ivzflow.core.errors import Conflict, ValidationError, stale_message
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.workflows import definition, loader
from ivzflow.workflows.models import Workflow, WorkflowState, WorkflowVersion

MAX_DEFINITION_BYTES = 200_000


def list_workflows() -> list[Workflow]:
    """Every workflow with its versions (newest last)."""
    return list(db.session.scalars(select(Workflow).options(selectinload(Workflow.versions)).order_by(Workflow.name)))


def items_per_version() -> dict[int, int]:
    """{version id: number of items that run on it}."""
    return dict(db.session.execute(select(DecisionItem.workflow_version_id, func.count(DecisionItem.id))
                                   .group_by(DecisionItem.workflow_version_id)).all())


def items_per_state(version: WorkflowVersion) -> dict[int, int]:
    """{state id: number of items in it} for one version."""
    return dict(db.session.execute(
        select(DecisionItem.state_id, func.count(DecisionItem.id))
        .where(DecisionItem.state_id.in_(select(WorkflowState.id).where(WorkflowState.version_id == version.id)))
        .group_by(DecisionItem.state_id)).all())


def version_of(workflow: Workflow, number: int | None) -> WorkflowVersion | None:
    """The chosen version of a workflow, or its latest when none is chosen."""
    if number is None:
        return workflow.versions[-1] if workflow.versions else None
    return next((v for v in workflow.versions if v.number == number), None)


def save_definition(actor, text: str, *, workflow: Workflow | None = None, based_on: int | None = None,
                    note: str | None = None) -> WorkflowVersion:
    """Store JSON text as the next version of its workflow (or a new workflow, on import).

    Editing a workflow keeps its key, and refuses an edit made on an older version than the latest."""
    if len(text.encode("utf-8")) > MAX_DEFINITION_BYTES:
        raise ValidationError(_("Een workflow is hoogstens %(n)d kB.", n=MAX_DEFINITION_BYTES // 1000),
                              field="definition")
    try:
        data = definition.parse(text)
    except ValueError as exc:
        raise ValidationError(str(exc), field="definition") from None
    if workflow is not None:
        if data.get("key") != workflow.key:
            raise ValidationError(_("De sleutel (key) van deze workflow is '%(key)s'; die kan niet veranderen.",
                                    key=workflow.key), field="definition")
        latest = version_of(workflow, None)
        if based_on is not None and latest is not None and based_on != latest.number:
            raise Conflict(stale_message())
    return loader.load(data, actor, note=(note or "").strip()[:500] or None)
