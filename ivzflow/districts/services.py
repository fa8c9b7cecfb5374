"""Districts and units: the list, one district's page, and the wizard that starts a new district from the
template (template.json: the Twente chain of DVO, Platform IVZ, agendacommissie and a driehoek per
basisteam, with their relations and meeting rules). The wizard writes in the caller's transaction and
checks all its input before it writes, so a refusal leaves nothing behind (the view rolls back anyway).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ivzflow.accounts.models import User, UserDistrict, UserRole
from ivzflow.accounts.roles import Role
from ivzflow.bodies.models import Body
from ivzflow.bodies.services import add_relation, save_body, save_seat
from ivzflow.core.errors import ValidationError
from ivzflow.extensions import db
from ivzflow.meetings.models import MeetingRule
from ivzflow.meetings.services import save_rule
from ivzflow.organisations.models import DISTRICT, UNIT, Basisteam, District, Organisation

TEMPLATE_FILE = Path(__file__).with_name("template.json")
MAX_BASISTEAMS = 30
MAX_MUNICIPALITIES = 60
# What the names may be long so that the bodies' names made from them fit their columns.
NAME_LENGTH, TEAM_LENGTH, TOWN_LENGTH = 80, 60, 50


@cache
def template() -> dict:
    """The district template (read once)."""
    return json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))


def template_bodies() -> list[tuple[str, str]]:
    """(key, name pattern) of the template's bodies, in order: the wizard's choices."""
    return [(b["key"], b["name"]) for b in template()["bodies"]]


# --- reading -----------------------------------------------------------------------------------------

@dataclass
class DistrictRow:
    district: District
    bodies: int = 0
    municipalities: int = 0
    basisteams: int = 0
    districts: list[District] = field(default_factory=list)  # a unit's districts


def list_districts() -> list[DistrictRow]:
    """Units first, each followed by its districts, then districts without a unit; with their counts (3 queries)."""
    districts = list(db.session.scalars(select(District).order_by(District.name)))
    bodies = dict(db.session.execute(
        select(Body.district_id, func.count(Body.id)).where(Body.district_id.is_not(None)).group_by(Body.district_id)).all())
    towns = dict(db.session.execute(
        select(Organisation.district_id, func.count(Organisation.id))
        .where(Organisation.classification == "gemeente", Organisation.district_id.is_not(None))
        .group_by(Organisation.district_id)).all())
    rows = {d.id: DistrictRow(d, bodies.get(d.id, 0), towns.get(d.id, 0)) for d in districts}
    for d in districts:
        if d.parent_id in rows:
            rows[d.parent_id].districts.append(d)
            rows[d.parent_id].municipalities += rows[d.id].municipalities
    units = [r for r in rows.values() if r.district.is_unit]
    ordered = []
    for unit in units:
        ordered += [unit] + [rows[d.id] for d in unit.districts]
    return ordered + [r for r in rows.values() if not r.district.is_unit and r.district.parent_id not in rows]


@dataclass
class DistrictPage:
    district: District
    basisteams: list[Basisteam]
    bodies: list[Body]
    districts: list[District]  # a unit's districts
    ruled: set[int]            # bodies with a meeting rule


def district_page(district: District) -> DistrictPage:
    teams = list(db.session.scalars(select(Basisteam).where(Basisteam.district_id == district.id)
                                    .options(selectinload(Basisteam.municipalities)).order_by(Basisteam.name)))
    bodies = list(db.session.scalars(select(Body).where(Body.district_id == district.id).order_by(Body.kind, Body.name)))
    ruled = set(db.session.scalars(select(MeetingRule.body_id).where(MeetingRule.body_id.in_([b.id for b in bodies])))) \
        if bodies else set()
    children = list(db.session.scalars(select(District).where(District.parent_id == district.id).order_by(District.name)))
    return DistrictPage(district, teams, bodies, children, ruled)


def unit_choices() -> list[tuple[int, str]]:
    return [(d.id, d.name) for d in db.session.scalars(select(District).where(District.level == UNIT).order_by(District.name))]


def secretariat_choices() -> list[tuple[int, str]]:
    """The enabled users with the secretariat role: those the admin may name as the new district's secretariat."""
    rows = db.session.scalars(select(User).join(UserRole, UserRole.user_id == User.id)
                              .where(UserRole.role == Role.SECRETARIAT.value, User.is_enabled.is_(True))
                              .order_by(User.email))
    return [(u.id, f"{u.display_name} ({u.email})" if u.person else u.email) for u in rows]


# --- the wizard --------------------------------------------------------------------------------------

LINE = re.compile(r"^\s*(?P<team>[^:]+?)\s*:\s*(?P<towns>.*)$")


