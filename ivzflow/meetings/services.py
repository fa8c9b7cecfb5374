"""Meetings on their cycles: rules, generating a year, deadlines, moving and cancelling with what follows.

A body's rule anchors its meetings to another body's (the DVO on the day of each AB VRT meeting, the
Platform N weeks before each DVO, the agendacommissie N working days before each Platform). Each
generated meeting remembers the meeting it was derived from, so moving or cancelling a meeting moves
or cancels its deadlines and the meetings that follow from it, and says what moved.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ivzflow.bodies.models import Body, Membership
from ivzflow.bodies.services import current_on
from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_year_between
from ivzflow.core.records import expect_version, flush
from ivzflow.extensions import db
from ivzflow.meetings.models import Deadline, Meeting, MeetingChange, MeetingRule
from ivzflow.meetings.hosts import assign_hosts_in_turn
from ivzflow.meetings.permissions import visible_meetings
from ivzflow.meetings.planning import (
    HolidayPolicy, parse_time, previous_working_day, working_days_before, yearly_pattern,
)
from ivzflow.settings.services import get_setting

DEADLINE_KINDS = ("submission", "agenda_fixed", "documents")
DEADLINE_HOUR = 17  # deadlines fall at the end of the working day
ANCHORS = ("none", "same_day_before", "working_days_before", "weeks_before")
STATES = ("planned", "preparing", "fixed", "sent", "held", "minutes_adopted", "cancelled")
NEXT_STATES = {
    "planned": {"preparing", "cancelled", "held"},
    "preparing": {"fixed", "cancelled"},
    "fixed": {"preparing", "sent", "cancelled"},
    "sent": {"held", "cancelled"},
    "held": {"minutes_adopted"},
    "minutes_adopted": set(),
    "cancelled": set(),
}


def holiday_policy() -> HolidayPolicy:
    extra = frozenset(date.fromisoformat(d) for d in get_setting("holidays.extra_days") or [])
    return HolidayPolicy(bool(get_setting("holidays.include_liberation_day")), extra)


def closed_days(*years: int) -> dict[date, str]:
    years = set(years) | {y - 1 for y in years}  # deadlines of January meetings fall in December
    return holiday_policy().calendar(sorted(years))


# --- rules -------------------------------------------------------------------------------------------

def rule_of(body_id: int) -> MeetingRule | None:
    return db.session.scalar(select(MeetingRule).where(MeetingRule.body_id == body_id))


def save_rule(body: Body, *, version=None, **values) -> MeetingRule:
    """Create or change a body's cycle rule; refuses offsets that would put a deadline after the meeting."""
    rule = rule_of(body.id) or MeetingRule(body_id=body.id)
    expect_version(rule, version)
    _validate_rule(body, values)
    db.session.add(rule)
    for key, value in values.items():
        setattr(rule, key, value)
    flush(rule)
    return rule


def _validate_rule(body: Body, v: dict) -> None:
    if not 1 <= (v.get("per_year") or 0) <= 52:
        raise ValidationError(_("Kies 1 tot 52 vergaderingen per jaar."), field="per_year")
    if not 15 <= (v.get("duration_minutes") or 0) <= 600:
        raise ValidationError(_("Een vergadering duurt 15 minuten tot 10 uur."), field="duration_minutes")
    try:
        parse_time(v.get("start_time") or "")
    except ValueError:
        raise ValidationError(_("Vul een tijd in als 09:30."), field="start_time") from None
    if v.get("weekday") is not None and not 0 <= v["weekday"] <= 4:
        raise ValidationError(_("Kies een werkdag."), field="weekday")
    anchor = v.get("anchor", "none")
    if anchor not in ANCHORS:
        raise ValidationError(_("Onbekende verankering."), field="anchor")
    if anchor != "none":
        if not v.get("anchor_body_id"):
            raise ValidationError(_("Kies het gremium waaraan de vergaderingen verankerd zijn."), field="anchor_body_id")
        if v["anchor_body_id"] == body.id:
            raise ValidationError(_("Een gremium kan niet aan zichzelf verankerd zijn."), field="anchor_body_id")
        if not 0 <= (v.get("anchor_offset") or 0) <= 365:
            raise ValidationError(_("De verschuiving ligt tussen 0 en 365."), field="anchor_offset")
        _refuse_anchor_cycle(body.id, v["anchor_body_id"])
    for key in DEADLINE_FIELDS:
        days = v.get(key)
        if days is None or days < 1:
            raise ValidationError(_("Een termijn ligt minstens één dag vóór de vergadering; "
                                    "anders valt de deadline na de vergadering."), field=key)
        if days > 120:
            raise ValidationError(_("Een termijn ligt hoogstens 120 dagen vóór de vergadering."), field=key)
    if not v["submission_days"] >= v["agenda_fixed_days"] >= v["documents_days"]:
        raise ValidationError(_("De volgorde moet zijn: inleveren, dan agenda vaststellen, dan stukken versturen."),
                              field="agenda_fixed_days")


