"""Helpers that put a case where a transition of the table can be tried: its first
source state, and the procedure records that make each guard hold.

`SATISFY` has one entry per guard code of the table: a new guard without one fails the
generated tests, so every guard is tested as it is added."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import Outcome, VerificationDecision
from casereviews.boards.models import Board, Role
from casereviews.decisions.models import (
    ChairDecision,
    InvolvementRequest,
)
from casereviews.decisions.selectors import latest_chair_decision
from casereviews.notifications.models import Notification, ReviewSought
from casereviews.retention.models import DisposalBatch, DisposedCase, RecordKind
from casereviews.reviews.models import (
    ActionStatus,
    DocumentKind,
    LearningDissemination,
    Publication,
    Recommendation,
    Review,
    ReviewAction,
    ReviewDocument,
    Reviewer,
)
from casereviews.single_agency.models import SingleAgencyReview
from casereviews.workflow.models import PartnersView
from casereviews.workflow.transitions import Guard, Transition
from tests.factories import (
    ChairDecisionFactory,
    LisgRecommendationFactory,
    OrganisationFactory,
    ReviewActionFactory,
    person,
    told,
)
from tests.lisg import before_the_lisg


def staff(board: Board) -> dict[Role, User]:
    return {role: person(board, role, full_name=f"{role.label} one") for role in Role}


def _decision(case: Notification, kind: str, by: User, **extra: object) -> ChairDecision:
    return ChairDecisionFactory.create(notification=case, decision=kind, decided_by=by, **extra)


def _told(case: Notification, body: str, by: User) -> None:
    told(case, body, by)


Satisfier = Callable[[Notification, Transition | None, dict[Role, User]], None]


def _agency(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    InvolvementRequest.objects.create(
        notification=case,
        organisation=OrganisationFactory.create(name="Bracknell Forest Children's Social Care"),
        requested_by=people[Role.BUSINESS_MANAGER],
        requested_at=timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=14),
    )


def _answered(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    InvolvementRequest.objects.filter(notification=case, status="sent").update(
        status="answered", answered_at=timezone.now()
    )


def _lisg(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    LisgRecommendationFactory.create(
        notification=case, review_type="scr", recorded_by=people[Role.LISG_MEMBER]
    )


def _decided(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    assert t is not None, "a decision is satisfied for the transition that records it"
    _decision(case, t.name.removeprefix("decide_"), people[Role.INDEPENDENT_CHAIR])


def _considered(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    latest = latest_chair_decision(case)
    if latest is None:
        _decision(case, "cpir", people[Role.INDEPENDENT_CHAIR], other_review_consideration="x")
    else:
        ChairDecision.objects.filter(pk=latest.pk).update(
            other_review_consideration="A CPIR was considered and not needed"
        )


def _escalated(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    cpir = _decision(case, "cpir", people[Role.INDEPENDENT_CHAIR])
    _decision(case, "scr", people[Role.INDEPENDENT_CHAIR], escalates=cpir)


def _a_cpir(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    _decision(case, "cpir", people[Role.INDEPENDENT_CHAIR])


def _telling(body: str) -> Satisfier:
    def satisfy(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
        _told(case, body, people[Role.BUSINESS_MANAGER])

    return satisfy


def _single_agency_sought(
    case: Notification, t: Transition | None, people: dict[Role, User]
) -> None:
    Notification.objects.filter(pk=case.pk).update(review_sought=ReviewSought.SINGLE_AGENCY_CPIR)
    case.review_sought = ReviewSought.SINGLE_AGENCY_CPIR


def _single_agency_agreed(
    case: Notification, t: Transition | None, people: dict[Role, User]
) -> None:
    SingleAgencyReview.objects.create(
        notification=case,
        agency=case.organisation,
        agency_representative="The agency's Safeguarding Lead Officer",
        agreed_on=timezone.localdate(),
        business_manager=people[Role.BUSINESS_MANAGER],
        recorded_at=timezone.now(),
    )


def _single_agency_outcome(
    case: Notification, t: Transition | None, people: dict[Role, User]
) -> None:
    if not SingleAgencyReview.objects.filter(notification=case).exists():
        _single_agency_agreed(case, t, people)
    SingleAgencyReview.objects.filter(notification=case).update(
        outcome="The agency's review found the referral pathway unclear",
        learning="Referrals are now confirmed in writing",
        outcome_on=timezone.localdate(),
        outcome_recorded_by=people[Role.BUSINESS_MANAGER],
        outcome_recorded_at=timezone.now(),
    )


def _review(case: Notification, people: dict[Role, User], kind: str = "scr") -> Review:
    review, _ = Review.objects.get_or_create(
        notification=case,
        defaults={
            "kind": kind,
            "created_by": people[Role.BUSINESS_MANAGER],
            "created_at": timezone.now(),
        },
    )
    return review


def _lead_reviewer(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    Reviewer.objects.create(
        review=_review(case, people),
        role="lead",
        full_name="An independent reviewer",
        independence_declaration="No part in the case or the agencies reviewed",
        declared_on=datetime.date(2026, 3, 2),
        appointed_by=people[Role.BUSINESS_MANAGER],
        appointed_at=timezone.now(),
    )


def _document(kind: str) -> Satisfier:
    def satisfy(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
        review = _review(case, people)
        if kind == DocumentKind.TERMS_OF_REFERENCE:
            Review.objects.filter(pk=review.pk).update(lines_of_enquiry="How agencies shared")
        ReviewDocument.objects.create(
            review=review,
            kind=kind,
            version=ReviewDocument.objects.filter(review=review, kind=kind).count() + 1,
            original_name=f"{kind}.pdf",
            stored_name=f"{kind}-{case.pk}-{timezone.now().timestamp()}",
            content_type="application/pdf",
            size=10,
            uploaded_by=people[Role.BUSINESS_MANAGER],
            uploaded_at=timezone.now(),
        )

    return satisfy


def _an_open_action(case: Notification, people: dict[Role, User]) -> None:
    recommendation = Recommendation.objects.create(
        review=_review(case, people), number=1, text="Share information at strategy meetings"
    )
    ReviewActionFactory.create(
        recommendation=recommendation,
        board=case.board,
        notification=case,
        description="Train the team",
        owner_agency=OrganisationFactory.create(name="Thames Valley Police"),
        owner_name="A named lead",
        due_on=datetime.date(2026, 9, 1),
    )


def _actions_complete(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    ReviewAction.objects.filter(notification=case).update(
        status=ActionStatus.COMPLETE,
        sustained_on=datetime.date(2026, 10, 1),
        sustained_evidence="A re-audit of 20 cases",
        sustained_judged_by=people[Role.BUSINESS_MANAGER],
    )


def _publication(**fields: object) -> Satisfier:
    def satisfy(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
        publication, _ = Publication.objects.get_or_create(review=_review(case, people))
        Publication.objects.filter(pk=publication.pk).update(**fields)

    return satisfy


def _an_scr(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    Review.objects.filter(pk=_review(case, people).pk).update(kind="scr")


def _learning(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    LearningDissemination.objects.create(
        review=_review(case, people, kind="cpir"),
        how="A learning briefing",
        to_whom="Every partner agency's safeguarding lead",
        on=datetime.date(2026, 6, 1),
        recorded_by=people[Role.BUSINESS_MANAGER],
        recorded_at=timezone.now(),
    )


def _judged_notifiable(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    VerificationDecision.objects.create(
        notification=case,
        outcome=Outcome.NOTIFIABLE,
        by=people[Role.BUSINESS_MANAGER],
        at=timezone.now(),
    )


def _partners_agreed(case: Notification, t: Transition | None, people: dict[Role, User]) -> None:
    assert t is not None  # the guard belongs to the partners' decisions
    decision = t.name.removeprefix("partners_decide_")
    for role in (Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE):
        PartnersView.objects.create(
            notification=case,
            partner=role,
            decision=decision,
            reasons="Agreed",
            by=people[role],
            at=timezone.now(),
        )


def _disposed(case: Notification, people: dict[Role, User]) -> None:
    """The case's personal data destroyed under the schedule (rows only: the disposal
    itself is tested in tests/retention)."""
    batch = DisposalBatch.objects.create(
        board=case.board,
        approved_by=people[Role.BUSINESS_MANAGER],
        approved_at=timezone.now(),
        reason="Past its retention date",
    )
    today = timezone.localdate()
    DisposedCase.objects.create(
        batch=batch, notification=case, kind=RecordKind.CPIR, closed_on=today, due_on=today
    )


SATISFY: dict[str, Satisfier] = {
    # Not disposed of unless a test disposes of it.
    "disposed": lambda c, t, p: None,
    "partners_not_agreed": _partners_agreed,
    "not_judged_notifiable": _judged_notifiable,
    "not_a_single_agency_consultation": _single_agency_sought,
    "single_agency_agreement_not_recorded": _single_agency_agreed,
    "single_agency_outcome_not_recorded": _single_agency_outcome,
    "not_an_scr": _an_scr,
    "board_not_signed_off": _publication(signed_off_on=datetime.date(2026, 5, 1)),
    "pre_publication_copy_not_sent": _publication(
        ofsted_copy_sent_on=datetime.date(2026, 5, 2), panel_copy_sent_on=datetime.date(2026, 5, 2)
    ),
    "publication_not_recorded": _publication(
        form="full",
        web_address="https://lscb.example.org/scr-2026-1",
        published_on=datetime.date(2026, 5, 11),
    ),
    # An SCR the Chair agreed not to publish disseminates its learning instead.
    "scr_to_be_published": _publication(
        form="not_published", reason="A criminal trial", chair_agreed_on=datetime.date(2026, 5, 3)
    ),
    "learning_not_recorded": _learning,
    "no_lead_reviewer": _lead_reviewer,
    "no_terms_of_reference": _document(DocumentKind.TERMS_OF_REFERENCE),
    "no_final_report": _document(DocumentKind.FINAL_REPORT),
    "action_open": _actions_complete,
    "agency_information_not_requested": _agency,
    "agencies_not_answered": _answered,
    "no_lisg_recommendation": _lisg,
    "decision_not_recorded": _decided,
    "other_review_not_considered": _considered,
    "escalation_not_recorded": _escalated,
    "not_a_cpir": _a_cpir,
    "ofsted_not_told": _telling("ofsted"),
    "panel_not_told": _telling("national_panel"),
}

# Guards that only apply to some cases: what makes each apply (run before the others).
APPLIES: dict[str, Callable[[Notification, dict[Role, User]], object]] = {
    "disposed": _disposed,
    "agencies_not_answered": lambda c, p: _agency(c, None, p),
    # Every decision, SCR or not, is told to both (C 1(iii)): a no-SCR decision shows it.
    "ofsted_not_told": lambda c, p: _decision(c, "no_review", p[Role.INDEPENDENT_CHAIR]),
    "panel_not_told": lambda c, p: _decision(c, "no_review", p[Role.INDEPENDENT_CHAIR]),
    # A CPIR's report is not published; an SCR's is.
    "not_an_scr": lambda c, p: _review(c, p, kind="cpir"),
    "scr_to_be_published": lambda c, p: _review(c, p, kind="scr"),
    # An action from the review still to be done.
    "action_open": _an_open_action,
    # The decision escalated was not a CPIR (an SCR recorded as escalating an SCR).
    "not_a_cpir": lambda c, p: _decision(
        c,
        "scr",
        p[Role.INDEPENDENT_CHAIR],
        escalates=_decision(c, "scr", p[Role.INDEPENDENT_CHAIR]),
    ),
}


def prepare(
    case: Notification,
    transition: Transition,
    people: dict[Role, User],
    *,
    except_guard: Guard | None = None,
) -> None:
    """Make every guard of `transition` hold, except `except_guard`, which is made to apply."""
    if except_guard is not None and except_guard.code in APPLIES:
        APPLIES[except_guard.code](case, people)
    for guard in transition.guards:
        if guard == except_guard or guard.holds(case):
            continue
        SATISFY[guard.code](case, transition, people)


def actor_for(transition: Transition, case: Notification, people: dict[Role, User]) -> User:
    if transition.notifier_may:
        return case.notifier
    actor = people[sorted(transition.roles)[0]]
    if Role.LISG_MEMBER in transition.roles:
        # A LISG member acts on the cases of their meetings' agendas (ADR 0011).
        before_the_lisg(case, actor)
    return actor
