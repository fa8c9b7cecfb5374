"""Loading definitions into versioned rows: each change is a new version; items keep theirs."""
from __future__ import annotations

import json
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select

from ivzflow.core import clock
from ivzflow.core.errors import ValidationError
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.workflows import definition
from ivzflow.workflows.models import Workflow, WorkflowState, WorkflowTransition, WorkflowVersion

DEFINITIONS_DIR = Path(__file__).resolve().parent


class DefinitionRejected(ValidationError):
    def __init__(self, problems: list[str]):
        super().__init__(_("De workflow is niet geladen:") + " " + " ".join(problems), field="definition")
        self.problems = problems


def latest(key: str) -> WorkflowVersion | None:
    return db.session.scalar(select(WorkflowVersion).join(Workflow).where(Workflow.key == key)
                             .order_by(WorkflowVersion.number.desc()).limit(1))


def _states_in_use(workflow_id: int) -> dict[str, int]:
    """{state name: number of items in it}, over all versions of the workflow."""
    rows = db.session.execute(
        select(WorkflowState.name, func.count(DecisionItem.id))
        .join(DecisionItem, DecisionItem.state_id == WorkflowState.id)
        .join(WorkflowVersion, WorkflowState.version_id == WorkflowVersion.id)
        .where(WorkflowVersion.workflow_id == workflow_id).group_by(WorkflowState.name))
    return {name: n for name, n in rows}


def load(data: dict, actor=None, note: str | None = None) -> WorkflowVersion:
    """Validate and store a definition as the next version of its workflow."""
    problems = definition.problems(data)
    if problems:
        raise DefinitionRejected(problems)
    workflow = db.session.scalar(select(Workflow).where(Workflow.key == data["key"]))
    if workflow is None:
        workflow = Workflow(key=data["key"], name=data["name"]["nl"])
        db.session.add(workflow)
        db.session.flush()
    else:
        kept = {s["name"] for s in data["states"]}
        removed_in_use = {name: n for name, n in _states_in_use(workflow.id).items() if name not in kept}
        if removed_in_use:
            raise DefinitionRejected([_("De toestand '%(name)s' is nog in gebruik door %(n)d voorstel(len) en kan "
                                        "niet vervallen.", name=name, n=n) for name, n in sorted(removed_in_use.items())])
        workflow.name = data["name"]["nl"]
    number = (db.session.scalar(select(func.max(WorkflowVersion.number)).where(
        WorkflowVersion.workflow_id == workflow.id)) or 0) + 1
    version = WorkflowVersion(workflow_id=workflow.id, number=number, definition=data, created_at=clock.now(),
                              created_by_id=getattr(actor, "id", None), note=note)
    db.session.add(version)
    states = {}
    for position, spec in enumerate(data["states"]):
        states[spec["name"]] = WorkflowState(
            name=spec["name"], label_nl=spec["label"]["nl"], label_en=spec["label"]["en"], position=position,
            is_initial=bool(spec.get("initial")), is_final=bool(spec.get("final")),
            is_editable=bool(spec.get("editable")), visible_to=list(spec.get("visible_to", [])))
        version.states.append(states[spec["name"]])
    db.session.flush()
    for position, spec in enumerate(data["transitions"]):
        version.transitions.append(WorkflowTransition(
            name=spec["name"], label_nl=spec["label"]["nl"], label_en=spec["label"]["en"], position=position,
            from_state_id=states[spec["from"]].id, to_state_id=states[spec["to"]].id,
            roles=list(spec["roles"]), guards=list(spec.get("guards", [])), effects=list(spec.get("effects", [])),
            form=spec.get("form")))
    db.session.flush()
    return version


def load_file(path: Path, actor=None) -> WorkflowVersion:
    return load(definition.parse(path.read_text(encoding="utf-8")), actor, note=path.name)


def ensure_defaults() -> None:
    """Load every definition file whose workflow does not exist yet."""
    for path in sorted(DEFINITIONS_DIR.glob("*.json")):
        data = definition.parse(path.read_text(encoding="utf-8"))
        if latest(data.get("key", "")) is None:
            load(data, note=path.name)


def export(version: WorkflowVersion) -> str:
    return json.dumps(version.definition, ensure_ascii=False, indent=2)


def initial_state(version: WorkflowVersion) -> WorkflowState:
    return next(s for s in version.states if s.is_initial)
