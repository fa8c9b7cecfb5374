"""The inbox and preferences of every user; the secretariat's overview, lead times and policy calendar."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import has_role
from ivzflow.core.errors import DomainError, ValidationError
from ivzflow.core.forms import status_of, submit
from ivzflow.core.numbers import whole_number
from ivzflow.core.web import require, safe_next
from ivzflow.extensions import db
from ivzflow.reminders import services
from ivzflow.reminders.forms import LeadTimesForm, PolicyEventForm
from ivzflow.reminders.messages import KIND_LABELS
from ivzflow.reminders.models import Delivery, Notification, PolicyEvent
from ivzflow.settings.services import get_setting, set_settings, settings_version

bp = Blueprint("reminders", __name__)
LEAD_TIMES = ("send_hour", "meeting_days_before", "agenda_days_before", "documents_days_before",
              "submission_days_before", "comms_advice_secretariat_days_before", "action_days_before",
              "membership_months_before", "max_attempts")


def can_oversee_reminders(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.ADMIN)


@bp.app_context_processor
def _unread():
    if not getattr(current_user, "is_authenticated", False):
        return {}
    return {"unread_notifications": services.unread_count(current_user.id),
            "can_oversee_reminders": can_oversee_reminders}


@bp.route("/notifications")
def inbox():
    return render_template("reminders/inbox.html", notifications=services.inbox(current_user.id),
                           labels=KIND_LABELS)


def _own(notification_id: int) -> Notification:
    notification = db.get_or_404(Notification, notification_id)
    if notification.user_id != current_user.id:
        abort(404)  # other people's notifications do not exist for you
    return notification


@bp.route("/notifications/<int:notification_id>")
def show(notification_id: int):
    return render_template("reminders/notification.html", notification=_own(notification_id), labels=KIND_LABELS)


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
def read(notification_id: int):
    notification = _own(notification_id)
    services.mark_read(notification)
    db.session.commit()
    target = request.form.get("next")
    return redirect(safe_next(target) or url_for("reminders.inbox"))


@bp.route("/notifications/read-all", methods=["POST"])
def read_all():
    count = services.mark_all_read(current_user.id)
    db.session.commit()
    flash(_("%(n)d berichten gemarkeerd als gelezen.", n=count), "success")
    return redirect(url_for("reminders.inbox"))


@bp.route("/notifications/preferences", methods=["GET", "POST"])
def preferences():
    current = services.preferences(current_user.id)
    if request.method == "POST":  # CSRF is checked for every POST by CSRFProtect
        try:
            services.set_preferences(current_user.id, {k: request.form.get(f"mode-{k}", current[k])
                                                       for k in KIND_LABELS})
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
            return render_template("reminders/preferences.html", current=current, labels=KIND_LABELS), 400
        db.session.commit()
        flash(_("Uw voorkeuren zijn opgeslagen."), "success")
        return redirect(url_for("reminders.preferences"))
    return render_template("reminders/preferences.html", current=current, labels=KIND_LABELS)


@bp.route("/reminders")
def overview():
    require(can_oversee_reminders(current_user))
    return render_template("reminders/overview.html", upcoming=services.upcoming(), sent=services.deliveries("sent"),
                           failed=services.deliveries("failed"), labels=KIND_LABELS)


@bp.route("/reminders/deliveries/<int:delivery_id>/resend", methods=["POST"])
def resend(delivery_id: int):
    require(can_oversee_reminders(current_user))
    delivery = db.get_or_404(Delivery, delivery_id)
    try:
        services.resend(delivery)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("De e-mail gaat bij de volgende ronde opnieuw de deur uit."), "success")
    return redirect(url_for("reminders.overview"))


@bp.route("/settings/reminders", methods=["GET", "POST"])
def lead_times():
    require(can_oversee_reminders(current_user))
    form = LeadTimesForm()
    keys = [f"reminders.{name}" for name in LEAD_TIMES] + ["reminders.comms_advice_days_before"]
    if request.method == "GET":
        form.version.data = settings_version(keys)
        for name in LEAD_TIMES:
            getattr(form, name).data = get_setting(f"reminders.{name}")
        form.comms_advice_days_before.data = ", ".join(str(d) for d in get_setting("reminders.comms_advice_days_before"))

    def save():
        raw = [p.strip() for p in form.comms_advice_days_before.data.split(",") if p.strip()]
        if not raw or None in (whole_number(p, 1, 90) for p in raw):
            raise ValidationError(_("Schrijf dagen van 1 tot 90, gescheiden door komma's."),
                                  field="comms_advice_days_before")
        values = {f"reminders.{name}": getattr(form, name).data for name in LEAD_TIMES}
        values["reminders.comms_advice_days_before"] = sorted({int(p) for p in raw}, reverse=True)
        set_settings(values, version=form.version.data)

    if done := submit(form, save, done=_("De termijnen zijn opgeslagen; ze gelden voor wat vanaf nu gepland wordt."),
                      to=url_for("reminders.lead_times")):
        return done
    return render_template("reminders/lead_times.html", form=form), status_of(form)


@bp.route("/policy")
def policy():
    require(can_oversee_reminders(current_user))
    return render_template("reminders/policy.html", events=services.policy_events())


@bp.route("/policy/new", methods=["GET", "POST"], defaults={"event_id": None})
@bp.route("/policy/<int:event_id>/edit", methods=["GET", "POST"])
def policy_form(event_id: int | None):
    require(can_oversee_reminders(current_user))
    event = db.get_or_404(PolicyEvent, event_id) if event_id else None
    form = PolicyEventForm(obj=event if request.method == "GET" else None)

    def save():
        return services.save_policy_event(event, version=form.version.data or None, title=form.title.data,
                                          happens_on=form.happens_on.data, description=form.description.data,
                                          remind_days_before=form.remind_days_before.data,
                                          is_active=form.is_active.data)

    if done := submit(form, save, done=_("De datum is opgeslagen."), to=url_for("reminders.policy")):
        return done
    return render_template("reminders/policy_form.html", form=form, event=event), status_of(form)
