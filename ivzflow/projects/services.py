"""Projects: setting them up, their content, status updates with what changed, comments.

Services take the acting user, flush but never commit, and raise domain errors with a Dutch message.
Permissions are checked by the caller (views and API) with the predicates in permissions.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select, update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from ivzflow.bodies.districts import body_district, home_district
from ivzflow.bodies.models import Body
from ivzflow.bodies.services import save_body
from ivzflow.core import clock
from ivzflow.core.db import assign
from ivzflow.core.errors import Conflict, ValidationError, check_version
from ivzflow.decisions.services import start_from_status_update
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.people.models import Person
from ivzflow.projects import governance
from ivzflow.projects.labels import KINDS, STATUSES
from ivzflow.projects.models import Project, ProjectComment, StatusUpdate
from ivzflow.projects.richtext import clean_html

SETUP_FIELDS = ("title", "short_name", "kind", "position", "start_on", "end_on", "trekker_id", "projectleider_id",
                "lead_organisation_id", "expert_group_id", "assignment", "intended_result", "assignment_reference",
                "is_public")
RICH_FIELDS = ("assignment", "intended_result", "analysis", "ambition", "approach")
CONTENT_FIELDS = ("analysis", "ambition", "approach")
TEXT_LIMIT = 20_000
UNCHECKED = object()


def _actor_name(actor) -> str:
    return getattr(actor, "display_name", None) or _("systeem")


# --- setting a project up (secretariat) --------------------------------------------------------------

def _check_setup(values: dict, project: Project | None) -> None:
    if not (values.get("title") or "").strip():
        raise ValidationError(_("Vul een titel in."), field="title")
    if values.get("kind") not in KINDS:
        raise ValidationError(_("Kies een soort: speerpunt, aandachtsthema of strategische opgave."), field="kind")
    start, end = values.get("start_on"), values.get("end_on")
    if start and end and end < start:
        raise ValidationError(_("De einddatum ligt vóór de begindatum."), field="end_on")
    trekker_id = values.get("trekker_id")
    if trekker_id and (project is None or project.trekker_id != trekker_id):
        _check_trekker(trekker_id, project.district_id if project else values.get("district_id"))
    for key, model, message in (
            ("projectleider_id", Person, _("Deze projectleider bestaat niet.")),
            ("lead_organisation_id", Organisation, _("Deze gemeente bestaat niet."))):
        if values.get(key) and db.session.get(model, values[key]) is None:
            raise ValidationError(message, field=key)
    if values.get("expert_group_id"):
        group = db.session.get(Body, values["expert_group_id"])
        if group is None or group.kind != "expertgroep":
            raise ValidationError(_("Kies als expertgroep een gremium van de soort expertgroep."),
                                  field="expert_group_id")


def _check_trekker(person_id: int, district_id: int | None) -> None:
    """The trekker sits in the DVO of the project's district."""
    person = db.session.get(Person, person_id)
    if person is None:
        raise ValidationError(_("Deze bestuurlijk trekker bestaat niet."), field="trekker_id")
    dvo = governance.dvo_body(district_id)
    if dvo is None:
        raise ValidationError(_("Er is geen DVO vastgelegd (het gremium dat het Platform IVZ adviseert); "
                                "daarom kan geen bestuurlijk trekker worden gekozen."), field="trekker_id")
    if not governance.is_dvo_member(person_id, dvo, clock.today()):
        raise ValidationError(_("De bestuurlijk trekker moet lid zijn van het %(dvo)s; %(name)s is dat nu niet.",
                                dvo=dvo.name, name=person.name), field="trekker_id")


def _with_defaults(values: dict) -> dict:
    values = dict(values)
    for key in RICH_FIELDS:
        if key in values:
            if values[key] and len(values[key]) > TEXT_LIMIT:
                raise ValidationError(_("Deze tekst is te lang (hoogstens %(n)d tekens).", n=TEXT_LIMIT), field=key)
            values[key] = clean_html(values[key])
    if not values.get("lead_organisation_id") and values.get("trekker_id"):
        trekker = db.session.get(Person, values["trekker_id"])
        values["lead_organisation_id"] = trekker.organisation_id if trekker else None
    return values


def _new_expert_group(name: str, title: str) -> Body:
    return save_body(None, name=name, kind="expertgroep",
                     description=_("Ambtelijke expertgroep van het project %(title)s.", title=title))


