"""Decision items: list, draft, the item page with its route and timeline, transitions, and the steps
around them (target meeting, consent, deadline exception, opinions, outcomes)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ivzflow.bodies.district_filter import district_choices, read_district
from ivzflow.bodies.models import Body, Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.core.errors import DomainError, ValidationError, check_version
from ivzflow.core.forms import options, show_error, status_of
from ivzflow.core.numbers import whole_number
from ivzflow.core.pagination import Page
from ivzflow.accounts.permissions import refuse_if_read_only
from ivzflow.core.web import require
from ivzflow.decisions import actions, guidance, permissions as can, queries, route, services, tiers, timeline
from ivzflow.decisions.documents import documents_of
from ivzflow.decisions.links import project_options
from ivzflow.decisions.forms import (
    ItemForm, OpinionForm, PassUpForm, ReasonForm, TargetForm, TransitionForm, WaiveForm,
)
from ivzflow.decisions.models import Consultation, DecisionItem
from ivzflow.extensions import db
from ivzflow.meetings.agenda_forms import AttachmentForm
from ivzflow.meetings.models import Meeting
from ivzflow.people.models import Person
from ivzflow.projects.models import Project
from ivzflow.projects.permissions import visible_projects
from ivzflow.workflows import engine
from ivzflow.workflows.models import WorkflowState

bp = Blueprint("decisions", __name__)
PER_PAGE = 30


@bp.app_context_processor
def _helpers():
    return {"can_decisions": can}


def load_item(item_id: int) -> DecisionItem:
    """The item, or 404 also when the user may not see it (its existence is not revealed)."""
    # The project's title and the communication advice are on the page: joined, not a query each.
    item = db.get_or_404(DecisionItem, item_id, options=[joinedload(DecisionItem.project).lazyload("*"),
                                                         joinedload(DecisionItem.communication_advice)])
    if not can.can_view_item(current_user, item):
        abort(404)
    return item


# --- choices -----------------------------------------------------------------------------------------

def meeting_choices(body_id: int | None, blank: str) -> list:
    return options([(0, blank)] + _meetings_of(body_id))


def _meetings_of(body_id: int | None) -> list[tuple[int, str]]:
    query = select(Meeting).where(Meeting.start_at > clock.now(), Meeting.state != "cancelled").order_by(Meeting.start_at)
    if body_id:
        query = query.where(Meeting.body_id == body_id)
    return [(m.id, m.name) for m in db.session.scalars(query.limit(24))]


def _trekkers_of(body_id: int | None, keep: tuple[int | None, ...] = ()) -> list[tuple[int, str]]:
    """Members of the deciding body (a trekker is a DVO member), and whoever must stay choosable (the
    project's own trekker)."""
    query = select(Person).order_by(Person.name)
    if body_id:
        members = Person.id.in_(select(Membership.person_id).where(
            Membership.body_id == body_id, current_on(clock.today()), Membership.is_deputy.is_(False)))
        query = query.where(members | Person.id.in_([k for k in keep if k]))
    return [(p.id, f"{p.name} ({p.function})" if p.function else p.name) for p in db.session.scalars(query)]


def trekker_choices(body_id: int | None, keep: tuple[int | None, ...] = ()) -> list:
    return options([(0, _("— geen —"))] + _trekkers_of(body_id, keep))


def project_choices() -> list:
    return options([(0, _("— geen —"))] + project_options(visible_projects(current_user)))


def _project_trekker(project_id) -> int | None:
    project_id = whole_number(project_id, 1)
    return db.session.scalar(select(Project.trekker_id).where(Project.id == project_id)) if project_id else None


def _fill(form: ItemForm, item: DecisionItem | None = None) -> Body | None:
    """The choice lists; the trekker and meeting lists follow the chosen deciding body (the posted one when it
    is one of them: the form is not validated yet, so any number may come in). Returns that body."""
    bodies = (route.deciding_bodies(item.workflow_version, services.district_scope(current_user)) if item
              else services.deciding_bodies(current_user))
    form.decision_body_id.choices = options((b.id, b.name) for b in bodies)
    by_id = {b.id: b for b in bodies}
    if form.decision_body_id.data:  # posted or stored; one that may not decide is refused by the service
        chosen = by_id.get(form.decision_body_id.data) or db.session.get(Body, whole_number(
            form.decision_body_id.data, 1) or 0)
    else:
        chosen = bodies[0] if bodies else None
        form.decision_body_id.data = chosen.id if chosen else None
    body = chosen if chosen is not None and chosen.id in by_id else (bodies[0] if bodies else None)
    # The stored trekker stays choosable on his body (should he have left it, he shows as he is).
    keep = (_project_trekker(form.project_id.data),
            item.trekker_id if item and body is not None and body.id == item.decision_body_id else None)
    form.trekker_id.choices = trekker_choices(body.id if body else None, keep)
    form.target_meeting_id.choices = meeting_choices(body.id if body else None, _("— nog niet gekozen —"))
    form.project_id.choices = project_choices()
    return chosen


def _follow_body(form: ItemForm, body: Body | None) -> None:
    """After "Kies" (without JavaScript): keep the trekker and meeting when they fit the chosen body, else
    propose the project's trekker and no meeting; nothing is saved yet."""
    trekkers = {c.value for c in form.trekker_id.choices}
    project_trekker = _project_trekker(form.project_id.data)
    if not form.trekker_id.data or form.trekker_id.data not in trekkers:
        form.trekker_id.data = project_trekker if project_trekker in trekkers else 0
    if form.target_meeting_id.data not in {c.value for c in form.target_meeting_id.choices}:
        form.target_meeting_id.data = 0
    if body is not None:
        flash(_("De lijsten volgen nu %(body)s: kies de bestuurlijk trekker en de vergadering en sla het voorstel op.",
                body=body.name), "info")


def _require_body(body: Body | None) -> None:
    if body is None:
        raise ValidationError(_("Kies het besluitvormend gremium."), field="decision_body_id")


@bp.route("/decisions/choices")
def choices():
    """For the proposal form's script: the trekkers and meetings that go with a deciding body."""
    require(can.can_create_item(current_user))
    body_id = whole_number(request.args.get("body"), 1)
    body = next((b for b in services.deciding_bodies(current_user) if b.id == body_id), None)
    if body is None:
        abort(400)  # not a body a proposal may go to
    project_trekker = _project_trekker(request.args.get("project"))
    keep = (project_trekker,)
    return {"trekkers": [[0, _("— geen —")]] + [list(pair) for pair in _trekkers_of(body_id, keep)],
            "meetings": [[0, _("— nog niet gekozen —")]] + [list(pair) for pair in _meetings_of(body_id)],
            "project_trekker": project_trekker,
            "message": _("De lijsten van bestuurlijk trekkers en vergaderingen volgen nu %(body)s.", body=body.name)}


# --- list and draft ----------------------------------------------------------------------------------

@bp.route("/decisions")
def index():
    page = Page.from_request(PER_PAGE)
    state = request.args.get("state") or None
    search = (request.args.get("q") or "")[:100] or None
    districts = read_district(current_user, request.args.get("district"))
    query = queries.filtered(queries.visible_items(current_user), state=state, search=search, districts=districts)
    ids_only = query.with_only_columns(DecisionItem.id)
    total = db.session.scalar(select(func.count()).select_from(ids_only.subquery()))
    # The page's ids are sorted and cut first; only those rows are then read with what they join (sorting
    # every visible proposal of the district with its joined rows took most of the page's time).
    ids = list(db.session.scalars(ids_only.order_by(DecisionItem.updated_at.desc(), DecisionItem.id.desc())
                                  .limit(page.per_page).offset(page.offset)))
    rows = db.session.scalars(select(DecisionItem).where(DecisionItem.id.in_(ids))
                              .options(selectinload(DecisionItem.communication_advice))).unique()
    position = {item_id: n for n, item_id in enumerate(ids)}
    items = sorted(rows, key=lambda item: position[item.id])
    states = db.session.execute(select(WorkflowState.name, WorkflowState.label_nl, WorkflowState.label_en)
                                .distinct().order_by(WorkflowState.name)).all()
    return render_template("decisions/index.html", items=items, page=page.with_total(total), states=states,
                           state=state, q=search or "", districts=(district_choices(), districts))


@bp.route("/decisions/new", methods=["GET", "POST"])
def new():
    refuse_if_read_only(current_user)
    require(can.can_create_item(current_user))
    form = ItemForm()
    project_id = whole_number(request.args.get("project"), 1)
    if request.method == "GET" and project_id:
        form.project_id.data = project_id
        form.trekker_id.data = _project_trekker(project_id) or 0  # the project's trekker, unless changed
    body = _fill(form)
    if request.method == "POST" and request.form.get("choose_body"):
        _follow_body(form, body)
    elif form.validate_on_submit():
        try:
            _require_body(body)
            item = services.propose(
                current_user, decision_body=body, title=form.title.data,
                kind=form.kind.data, confidentiality=form.confidentiality.data, summary=form.summary.data,
                points=(form.points.data or "").splitlines(), trekker_id=form.trekker_id.data or None,
                project_id=form.project_id.data or None, touches_both_agendas=form.touches_both_agendas.data,
                target_meeting_id=form.target_meeting_id.data or None)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("Het voorstel is aangemaakt als concept."), "success")
            return redirect(url_for("decisions.show", item_id=item.id))
    return render_template("decisions/form.html", form=form, item=None), status_of(form)


