"""The records of this app: agencies' returns and LISG meetings (`returns`), disclosure
decisions, and parallel processes (`parallel`)."""

from casereviews.involvement.models.parallel import (
    SEEDED_FROM_FACTS,
    ParallelProcess,
    ParallelProcessLiaison,
    ProcedureAgreement,
    ProcedureChoice,
    ProcessKind,
    ProcessStatus,
    RegulatorNotification,
)
from casereviews.involvement.models.returns import (
    ChronologyEntry,
    ChronologyShare,
    Consent,
    DisclosureDecision,
    DisclosureOutcome,
    Involvement,
    InvolvementReturn,
    LisgGoAhead,
    LisgMeeting,
    LisgMeetingCase,
    RecordsBody,
    ReturnState,
)

__all__ = [
    "SEEDED_FROM_FACTS",
    "ChronologyEntry",
    "ChronologyShare",
    "Consent",
    "DisclosureDecision",
    "DisclosureOutcome",
    "Involvement",
    "InvolvementReturn",
    "LisgGoAhead",
    "LisgMeeting",
    "LisgMeetingCase",
    "ParallelProcess",
    "ParallelProcessLiaison",
    "ProcedureAgreement",
    "ProcedureChoice",
    "ProcessKind",
    "ProcessStatus",
    "RecordsBody",
    "RegulatorNotification",
    "ReturnState",
]
