"""The lifecycle of a case as one declarative table (DESIGN.md section 3).

Each `Transition` names its source states, its target, who may make it (roles in the
case's board, or the notification's own notifier), whether it needs a reason, and the
guards that encode the procedure. `casereviews.workflow.services.notification_transition`
is the only code that applies one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from casereviews.boards.models import Role
from casereviews.notifications.models import Notification, Status

S = Status


@dataclass(frozen=True)
class Guard:
    """A rule of the procedure that must hold before a transition; `message` is what the
    person sees when it does not."""

    code: str
    message: str
    holds: Callable[[Notification], bool]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role] = frozenset()
    notifier_may: bool = False
    needs_reason: bool = False
    guards: tuple[Guard, ...] = field(default=())
    # The page that records the procedure's record with this transition (a LISG
    # recommendation, a Chair decision); `None`: the plain transition page.
    record_page: str | None = None


def _t(
    name: str,
    label: str,
    sources: set[Status],
    target: Status,
    roles: set[Role] | None = None,
    **options: object,
) -> Transition:
    return Transition(name, label, frozenset(sources), target, frozenset(roles or ()), **options)  # type: ignore[arg-type]


BM = {Role.BUSINESS_MANAGER}
LISG = {Role.LISG_MEMBER}
CHAIR = {Role.INDEPENDENT_CHAIR}
DECIDED = {S.SCR_COMMISSIONED, S.CPIR_COMMISSIONED, S.OTHER_REVIEW_COMMISSIONED}


# -- guards: the procedure's rules, each with the message the person sees --------------------


def _agency_information_requested(case: Notification) -> bool:
    from casereviews.decisions.selectors import agency_information_requested

    return agency_information_requested(case)


def _agencies_answered(case: Notification) -> bool:
    from casereviews.involvement.selectors import lisg_may_go_ahead

    return lisg_may_go_ahead(case)


def _lisg_recommendation_recorded(case: Notification) -> bool:
    from casereviews.decisions.selectors import latest_lisg_recommendation

    return latest_lisg_recommendation(case) is not None


def _decision_recorded(decision: str) -> Callable[[Notification], bool]:
    def holds(case: Notification) -> bool:
        from casereviews.decisions.selectors import latest_chair_decision

        latest = latest_chair_decision(case)
        return latest is not None and latest.decision == decision

    return holds


def _other_review_considered(case: Notification) -> bool:
    from casereviews.decisions.selectors import latest_chair_decision

    latest = latest_chair_decision(case)
    return latest is not None and bool(latest.other_review_consideration.strip())


def _escalation_recorded(case: Notification) -> bool:
    from casereviews.decisions.selectors import latest_chair_decision

    latest = latest_chair_decision(case)
    return latest is not None and latest.escalates_id is not None


def _told(body: str, only_if_scr: bool) -> Callable[[Notification], bool]:
    def holds(case: Notification) -> bool:
        from casereviews.decisions.selectors import (
            bodies_told,
            latest_chair_decision,
            scr_held,
        )

        if only_if_scr and not scr_held(case):
            return True
        if not only_if_scr and scr_held(case):
            return True  # an SCR's Panel notification is checked by the SCR guard
        return body in bodies_told(case, since_decision=latest_chair_decision(case))

    return holds


AGENCY_INFORMATION_REQUESTED = Guard(
    "agency_information_not_requested",
    "Request information from the partner agencies before the LISG makes its recommendation",
    _agency_information_requested,
)
# Procedure A 4(i) and (vi): the LISG considers the information the agencies submitted.
AGENCIES_ANSWERED = Guard(
    "agencies_not_answered",
    "Every agency asked must answer before the LISG makes its recommendation, unless the "
    "Business Manager records why the LISG should go ahead without them",
    _agencies_answered,
)
LISG_RECOMMENDATION_RECORDED = Guard(
    "no_lisg_recommendation",
    "The LISG must make its recommendation before the Independent Chair decides",
    _lisg_recommendation_recorded,
)
OTHER_REVIEW_CONSIDERED = Guard(
    "other_review_not_considered",
    "Record whether a CPIR or another review or audit was considered before deciding on no SCR",
    _other_review_considered,
)
OFSTED_TOLD_OF_SCR = Guard(
    "ofsted_not_told",
    "Record that Ofsted was told of the SCR decision before closing the case",
    _told("ofsted", only_if_scr=True),
)
PANEL_TOLD_OF_SCR = Guard(
    "panel_not_told_of_scr",
    "Record that the National Panel was told of the SCR decision before closing the case",
    _told("national_panel", only_if_scr=True),
)
PANEL_TOLD_NO_SCR = Guard(
    "panel_not_told",
    "Record that the National Panel was told that no SCR is held before closing the case",
    _told("national_panel", only_if_scr=False),
)


def _decision_guard(decision: str, label: str) -> Guard:
    return Guard(
        "decision_not_recorded",
        f"Record the Independent Chair's decision ({label}) first",
        _decision_recorded(decision),
    )


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
        ),
        _t(
            "lisg_recommend",
            "Record the LISG recommendation",
            {S.UNDER_CONSIDERATION},
            S.LISG_RECOMMENDED,
            LISG,
            needs_reason=True,
            guards=(AGENCY_INFORMATION_REQUESTED, AGENCIES_ANSWERED),
            record_page="decisions:lisg-recommendation",
        ),
        _t(
            "decide_scr",
            "Decide to commission an SCR",
            {S.LISG_RECOMMENDED},
            S.SCR_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            guards=(LISG_RECOMMENDATION_RECORDED, _decision_guard("scr", "an SCR")),
            record_page="decisions:chair-decision",
        ),
        _t(
            "decide_cpir",
            "Decide to commission a CPIR",
            {S.LISG_RECOMMENDED},
            S.CPIR_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            guards=(LISG_RECOMMENDATION_RECORDED, _decision_guard("cpir", "a CPIR")),
            record_page="decisions:chair-decision",
        ),
        _t(
            "decide_other_review",
            "Decide on another review or audit",
            {S.LISG_RECOMMENDED},
            S.OTHER_REVIEW_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            guards=(
                LISG_RECOMMENDATION_RECORDED,
                _decision_guard("other_review", "another review or audit"),
                OTHER_REVIEW_CONSIDERED,
            ),
            record_page="decisions:chair-decision",
        ),
        _t(
            "decide_no_review",
            "Decide on no review",
            {S.LISG_RECOMMENDED},
            S.NO_REVIEW,
            CHAIR,
            needs_reason=True,
            guards=(
                LISG_RECOMMENDATION_RECORDED,
                _decision_guard("no_review", "no review"),
                OTHER_REVIEW_CONSIDERED,
            ),
            record_page="decisions:chair-decision",
        ),
        _t(
            "escalate_to_scr",
            "Escalate the CPIR to an SCR",
            {S.CPIR_COMMISSIONED, S.REVIEW_IN_PROGRESS},
            S.SCR_COMMISSIONED,
            CHAIR,
            needs_reason=True,
            guards=(
                Guard(
                    "escalation_not_recorded",
                    "Record the Independent Chair's decision to escalate the CPIR first",
                    _escalation_recorded,
                ),
            ),
            record_page="decisions:escalate",
        ),
        _t("start_review", "Start the review", DECIDED, S.REVIEW_IN_PROGRESS, BM),
        _t(
            "receive_report",
            "Record that the report is written",
            {S.REVIEW_IN_PROGRESS},
            S.REPORT,
            BM,
        ),
        _t("publish", "Publish the report", {S.REPORT}, S.PUBLISHED, BM),
        _t(
            "monitor_actions",
            "Start monitoring the actions",
            {S.PUBLISHED},
            S.ACTIONS_MONITORED,
            BM,
        ),
        _t(
            "close",
            "Close the case",
            {S.ACTIONS_MONITORED, S.NO_REVIEW},
            S.CLOSED,
            BM,
            guards=(OFSTED_TOLD_OF_SCR, PANEL_TOLD_OF_SCR, PANEL_TOLD_NO_SCR),
        ),
        _t(
            "reopen",
            "Reopen the case",
            {S.CLOSED, S.WITHDRAWN},
            S.UNDER_CONSIDERATION,
            BM,
            needs_reason=True,
        ),
    )
}


def get_transition(name: str) -> Transition:
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise LookupError(f"No transition called {name!r}") from None


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
