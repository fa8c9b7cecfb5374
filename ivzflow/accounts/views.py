"""Login, logout, profile (password, language, API tokens) and user management."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from ivzflow.accounts import services
from ivzflow.accounts.forms import DeadlinesForm, LanguageForm, LoginForm, PasswordForm, TokenForm, UserForm
from ivzflow.accounts.models import ApiToken, User
from ivzflow.accounts.permissions import can_manage_token, can_manage_users
from ivzflow.accounts.roles import Role
from ivzflow.audit.services import log_event
from ivzflow.core.errors import DomainError
from ivzflow.core.forms import options, show_error, status_of, submit
from ivzflow.core.web import public, require, safe_next, stamp_login
from ivzflow.extensions import db
from ivzflow.people.models import Person

bp = Blueprint("accounts", __name__)


@bp.app_context_processor
def _permissions():
    return {"can_manage_users": can_manage_users}


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if request.args.get("expired") and request.method == "GET":
        flash(_("Uw sessie is verlopen. Log opnieuw in."), "info")
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data, request.remote_addr or "?")
        except DomainError as exc:
            db.session.commit()  # keep the record of the failed attempt
            form.password.errors.append(exc.message)
        else:
            db.session.commit()
            session.clear()
            login_user(user)
            stamp_login()
            return redirect(safe_next(form.next.data) or url_for("dashboard.index"))
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out everywhere: the session token changes, so copied cookies stop working too."""
    user = db.session.get(User, current_user.id)
    services.end_all_sessions(user)
    log_event("logout", "user", user.id)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session.commit()
    return redirect(safe_next(form.next.data) or url_for("dashboard.index"))


@bp.route("/profile")
def profile():
    return _render_profile(PasswordForm(prefix="pw"), TokenForm(prefix="tok"))


def _render_profile(password_form, token_form, new_secret: str | None = None, status: int = 200,
                    deadlines_form=None):
    tokens = services.tokens_of(current_user)
    if deadlines_form is None:
        deadlines_form = DeadlinesForm(prefix="dl", formdata=None,
                                       shown="all" if current_user.show_all_deadlines else "mine")
    return render_template("accounts/profile.html", password_form=password_form, token_form=token_form,
                           deadlines_form=deadlines_form, tokens=tokens, new_secret=new_secret,
                           roles=services.roles_of(current_user)), status


@bp.route("/profile/deadlines", methods=["POST"])
def choose_deadlines():
    form = DeadlinesForm(prefix="dl")
    if not form.validate_on_submit():
        return _render_profile(PasswordForm(prefix="pw"), TokenForm(prefix="tok"), status=400, deadlines_form=form)
    services.set_deadline_choice(db.session.get(User, current_user.id), form.shown.data == "all")
    db.session.commit()
    flash(_("Uw kalender toont nu alle termijnen.") if form.shown.data == "all"
          else _("Uw kalender toont nu alleen de termijnen waarop u moet handelen."), "success")
    return redirect(url_for("accounts.profile", _anchor="deadlines-heading"), code=303)


@bp.route("/profile/password", methods=["POST"])
def change_password():
    form = PasswordForm(prefix="pw")
    if form.validate_on_submit():
        user = db.session.get(User, current_user.id)
        try:
            services.change_password(user, form.current_password.data, form.password.data)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            login_user(user)  # this session carries on with the new token; all others end
            stamp_login()
            flash(_("Uw wachtwoord is gewijzigd. Andere sessies zijn uitgelogd."), "success")
            return redirect(url_for("accounts.profile"))
    return _render_profile(form, TokenForm(prefix="tok"), status=400)


@bp.route("/profile/tokens", methods=["POST"])
def create_token():
    form = TokenForm(prefix="tok")
    if form.validate_on_submit():
        try:
            _token, secret = services.create_token(current_user, form.name.data, form.scope.data)
        except DomainError as exc:
            show_error(form, exc)
        else:
            db.session.commit()
            return _render_profile(PasswordForm(prefix="pw"), TokenForm(prefix="tok", formdata=None), new_secret=secret)
    return _render_profile(PasswordForm(prefix="pw"), form, status=400)


@bp.route("/profile/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    token = db.get_or_404(ApiToken, token_id)
    require(can_manage_token(current_user, token))
    services.revoke_token(current_user, token)
    db.session.commit()
    flash(_("Het token is ingetrokken."), "success")
    return redirect(url_for("accounts.profile"))


# --- user management (admin) -------------------------------------------------------------------------

def _person_choices():
    people = db.session.execute(select(Person.id, Person.name, Person.function).order_by(Person.name)).all()
    return options([(0, _("— geen —"))] + [(p.id, f"{p.name} ({p.function})" if p.function else p.name) for p in people])


@bp.route("/users")
def users():
    require(can_manage_users(current_user))
    return render_template("accounts/users.html", users=services.list_users())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    require(can_manage_users(current_user))
    form = UserForm()
    form.person_id.choices = _person_choices()
    form.districts.choices = options(services.district_choices())

    def save():
        user = services.create_user(form.email.data, form.password.data or "", {Role(r) for r in form.roles.data},
                                    person_id=form.person_id.data or None)
        services.set_user_districts(user, form.districts.data)
        return user

    if done := submit(form, save, done=_("De gebruiker is aangemaakt."), to=url_for("accounts.users")):
        return done
    return render_template("accounts/user_form.html", form=form, user=None), status_of(form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    require(can_manage_users(current_user))
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=None if request.method == "POST" else user)
    form.person_id.choices = _person_choices()
    form.districts.choices = options(services.district_choices())
    if request.method == "GET":
        form.roles.data = sorted(r.value for r in user.assigned_roles)
        form.districts.data = services.granted_district_ids(user)
        form.person_id.data = user.person_id or 0
        form.version.data = user.version

    def save():
        services.update_user(user, version=form.version.data, email=form.email.data,
                             roles={Role(r) for r in form.roles.data}, person_id=form.person_id.data or None,
                             is_enabled=form.is_enabled.data)
        services.set_user_districts(user, form.districts.data)
        if form.password.data:
            services.set_password(user, form.password.data)

    if done := submit(form, save, done=_("De gebruiker is bijgewerkt."), to=url_for("accounts.users")):
        return done
    return render_template("accounts/user_form.html", form=form, user=user), status_of(form)