def parse_basisteams(text: str) -> list[tuple[str, list[str]]]:
    """'Basisteam Noord: Almelo, Tubbergen' per line → [("Noord", ["Almelo", "Tubbergen"])]; refuses what
    cannot be read, naming the line."""
    teams: list[tuple[str, list[str]]] = []
    seen_towns: set[str] = set()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        match = LINE.match(raw)
        if match is None:
            raise ValidationError(_("Regel %(n)d: schrijf het basisteam, een dubbele punt en de gemeenten, zoals "
                                    "\"Basisteam Noord: Almelo, Tubbergen\".", n=number), field="basisteams")
        name = re.sub(r"^basisteam\s+", "", match["team"].strip(), flags=re.IGNORECASE).strip()
        towns = [t.strip() for t in match["towns"].split(",") if t.strip()]
        if not name or len(name) > TEAM_LENGTH:
            raise ValidationError(_("Regel %(n)d: geef het basisteam een naam (hoogstens %(max)d tekens).", n=number,
                                    max=TEAM_LENGTH), field="basisteams")
        if not towns:
            raise ValidationError(_("Regel %(n)d: noem de gemeenten van basisteam %(team)s.", n=number, team=name),
                                  field="basisteams")
        if name.lower() in {t.lower() for t, _towns in teams}:
            raise ValidationError(_("Basisteam %(team)s staat er twee keer in.", team=name), field="basisteams")
        for town in towns:
            if len(town) > TOWN_LENGTH:
                raise ValidationError(_("Regel %(n)d: een gemeentenaam is hoogstens %(max)d tekens lang.", n=number,
                                        max=TOWN_LENGTH), field="basisteams")
            if town.lower() in seen_towns:
                raise ValidationError(_("Gemeente %(town)s staat bij twee basisteams.", town=town), field="basisteams")
            seen_towns.add(town.lower())
        teams.append((name, towns))
    if not teams:
        raise ValidationError(_("Noem ten minste één basisteam met zijn gemeenten."), field="basisteams")
    if len(teams) > MAX_BASISTEAMS or len(seen_towns) > MAX_MUNICIPALITIES:
        raise ValidationError(_("Hoogstens %(teams)d basisteams en %(towns)d gemeenten.", teams=MAX_BASISTEAMS,
                                towns=MAX_MUNICIPALITIES), field="basisteams")
    return teams


@dataclass
class NewDistrict:
    name: str
    basisteams: str
    bodies: list[str]
    unit_id: int | None = None
    new_unit: str | None = None
    secretariat_ids: list[int] = field(default_factory=list)


def _check(spec: NewDistrict) -> tuple[str, list[tuple[str, list[str]]]]:
    """Everything the wizard refuses, before anything is written."""
    name = (spec.name or "").strip()
    if not name:
        raise ValidationError(_("Vul de naam van het district in."), field="name")
    if len(name) > NAME_LENGTH:
        raise ValidationError(_("De naam is hoogstens %(max)d tekens lang.", max=NAME_LENGTH), field="name")
    if db.session.scalar(select(District.id).where(func.lower(District.name) == name.lower())) is not None:
        raise ValidationError(_("Er is al een district of eenheid %(name)s.", name=name), field="name")
    new_unit = (spec.new_unit or "").strip()
    if new_unit and spec.unit_id:
        raise ValidationError(_("Kies een bestaande eenheid of geef een nieuwe eenheid een naam, niet allebei."),
                              field="new_unit")
    if new_unit:
        if len(new_unit) > NAME_LENGTH:
            raise ValidationError(_("De naam is hoogstens %(max)d tekens lang.", max=NAME_LENGTH), field="new_unit")
        if new_unit.lower() == name.lower() or db.session.scalar(
                select(District.id).where(func.lower(District.name) == new_unit.lower())) is not None:
            raise ValidationError(_("Er is al een district of eenheid %(name)s.", name=new_unit), field="new_unit")
    if spec.unit_id and spec.unit_id not in {i for i, _n in unit_choices()}:
        raise ValidationError(_("Kies een bestaande eenheid."), field="unit_id")
    known = {key for key, _n in template_bodies()}
    if not spec.bodies or not set(spec.bodies) <= known:
        raise ValidationError(_("Kies welke gremia het district krijgt."), field="bodies")
    if set(spec.secretariat_ids) - {i for i, _n in secretariat_choices()}:
        raise ValidationError(_("Kies gebruikers met de rol secretariaat."), field="secretariat_ids")
    teams = parse_basisteams(spec.basisteams)
    towns = [f"Gemeente {town}" for _team, names in teams for town in names]
    taken = db.session.execute(
        select(Organisation.name, District.name).outerjoin(District, District.id == Organisation.district_id)
        .where(Organisation.classification == "gemeente", Organisation.name.in_(towns)).limit(1)).first()
    if taken is not None:
        raise ValidationError(_("%(town)s bestaat al (district %(district)s); een gemeente hoort bij één district.",
                                town=taken[0], district=taken[1] or "-"), field="basisteams")
    return name, teams