def create_project(actor, *, new_expert_group: str | None = None, **values) -> Project:
    """Create a project; optionally with a new expert group (a body of kind expertgroep)."""
    values = _with_defaults(values)
    project = Project(created_at=clock.now(), updated_at=clock.now())
    assign(project, {k: v for k, v in values.items() if k in SETUP_FIELDS or k in CONTENT_FIELDS})
    values["district_id"] = values.get("district_id") or _district_of(project, actor)
    _check_setup(values, None)
    if (new_expert_group or "").strip():
        project.expert_group_id = values["expert_group_id"] = _new_expert_group(
            new_expert_group.strip(), values["title"].strip()).id
    project.district_id = values["district_id"]
    db.session.add(project)
    db.session.flush()
    return project


def _district_of(project: Project, actor) -> int | None:
    """A new project is its lead organisation's district's, else its expert group's, else its maker's (when he
    works in one district)."""
    if project.lead_organisation_id:
        district = db.session.scalar(select(Organisation.district_id).where(
            Organisation.id == project.lead_organisation_id))
        if district:
            return district
    if project.expert_group_id:
        district = body_district(project.expert_group_id)
        if district:
            return district
    return home_district(actor) if actor is not None else None


def update_project_setup(actor, project: Project, *, version, new_expert_group: str | None = None,
                         **values) -> Project:
    """Change the frame of a project: kind, period, trekker, projectleider, expert group, assignment."""
    check_version(project, version)
    values = _with_defaults(values)
    _check_setup(values, project)
    if (new_expert_group or "").strip():
        values["expert_group_id"] = _new_expert_group(new_expert_group.strip(), values["title"].strip()).id
    assign(project, {k: v for k, v in values.items() if k in SETUP_FIELDS})
    project.updated_at = clock.now()
    db.session.flush()
    return project


def update_project_content(actor, project: Project, *, version, **values) -> Project:
    """Change analysis, ambition and approach (formatted text, sanitised)."""
    check_version(project, version)
    values = _with_defaults({k: values.get(k) for k in CONTENT_FIELDS})
    assign(project, values)
    project.updated_at = clock.now()
    db.session.flush()
    return project


# --- status updates ----------------------------------------------------------------------------------

UPDATE_TEXTS = ("summary", "achievements", "risks", "next_steps", "decision_needed")


def update_text_labels() -> dict[str, str]:
    return {"summary": _("Samenvatting"), "achievements": _("Resultaten"), "risks": _("Risico's"),
            "next_steps": _("Volgende stappen"), "decision_needed": _("Besluit nodig van het DVO")}


def latest_update(project_id: int) -> StatusUpdate | None:
    return db.session.scalar(select(StatusUpdate).where(StatusUpdate.project_id == project_id)
                             .order_by(StatusUpdate.number.desc()).limit(1))


def _check_update(status, progress, texts: dict) -> None:
    if not isinstance(status, str) or status not in STATUSES:
        raise ValidationError(_("Kies een status: groen, oranje of rood."), field="status")
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationError(_("De voortgang is een percentage: een geheel getal van 0 tot en met 100."),
                              field="progress")
    labels = update_text_labels()
    for key, value in texts.items():  # the types first: the API may send a list or a number for a text
        if value is not None and not isinstance(value, str):
            raise ValidationError(_("%(field)s moet tekst zijn.", field=labels[key]), field=key)
        if value and len(value) > TEXT_LIMIT:
            raise ValidationError(_("%(field)s is te lang (hoogstens %(n)d tekens).", field=labels[key],
                                    n=TEXT_LIMIT), field=key)
    if not (texts.get("summary") or "").strip():
        raise ValidationError(_("Vul een samenvatting in."), field="summary")