@bp.route("/decisions/<int:item_id>/edit", methods=["GET", "POST"])
def edit(item_id: int):
    item = load_item(item_id)
    require(can.can_edit_item(current_user, item))
    form = ItemForm(obj=item if request.method == "GET" else None)
    if request.method == "GET":
        form.points.data = "\n".join(p.text for p in item.points)
        form.trekker_id.data = item.trekker_id or 0
        form.project_id.data = item.project_id or 0
        form.decision_body_id.data = item.decision_body_id
        form.target_meeting_id.data = item.target_meeting_id or 0
    body = _fill(form, item)
    if request.method == "POST" and request.form.get("choose_body"):
        _follow_body(form, body)
    elif form.validate_on_submit():
        try:
            _require_body(body)
            services.update_item(item, version=form.version.data, title=form.title.data, kind=form.kind.data,
                                 confidentiality=form.confidentiality.data, summary=form.summary.data,
                                 points=(form.points.data or "").splitlines(), trekker_id=form.trekker_id.data or None,
                                 project_id=form.project_id.data or None,
                                 touches_both_agendas=form.touches_both_agendas.data, decision_body=body,
                                 target_meeting_id=form.target_meeting_id.data or None, actor=current_user)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("Het voorstel is bijgewerkt."), "success")
            return redirect(url_for("decisions.show", item_id=item.id))
    return render_template("decisions/form.html", form=form, item=item), status_of(form)


