"""The texts of reminders, with links into the app. One function per kind, rendered in the language the
caller chose (the sweep renders each message in every language); dates in words, people by name."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ivzflow.bodies.models import Body, Seat
from ivzflow.core import clock
from ivzflow.core.i18n import day_in_words as day
from ivzflow.decisions.actions import overdue_actions
from ivzflow.decisions.models import DecisionItem, FollowUpAction
from ivzflow.extensions import db
from ivzflow.meetings.amendments import describe, version_of
from ivzflow.meetings.ical import meeting_file
from ivzflow.meetings.models import Meeting, MeetingChange
from ivzflow.organisations.models import Organisation
from ivzflow.projects.models import Project
from ivzflow.reminders.models import PolicyEvent, Reminder


@dataclass
class Message:
    title: str
    body: str
    link: str | None = None
    ics: str | None = None


TEXTS: dict[str, Callable[[Reminder], Message]] = {}

# The kinds with their labels, for preferences and overviews.
KIND_LABELS = {
    "invitation": _l("Uitnodiging met agenda"),
    "agenda_amended": _l("Agenda gewijzigd na verzending"),
    "meeting_reminder": _l("Herinnering aan een vergadering"),
    "meeting_moved": _l("Vergadering verplaatst"),
    "meeting_cancelled": _l("Vergadering geannuleerd"),
    "agenda_due": _l("Agenda samenstellen"),
    "documents_due": _l("Stukken versturen"),
    "submission_deadline": _l("Inleverdatum voor een voorstel"),
    "comms_advice": _l("Communicatieadvies ontbreekt"),
    "comms_advice_secretariat": _l("Communicatieadvies ontbreekt (secretariaat)"),
    "cycle_behind": _l("Gremium loopt achter op de vergadernorm"),
    "cycle_next_year": _l("Volgend jaar nog niet gepland"),
    "action_due": _l("Vervolgactie bijna verlopen"),
    "action_overdue": _l("Vervolgactie verlopen"),
    "weekly_actions": _l("Wekelijks overzicht van acties"),
    "term_ending": _l("Termijn van een roulerende zetel loopt af"),
    "term_ended": _l("Termijn verlopen zonder opvolger"),
    "policy_event": _l("Beleidscyclus"),
    "status_update_due": _l("Statusupdate van een project"),
    "consent_requested": _l("Instemming als bestuurlijk trekker gevraagd"),
    "advice_to_approve": _l("Communicatieadvies ter goedkeuring"),
    "local_advice_requested": _l("Meekijken met een communicatieadvies gevraagd"),
    "reported_back": _l("Terugkoppeling van een voorgelegd voorstel"),
}


def text(kind: str):
    def register(function):
        TEXTS[kind] = function
        return function
    return register


def render(reminder: Reminder) -> Message:
    return TEXTS[reminder.kind](reminder)


def when(instant) -> str:
    return _("%(day)s om %(time)s", day=format_datetime(instant, "EEEE d MMMM yyyy"),
             time=format_datetime(instant, "HH:mm"))




def _meeting_link(meeting: Meeting) -> str:
    return url_for("meetings.show", meeting_id=meeting.id, _external=True)


def _where(meeting: Meeting) -> str:
    return meeting.location.address if meeting.location else _("locatie volgt")


@text("invitation")
def invitation(r: Reminder) -> Message:
    meeting = db.session.get(Meeting, r.subject_id)
    return Message(
        _("Uitnodiging: %(name)s", name=meeting.name),
        _("De agenda van %(name)s is verzonden.\n\nWanneer: %(when)s\nWaar: %(where)s\n\nAgenda en stukken: %(link)s\n\n"
          "De bijlage zet de vergadering in uw agenda.", name=meeting.name, when=when(meeting.start_at),
          where=_where(meeting), link=url_for("agenda.show", meeting_id=meeting.id, _external=True)),
        _meeting_link(meeting), meeting_file(meeting).decode())


@text("agenda_amended")
def agenda_amended(r: Reminder) -> Message:
    meeting = db.session.get(Meeting, r.subject_id)
    version = version_of(meeting, int(r.context))
    changes = version.changes if version else []
    # a confidential item by its title only in the app, never in an e-mail
    lines = "\n".join("- " + (describe(c) if c.is_public else describe(c, title=_("een vertrouwelijk punt")))
                      for c in changes)
    link = url_for("agenda.show", meeting_id=meeting.id, _external=True)
    return Message(
        _("Agenda gewijzigd: %(name)s", name=meeting.name),
        _("De agenda van %(name)s (%(when)s) is na verzending gewijzigd; dit is versie %(number)s.\n\n"
          "Gewijzigd na verzending:\n%(lines)s\n\nAgenda en stukken: %(link)s", name=meeting.name,
          when=when(meeting.start_at), number=r.context, lines=lines, link=link), link)


@text("meeting_reminder")
def meeting_reminder(r: Reminder) -> Message:
    meeting = db.session.get(Meeting, r.subject_id)
    return Message(_("Herinnering: %(name)s", name=meeting.name),
                   _("U vergadert op %(when)s in %(where)s.\n\n%(link)s", when=when(meeting.start_at),
                     where=_where(meeting), link=_meeting_link(meeting)), _meeting_link(meeting))


def _change(r: Reminder) -> tuple[Meeting, MeetingChange]:
    return db.session.get(Meeting, r.subject_id), db.session.get(MeetingChange, int(r.context))


@text("meeting_moved")
def meeting_moved(r: Reminder) -> Message:
    meeting, change = _change(r)
    return Message(_("Verplaatst: %(name)s", name=meeting.name),
                   _("De vergadering is verplaatst van %(old)s naar %(new)s.\nReden: %(reason)s\n\n%(link)s",
                     old=when(change.old_start_at), new=when(change.new_start_at), reason=change.reason or "-",
                     link=_meeting_link(meeting)), _meeting_link(meeting), meeting_file(meeting).decode())


@text("meeting_cancelled")
def meeting_cancelled(r: Reminder) -> Message:
    meeting, change = _change(r)
    return Message(_("Geannuleerd: %(name)s", name=meeting.name),
                   _("De vergadering van %(when)s gaat niet door.\nReden: %(reason)s\n\n%(link)s",
                     when=when(change.old_start_at), reason=change.reason or "-", link=_meeting_link(meeting)),
                   _meeting_link(meeting), meeting_file(meeting).decode())


def _deadline_text(meeting: Meeting, kind: str) -> str:
    deadline = next((d for d in meeting.deadlines if d.kind == kind), None)
    return when(deadline.due_at) if deadline else "?"


@text("agenda_due")
def agenda_due(r: Reminder) -> Message:
    meeting = db.session.get(Meeting, r.subject_id)
    link = url_for("agenda.show", meeting_id=meeting.id, _external=True)
    return Message(_("Agenda samenstellen: %(name)s", name=meeting.name),
                   _("De agenda van %(name)s moet uiterlijk %(due)s vastgesteld zijn.\n\nAgenda opbouwen: %(link)s",
                     name=meeting.name, due=_deadline_text(meeting, "agenda_fixed"), link=link), link)


@text("documents_due")
def documents_due(r: Reminder) -> Message:
    meeting = db.session.get(Meeting, r.subject_id)
    link = url_for("agenda.show", meeting_id=meeting.id, _external=True)
    return Message(_("Stukken versturen: %(name)s", name=meeting.name),
                   _("De agenda en stukken van %(name)s gaan uiterlijk %(due)s naar de leden.\n\n%(link)s",
                     name=meeting.name, due=_deadline_text(meeting, "documents"), link=link), link)


def _item(r: Reminder) -> tuple[DecisionItem, str]:
    item = db.session.get(DecisionItem, r.subject_id)
    return item, url_for("decisions.show", item_id=item.id, _external=True)


@text("submission_deadline")
def submission_deadline(r: Reminder) -> Message:
    item, link = _item(r)
    meeting = item.target_meeting
    return Message(_("Inleverdatum nadert: %(title)s", title=item.title),
                   _("Uw voorstel '%(title)s' is bedoeld voor %(name)s. De inleverdatum is %(due)s.\n\n%(link)s",
                     title=item.title, name=meeting.name, due=_deadline_text(meeting, "submission"), link=link), link)


@text("comms_advice")
def comms_advice(r: Reminder) -> Message:
    item, link = _item(r)
    meeting = item.target_meeting
    return Message(_("Communicatieadvies nodig: %(title)s", title=item.title),
                   _("Het voorstel '%(title)s' gaat naar %(name)s, maar heeft nog geen goedgekeurd communicatieadvies. "
                     "Over %(days)s dagen is de inleverdatum (%(due)s). Elk voorstel aan het DVO heeft een "
                     "communicatieadvies nodig.\n\nCommunicatieadvies: %(link)s", title=item.title, name=meeting.name,
                     days=r.context, due=_deadline_text(meeting, "submission"),
                     link=url_for("advice.edit", item_id=item.id, _external=True)), link)


@text("comms_advice_secretariat")
def comms_advice_secretariat(r: Reminder) -> Message:
    item, link = _item(r)
    meeting = item.target_meeting
    return Message(_("Morgen inleverdatum, communicatieadvies ontbreekt: %(title)s", title=item.title),
                   _("Het voorstel '%(title)s' voor %(name)s heeft nog geen goedgekeurd communicatieadvies; de "
                     "inleverdatum is %(due)s.\n\n%(link)s", title=item.title, name=meeting.name,
                     due=_deadline_text(meeting, "submission"), link=link), link)


@text("cycle_behind")
def cycle_behind(r: Reminder) -> Message:
    return _cycle(r, _("%(body)s heeft in %(year)s minder vergaderingen gepland dan de norm."))


@text("cycle_next_year")
def cycle_next_year(r: Reminder) -> Message:
    return _cycle(r, _("%(body)s heeft %(year)s nog niet (volledig) gepland."))


def _cycle(r: Reminder, sentence: str) -> Message:
    body = db.session.get(Body, r.subject_id)
    link = url_for("meetings.plan", body_id=body.id, year=r.context, _external=True)
    title = sentence % {"body": body.name, "year": r.context}
    return Message(title, title + "\n\n" + _("Plannen: %(link)s", link=link), link)


def _action(r: Reminder) -> tuple[FollowUpAction, str]:
    action = db.session.get(FollowUpAction, r.subject_id)
    return action, url_for("actions.show", action_id=action.id, _external=True)


@text("action_due")
def action_due(r: Reminder) -> Message:
    action, link = _action(r)
    return Message(_("Actie verloopt %(due)s", due=day(action.due_on)),
                   _("Uit het besluit over '%(title)s': %(text)s\nUiterlijk: %(due)s\n\n%(link)s",
                     title=action.item.title, text=action.description, due=day(action.due_on), link=link), link)


@text("action_overdue")
def action_overdue(r: Reminder) -> Message:
    action, link = _action(r)
    return Message(_("Actie verlopen sinds %(due)s", due=day(action.due_on)),
                   _("Deze actie had %(due)s klaar moeten zijn: %(text)s\n\nStatus bijwerken: %(link)s",
                     due=day(action.due_on), text=action.description, link=link), link)


@text("weekly_actions")
def weekly_actions(r: Reminder) -> Message:
    overdue = overdue_actions(limit=50)
    lines = [f"- {a.description[:100]} ({day(a.due_on)})" for a in overdue]
    link = url_for("actions.index", _external=True)
    return Message(_("Weekoverzicht acties: %(n)d verlopen", n=len(overdue)),
                   _("Verlopen vervolgacties:") + "\n" + ("\n".join(lines) or _("geen")) + "\n\n" + link, link)


def _seat(r: Reminder) -> tuple[Seat, str]:
    seat = db.session.get(Seat, r.subject_id)
    return seat, url_for("bodies.rotate", seat_id=seat.id, _external=True)


@text("term_ending")
def term_ending(r: Reminder) -> Message:
    seat, link = _seat(r)
    proposal = db.session.get(Organisation, int(r.context)) if r.context else None
    return Message(_("Termijn loopt af: %(seat)s (%(body)s)", seat=seat.name, body=seat.body.name),
                   _("De termijn van de zetel %(seat)s in %(body)s loopt binnen drie maanden af. Volgende in de "
                     "rotatie: %(next)s.\n\nZetel rouleren: %(link)s", seat=seat.name, body=seat.body.name,
                     next=proposal.name if proposal else _("niet ingesteld"), link=link), link)


@text("term_ended")
def term_ended(r: Reminder) -> Message:
    seat, link = _seat(r)
    return Message(_("Termijn verlopen zonder opvolger: %(seat)s", seat=seat.name),
                   _("De termijn van de zetel %(seat)s in %(body)s is verlopen en er is geen opvolger benoemd.\n\n"
                     "%(link)s", seat=seat.name, body=seat.body.name, link=link), link)


@text("policy_event")
def policy_event(r: Reminder) -> Message:
    event = db.session.get(PolicyEvent, r.subject_id)
    link = url_for("reminders.policy", _external=True)
    return Message(_("Beleidscyclus: %(title)s op %(day)s", title=event.title, day=day(event.happens_on)),
                   (event.description or event.title) + "\n\n" + link, link)


@text("status_update_due")
def status_update_due(r: Reminder) -> Message:
    project = db.session.get(Project, r.subject_id)
    link = url_for("projects.new_status_update", project_id=project.id, _external=True)
    due = day(date.fromisoformat(r.context))
    return Message(_("Statusupdate %(project)s vóór %(due)s", project=project.title, due=due),
                   _("Vóór de volgende bijeenkomst van het Platform IVZ is een statusupdate van '%(project)s' nodig, "
                     "uiterlijk %(due)s.\n\nStatusupdate plaatsen: %(link)s", project=project.title, due=due, link=link),
                   link)


@text("consent_requested")
def consent_requested(r: Reminder) -> Message:
    item, link = _item(r)
    return Message(_("Uw instemming gevraagd: %(title)s", title=item.title),
                   _("%(who)s vraagt u als bestuurlijk trekker van %(project)s in te stemmen met het voorstel "
                     "'%(title)s'. Zonder uw instemming kan het voorstel niet worden ingediend.\n\n"
                     "Voorstel lezen en instemmen: %(link)s",
                     who=item.submitter.display_name if item.submitter else _("Het secretariaat"),
                     project=item.project.title if item.project else "-", title=item.title, link=link), link)


@text("reported_back")
def reported_back(r: Reminder) -> Message:
    item, link = _item(r)
    decision = next((c for c in item.route if c.role == "decision" and c.body_id == item.decision_body_id), None)
    outcome = {"vaststellen": _("vastgesteld"), "afwijzen": _("afgewezen"),
               "kennisnemen": _("voor kennisgeving aangenomen")}.get(decision.result if decision else "", "")
    return Message(_("Terugkoppeling %(body)s: %(title)s", body=item.decision_body.name, title=item.title),
                   _("%(body)s heeft het voorstel '%(title)s' dat uw district voorlegde %(outcome)s. De "
                     "terugkoppeling staat op de volgende agenda.\n\nVoorstel: %(link)s",
                     body=item.decision_body.name, title=item.title, outcome=outcome, link=link), link)


@text("local_advice_requested")
def local_advice_requested(r: Reminder) -> Message:
    item, link = _item(r)
    advice = item.communication_advice
    who = advice.advisor.display_name if advice is not None and advice.advisor else _("Het secretariaat")
    return Message(_("Communicatieadvies voorbereiden: %(title)s", title=item.title),
                   _("%(who)s bereidt het communicatieadvies bij het voorstel '%(title)s' met u voor, als lokale "
                     "communicatieadviseur van de portefeuillehouder of een betrokken partner. Wilt u meekijken "
                     "naar de kernboodschap, de doelgroepen en wie vooraf geïnformeerd wordt?\n\n"
                     "Voorstel: %(link)s", who=who, title=item.title, link=link), link)


@text("advice_to_approve")
def advice_to_approve(r: Reminder) -> Message:
    item, _link = _item(r)
    advice = item.communication_advice
    link = url_for("advice.edit", item_id=item.id, _external=True)
    return Message(_("Communicatieadvies ter goedkeuring: %(title)s", title=item.title),
                   _("%(who)s schreef het communicatieadvies bij '%(title)s'. Het wacht op goedkeuring door het "
                     "secretariaat of een tweede communicatieadviseur.\n\nAdvies lezen en goedkeuren: %(link)s",
                     who=advice.advisor.display_name if advice and advice.advisor else _("Een communicatieadviseur"),
                     title=item.title, link=link), link)


def subject_exists(r: Reminder) -> bool:
    """A reminder whose subject has gone is skipped rather than sent."""
    model = {"meeting": Meeting, "decision_item": DecisionItem, "action": FollowUpAction, "seat": Seat,
             "policy": PolicyEvent, "project": Project}.get(r.subject_type)
    if model is None:
        return True
    return db.session.scalar(select(model.id).where(model.id == r.subject_id)) is not None


def local_now_text() -> str:
    return format_datetime(clock.now(), "d MMMM yyyy HH:mm")