def post_status_update(actor, project: Project, *, status: str, progress: int, summary: str,
                       achievements: str | None = None, risks: str | None = None, next_steps: str | None = None,
                       decision_needed: str | None = None, previous_id=UNCHECKED,
                       posted_at: datetime | None = None) -> StatusUpdate:
    """Post a status update. With `previous_id` (the latest update the author saw, or None), refuse when
    someone else posted one in the meantime, so nobody reports without seeing the latest state."""
    texts = {"summary": summary, "achievements": achievements, "risks": risks, "next_steps": next_steps,
             "decision_needed": decision_needed}
    _check_update(status, progress, texts)
    latest = latest_update(project.id)
    if previous_id is not UNCHECKED and (latest.id if latest else None) != previous_id:
        raise Conflict(_("Er is intussen een andere statusupdate geplaatst. Bekijk die en probeer het opnieuw."))
    texts = {k: (v or "").strip() or None for k, v in texts.items()}
    proposal = decision_needed_hook(actor, project, texts["summary"], texts["decision_needed"]) \
        if texts["decision_needed"] else None
    update = StatusUpdate(project_id=project.id, number=(latest.number + 1) if latest else 1, status=status,
                          progress=progress, author_id=getattr(actor, "id", None), author_name=_actor_name(actor),
                          posted_at=posted_at or clock.now(), decision_item_id=proposal.id if proposal else None,
                          **texts)
    db.session.add(update)
    try:
        db.session.flush()
    except IntegrityError:  # the caller rolls back, as after any domain error
        raise Conflict(_("Er is tegelijk een andere statusupdate geplaatst. Bekijk die en probeer het opnieuw.")) \
            from None
    # The table directly: the project's version (optimistic locking of its form) stays as it is.
    db.session.execute(sql_update(Project.__table__).where(Project.__table__.c.id == project.id)
                       .values(latest_update_id=update.id, latest_status=update.status))
    set_committed_value(project, "latest_update_id", update.id)
    set_committed_value(project, "latest_status", update.status)
    return update


def decision_needed_hook(actor, project: Project, summary: str | None, decision_needed: str):
    """An update that asks the DVO for a decision starts a draft proposal (linked from the update)."""
    return start_from_status_update(actor, project, summary, decision_needed)


@dataclass
class Change:
    field: str
    label: str
    old: object
    new: object


def changes_between(previous: StatusUpdate | None, update: StatusUpdate) -> list[Change] | None:
    """What an update changed since the one before it (status, progress and each text); None for the first."""
    if previous is None:
        return None
    changes = []
    if previous.status != update.status:
        changes.append(Change("status", _("Status"), STATUSES[previous.status], STATUSES[update.status]))
    if previous.progress != update.progress:
        changes.append(Change("progress", _("Voortgang"), f"{previous.progress}%", f"{update.progress}%"))
    for key, label in update_text_labels().items():
        if (getattr(previous, key) or "") != (getattr(update, key) or ""):
            changes.append(Change(key, label, getattr(previous, key), getattr(update, key)))
    return changes


def history(project_id: int, limit: int | None = None) -> list[tuple[StatusUpdate, list[Change] | None]]:
    """Status updates newest first, each with what changed since the previous one. One query (one row more
    than `limit` is fetched, so the oldest row shown is compared with its predecessor too)."""
    query = select(StatusUpdate).where(StatusUpdate.project_id == project_id).order_by(StatusUpdate.number.desc())
    if limit is not None:
        query = query.limit(limit + 1)
    updates = list(db.session.scalars(query))
    rows = [(u, changes_between(updates[i + 1] if i + 1 < len(updates) else None, u))
            for i, u in enumerate(updates)]
    return rows[:limit] if limit is not None else rows


# --- comments ----------------------------------------------------------------------------------------

def add_comment(actor, project: Project, body: str, status_update_id: int | None = None) -> ProjectComment:
    """A remark by the trekker or an editor; never edited afterwards."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Vul een reactie in."), field="body")
    if len(body) > 5000:
        raise ValidationError(_("Een reactie is hoogstens 5000 tekens."), field="body")
    if status_update_id is not None:
        update = db.session.get(StatusUpdate, status_update_id)
        if update is None or update.project_id != project.id:
            raise ValidationError(_("Deze statusupdate hoort niet bij dit project."), field="status_update_id")
    comment = ProjectComment(project_id=project.id, status_update_id=status_update_id, body=body,
                             author_id=getattr(actor, "id", None), author_name=_actor_name(actor),
                             posted_at=clock.now())
    db.session.add(comment)
    db.session.flush()
    return comment


def comments_of(project_id: int) -> list[ProjectComment]:
    return list(db.session.scalars(select(ProjectComment).where(ProjectComment.project_id == project_id)
                                   .order_by(ProjectComment.posted_at.desc(), ProjectComment.id.desc())))


def age_in_days(posted_at: datetime | None, today: date | None = None) -> int | None:
    if posted_at is None:
        return None
    return ((today or clock.today()) - clock.local(posted_at).date()).days