# --- the item page -----------------------------------------------------------------------------------

@bp.route("/decisions/<int:item_id>")
def show(item_id: int):
    return render_item(load_item(item_id))


def render_item(item: DecisionItem, document_form=None, status: int = 200):
    """The item page; an upload that was refused comes back with its message on the form."""
    form = TransitionForm(version=item.version)
    form.meeting_id.choices = meeting_choices(item.decision_body_id, _("— kies —"))
    target = TargetForm(meeting_id=item.target_meeting_id or 0)
    target.meeting_id.choices = options([(0, _("— nog niet gekozen —"))]) + form.meeting_id.choices[1:]  # same meetings
    item_actions = actions.actions_of(item.id)
    steps = engine.options(item, current_user)
    return render_template(
        "decisions/show.html", item=item, options=steps, form=form,
        turns=guidance.next_turns(item, current_user, steps),
        target_form=target, reason_form=ReasonForm(), opinion_form=OpinionForm(),
        waive_form=WaiveForm(version=item.communication_advice.version if item.communication_advice else None),
        events=timeline.events(item, item_actions), actions=item_actions,
        documents=documents_of(item.id), document_form=document_form or AttachmentForm(),
        tier=_tier(item), pass_up_form=PassUpForm()), status


def _tier(item: DecisionItem) -> dict:
    """The proposals on the other tiers (linked only for who may read them) and where it may be passed."""
    continuation = tiers.continuation_of(item)
    previous = tiers.continued(item)
    secretariat = tiers.may_pass_up(current_user, item)
    decided, adopted = _decided(item), tiers.is_adopted(item)
    upper, lower = (tiers.tier_bodies(item.decision_body_id) if secretariat and (decided or adopted)
                    else ([], []))
    lower = lower if decided else []
    return {
        "continuation": continuation, "previous": previous,
        "continuation_visible": continuation is not None and can.can_view_item(current_user, continuation),
        "previous_visible": previous is not None and can.can_view_item(current_user, previous),
        "upper": (upper[:1] or [None])[0] if continuation is None and adopted else None,
        "lower": lower, "lower_names": ", ".join(b.short_name or b.name for b in lower),
    }


