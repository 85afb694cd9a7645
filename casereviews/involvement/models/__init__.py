"""The records of this app: agencies' returns and disclosure decisions (`returns`), LISG
meetings (`meetings`), and parallel processes (`parallel`)."""

from casereviews.involvement.models.meetings import (
    Attendance,
    LisgConflict,
    LisgMeeting,
    LisgMeetingCase,
    LisgMeetingMember,
)
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
    RecordsBody,
    ReturnState,
)

__all__ = [
    "SEEDED_FROM_FACTS",
    "Attendance",
    "ChronologyEntry",
    "ChronologyShare",
    "Consent",
    "DisclosureDecision",
    "DisclosureOutcome",
    "Involvement",
    "InvolvementReturn",
    "LisgConflict",
    "LisgGoAhead",
    "LisgMeeting",
    "LisgMeetingCase",
    "LisgMeetingMember",
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
