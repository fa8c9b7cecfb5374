"""Imports every model so the metadata (and Alembic) knows all tables, then the modules that register
listeners on the session and fill the registries (planners, guards, effects): the app factory imports this."""
from ivzflow.accounts.models import ApiToken, LoginAttempt, User, UserRole  # noqa: F401
from ivzflow.audit.models import AuditEntry  # noqa: F401
from ivzflow.bodies.models import (  # noqa: F401
    Body, BodyRelation, Membership, PortfolioAssignment, RotationEntry, Seat,
)
from ivzflow.decisions.models import (  # noqa: F401
    ActionAssignment, AdviceInform, CommunicationAdvice, Consultation, DecisionItem, DecisionList, DecisionPoint,
    FollowUpAction, ItemAttachment, ItemTransition,
)
from ivzflow.finance.models import (  # noqa: F401
    Commitment, ContributionRule, Expenditure, InhabitantCount, PartnerContribution, Reserve,
)
from ivzflow.meetings.models import (  # noqa: F401
    AgendaChange, AgendaItem, Attachment, Attendance, Deadline, FeedToken, HostSkip, HostTurn, Location, Meeting,
    MeetingChange, MeetingRule, StandingItem,
)
from ivzflow.organisations.models import Basisteam, District, Organisation  # noqa: F401
from ivzflow.people.models import Person  # noqa: F401
from ivzflow.plans.models import (  # noqa: F401
    LocalPlan, LocalPlanTheme, PartnerPriority, PolicyOccurrence, PolicySeries, SafetyTheme, Weighing, WeighingEntry,
)
from ivzflow.projects.models import (  # noqa: F401
    Activity, BudgetLine, Indicator, IndicatorTarget, Measurement, Milestone, Project, ProjectComment, StatusUpdate,
)
from ivzflow.publication.models import PublicationPolicy, Withdrawal  # noqa: F401
from ivzflow.reminders.models import (  # noqa: F401
    Delivery, Notification, NotificationPreference, PolicyEvent, Reminder,
)
from ivzflow.search.models import SearchEntry  # noqa: F401
from ivzflow.settings.models import Setting  # noqa: F401
from ivzflow.workflows.models import Workflow, WorkflowState, WorkflowTransition, WorkflowVersion  # noqa: F401

import ivzflow.audit.services  # noqa: F401,E402  (the audit listener)
import ivzflow.reminders.plans  # noqa: F401,E402  (the planners, and replanning reminders when their data changes)
import ivzflow.workflows.effects  # noqa: F401,E402  (the guards, effects and remedies a workflow may name)
import ivzflow.workflows.guards  # noqa: F401,E402
import ivzflow.workflows.remedies  # noqa: F401,E402
import ivzflow.search.indexer  # noqa: F401,E402  (keeps the search index current with every commit)