def _decided(item: DecisionItem) -> bool:
    return any(c.role == "decision" and c.body_id == item.decision_body_id and c.result for c in item.route)


@bp.route("/decisions/<int:item_id>/pass-up", methods=["POST"])
def pass_up(item_id: int):
    """Voorleggen aan het RVO (or, from a driehoek, aan het DVO): the continuation on the upper tier."""
    item = load_item(item_id)
    require(tiers.may_pass_up(current_user, item))  # before the form: a refusal must not depend on the input
    form = PassUpForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        continuation = tiers.pass_up(item, current_user, note=form.note.data)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("decisions.show", item_id=item.id))
    db.session.commit()
    flash(_("Het voorstel is voorgelegd aan %(body)s.", body=continuation.decision_body.name), "success")
    return redirect(url_for("decisions.show", item_id=continuation.id))


@bp.route("/decisions/<int:item_id>/report-down", methods=["POST"])
def report_down(item_id: int):
    """Terugkoppelen aan de driehoeken: the decision on the next agenda of each body reporting to its body."""
    item = load_item(item_id)
    require(tiers.may_pass_up(current_user, item))
    form = PassUpForm()
    if not form.validate_on_submit():
        abort(400)
    return _act(item, True, lambda: tiers.report_down(item, current_user),
                _("De terugkoppeling staat op de volgende agenda's."))


@bp.route("/decisions/<int:item_id>/transitions", methods=["POST"])
def transition(item_id: int):
    item = load_item(item_id)
    form = TransitionForm()
    form.meeting_id.choices = meeting_choices(item.decision_body_id, "")
    if not form.validate_on_submit():
        abort(400)
    try:
        check_version(item, form.version.data)
        engine.take(item, form.transition.data, current_user, form.comment.data, params={
            "advice": form.advice.data, "advice_text": form.advice_text.data, "meeting_id": form.meeting_id.data})
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("decisions.show", item_id=item_id))
    db.session.commit()
    flash(_("Het voorstel is nu: %(state)s.", state=item.state.label(str(get_locale()))), "success")
    return redirect(url_for("decisions.show", item_id=item.id))


def _act(item: DecisionItem, allowed: bool, action, done: str):
    """Run one small step on an item (form already validated), then back to the item page."""
    require(allowed)
    try:
        action()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("decisions.show", item_id=item.id))


@bp.route("/decisions/<int:item_id>/target", methods=["POST"])
def set_target(item_id: int):
    item = load_item(item_id)
    require(can.can_set_target(current_user, item))  # before the form: a refusal must not depend on the input
    form = TargetForm()
    form.meeting_id.choices = meeting_choices(item.decision_body_id, "")
    if not form.validate_on_submit():
        abort(400)
    return _act(item, True,
                lambda: services.set_target_meeting(item, form.meeting_id.data or None),
                _("De beoogde vergadering is vastgelegd."))


@bp.route("/decisions/<int:item_id>/consent", methods=["POST"])
def consent(item_id: int):
    item = load_item(item_id)
    return _act(item, can.can_give_consent(current_user, item), lambda: services.give_consent(current_user, item),
                _("U hebt ingestemd met dit voorstel."))


@bp.route("/decisions/<int:item_id>/override", methods=["POST"])
def override(item_id: int):
    item = load_item(item_id)
    form = ReasonForm()
    require(can.can_override_deadline(current_user, item))
    if not form.validate_on_submit():
        flash(_("Geef een reden voor de uitzondering op de inleverdatum."), "error")
        return redirect(url_for("decisions.show", item_id=item.id))
    return _act(item, True, lambda: services.override_deadline(current_user, item, form.reason.data),
                _("De uitzondering op de inleverdatum is vastgelegd."))


@bp.route("/decisions/<int:item_id>/route/<int:consultation_id>", methods=["POST"])
def opinion(item_id: int, consultation_id: int):
    item = load_item(item_id)
    consultation = db.get_or_404(Consultation, consultation_id)
    if consultation.item_id != item.id:
        abort(404)
    require(can.can_record_opinion(current_user, item))  # before the form: a refusal must not depend on the input
    form = OpinionForm()
    if not form.validate_on_submit():
        abort(400)
    return _act(item, True,
                lambda: services.record_opinion(current_user, consultation, form.result.data, form.text.data),
                _("Het oordeel van %(body)s is vastgelegd.", body=consultation.body.name))