DEADLINE_FIELDS = {"submission_days": "submission", "agenda_fixed_days": "agenda_fixed", "documents_days": "documents"}


def _refuse_anchor_cycle(body_id: int, anchor_body_id: int) -> None:
    seen = {body_id}
    current = anchor_body_id
    while current is not None:
        if current in seen:
            raise ValidationError(_("Deze verankering maakt een kringloop."), field="anchor_body_id")
        seen.add(current)
        current = db.session.scalar(select(MeetingRule.anchor_body_id).where(MeetingRule.body_id == current))


# --- one meeting -------------------------------------------------------------------------------------

def meeting_name(body: Body, day: date) -> str:
    return f"{body.short_name or body.name} {format_date(day, 'd MMMM yyyy')}"


def derive_deadlines(meeting: Meeting, rule: MeetingRule | None, closed: dict[date, str] | None = None) -> list[str]:
    """Set the meeting's deadlines from the rule; returns lines saying what moved."""
    if rule is None:
        return []
    closed = closed if closed is not None else closed_days(meeting.local_day.year)
    existing = {d.kind: d for d in meeting.deadlines}
    moved = []
    for attr, kind in DEADLINE_FIELDS.items():
        day = previous_working_day(meeting.local_day - timedelta(days=getattr(rule, attr)), closed)
        due = clock.local_to_utc(day, DEADLINE_HOUR)
        deadline = existing.get(kind)
        if deadline is None:
            meeting.deadlines.append(Deadline(kind=kind, due_at=due))
        elif deadline.due_at != due or deadline.is_cancelled:
            moved.append(_("%(what)s: %(old)s → %(new)s", what=deadline_label(kind),
                           old=format_date(clock.local(deadline.due_at).date()), new=format_date(day)))
            deadline.due_at, deadline.is_cancelled = due, False
    return moved


DEADLINE_LABELS = {"submission": _l("Inleverdatum"), "agenda_fixed": _l("Agenda vastgesteld"),
                   "documents": _l("Stukken verzonden")}


def deadline_label(kind: str) -> str:
    return str(DEADLINE_LABELS[kind]) if kind in DEADLINE_LABELS else kind  # translates only the one asked for


def create_meeting(actor, body: Body, start_at: datetime, duration_minutes: int, *, name: str | None = None,
                   anchor_meeting: Meeting | None = None, publish: bool = False, location=None,
                   closed: dict[date, str] | None = None) -> Meeting:
    """Plan one meeting of a body, with the deadlines its rule derives."""
    if start_at.tzinfo is None:
        raise ValidationError(_("Geef een tijd met tijdzone."), field="start_at")
    if not 15 <= duration_minutes <= 600:
        raise ValidationError(_("Een vergadering duurt 15 minuten tot 10 uur."), field="duration_minutes")
    local_day = clock.local(start_at).date()
    check_meeting_day(local_day)
    meeting = Meeting(body_id=body.id, body=body, name=(name or "").strip() or meeting_name(body, local_day),
                      start_at=start_at, end_at=start_at + timedelta(minutes=duration_minutes),
                      anchor_meeting_id=anchor_meeting.id if anchor_meeting else None,
                      is_published=publish, location=location, updated_at=clock.now())
    db.session.add(meeting)
    derive_deadlines(meeting, rule_of(body.id), closed)
    db.session.flush()
    return meeting


