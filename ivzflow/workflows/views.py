"""Workflow administration: see a workflow as a diagram, edit, import and export it."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.accounts.roles import ROLE_LABELS, Role
from ivzflow.audit.services import log_read
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import show_error, status_of
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require
from ivzflow.decisions.permissions import can_manage_workflows
from ivzflow.extensions import db
from ivzflow.workflows import diagram, loader, services
from ivzflow.workflows.forms import DefinitionForm, ImportForm
from ivzflow.workflows.loader import DefinitionRejected
from ivzflow.workflows.models import Workflow

bp = Blueprint("workflows", __name__)


def _reject(form, exc: DefinitionRejected) -> None:
    """Every problem of a rejected definition on its own line, at the definition field."""
    db.session.rollback()
    field = form.definition if hasattr(form, "definition") else form.file
    field.errors = list(field.errors) + exc.problems
    form.error_status = exc.status


def _role_label(role: str) -> str:
    if role in Role._value2member_map_:
        return str(ROLE_LABELS[Role(role)])
    return {"submitter": _("indiener"), "trekker": _("bestuurlijk trekker")}.get(role, role)


@bp.route("/workflows")
def index():
    require(can_manage_workflows(current_user))
    return render_template("workflows/index.html", workflows=services.list_workflows(),
                           counts=services.items_per_version(), form=ImportForm())


@bp.route("/workflows/import", methods=["POST"])
def import_():
    require(can_manage_workflows(current_user))
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            text = upload.read(services.MAX_DEFINITION_BYTES + 1).decode("utf-8-sig")
        except UnicodeDecodeError:
            form.file.errors = list(form.file.errors) + [_("Het bestand is geen UTF-8-tekst.")]
        else:
            try:
                version = services.save_definition(current_user, text, note=form.note.data or upload.filename)
            except DefinitionRejected as exc:
                _reject(form, exc)
            except DomainError as exc:
                show_error(form, exc)
                form.file.errors = list(form.file.errors) + form.form_errors
                form.form_errors = []
            else:
                db.session.commit()
                flash(_("%(name)s versie %(n)d is geïmporteerd.", name=version.workflow.name, n=version.number),
                      "success")
                return redirect(url_for("workflows.show", workflow_id=version.workflow_id))
    return render_template("workflows/index.html", workflows=services.list_workflows(),
                           counts=services.items_per_version(), form=form), status_of(form)


def _load(workflow_id: int) -> Workflow:
    return db.get_or_404(Workflow, workflow_id)


@bp.route("/workflows/<int:workflow_id>")
def show(workflow_id: int):
    require(can_manage_workflows(current_user))
    workflow = _load(workflow_id)
    number = request.args.get("version", "")
    version = services.version_of(workflow, whole_number(number, 1))
    if version is None:
        abort(404)
    locale = str(get_locale())
    picture = diagram.layout(version.states, version.transitions, locale, _("eindtoestand"), _("begintoestand"))
    return render_template("workflows/show.html", workflow=workflow, version=version, diagram=picture,
                           in_use=services.items_per_state(version), role_label=_role_label, locale=locale)


@bp.route("/workflows/<int:workflow_id>/edit", methods=["GET", "POST"])
def edit(workflow_id: int):
    require(can_manage_workflows(current_user))
    workflow = _load(workflow_id)
    latest = services.version_of(workflow, None)
    form = DefinitionForm()
    if request.method == "GET" and latest is not None:
        form.definition.data = loader.export(latest)
        form.based_on.data = latest.number
    if form.validate_on_submit():
        based_on = whole_number(form.based_on.data, 1)
        try:
            version = services.save_definition(current_user, form.definition.data, workflow=workflow,
                                               based_on=based_on, note=form.note.data)
        except DefinitionRejected as exc:
            _reject(form, exc)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("Versie %(n)d is opgeslagen. Lopende voorstellen houden hun versie.", n=version.number), "success")
            return redirect(url_for("workflows.show", workflow_id=workflow.id))
    return render_template("workflows/edit.html", workflow=workflow, latest=latest, form=form), status_of(form)


@bp.route("/workflows/<int:workflow_id>/versions/<int:number>/export")
def export(workflow_id: int, number: int):
    require(can_manage_workflows(current_user))
    version = services.version_of(_load(workflow_id), number)
    if version is None:
        abort(404)
    filename = f"{version.workflow.key}-v{version.number}.json"
    log_read("export", "workflow_version", version.id, format="json")
    return Response(loader.export(version) + "\n", mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
