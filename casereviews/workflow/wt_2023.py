"""The lifecycle of a case under Working Together 2023 (framework `wt-2023`), as a second
table beside the 2015 one (`casereviews.workflow.transitions`), applied by the same
service (`casereviews.workflow.services.notification_transition`, which picks the table by
the case's framework through `casereviews.workflow.tables`).

    submitted ─judge_not_notifiable─▶ not notifiable ─partners_decide_other_review / no_review─▶
        │  ▲────────judge_notifiable (new information: the clock starts then)───┘
        ├─judge_notifiable─▶ submitted, the Panel's 5 working days running
    submitted ─notify_panel─▶ rapid review ─send_rapid_review─▶ rapid review sent to the Panel
        ─partners_decide_lcspr─▶ LCSPR commissioned ─┐
        ─partners_decide_other_review─▶ other review ┼─▶ review in progress ▶ report ▶
        ─partners_decide_no_review─▶ no review ─▶ closed    published (or learning disseminated)
                                                            ▶ actions monitored ▶ closed

The local authority notifies the Child Safeguarding Practice Review Panel of a serious
incident (Children Act 2004 s16C; WT 2023 chapter 5), and the Business Manager records it
here; the partners' rapid review follows, its record is sent to the Panel, and the
safeguarding partners (the board's decision-maker role) decide with reasons. An LCSPR
then follows the same post-decision steps as an SCR, by the same names, so the review,
publication and actions records serve both frameworks.

Steps whose 2015 namesakes carry guards reading 2015 records (a LISG recommendation, a
Chair decision, Ofsted and the National Panel told) have names of their own here, so those
guards never judge a partnership's case.
"""

from __future__ import annotations

from casereviews.boards.models import Role
from casereviews.notifications.models import PARTNERS_COMMISSIONED, Status
from casereviews.workflow.guards import known_transitions
from casereviews.workflow.transitions import TRANSITIONS, Transition

S = Status
BM = frozenset({Role.BUSINESS_MANAGER})
# The three statutory safeguarding partners' representatives: the decision is made when all
# three agree (`casereviews.workflow.partners`), on their page.
PARTNERS = frozenset({Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE})
PARTNERS_PAGE = "workflow:partners-decision"

# A case judged not notifiable goes straight to the partners' decision on another form of
# learning review or none (never an LCSPR, which follows a rapid review).
_DECISION_SOURCES = frozenset({S.RAPID_REVIEW_SENT})
_NOT_NOTIFIABLE_DECISION_SOURCES = frozenset({S.RAPID_REVIEW_SENT, S.NOT_NOTIFIABLE})
# The page on which the Business Manager judges whether the incident is notifiable, with the
# criteria engine's answer beside the question (`casereviews.assessments.notifiability`).
NOTIFIABILITY_PAGE = "assessments:notifiability"
# Before the notification to the Panel is recorded (`notify_panel`), while its 5 working
# days run: the day the local authority became aware may still be recorded or corrected.
BEFORE_THE_PANEL_IS_NOTIFIED = frozenset({S.SUBMITTED, S.RETURNED_FOR_INFORMATION})
# The safeguarding partners' decision each of their steps records, by the decision's code
# (the API gives it so; the e-mails and the annual report know the steps by these names).
PARTNERS_DECISIONS: dict[str, str] = {
    "partners_decide_lcspr": "lcspr",
    "partners_decide_other_review": "other_review",
    "partners_decide_no_review": "no_review",
}

WT_2023_TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit", "Submit notification", frozenset({S.DRAFT}), S.SUBMITTED, notifier_may=True
        ),
        Transition(
            "resubmit",
            "Send the notification back to the safeguarding partnership",
            frozenset({S.RETURNED_FOR_INFORMATION}),
            S.SUBMITTED,
            notifier_may=True,
        ),
        Transition(
            "return_for_information",
            "Return to the notifier for more information",
            frozenset({S.SUBMITTED}),
            S.RETURNED_FOR_INFORMATION,
            BM,
            needs_reason=True,
            side_step=True,
        ),
        # The Business Manager's judgement whether the incident is notifiable to the Panel
        # (Children Act 2004 s16C): the 5 working days start only when it is judged so.
        Transition(
            "judge_notifiable",
            "Record whether the incident is notifiable to the Panel",
            frozenset({S.SUBMITTED, S.NOT_NOTIFIABLE}),
            S.SUBMITTED,
            BM,
            record_page=NOTIFIABILITY_PAGE,
        ),
        Transition(
            "judge_not_notifiable",
            "Record whether the incident is notifiable to the Panel",
            frozenset({S.SUBMITTED}),
            S.NOT_NOTIFIABLE,
            BM,
            record_page=NOTIFIABILITY_PAGE,
        ),
        Transition(
            "notify_panel",
            "Record the notification to the Panel and start the rapid review",
            frozenset({S.SUBMITTED}),
            S.RAPID_REVIEW,
            BM,
            # When it was sent, how, its reference and who sent it (`panel_notification`).
            record_page="workflow:panel-notified",
        ),
        Transition(
            "send_rapid_review",
            "Send the rapid review to the Panel",
            frozenset({S.RAPID_REVIEW}),
            S.RAPID_REVIEW_SENT,
            BM,
            needs_reason=True,
        ),
        Transition(
            "partners_decide_lcspr",
            "Decide to commission an LCSPR",
            _DECISION_SOURCES,
            S.LCSPR_COMMISSIONED,
            PARTNERS,
            needs_reason=True,
            record_page=PARTNERS_PAGE,
        ),
        Transition(
            "partners_decide_other_review",
            "Decide on another form of learning review",
            _NOT_NOTIFIABLE_DECISION_SOURCES,
            S.OTHER_REVIEW_COMMISSIONED,
            PARTNERS,
            needs_reason=True,
            record_page=PARTNERS_PAGE,
        ),
        Transition(
            "partners_decide_no_review",
            "Decide on no review",
            _NOT_NOTIFIABLE_DECISION_SOURCES,
            S.NO_REVIEW,
            PARTNERS,
            needs_reason=True,
            record_page=PARTNERS_PAGE,
        ),
        Transition(
            "withdraw",
            "Withdraw the notification",
            frozenset(
                {
                    S.SUBMITTED,
                    S.RETURNED_FOR_INFORMATION,
                    S.NOT_NOTIFIABLE,
                    S.RAPID_REVIEW,
                    S.RAPID_REVIEW_SENT,
                }
            ),
            S.WITHDRAWN,
            BM,
            needs_reason=True,
            side_step=True,
        ),
        # The same post-decision steps as an SCR's, by the same names.
        Transition(
            "start_review", "Start the review", PARTNERS_COMMISSIONED, S.REVIEW_IN_PROGRESS, BM
        ),
        # The review, its report, its publication (an LCSPR is published as an SCR is) or
        # its learning disseminated, and its actions: the 2015 steps themselves, so the
        # review's records guard both frameworks alike.
        TRANSITIONS["receive_report"],
        TRANSITIONS["publish"],
        TRANSITIONS["disseminate_learning"],
        TRANSITIONS["monitor_actions"],
        Transition(
            "partners_close",
            "Close the case",
            frozenset({S.ACTIONS_MONITORED, S.NO_REVIEW}),
            S.CLOSED,
            BM,
        ),
        Transition(
            "reopen",
            "Reopen the case",
            frozenset({S.CLOSED, S.WITHDRAWN}),
            S.RAPID_REVIEW,
            BM,
            needs_reason=True,
            side_step=True,
        ),
    )
}
known_transitions(set(WT_2023_TRANSITIONS))