def meetings_of(body_id: int, year: int, include_cancelled: bool = False) -> list[Meeting]:
    start = clock.local_to_utc(date(year, 1, 1))
    end = clock.local_to_utc(date(year + 1, 1, 1))
    query = (select(Meeting).where(Meeting.body_id == body_id, Meeting.start_at >= start, Meeting.start_at < end)
             .options(selectinload(Meeting.deadlines)).order_by(Meeting.start_at))
    if not include_cancelled:
        query = query.where(Meeting.state != "cancelled")
    return list(db.session.scalars(query))


# --- generating a year -------------------------------------------------------------------------------

@dataclass
class Proposal:
    start_at: datetime
    anchor: Meeting | None = None


def _start(day: date, rule: MeetingRule) -> datetime:
    hour, minute = parse_time(rule.start_time)
    return clock.local_to_utc(day, hour, minute)


def proposed_start(rule: MeetingRule, anchor: Meeting, closed: dict[date, str]) -> datetime:
    """When a meeting anchored to `anchor` falls under this rule."""
    anchor_day = anchor.local_day
    if rule.anchor == "same_day_before":
        # on the anchor's day, ending `anchor_offset` minutes before it starts
        start = anchor.start_at - timedelta(minutes=rule.duration_minutes + rule.anchor_offset)
        if previous_working_day(anchor_day, closed) == anchor_day:
            return start
        return _start(previous_working_day(anchor_day, closed), rule)
    if rule.anchor == "working_days_before":
        return _start(working_days_before(anchor_day, rule.anchor_offset, closed), rule)
    if rule.anchor == "weeks_before":
        return _start(previous_working_day(anchor_day - timedelta(weeks=rule.anchor_offset), closed), rule)
    raise ValueError(rule.anchor)


def proposals_for_year(rule: MeetingRule, year: int, closed: dict[date, str]) -> list[Proposal]:
    """The meetings a rule asks for in a year, each on a day inside that year.

    An anchored body follows its anchor's meetings of this year and of the start of the next (a Platform three
    weeks before a January DVO meets in December); a day that would fall in another year is left out, so what
    is planned for a year is exactly what that year shows and publishes."""
    if rule.anchor == "none":
        return [Proposal(_start(previous_working_day(day, closed), rule))
                for day in yearly_pattern(year, rule.per_year, rule.weekday)]
    anchors = meetings_of(rule.anchor_body_id, year) + meetings_of(rule.anchor_body_id, year + 1)
    return [Proposal(proposed_start(rule, anchor, closed), anchor) for anchor in anchors]


def anchor_missing(rule: MeetingRule | None, year: int) -> bool:
    """The rule follows another body that has no meetings in this year yet: nothing can be planned."""
    return bool(rule and rule.anchor != "none" and rule.anchor_body_id and not meetings_of(rule.anchor_body_id, year))


class AnchorMissing(ValidationError):
    """Planning a year of a body whose anchor body has no dates in that year (the page links to them)."""


