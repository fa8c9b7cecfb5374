"""Districts and units: the list, a district's page, and the wizard that starts a new district."""
from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ivzflow.core.forms import options, status_of, submit
from ivzflow.core.web import require
from ivzflow.districts import services
from ivzflow.districts.forms import DistrictWizardForm
from ivzflow.districts.permissions import can_create_district, can_view_districts
from ivzflow.extensions import db
from ivzflow.organisations.models import LEVELS, District

bp = Blueprint("districts", __name__)


@bp.app_context_processor
def _permissions():
    return {"can_create_district": can_create_district}


@bp.route("/districts/")
def index():
    require(can_view_districts(current_user))
    return render_template("districts/index.html", rows=services.list_districts(), LEVELS=LEVELS)


@bp.route("/districts/<int:district_id>")
def show(district_id: int):
    require(can_view_districts(current_user))
    district = db.get_or_404(District, district_id)
    return render_template("districts/show.html", page=services.district_page(district), LEVELS=LEVELS)


@bp.route("/districts/new", methods=["GET", "POST"])
def new():
    require(can_create_district(current_user))
    form = DistrictWizardForm()
    form.unit_id.choices = options([(0, _("— geen —"))] + services.unit_choices())
    form.bodies.choices = options(
        (key, name.format_map({"district": "…", "basisteam": "…"})) for key, name in services.template_bodies())
    form.secretariat_ids.choices = options(services.secretariat_choices())
    if not form.is_submitted():
        form.bodies.data = [key for key, _name in services.template_bodies()]

    def create():
        return services.create_district(current_user, services.NewDistrict(
            name=form.name.data, basisteams=form.basisteams.data, bodies=list(form.bodies.data or []),
            unit_id=form.unit_id.data or None, new_unit=form.new_unit.data,
            secretariat_ids=list(form.secretariat_ids.data or [])))

    if done := submit(form, create, done=lambda d: _("District %(name)s is aangemaakt. Pas de gremia aan en plan "
                                                     "het vergaderjaar.", name=d.name),
                      to=lambda d: url_for("districts.show", district_id=d.id)):
        return done
    return render_template("districts/new.html", form=form), status_of(form)
