"""The public site under /openbaar/ (no login: only what is published, checked again as it is read) and the
per-body page where those who prepare the body choose what it publishes and withdraw a publication."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.bodies.models import Body
from ivzflow.core import clock, files
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import show_error, status_of
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import public as public_view
from ivzflow.core.web import require
from ivzflow.extensions import db
from ivzflow.publication import public, services
from ivzflow.publication.forms import PolicyForm, RepublishForm, WithdrawForm
from ivzflow.publication.models import Withdrawal
from ivzflow.publication.permissions import can_manage_publication

bp = Blueprint("publication", __name__)

FEED_SIZE = 50


@bp.app_context_processor
def _predicates():
    return {"can_manage_publication": can_manage_publication}


def _withdrawn(found: public.Found, what: str):
    return render_template("publication/withdrawn.html", found=found, what=what), 410


def _not_found():
    return render_template("publication/not_found.html"), 404


@bp.route("/openbaar/")
@public_view
def index():
    bodies = public.publishing_bodies()
    return render_template("publication/index.html", bodies=bodies,
                           agendas=public.published_agendas(limit=10),
                           decision_lists=public.published_decision_lists(limit=10))


@bp.route("/openbaar/gremia/<int:body_id>/")
@public_view
def body(body_id: int):
    found = public.publishing_body(body_id)
    if found is None:
        return _not_found()
    return render_template("publication/body.html", body=found, agendas=public.published_agendas(body_id),
                           decision_lists=public.published_decision_lists(body_id),
                           projects=public.published_projects(body_id))


@bp.route("/openbaar/vergaderingen/<int:meeting_id>/agenda")
@public_view
def agenda(meeting_id: int):
    found = public.find_agenda(meeting_id)
    if found.withdrawal is not None:
        return _withdrawn(found, _("agenda"))
    if found.meeting is None:
        return _not_found()
    meeting = found.meeting
    listed = public.find_decision_list(meeting.id)
    return render_template("publication/agenda.html", meeting=meeting, agenda=public.public_agenda(meeting),
                           with_documents=public.documents_published(meeting.body_id),
                           has_decision_list=listed.meeting is not None and listed.withdrawal is None)


@bp.route("/openbaar/vergaderingen/<int:meeting_id>/besluitenlijst")
@public_view
def decision_list(meeting_id: int):
    found = public.find_decision_list(meeting_id)
    if found.withdrawal is not None:
        return _withdrawn(found, _("besluitenlijst"))
    if found.meeting is None:
        return _not_found()
    return render_template("publication/decision_list.html", meeting=found.meeting,
                           listing=public.public_decision_list(found.meeting))


@bp.route("/openbaar/projecten/<int:project_id>")
@public_view
def project(project_id: int):
    found = public.find_project(project_id)
    if found.withdrawal is not None:
        return _withdrawn(found, _("projectpagina"))
    if found.project is None:
        return _not_found()
    return render_template("publication/project.html", project=found.project, decision=found.decision,
                           milestones=public.project_milestones(found.project),
                           decided_at=public.public_meetings_of_paper(found.decision))


@bp.route("/openbaar/documenten/<int:attachment_id>")
@public_view
def document(attachment_id: int):
    attachment = public.public_attachment(attachment_id)
    if attachment is None:
        return _not_found()
    response = files.send(attachment)
    response.headers["Cache-Control"] = "public, max-age=300"  # published: anyone may keep a copy
    return response


@bp.route("/openbaar/gremia/<int:body_id>/feed.atom")
@public_view
def feed(body_id: int):
    found = public.publishing_body(body_id)
    if found is None:
        return _not_found()
    entries = [(public.agenda_published_at(m), _("Agenda"), m, url_for(".agenda", meeting_id=m.id, _external=True))
               for m in public.published_agendas(body_id, limit=FEED_SIZE)]
    entries += [(d.adopted_at, _("Besluitenlijst"), m, url_for(".decision_list", meeting_id=m.id, _external=True))
                for m, d in public.published_decision_lists(body_id, limit=FEED_SIZE)]
    entries.sort(key=lambda e: e[0], reverse=True)
    entries = entries[:FEED_SIZE]
    updated = entries[0][0] if entries else clock.now()
    xml = render_template("publication/feed.xml", body=found, entries=entries, updated=updated,
                          title=_("%(body)s: openbare publicaties", body=found.name))
    return Response(xml, mimetype="application/atom+xml")


@bp.route("/openbaar/sitemap.xml")
@public_view
def sitemap():
    bodies = public.publishing_bodies()
    agendas = public.published_agendas()
    decision_lists = public.published_decision_lists()
    xml = render_template("publication/sitemap.xml", bodies=bodies, agendas=agendas, decision_lists=decision_lists,
                          projects=public.published_projects(), agenda_published_at=public.agenda_published_at)
    return Response(xml, mimetype="application/xml")


# --- the body's publication settings (login) ----------------------------------------------------------

@bp.route("/bodies/<int:body_id>/publicatie", methods=["GET", "POST"])
def settings(body_id: int):
    body_ = db.get_or_404(Body, body_id)
    require(can_manage_publication(current_user, body_.id))
    policy = services.policy_for(body_.id)
    form = PolicyForm(obj=policy)
    if form.validate_on_submit():
        try:
            services.save_policy(current_user, body_.id, version=form.version.data, agendas=form.agendas.data,
                                 decision_lists=form.decision_lists.data, documents=form.documents.data,
                                 projects=form.projects.data)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("De publicatie-instellingen zijn opgeslagen."), "success")
            return redirect(url_for(".settings", body_id=body_.id))
    return _settings_page(body_, policy, form, WithdrawForm())


def _settings_page(body_: Body, policy, form, withdraw_form):
    published = [("decision_list", _("Besluitenlijst"), meeting, url_for(".decision_list", meeting_id=meeting.id))
                 for meeting, _record in public.published_decision_lists(body_.id)]
    published += [("agenda", _("Agenda"), meeting, url_for(".agenda", meeting_id=meeting.id))
                  for meeting in public.published_agendas(body_.id)]
    published += [("project", _("Projectpagina"), project, url_for(".project", project_id=project.id))
                  for project, _decision in public.published_projects(body_.id)]
    return render_template(
        "publication/settings.html", body=body_, policy=policy, form=form, withdraw_form=withdraw_form,
        published=published, withdrawals=services.withdrawals_of(body_.id)), \
        status_of(form) if form.errors else status_of(withdraw_form)


@bp.route("/bodies/<int:body_id>/publicatie/intrekken", methods=["POST"])
def withdraw(body_id: int):
    body_ = db.get_or_404(Body, body_id)
    require(can_manage_publication(current_user, body_.id))
    form = WithdrawForm()
    if form.validate_on_submit():
        subject_id = whole_number(form.subject_id.data, 1)
        if subject_id is None:
            return _not_found()
        try:
            services.withdraw(current_user, form.kind.data, subject_id, form.reason.data, body_.id)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("De publicatie is ingetrokken."), "success")
            return redirect(url_for(".settings", body_id=body_.id))
    policy = services.policy_for(body_.id)
    return _settings_page(body_, policy, PolicyForm(obj=policy, formdata=None), form)


@bp.route("/bodies/<int:body_id>/publicatie/opnieuw/<int:withdrawal_id>", methods=["POST"])
def republish(body_id: int, withdrawal_id: int):
    body_ = db.get_or_404(Body, body_id)
    require(can_manage_publication(current_user, body_.id))
    # another body's withdrawal is not found here, as an unknown one
    withdrawal = db.first_or_404(select(Withdrawal).where(Withdrawal.id == withdrawal_id,
                                                          Withdrawal.body_id == body_.id))
    form = RepublishForm()
    if form.validate_on_submit():
        try:
            services.republish(current_user, withdrawal, body_.id)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            flash(_("De publicatie is weer gepubliceerd."), "success")
            return redirect(url_for(".settings", body_id=body_.id))
    policy = services.policy_for(body_.id)
    return _settings_page(body_, policy, PolicyForm(obj=policy, formdata=None), form)
