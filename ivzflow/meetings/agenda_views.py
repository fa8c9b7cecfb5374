"""Agenda assembly: the agenda page (reader and builder), items, their order, and the agenda's states.

The blueprint also carries the pages of attachment_views, document_views, record_views and
standing_views (registered in ivzflow.blueprints).
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy.orm import joinedload, lazyload

from ivzflow.core.errors import ValidationError, wants_json
from ivzflow.core.forms import run_button, status_of, submit
from ivzflow.core.i18n import request_locale
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require, require_visible
from ivzflow.decisions.documents import documents_by_item
from ivzflow.decisions.models import DecisionItem
from ivzflow.decisions.readiness import readiness
from ivzflow.extensions import db
from ivzflow.meetings import agenda as service
from ivzflow.meetings import agenda_cache, amendments, members, proposals
from ivzflow.meetings import permissions as perm
from ivzflow.meetings.agenda_forms import AgendaItemForm
from ivzflow.meetings.models import AgendaItem, Meeting
from ivzflow.meetings.services import state_label
from ivzflow.meetings.visibility import can_view_item, item_visibility

bp = Blueprint("agenda", __name__)


@bp.app_context_processor
def _helpers():
    return {
        "can_view_agenda": perm.can_view_agenda, "can_view_item": can_view_item,
        "can_prepare_agenda": perm.can_prepare_agenda, "can_edit_agenda": perm.can_edit_agenda,
        "can_fix_agenda": perm.can_fix_agenda, "can_reopen_agenda": perm.can_reopen_agenda,
        "can_amend_agenda": perm.can_amend_agenda, "amendment_line": amendments.describe,
        "can_send_agenda": perm.can_send_agenda, "can_attach_documents": perm.can_attach_documents,
        "can_record_meeting": perm.can_record_meeting, "can_edit_record": perm.can_edit_record,
        "can_mark_held": perm.can_mark_held, "can_adopt_minutes": perm.can_adopt_minutes,
        "can_manage_standing_items": perm.can_manage_standing_items,
        "section_label": service.section_label, "meeting_state_label": state_label,
    }


def visible_agenda(meeting: Meeting) -> service.Agenda:
    """The agenda as the current user may see it (confidential items only for those allowed)."""
    return service.build(meeting, service.load_items(meeting), item_visibility(current_user, meeting))


def item_values(form: AgendaItemForm) -> dict:
    return dict(title=form.title.data, description=form.description.data, presenter=form.presenter.data,
                duration_minutes=form.duration_minutes.data, is_public=form.visibility.data != "confidential",
                section=form.section.data if "section" in form else None)


def item_form(meeting: Meeting, item: AgendaItem | None = None) -> AgendaItemForm:
    form = AgendaItemForm(obj=item if request.method == "GET" else None)
    if request.method == "GET" and item is not None:
        form.visibility.data = "public" if item.is_public else "confidential"
        form.section.data = item.section or "common"
    if not service.has_sections(meeting.body):
        form.remove_section()
    return form


# The agenda page shows the meeting's body and location, not what those refer to in turn.
_AGENDA_PAGE_MEETING = (lazyload("*"), joinedload(Meeting.body).lazyload("*"),
                        joinedload(Meeting.location).lazyload("*"))


@bp.route("/meetings/<int:meeting_id>/agenda")
def show(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id, options=_AGENDA_PAGE_MEETING)
    require_visible(perm.can_view_agenda(current_user, meeting))
    if not perm.prepares_meeting(current_user, meeting):  # members read the members' view
        return render_template("agenda/members.html", meeting=meeting, outcome_text=members.result_label,
                               result_text=members.item_result, agenda=members.members_agenda(current_user, meeting),
                               versions=amendments.sent_versions(meeting, perm.sees_confidential_items(current_user, meeting)))
    amending = perm.can_amend_agenda(current_user, meeting)
    editing = perm.can_edit_agenda(current_user, meeting) or amending
    candidates = readiness(meeting)
    offers = proposals.offers_for(current_user, meeting) if editing else []
    confidential = perm.sees_confidential_items(current_user, meeting)
    return render_template("agenda/show.html", meeting=meeting, form=item_form(meeting) if editing else None,
                           candidates=candidates, offers=offers, items_html=agenda_rows(meeting, editing),
                           pending=amendments.pending(meeting) if amending else [],
                           versions=amendments.sent_versions(meeting, confidential))


def agenda_rows(meeting: Meeting, editing: bool) -> Markup:
    """The agenda's rows as the reader may see and work on them: rendered, or kept from an earlier reader
    with the same rights while the agenda is unchanged (see agenda_cache)."""
    attaching = perm.can_attach_documents(current_user, meeting)
    key = (meeting.id, meeting.start_at, meeting.end_at, meeting.state, service.has_sections(meeting.body),
           agenda_cache.contents_of(meeting.id), editing, attaching,
           perm.sees_confidential_items(current_user, meeting), str(request_locale()), request.script_root)
    html = agenda_cache.get(key)
    if html is None:
        agenda = visible_agenda(meeting)
        proposals = documents_by_item(row.item.decision_item_id for row in agenda.rows if row.item.decision_item_id)
        html = current_app.jinja_env.get_template("agenda/_items.html").render(
            meeting=meeting, agenda=agenda, editing=editing, attaching=attaching, proposal_documents=proposals,
            csrf_token=lambda: agenda_cache.CSRF_PLACEHOLDER)
        agenda_cache.put(key, html)
    return Markup(html.replace(agenda_cache.CSRF_PLACEHOLDER, generate_csrf()))


@bp.route("/meetings/<int:meeting_id>/agenda/items/new", methods=["GET", "POST"])
def new_item(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    form = item_form(meeting)
    if request.method == "GET":
        service.ensure_editable(meeting)
    if done := submit(form, lambda: service.add_item(current_user, meeting, **item_values(form)),
                      done=_("Het punt is toegevoegd."),
                      to=lambda item: _agenda_url(meeting.id, f"item-{item.id}"), code=303):
        return done
    return render_template("agenda/item_form.html", form=form, meeting=meeting, item=None), status_of(form)


@bp.route("/meetings/<int:meeting_id>/agenda/proposals/<int:item_id>/place", methods=["POST"])
def place_proposal(meeting_id: int, item_id: int):
    """One click: an offered proposal onto the Platform agenda (see meetings.proposals)."""
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    item = db.get_or_404(DecisionItem, item_id)
    return run_button(_agenda_url(meeting.id),
                      lambda _version: proposals.place_proposal(current_user, meeting, item),
                      lambda placed: _("'%(title)s' staat op de agenda als punt %(number)d.", title=item.title,
                                       number=_number_of(placed)))


def _number_of(item: AgendaItem) -> int:
    return next(n for n, i in enumerate(service.load_items(item.meeting), start=1) if i.id == item.id)


@bp.route("/agenda-items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    meeting = item.meeting
    require(perm.can_prepare_agenda(current_user, meeting))
    if request.method == "GET":
        service.ensure_editable(meeting)
    form = item_form(meeting, item)

    def save():
        return service.update_item(current_user, item, version=form.version.data, **item_values(form))

    if done := submit(form, save, done=_("Het punt is bijgewerkt."), to=_agenda_url(meeting.id, f"item-{item.id}"),
                      code=303):
        return done
    return render_template("agenda/item_form.html", form=form, meeting=meeting, item=item), status_of(form)


def _agenda_url(meeting_id: int, anchor: str | None = None) -> str:
    return url_for("agenda.show", meeting_id=meeting_id, _anchor=anchor)


@bp.route("/agenda-items/<int:item_id>/delete", methods=["POST"])
def delete_item(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    require(perm.can_prepare_agenda(current_user, item.meeting))
    return run_button(_agenda_url(item.meeting_id),
                      lambda version: service.delete_item(current_user, item, version=version),
                      _("Het punt is verwijderd."))


@bp.route("/agenda-items/<int:item_id>/move", methods=["POST"])
def move_item(item_id: int):
    item = db.get_or_404(AgendaItem, item_id)
    require(perm.can_prepare_agenda(current_user, item.meeting))
    direction = request.form.get("direction", "")
    return run_button(_agenda_url(item.meeting_id, f"item-{item.id}"),
                      lambda _version: service.move_item(current_user, item, direction))


def _order_from_request() -> list[int]:
    raw = (request.get_json(silent=True) or {}).get("order") if request.is_json else request.form.getlist("order")
    ids = [whole_number(v, 1) for v in raw] if isinstance(raw, list) else [None]
    if None in ids:
        raise ValidationError(_("De volgorde is ongeldig."))
    return ids


@bp.route("/meetings/<int:meeting_id>/agenda/order", methods=["POST"])
def reorder(meeting_id: int):
    """The full ordered list of item ids: from drag and drop (JSON) or a plain form."""
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    service.reorder(current_user, meeting, _order_from_request())  # a refusal: the error handlers answer
    db.session.commit()
    if not (request.is_json or wants_json()):
        return redirect(_agenda_url(meeting.id), code=303)
    agenda = visible_agenda(meeting)
    return jsonify({
        "items": [{"id": row.item.id, "number": row.number, "running": agenda.running_text(row),
                   "over": agenda.is_over(row)} for row in agenda.rows],
        "summary": agenda.summary_text(), "warning": agenda.warning_text(),
        "message": _("De volgorde is opgeslagen."),
    })


@bp.route("/meetings/<int:meeting_id>/agenda/prepare", methods=["POST"])
def prepare(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    return run_button(_agenda_url(meeting.id),
                      lambda version: service.start_preparing(current_user, meeting, version=version),
                      lambda added: _("De agenda is in voorbereiding.") + " " + ngettext(
                          "%(num)d vast punt staat erop.", "%(num)d vaste punten staan erop.", added))


@bp.route("/meetings/<int:meeting_id>/agenda/fix", methods=["POST"])
def fix(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    return run_button(_agenda_url(meeting.id),
                      lambda version: service.fix_agenda(current_user, meeting, version=version),
                      _("De agenda is vastgesteld."))


@bp.route("/meetings/<int:meeting_id>/agenda/reopen", methods=["POST"])
def reopen(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    return run_button(_agenda_url(meeting.id),
                      lambda version: service.reopen_agenda(current_user, meeting, version=version),
                      _("De agenda is heropend; punten kunnen weer worden gewijzigd."))


@bp.route("/meetings/<int:meeting_id>/agenda/send-amended", methods=["POST"])
def send_amended(meeting_id: int):
    """The changes made since sending go to the members as the agenda's next version."""
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    return run_button(_agenda_url(meeting.id, "changes-heading"),
                      lambda version: amendments.send_amended(current_user, meeting, version=version),
                      lambda sent: _("Versie %(number)d van de agenda is verzonden; de leden krijgen bericht van de "
                                     "wijzigingen.", number=sent.number))


@bp.route("/meetings/<int:meeting_id>/agenda/send", methods=["POST"])
def send(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(perm.can_prepare_agenda(current_user, meeting))
    return run_button(_agenda_url(meeting.id),
                      lambda version: service.send_agenda(current_user, meeting, version=version),
                      _("De agenda is verzonden; de leden kunnen haar nu lezen."))
