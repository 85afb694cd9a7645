"""Telling people when work reaches them (DESIGN.md section 3; Procedure B 1(ii): the
Business Manager "will notify the LSCB Independent Chair"). Each e-mail is queued in the
transaction of the step that causes it, keyed by the step and the case's version, so it
is sent exactly once; it carries the reference and a link, never the child's identity.
Registered as a transition hook, and as a hook of the Panel's response to a partnership's
rapid review, by `DecisionsConfig.ready()`."""

from __future__ import annotations

from collections.abc import Iterable

from casereviews.accounts.models import User
from casereviews.boards.contacts import business_manager_recipients
from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.hooks import EFFECTS
from casereviews.deadlines.services import configured
from casereviews.kit.emails import case_recipients, step_emails
from casereviews.notifications.emails import case_link
from casereviews.notifications.models import Notification
from casereviews.workflow.models import PanelResponse
from casereviews.workflow.partners import PartnersDisagree, on_partners_disagree
from casereviews.workflow.services import (
    PANEL_RESPONSES,
    TransitionMade,
    on_panel_response,
    on_transition,
)
from casereviews.workflow.wt_2023 import PARTNERS_DECISIONS as PARTNERS_DECISION_STEPS
from casereviews.workflow.wt_2023 import WT_2023_TRANSITIONS

DECISIONS = frozenset({"decide_scr", "decide_cpir", "decide_other_review", "decide_no_review"})
TELL_OFSTED_AND_PANEL = frozenset(
    {
        rules.OFSTED_AND_PANEL_TOLD.code,
        rules.PANEL_TOLD_WITHIN_14_DAYS.code,
        rules.OFSTED_TOLD_OF_NO_SCR.code,
    }
)


def board_people(notification: Notification, role: Role) -> list[User]:
    """The people who hold `role` on the case and have an address (`kit.emails`)."""
    return case_recipients(notification, role).people


def _send(
    made: TransitionMade,
    people: Iterable[User],
    subject: str,
    lines: list[str],
    why: str = "",
) -> None:
    case = made.notification
    if not case.reference:  # only a draft has none, and no draft reaches these steps
        return
    step_emails(
        key=f"{made.transition.name}{why}:{case.pk}:v{case.version}",
        people=people,
        subject=subject,
        lines=lines,
        links=[("Open the case", case_link(case))],
    )


# The safeguarding partners' decisions (`casereviews.workflow.wt_2023`).
PARTNERS_DECISIONS = frozenset(PARTNERS_DECISION_STEPS)
# The roles the wt-2023 table lets take the partners' decision: its decision-makers.
PARTNERS_DECISION_MAKERS: frozenset[Role] = frozenset().union(
    *(WT_2023_TRANSITIONS[name].roles for name in PARTNERS_DECISIONS)
)


@on_transition
def tell_whose_work_it_is(made: TransitionMade) -> None:
    case = made.notification
    name = made.transition.name
    reference = case.reference
    if name == "verify":
        _send(
            made,
            board_people(case, Role.INDEPENDENT_CHAIR),
            f"Case notification {reference}: verified",
            [
                f"The Business Manager has verified notification {reference} of "
                f"{case.board.name} against the criteria.",
                "The partner agencies are being asked for information, and the LISG will make "
                "its recommendation to you.",
            ],
        )
    elif name == "lisg_recommend":
        _send(
            made,
            board_people(case, Role.INDEPENDENT_CHAIR),
            f"Case notification {reference}: ready for your decision",
            [
                f"The LISG has made its recommendation on {reference}.",
                "Your decision is needed: the recommendation, the criteria engine's answer and "
                "the due date are on the decision page.",
            ],
        )
    elif name == "return_for_information":
        _send(
            made,
            [case.notifier],
            f"Your notification {reference} needs more information",
            [
                f"The Business Manager has returned your notification {reference} for more "
                "information.",
                "What they asked is shown on your notification. Amend it and send it back.",
            ],
        )
    elif name == "send_rapid_review":
        # A safeguarding partnership's case (framework wt-2023): the partners decide next,
        # each through its representative.
        _send(
            made,
            partners_people(case),
            f"Case notification {reference}: rapid review sent, your agreement is needed",
            [
                f"The rapid review of {reference} has been sent to the Child Safeguarding "
                "Practice Review Panel.",
                "Each of the three safeguarding partners must agree the decision: a local "
                "child safeguarding practice review, another form of learning review, or none, "
                "with reasons.",
            ],
        )
    elif name == "judge_not_notifiable":
        _send(
            made,
            partners_people(case),
            f"Case notification {reference}: not notifiable, your agreement is needed",
            [
                f"The Business Manager has judged the incident of {reference} not notifiable "
                "to the Child Safeguarding Practice Review Panel.",
                "Each of the three safeguarding partners must agree the decision: another form "
                "of learning review or none, with reasons.",
            ],
        )
    elif name in PARTNERS_DECISIONS:
        _send(
            made,
            [case.notifier, *partners_people(case)],
            f"Case notification {reference}: the safeguarding partners have decided",
            [f"The safeguarding partners have made a decision on notification {reference}."],
        )
    elif name in DECISIONS:
        _send(
            made,
            [case.notifier],
            f"Your notification {reference}: the Independent Chair has decided",
            [f"The Independent Chair has made a decision on your notification {reference}."],
        )
    if name in DECISIONS or name == "escalate_to_scr":
        _tell_the_business_manager_to_tell(made)


