"""The agendacommissie's weighing of the themes for the next action plan, and the DVO proposal drafted from it.

A weighing starts from the themes that qualify in the matrix of the year before the action plan; themes
from the rest of the environment analysis (partner priorities, police figures) can be added. Each theme
gets a yes/no judgement with a short reason per criterion a) to i), and a proposed outcome. Drafting the
DVO proposal calls the decisions service (which computes the route) and attaches the matrix and the
weighing as a PDF; the projects linked to the themes then record that decision as their assignment.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ivzflow.core import clock
from ivzflow.core.errors import Conflict, ValidationError, check_version
from ivzflow.core.pdf import render_pdf
from ivzflow.decisions import documents as decision_documents
from ivzflow.decisions import services as decisions
from ivzflow.decisions.models import DecisionItem
from ivzflow.extensions import db
from ivzflow.organisations.models import Organisation
from ivzflow.plans import services
from ivzflow.plans.labels import CRITERIA, OUTCOMES
from ivzflow.plans.models import SafetyTheme, Weighing, WeighingEntry
from ivzflow.projects.governance import dvo_body
from ivzflow.projects.models import Project

REASON_MAX = 300
OPGAVEN_MAX = 5000


def weighing_of(district_id: int, year: int) -> Weighing | None:
    return db.session.scalar(
        select(Weighing).where(Weighing.district_id == district_id, Weighing.year == year)
        .options(selectinload(Weighing.entries)))


def start(actor, district_id: int, year: int) -> Weighing:
    """Open the weighing for the action plan starting in `year`, with the themes that qualify in the matrix of
    the year before; an existing weighing is returned as it is."""
    if not services.FIRST_YEAR < year <= services.LAST_YEAR:
        raise ValidationError(_("Kies een jaar van %(a)d tot en met %(b)d.", a=services.FIRST_YEAR + 1,
                                b=services.LAST_YEAR), field="year")
    found = weighing_of(district_id, year)
    if found is not None:
        return found
    m = services.matrix(district_id, year - 1)
    if not m.plans:
        raise ValidationError(_("Er zijn geen lokale plannen die in %(year)d gelden; voer die eerst in.",
                                year=year - 1), field="year")
    now = clock.now()
    weighing = Weighing(district_id=district_id, year=year, matrix_year=year - 1, updated_at=now)
    weighing.entries = [WeighingEntry(theme_id=r.theme.id, position=i, outcome="none", judgements={})
                        for i, r in enumerate(m.qualifying)]
    db.session.add(weighing)
    db.session.flush()
    return weighing


def _ensure_open(weighing: Weighing) -> None:
    if weighing.decision_item_id is not None:
        raise Conflict(_("Het DVO-voorstel is al opgesteld; de weging ligt vast."))


def add_theme(actor, weighing: Weighing, theme_id: int | None, version) -> WeighingEntry:
    """Add a theme from the rest of the environment analysis (it need not qualify in the matrix)."""
    check_version(weighing, version)
    _ensure_open(weighing)
    theme = db.session.get(SafetyTheme, theme_id) if theme_id else None
    if theme is None:
        raise ValidationError(_("Kies een veiligheidsthema."), field="theme_id")
    if any(e.theme_id == theme.id for e in weighing.entries):
        raise ValidationError(_("Dit thema wordt al gewogen."), field="theme_id")
    entry = WeighingEntry(theme_id=theme.id, theme=theme, position=len(weighing.entries), outcome="none",
                          judgements={}, added_by_hand=True)
    weighing.entries.append(entry)
    weighing.updated_at = clock.now()
    db.session.flush()
    return entry


@dataclass
class EntryInput:
    judgements: dict[str, tuple[bool | None, str | None]]  # letter -> (met, reason)
    outcome: str
    project_id: int | None = None


def save(actor, weighing: Weighing, version, entries: dict[int, EntryInput], opgaven: str | None) -> None:
    """Store the judgements, the outcomes and the strategic opgaven in one go."""
    check_version(weighing, version)
    _ensure_open(weighing)
    by_id = {e.id: e for e in weighing.entries}
    if set(entries) - set(by_id):
        raise ValidationError(_("Een thema hoort niet bij deze weging."))
    project_ids = {i.project_id for i in entries.values() if i.project_id}
    if project_ids and len(set(db.session.scalars(select(Project.id).where(Project.id.in_(project_ids))))) \
            != len(project_ids):
        raise ValidationError(_("Onbekend project gekozen."))
    for entry_id, given in entries.items():
        entry = by_id[entry_id]
        if given.outcome not in OUTCOMES:
            raise ValidationError(_("Kies per thema speerpunt, aandachtsthema of geen regionale aanpak."))
        judgements = {}
        for letter, (met, reason) in given.judgements.items():
            if letter not in CRITERIA:
                raise ValidationError(_("Onbekend criterium."))
            reason = (reason or "").strip()
            if len(reason) > REASON_MAX:
                raise ValidationError(_("Een toelichting heeft hoogstens %(n)d tekens (%(theme)s, criterium %(c)s).",
                                        n=REASON_MAX, theme=entry.theme.name, c=letter))
            if met is not None or reason:
                judgements[letter] = {"met": met, "reason": reason or None}
        entry.judgements = judgements
        entry.outcome = given.outcome
        entry.project_id = given.project_id
    opgaven = (opgaven or "").strip()
    if len(opgaven) > OPGAVEN_MAX:
        raise ValidationError(_("De opgaven hebben samen hoogstens %(n)d tekens.", n=OPGAVEN_MAX), field="opgaven")
    weighing.opgaven = opgaven or None
    weighing.updated_at = clock.now()
    db.session.flush()


def met_count(entry: WeighingEntry) -> int:
    return sum(1 for j in entry.judgements.values() if j.get("met") is True)


def of_outcome(weighing: Weighing, outcome: str) -> list[WeighingEntry]:
    return [e for e in weighing.entries if e.outcome == outcome]


def opgaven_of(weighing: Weighing) -> list[str]:
    return [line.strip(" -•\t") for line in (weighing.opgaven or "").splitlines() if line.strip(" -•\t")]


def _points(weighing: Weighing) -> list[str]:
    period = f"{weighing.year}-{weighing.year + 1}"
    names = lambda outcome: "; ".join(e.theme.name for e in of_outcome(weighing, outcome))  # noqa: E731
    points = [_("Het DVO stelt de regionale speerpunten voor het actieplan Platform IVZ %(period)s vast: %(names)s.",
                period=period, names=names("speerpunt"))]
    if of_outcome(weighing, "aandachtsthema"):
        points.append(_("Het DVO wijst als aandachtsthema's aan: %(names)s.", names=names("aandachtsthema")))
    if opgaven_of(weighing):
        points.append(_("Het DVO stelt de strategische opgaven vast: %(names)s.", names="; ".join(opgaven_of(weighing))))
    points.append(_("Het Platform IVZ werkt de speerpunten uit in het actieplan %(period)s.", period=period))
    return points


def draft_dvo_proposal(actor, weighing: Weighing, version) -> DecisionItem:
    """Draft the DVO proposal for the next action plan from the weighing, with the matrix and the weighing
    attached as a PDF; the weighing then lies fixed."""
    check_version(weighing, version)
    _ensure_open(weighing)
    if not of_outcome(weighing, "speerpunt"):
        raise ValidationError(_("Wijs eerst ten minste één speerpunt aan."))
    dvo = dvo_body(weighing.district_id)
    if dvo is None:
        raise Conflict(_("Er is geen DVO om het voorstel aan voor te leggen (het gremium dat het Platform IVZ "
                         "adviseert)."))
    period = f"{weighing.year}-{weighing.year + 1}"
    summary = _("<p>Voorstel van de agendacommissie voor de regionale veiligheidsthema's van het actieplan "
                "%(period)s, op basis van de lokale integrale veiligheidsplannen (%(year)d) en de "
                "selectiecriteria a) tot en met i). De themamatrix en de weging zijn bijgevoegd.</p>",
                period=period, year=weighing.matrix_year)
    item = decisions.create_item(
        actor, decision_body=dvo, title=_("Regionale veiligheidsthema's actieplan Platform IVZ %(period)s",
                                          period=period),
        kind="decision", confidentiality="intern", summary=summary, points=_points(weighing))
    pdf = render_pdf("plans/weighing_pdf.html", weighing=weighing,
                     m=services.matrix(weighing.district_id, weighing.matrix_year), CRITERIA=CRITERIA,
                     OUTCOMES=OUTCOMES, met_count=met_count)
    decision_documents.add_document(actor, item, io.BytesIO(pdf), f"themamatrix-en-weging-{period}.pdf")
    weighing.decision_item_id = item.id
    weighing.drafted_at = clock.now()
    record_assignments(weighing, item.id)
    return item


def record_assignments(weighing: Weighing, item_id: int) -> int:
    """The projects linked to the weighing's themes record the DVO decision that sets their assignment."""
    ids = [e.project_id for e in weighing.entries if e.project_id and e.outcome != "none"]
    projects = db.session.scalars(select(Project).where(Project.id.in_(ids))).all() if ids else []
    for project in projects:
        project.assignment_decision_id = item_id
    db.session.flush()
    return len(projects)


def project_choices(district_id: int) -> list[tuple[int, str]]:
    """The district's regional projects (by their lead municipality), for linking a theme to its project."""
    return list(db.session.execute(
        select(Project.id, Project.title).join(Organisation, Organisation.id == Project.lead_organisation_id)
        .where(Organisation.district_id == district_id).order_by(Project.position, Project.title)))
