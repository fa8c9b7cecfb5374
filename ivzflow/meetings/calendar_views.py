"""Calendar views (month, list), iCal files and feeds, feed tokens, .ics import."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ivzflow.bodies.district_filter import district_choices, read_district
from ivzflow.bodies.models import Body
from ivzflow.core import clock
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import options, show_error
from ivzflow.core.numbers import whole_number
from ivzflow.core.pagination import Page
from ivzflow.core.web import public, require
from ivzflow.bodies.districts import is_secretariat_of_body
from ivzflow.extensions import db
from ivzflow.meetings import feeds, ical, ical_import, listing
from ivzflow.meetings.calendar_forms import ConfirmImportForm, FeedForm, ImportForm, MeetingFilterForm
from ivzflow.meetings.models import Meeting
from ivzflow.meetings.permissions import can_manage_calendar, can_view_calendar, can_view_meeting
from ivzflow.meetings.services import deadline_label, state_label
from ivzflow.plans import audience, policy, policy_ical

bp = Blueprint("calendar", __name__)
PER_PAGE = 25


@bp.app_context_processor
def _helpers():
    return {"meeting_path": listing.meeting_path, "state_label": state_label, "deadline_label": deadline_label,
            "can_view_calendar": can_view_calendar, "can_manage_calendar": can_manage_calendar}


def _bodies():
    """Id and name of every body, for the filter (a national installation has hundreds)."""
    return db.session.execute(select(Body.id, Body.name).order_by(Body.name)).all()


def _body_filter() -> int | None:
    raw = request.args.get("body", "")
    return whole_number(raw, 1)


@bp.route("/calendar")
def month():
    require(can_view_calendar(current_user))
    first = listing.parse_month(request.args.get("month")) or clock.today().replace(day=1)
    body_id = _body_filter()
    picked = read_district(current_user, request.args.get("district"))
    cal = listing.month_calendar(current_user, first, body_id, picked)
    if districts := audience.districts_of(current_user):  # the policy dates he is reminded of
        by_day = {d.day: d for week in cal.weeks for d in week}
        for when in policy.dates_between(cal.weeks[0][0].day, cal.weeks[-1][-1].day, districts):
            by_day[when.starts_on].policy.append(when)
    return render_template("calendar/month.html", cal=cal, bodies=_bodies(), body_id=body_id,
                           districts=(district_choices(), picked))


@bp.route("/meetings")
def meetings():
    require(can_view_calendar(current_user))
    bodies = _bodies()
    form = MeetingFilterForm(request.args)
    form.body.choices = options([(0, _("Alle gremia"))] + [(b.id, b.name) for b in bodies])
    if "from" not in request.args:  # by default the list starts today; an empty "from" shows everything
        form.start_on.data = clock.today()
    valid = form.validate()
    body_id = form.body.data if not form.body.errors and form.body.data else None
    start_on = form.start_on.data if not form.start_on.errors else None
    end_on = form.end_on.data if valid else None
    districts = read_district(current_user, request.args.get("district"))
    rows, page = listing.meeting_page(current_user, Page.from_request(PER_PAGE), body_id=body_id,
                                      start_on=start_on, end_on=end_on, districts=districts)
    return render_template("calendar/list.html", form=form, meetings=rows, page=page,
                           districts=(district_choices(), districts)), 200 if valid else 400


def _ics(data: bytes, filename: str | None = None) -> Response:
    """A calendar; calendar clients that poll get 304 Not Modified while nothing changed (the ETag)."""
    response = Response(data, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex"
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    require(can_view_meeting(current_user, meeting))
    return _ics(ical.meeting_file(meeting), f"vergadering-{meeting.id}.ics")


# --- feeds: the secret in the URL authenticates, so these are public --------------------------------

def _feed_user(secret: str):
    user = feeds.user_for_secret(secret)
    if user is None:
        abort(404)
    return user


@bp.route("/feeds/<secret>/me.ics")
@public
def personal_feed(secret: str):
    user = _feed_user(secret)
    with force_locale(user.locale or "nl"):
        meetings, deadlines = feeds.personal_feed(user)
        districts = audience.districts_of(user)  # the policy dates he is reminded of
        dates = policy.dates_between(clock.today() - feeds.FEED_HISTORY, None, districts) if districts else []
        return _ics(ical.personal_calendar(user.id, meetings, deadlines, [policy_ical.date_event(d) for d in dates]))


@bp.route("/feeds/<secret>/bodies/<int:body_id>.ics")
@public
def body_feed(secret: str, body_id: int):
    user = _feed_user(secret)
    body = db.get_or_404(Body, body_id)
    with force_locale(user.locale or "nl"):
        return _ics(ical.body_calendar(body, feeds.body_feed(user, body)))


# --- the feed link -----------------------------------------------------------------------------------

def _render_subscribe(secret: str | None = None, status: int = 200):
    urls = None
    if secret:
        urls = {"me": listing.absolute(url_for("calendar.personal_feed", secret=secret)),
                "bodies": [(b, listing.absolute(url_for("calendar.body_feed", secret=secret, body_id=b.id)))
                           for b in _bodies()]}
    return render_template("calendar/subscribe.html", form=FeedForm(), token=feeds.live_token(current_user),
                           urls=urls), status


@bp.route("/calendar/subscribe")
def subscribe():
    require(can_view_calendar(current_user))
    return _render_subscribe()


@bp.route("/calendar/subscribe", methods=["POST"])
def renew_feed():
    require(can_view_calendar(current_user))
    if not FeedForm().validate_on_submit():
        abort(400)
    _token, secret = feeds.renew(current_user)
    db.session.commit()
    return _render_subscribe(secret)


@bp.route("/calendar/subscribe/revoke", methods=["POST"])
def revoke_feed():
    require(can_view_calendar(current_user))
    if not FeedForm().validate_on_submit():
        abort(400)
    feeds.revoke(current_user)
    db.session.commit()
    flash(_("Uw agenda-abonnement is ingetrokken; de oude links werken niet meer."), "success")
    return redirect(url_for("calendar.subscribe"))


# --- importing dates from an .ics file ---------------------------------------------------------------

@bp.route("/bodies/<int:body_id>/meetings/import", methods=["GET", "POST"])
def import_ics(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_calendar(current_user) and is_secretariat_of_body(current_user, body.id))
    form, rows, confirm = ImportForm(), None, None
    if form.validate_on_submit():
        try:
            rows = ical_import.parse(body, ical_import.read_upload(form.file.data.stream))
        except DomainError as exc:
            show_error(form, exc)
        else:
            confirm = ConfirmImportForm(preview=ical_import.sign_preview(body, rows), formdata=None)
    status = 400 if form.errors else 200
    return render_template("calendar/import.html", body=body, form=form, rows=rows, confirm=confirm), status


@bp.route("/bodies/<int:body_id>/meetings/import/confirm", methods=["POST"])
def confirm_import(body_id: int):
    body = db.get_or_404(Body, body_id)
    require(can_manage_calendar(current_user) and is_secretariat_of_body(current_user, body.id))
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        result = ical_import.import_rows(current_user, body, ical_import.unsign_preview(body, form.preview.data))
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("calendar.import_ics", body_id=body.id))
    db.session.commit()
    flash(_("%(n)d vergaderingen van %(body)s ingelezen en gepubliceerd.", n=len(result.created), body=body.name),
          "success")
    for row in result.skipped:
        flash(_("Overgeslagen: %(what)s", what=row.problem), "warning")
    first = min((m.local_day for m in result.created), default=None)
    return redirect(url_for("calendar.meetings", body=body.id, **({"from": first.isoformat()} if first else {})))