def create_district(actor, spec: NewDistrict) -> District:
    """Start a district: the district (and a new unit), its basisteams and municipalities, the chosen bodies of
    the template with their seats, relations and meeting rules, and the named secretariat users' districts."""
    name, teams = _check(spec)
    unit_id = spec.unit_id or None
    if (spec.new_unit or "").strip():
        unit = District(name=spec.new_unit.strip(), level=UNIT)
        db.session.add(unit)
        db.session.flush()
        unit_id = unit.id
    parent = db.session.get(District, unit_id) if unit_id else None
    district = District(name=name, level=DISTRICT, parent_id=unit_id, police_unit=parent.name if parent else None)
    db.session.add(district)
    db.session.flush()
    towns_of: dict[str, list[Organisation]] = {}
    for team_name, towns in teams:
        team = Basisteam(district_id=district.id, name=team_name)
        db.session.add(team)
        db.session.flush()
        towns_of[team_name] = [Organisation(name=f"Gemeente {town}", short_name=town, classification="gemeente",
                                            district_id=district.id, basisteam_id=team.id) for town in towns]
        db.session.add_all(towns_of[team_name])
    db.session.flush()
    team_ids = {t.name: t.id for t in db.session.scalars(select(Basisteam).where(Basisteam.district_id == district.id))}
    made = _make_bodies(district, towns_of, team_ids, set(spec.bodies))
    _make_relations(made)
    _make_rules(made)
    for user_id in dict.fromkeys(spec.secretariat_ids):
        db.session.add(UserDistrict(user_id=user_id, district_id=district.id))
    db.session.flush()
    return district


def _fmt(pattern: str, **values) -> str:
    return pattern.format_map(_Blank(values))


class _Blank(dict):
    def __missing__(self, key):
        return ""


def _make_bodies(district: District, towns_of: dict[str, list[Organisation]], team_ids: dict[str, int],
                 chosen: set[str]) -> dict[str, list[tuple[Body, dict]]]:
    """{template key: [(body, its template entry)]}: one body, or one per basisteam."""
    every_town = [org for orgs in towns_of.values() for org in orgs]
    made: dict[str, list[tuple[Body, dict]]] = {}
    for spec in template()["bodies"]:
        if spec["key"] not in chosen:
            continue
        scopes = [(team, orgs) for team, orgs in towns_of.items()] if spec.get("each") == "basisteam" \
            else [(None, every_town)]
        for team, orgs in scopes:
            words = dict(district=district.name, basisteam=team or "",
                         municipalities=", ".join(o.short_name for o in orgs))
            body = save_body(None, name=_fmt(spec["name"], **words)[:200],
                             short_name=_fmt(spec["short_name"], **words)[:60],
                             kind=spec["kind"], description=_fmt(spec.get("description", ""), **words) or None,
                             district_id=district.id, basisteam_id=team_ids[team] if team else None,
                             grants_role=spec.get("grants_role"))
            _make_seats(body, spec["seats"], words, orgs, towns_of)
            made.setdefault(spec["key"], []).append((body, spec))
    return made


def _make_seats(body: Body, seats: list[dict], words: dict, orgs: list[Organisation],
                towns_of: dict[str, list[Organisation]]) -> None:
    position = 0
    for seat in seats:
        each = seat.get("each")
        if each == "municipality":
            for org in orgs:
                position += 1
                save_seat(None, body, name=_fmt(seat["name"], **words, municipality=org.short_name),
                          role=seat["role"], position=position, organisation_id=org.id)
        elif each == "basisteam":
            for team, members in towns_of.items():
                position += 1
                rotates = len(members) > 1
                save_seat(None, body, name=_fmt(seat["name"], **(words | {"basisteam": team})), role=seat["role"],
                          position=position, organisation_id=None if rotates else members[0].id,
                          term_months=seat.get("term_months") if rotates else None, rotates=rotates,
                          pool=[(org.id, None) for org in members] if rotates else None)
        else:
            position += 1
            save_seat(None, body, name=_fmt(seat["name"], **words), role=seat["role"], position=position)


def _make_relations(made: dict[str, list[tuple[Body, dict]]]) -> None:
    for relation in template()["relations"]:
        for source, _s in made.get(relation["source"], []):
            for target, _t in made.get(relation["target"], []):
                add_relation(source, target, relation["kind"], relation.get("note"))


def _make_rules(made: dict[str, list[tuple[Body, dict]]]) -> None:
    """Each body's meeting rule; one anchored to a body not created plans on its own."""
    for bodies in made.values():
        for body, spec in bodies:
            values = dict(spec["rule"])
            anchor_key = values.pop("anchor_body", None)
            anchor = made.get(anchor_key, [None])[0] if anchor_key else None
            if anchor is None:
                values.update(anchor="none", anchor_body_id=None, anchor_offset=0)
            else:
                values.update(anchor_body_id=anchor[0].id)
            values.setdefault("weekday", None)
            values.setdefault("anchor_offset", 0)
            save_rule(body, **values)