@dataclass
class GenerationResult:
    created: list[Meeting] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def generate_year(actor, body: Body, year: int) -> GenerationResult:
    """Plan a body's meetings for a year from its rule, as unpublished drafts for review, all inside the year."""
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Kies een jaar tussen 2000 en 2100."), field="year")
    rule = rule_of(body.id)
    if rule is None:
        raise ValidationError(_("Stel eerst de vergaderregel van %(body)s in.", body=body.name))
    if anchor_missing(rule, year):
        raise AnchorMissing(_("%(anchor)s heeft in %(year)d nog geen vergaderingen; voer die eerst in.",
                              anchor=rule.anchor_body.name, year=year))
    closed = closed_days(year, year + 1)
    existing = meetings_of(body.id, year)
    taken_days = {m.local_day for m in existing}
    result = GenerationResult()
    proposals = []
    for proposal in proposals_for_year(rule, year, closed):
        day = clock.local(proposal.start_at).date()
        if day.year == year:
            proposals.append(proposal)
        elif proposal.anchor and proposal.anchor.local_day.year == year:
            result.skipped.append(_("De vergadering vóór %(anchor)s valt op %(day)s, in %(other)d: plan die met %(other)d.",
                                    anchor=proposal.anchor.name, day=format_date(day), other=day.year))
    anchor_ids = [p.anchor.id for p in proposals if p.anchor]
    taken_anchors = set(db.session.scalars(select(Meeting.anchor_meeting_id).where(
        Meeting.body_id == body.id, Meeting.anchor_meeting_id.in_(anchor_ids), Meeting.state != "cancelled"))
    ) if anchor_ids else set()
    for proposal in proposals:
        day = clock.local(proposal.start_at).date()
        if (proposal.anchor and proposal.anchor.id in taken_anchors) or day in taken_days:
            result.skipped.append(_("%(day)s staat al gepland.", day=format_date(day)))
            continue
        if rule.anchor == "none" and len(existing) + len(result.created) >= rule.per_year:
            result.skipped.append(_("%(day)s niet gepland: de norm van %(n)d is al gehaald.", day=format_date(day),
                                    n=rule.per_year))
            continue
        meeting = create_meeting(actor, body, proposal.start_at, rule.duration_minutes,
                                 anchor_meeting=proposal.anchor, closed=closed)
        result.created.append(meeting)
        taken_days.add(day)
    if rule.has_host_rotation and result.created:
        assign_hosts_in_turn(result.created)
    return result


def publish_year(actor, body: Body, year: int) -> int:
    """Publish a body's drafts of a year: they appear in everyone's calendar and feeds."""
    count = 0
    for meeting in meetings_of(body.id, year):
        if not meeting.is_published:
            meeting.is_published = True
            meeting.sequence += 1
            meeting.updated_at = clock.now()
            count += 1
    db.session.flush()
    return count


def clashes(meetings: list[Meeting]) -> dict[int, list[Meeting]]:
    """Other meetings on the same day whose bodies share a current member: {meeting id: [clashing]}.

    A meeting and the one it is anchored to (the DVO just before the AB VRT) meet on one day by design."""
    if not meetings:
        return {}
    days = {m.local_day for m in meetings}
    start = clock.local_to_utc(min(days))
    end = clock.local_to_utc(max(days) + timedelta(days=1))
    others = list(db.session.scalars(select(Meeting).where(
        Meeting.start_at >= start, Meeting.start_at < end, Meeting.state != "cancelled")))
    body_ids = {m.body_id for m in others} | {m.body_id for m in meetings}
    members: dict[int, set[int]] = {}
    for body_id, person_id in db.session.execute(
            select(Membership.body_id, Membership.person_id)
            .where(Membership.body_id.in_(body_ids), current_on(clock.today()))):
        members.setdefault(body_id, set()).add(person_id)
    found: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        mine = members.get(meeting.body_id, set())
        for other in others:
            paired = other.id == meeting.anchor_meeting_id or other.anchor_meeting_id == meeting.id
            if (other.id != meeting.id and other.body_id != meeting.body_id and other.local_day == meeting.local_day
                    and not paired and mine & members.get(other.body_id, set())):
                found.setdefault(meeting.id, []).append(other)
    return found


# --- moving and cancelling ---------------------------------------------------------------------------

def dependents(meeting: Meeting) -> list[Meeting]:
    """Meetings derived from this one that can still change."""
    return list(db.session.scalars(select(Meeting).where(
        Meeting.anchor_meeting_id == meeting.id, Meeting.state.not_in(("held", "minutes_adopted", "cancelled")))
        .order_by(Meeting.start_at)))


def check_meeting_day(day: date) -> None:
    check_year_between(day, 2000, 2100, "start_on")


