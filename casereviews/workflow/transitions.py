"""The lifecycle of a case as one declarative table (DESIGN.md section 3).

Each `Transition` names its source states, its target, who may make it (roles in the
case's board, or the notification's own notifier) and whether it needs a reason. The
guards that encode the procedure's rules read records of the apps above this one, so
those apps register them (`casereviews.workflow.guards`; the decisions app's are in
`casereviews.decisions.guards`). `casereviews.workflow.services.notification_transition`
is the only code that applies a transition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casereviews.boards.models import Role
from casereviews.notifications.models import COMMISSIONED, CPIR_ESCALATABLE, Status
from casereviews.workflow.guards import Guard, guards_for, known_transitions

S = Status

__all__ = ["TRANSITIONS", "Guard", "Transition", "get_transition", "transitions_from"]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role] = frozenset()
    notifier_may: bool = False
    needs_reason: bool = False
    # The page that records the procedure's record with this transition (a LISG
    # recommendation, a Chair decision); `None`: the plain transition page.
    record_page: str | None = None
    # A step that may be taken but is not what the case waits for (withdrawing,
    # reopening, escalating): it puts no case on anyone's "needs your attention".
    side_step: bool = False
    # Roles whose work the step's guards wait for, beside the roles that take it.
    prepared_by: frozenset[Role] = frozenset()

    @property
    def taken_by(self) -> frozenset[Role]:
        """The roles through whose sight of a case the step is taken (the notifier's own
        sight where the notifier may take it): `casereviews.notifications.policy`."""
        return self.roles | ({Role.NOTIFIER} if self.notifier_may else frozenset())

    @property
    def guards(self) -> tuple[Guard, ...]:
        """The procedure's rules that must hold first, registered by the apps that own
        the records they read (`casereviews.workflow.guards`)."""
        return guards_for(self.name)


def _t(
    name: str,
    label: str,
    sources: set[Status],
    target: Status,
    roles: set[Role] | None = None,
    **options: Any,
) -> Transition:
    return Transition(name, label, frozenset(sources), target, frozenset(roles or ()), **options)


BM = {Role.BUSINESS_MANAGER}
LISG = {Role.LISG_MEMBER}
CHAIR = {Role.INDEPENDENT_CHAIR}


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("submit", "Submit notification", {S.DRAFT}, S.SUBMITTED, notifier_may=True),
        _t(
            "resubmit",
            "Send the notification back to the board",
            {S.RETURNED_FOR_INFORMATION},
            S.SUBMITTED,
            notifier_may=True,
        ),
        _t(
            "return_for_information",
            "Return to the notifier for more information",
            {S.SUBMITTED},
            S.RETURNED_FOR_INFORMATION,
            BM,
            needs_reason=True,
            # Verification records its outcome beside the criteria engine's advice.
            record_page="assessments:verify",
            side_step=True,
        ),
        _t(
            "verify",
            "Verify and start consideration",
            {S.SUBMITTED},
            S.UNDER_CONSIDERATION,
            BM,
            record_page="assessments:verify",
        ),
        _t(
            "withdraw",
            "Withdraw the notification",
            {
                S.SUBMITTED,
                S.RETURNED_FOR_INFORMATION,
                S.UNDER_CONSIDERATION,
                S.LISG_RECOMMENDED,
            },
            S.WITHDRAWN,
            BM,
            needs_reason=True,
            side_step=True,
        ),
        _t(
            "lisg_recommend",
            "Record the LISG recommendation",
            {S.UNDER_CONSIDERATION},
            S.LISG_RECOMMENDED,
            LISG,
            needs_reason=True,
            record_page="decisions:lisg-recommendation",
            # The Business Manager asks the agencies first (A 4(i)).
            prepared_by=frozenset(BM),
        ),
        _t(
            "decide_scr",
            "Decide to commission an SCR",
            {S.LISG_RECOMMENDED},
            S.SCR_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            record_page="decisions:chair-decision",
        ),
        _t(
            "decide_cpir",
            "Decide to commission a CPIR",
            {S.LISG_RECOMMENDED},
            S.CPIR_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            record_page="decisions:chair-decision",
        ),
        _t(
            "decide_other_review",
            "Decide on another review or audit",
            {S.LISG_RECOMMENDED},
            S.OTHER_REVIEW_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            record_page="decisions:chair-decision",
        ),
        _t(
            "decide_no_review",
            "Decide on no review",
            {S.LISG_RECOMMENDED},
            S.NO_REVIEW,
            CHAIR,
            needs_reason=True,
            record_page="decisions:chair-decision",
        ),
        _t(
            "escalate_to_scr",
            "Escalate the CPIR to an SCR",
            set(CPIR_ESCALATABLE),
            S.SCR_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            record_page="decisions:escalate",
            side_step=True,
        ),
        _t("start_review", "Start the review", set(COMMISSIONED), S.REVIEW_IN_PROGRESS, BM),
        _t(
            "receive_report",
            "Record that the report is written",
            {S.REVIEW_IN_PROGRESS},
            S.REPORT,
            BM,
        ),
        # An SCR is published (Procedure A 1); the step records how, on its own page.
        _t(
            "publish",
            "Publish the report",
            {S.REPORT},
            S.PUBLISHED,
            BM,
            record_page="reviews:publication-record",
        ),
        # A CPIR, another review or audit is not forced through publication: its learning
        # is disseminated (how, to whom, when), as is an SCR's the Chair agreed not to publish.
        _t(
            "disseminate_learning",
            "Record that the learning was disseminated",
            {S.REPORT},
            S.LEARNING_DISSEMINATED,
            BM,
            record_page="reviews:learning",
        ),
        _t(
            "monitor_actions",
            "Start monitoring the actions",
            {S.PUBLISHED, S.LEARNING_DISSEMINATED},
            S.ACTIONS_MONITORED,
            BM,
        ),
        _t(
            "close",
            "Close the case",
            {S.ACTIONS_MONITORED, S.NO_REVIEW},
            S.CLOSED,
            BM,
        ),
        # A single-agency CPIR (Procedure B 1(i)): agreed by the agency's representative
        # and the Business Manager, run by the agency, its outcome recorded by the board;
        # no LISG recommendation and no Chair decision, unless it is escalated to them.
        _t(
            "agree_single_agency",
            "Record that it is a single-agency CPIR",
            {S.UNDER_CONSIDERATION},
            S.SINGLE_AGENCY_CPIR,
            BM,
            record_page="single_agency:agreement",
            side_step=True,
        ),
        _t(
            "close_single_agency",
            "Record the outcome and learning, and close",
            {S.SINGLE_AGENCY_CPIR},
            S.CLOSED,
            BM,
            record_page="single_agency:outcome",
        ),
        _t(
            "escalate_single_agency",
            "Escalate to the LISG and the Independent Chair",
            {S.SINGLE_AGENCY_CPIR},
            S.UNDER_CONSIDERATION,
            BM | CHAIR,
            needs_reason=True,
            side_step=True,
        ),
        _t(
            "reopen",
            "Reopen the case",
            {S.CLOSED, S.WITHDRAWN},
            S.UNDER_CONSIDERATION,
            BM,
            needs_reason=True,
            side_step=True,
        ),
    )
}
known_transitions(set(TRANSITIONS))


def get_transition(name: str) -> Transition:
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise LookupError(f"No transition called {name!r}") from None


def awaiting(role: Role) -> frozenset[Status]:
    """The states in which a case waits for work by someone in `role`: the sources of
    the steps on the case's way that they take or prepare."""
    return frozenset(
        status
        for t in TRANSITIONS.values()
        if not t.side_step and (role in t.roles or role in t.prepared_by)
        for status in t.sources
    )


def sources_of(*names: str) -> frozenset[Status]:
    """The states from which any of these transitions can be made: where their page is
    available."""
    return frozenset().union(*(get_transition(name).sources for name in names))


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