def _tell_the_business_manager_to_tell(made: TransitionMade) -> None:
    """The Business Manager (or whoever stands in) must tell Ofsted and the National Panel
    of every decision (C 1(iii)): told at once, with each due date the step starts."""
    case = made.notification
    told = [configured(rule) for rule in EFFECTS[made.transition.name].starts]
    lines = [
        f"The Independent Chair has made a decision on {case.reference}.",
        "You must tell Ofsted and the National Panel (Procedure C 1(iii)):",
    ]
    for rule in told:
        if rule.code in TELL_OFSTED_AND_PANEL:
            due = rule.due(made.at).astimezone(LONDON)
            lines.append(f"- {rule.title}: by the end of {due:%A %-d %B %Y}")
    lines.append("Record each on the case once they are told.")
    _send(
        made,
        business_manager_recipients(case.board),
        f"Case notification {case.reference}: tell Ofsted and the National Panel",
        lines,
        why=":tell-ofsted-and-panel",
    )


def partners_people(notification: Notification) -> list[User]:
    """The representatives (and deputies) of the three safeguarding partners on the case."""
    people: dict[int, User] = {}
    for role in sorted(PARTNERS_DECISION_MAKERS):
        people.update((person.pk, person) for person in board_people(notification, role))
    return sorted(people.values(), key=lambda person: person.pk)


@on_partners_disagree
def tell_of_the_partners_disagreement(disagreement: PartnersDisagree) -> None:
    """The partners differ: escalated to the lead safeguarding partners (their
    representatives) and the Business Manager, once per disagreement recorded. Each
    partner's view is on the case page, not in the e-mail."""
    case = disagreement.notification
    if not case.reference:
        return
    people = {person.pk: person for person in business_manager_recipients(case.board)}
    people.update((person.pk, person) for person in partners_people(case))
    newest = max(view.pk for view in disagreement.views)
    step_emails(
        key=f"partners_disagree:{case.pk}:{newest}",
        people=sorted(people.values(), key=lambda p: p.pk),
        subject=f"Case notification {case.reference}: the safeguarding partners disagree",
        lines=[
            f"The three safeguarding partners disagree on the decision on {case.reference}.",
            "No decision has been made. The disagreement is escalated to the lead safeguarding "
            "partners: each partner's view and reasons are on the case page.",
        ],
        links=[("Open the case", case_link(case))],
    )


@on_panel_response
def tell_of_the_panels_response(response: PanelResponse) -> None:
    """The Panel's answer to a partnership's rapid review reaches the Business Manager (or
    whoever stands in for them) and the partners' decision-makers: whether it will carry
    out a national review shapes the local review they plan. Once per response recorded
    (a correction is told too); the Panel's own words (`detail`) stay on the case page."""
    case = response.notification
    if not case.reference:
        return
    people = case_recipients(
        case, *sorted(PARTNERS_DECISION_MAKERS), also=business_manager_recipients(case.board)
    ).people
    answered = f"{response.received_on.day} {response.received_on:%B %Y}"
    step_emails(
        key=f"panel_response:{case.pk}:{response.pk}",
        people=people,
        subject=f"Case notification {case.reference}: the Panel has responded",
        lines=[
            f"The Child Safeguarding Practice Review Panel has responded to the rapid review "
            f"of {case.reference}, on {answered}.",
            f"{PANEL_RESPONSES[response.national_review]}.",
        ],
        links=[("Open the case", case_link(case))],
    )