def move_meeting(actor, meeting: Meeting, new_start: datetime, reason: str, *, version,
                 with_dependents: bool = True, duration_minutes: int | None = None,
                 cause: Meeting | None = None) -> list[str]:
    """Move a meeting and everything derived from it; returns lines saying what moved."""
    expect_version(meeting, version)
    if meeting.state in ("held", "minutes_adopted", "cancelled"):
        raise Conflict(_("Een vergadering die al is gehouden of geannuleerd kan niet meer verplaatst worden."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden voor de verplaatsing."), field="reason")
    if new_start.tzinfo is None:
        raise ValidationError(_("Geef een tijd met tijdzone."), field="start_at")
    check_meeting_day(clock.local(new_start).date())
    duration = duration_minutes or meeting.duration_minutes
    if not 15 <= duration <= 600:
        raise ValidationError(_("Een vergadering duurt 15 minuten tot 10 uur."), field="duration_minutes")
    old_start = meeting.start_at
    if new_start == old_start and duration == meeting.duration_minutes:
        return []
    meeting.start_at, meeting.end_at = new_start, new_start + timedelta(minutes=duration)
    meeting.sequence += 1
    meeting.updated_at = clock.now()
    if clock.local(old_start).date() != clock.local(new_start).date() and meeting.name == meeting_name(
            meeting.body, clock.local(old_start).date()):
        meeting.name = meeting_name(meeting.body, clock.local(new_start).date())
    db.session.add(MeetingChange(meeting_id=meeting.id, kind="moved", at=clock.now(), by_id=getattr(actor, "id", None),
                                 reason=reason[:300], old_start_at=old_start, new_start_at=new_start,
                                 cause_meeting_id=cause.id if cause else None))
    lines = [_("%(name)s: %(old)s → %(new)s", name=meeting.name,
               old=format_datetime(old_start, "d MMM yyyy HH:mm"), new=format_datetime(new_start, "d MMM yyyy HH:mm"))]
    closed = closed_days(clock.local(new_start).year)
    lines += ["  " + line for line in derive_deadlines(meeting, rule_of(meeting.body_id), closed)]
    if with_dependents:
        for child in dependents(meeting):
            rule = rule_of(child.body_id)
            if rule is None or rule.anchor == "none":
                continue
            child_start = proposed_start(rule, meeting, closed)
            lines += move_meeting(actor, child, child_start, _("Volgt de verplaatsing van %(name)s", name=meeting.name),
                                  version=child.version, with_dependents=True, cause=meeting)
    flush(meeting)
    return lines


def cancel_meeting(actor, meeting: Meeting, reason: str, *, version, with_dependents: bool = True,
                   cause: Meeting | None = None) -> list[str]:
    """Cancel a meeting, its deadlines and (optionally) the meetings derived from it."""
    expect_version(meeting, version)
    if meeting.state in ("held", "minutes_adopted", "cancelled"):
        raise Conflict(_("Deze vergadering is al gehouden of geannuleerd."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden voor de annulering."), field="reason")
    meeting.state = "cancelled"
    meeting.cancel_reason = reason[:300]
    meeting.sequence += 1
    meeting.updated_at = clock.now()
    for deadline in meeting.deadlines:
        deadline.is_cancelled = True
    db.session.add(MeetingChange(meeting_id=meeting.id, kind="cancelled", at=clock.now(),
                                 by_id=getattr(actor, "id", None), reason=reason[:300], old_start_at=meeting.start_at,
                                 cause_meeting_id=cause.id if cause else None))
    lines = [_("%(name)s is geannuleerd, met de termijnen ervan.", name=meeting.name)]
    if with_dependents:
        for child in dependents(meeting):
            lines += cancel_meeting(actor, child, _("Volgt de annulering van %(name)s", name=meeting.name),
                                    version=child.version, cause=meeting)
    flush(meeting)
    return lines


def change_state(actor, meeting: Meeting, new_state: str, *, version) -> None:
    """Move a meeting through planned → preparing → fixed → sent → held → minutes adopted."""
    expect_version(meeting, version)
    if new_state not in NEXT_STATES.get(meeting.state, set()):
        raise Conflict(_("Van '%(old)s' kan een vergadering niet naar '%(new)s'.", old=state_label(meeting.state),
                         new=state_label(new_state)))
    if new_state == "held" and meeting.start_at > clock.now():
        raise Conflict(_("Een vergadering kan pas gehouden zijn als ze begonnen is."))
    meeting.state = new_state
    meeting.updated_at = clock.now()
    if new_state == "sent":
        meeting.sent_at = meeting.updated_at
    flush(meeting)


def state_label(state: str) -> str:
    return {
        "planned": _("gepland"), "preparing": _("agenda in voorbereiding"), "fixed": _("agenda vastgesteld"),
        "sent": _("verzonden"), "held": _("gehouden"), "minutes_adopted": _("verslag vastgesteld"),
        "cancelled": _("geannuleerd"),
    }.get(state, state)


def changes_of(meeting_id: int) -> list[MeetingChange]:
    return list(db.session.scalars(select(MeetingChange).where(MeetingChange.meeting_id == meeting_id)
                                   .order_by(MeetingChange.at.desc(), MeetingChange.id.desc())))


# --- compliance --------------------------------------------------------------------------------------

@dataclass
class Compliance:
    body: Body
    rule: MeetingRule
    year: int
    planned: int
    held: int

    @property
    def norm(self) -> int:
        return self.rule.per_year

    @property
    def short(self) -> int:
        return max(0, self.norm - self.planned)

    @property
    def too_many(self) -> bool:
        return self.rule.exactly and self.planned > self.norm


def compliance(year: int) -> list[Compliance]:
    """Per body with a rule: meetings planned (not cancelled) and held in a year, against its norm."""
    start, end = clock.local_to_utc(date(year, 1, 1)), clock.local_to_utc(date(year + 1, 1, 1))
    counts = {}
    for body_id, state, n in db.session.execute(
            select(Meeting.body_id, Meeting.state, func.count(Meeting.id))
            .where(Meeting.start_at >= start, Meeting.start_at < end, Meeting.state != "cancelled")
            .group_by(Meeting.body_id, Meeting.state)):
        planned, held = counts.get(body_id, (0, 0))
        counts[body_id] = (planned + n, held + (n if state in ("held", "minutes_adopted") else 0))
    rules = db.session.scalars(select(MeetingRule).join(MeetingRule.body).order_by(Body.name))
    return [Compliance(rule.body, rule, year, *counts.get(rule.body_id, (0, 0))) for rule in rules]


NEXT_YEAR_WARNING_FROM = (9, 1)  # from 1 September on, next year's calendar should be planned


def compliance_warnings(today: date | None = None) -> list[str]:
    """Dashboard warnings: a body behind its norm this year, or next year not yet planned."""
    today = today or clock.today()
    warnings = []
    for row in compliance(today.year):
        if row.short:
            warnings.append(_("%(body)s: %(planned)d van de %(norm)d vergaderingen in %(year)d gepland.",
                              body=row.body.name, planned=row.planned, norm=row.norm, year=row.year))
        elif row.too_many:
            warnings.append(_("%(body)s: %(planned)d vergaderingen in %(year)d, de norm is precies %(norm)d.",
                              body=row.body.name, planned=row.planned, norm=row.norm, year=row.year))
    if (today.month, today.day) >= NEXT_YEAR_WARNING_FROM:
        for row in compliance(today.year + 1):
            if row.short:
                warnings.append(_("%(body)s: %(year)d is nog niet gepland (%(planned)d van %(norm)d).",
                                  body=row.body.name, planned=row.planned, norm=row.norm, year=row.year))
    return warnings


def upcoming(user, body_ids, limit: int = 10) -> list[Meeting]:
    """The next meetings of these bodies that the user may see: published ones, and drafts only for those
    who prepare them (the meeting page's rule, permissions.visible_meetings)."""
    if not body_ids:
        return []
    return list(db.session.scalars(
        select(Meeting).where(Meeting.body_id.in_(body_ids), Meeting.start_at >= clock.now(),
                              Meeting.state != "cancelled", visible_meetings(user))
        .order_by(Meeting.start_at).limit(limit)))
