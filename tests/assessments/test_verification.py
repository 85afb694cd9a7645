"""The Business Manager's verification page: who may use it, each outcome's records,
disagreement with the engine, the return-for-information round trip and similar cases."""

from __future__ import annotations

import pytest

from casereviews.assessments.models import (
    CriteriaAssessment,
    PastReview,
    ReviewType,
    Theme,
    VerificationDecision,
)
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from tests.assessments.conftest import CPIR, NO_REVIEW, SCR_MANDATORY, submit
from tests.factories import moved, person

pytestmark = pytest.mark.django_db


def verify_url(notification) -> str:
    return f"/notifications/{notification.reference}/verify"


def test_the_business_manager_sees_the_recommendation_and_its_sources(
    signed_in, business_manager, submitted
) -> None:
    response = signed_in(business_manager).get(verify_url(submitted))
    assert response.status_code == 200
    page = response.content.decode()
    assert "A Serious Case Review must be commissioned" in page
    assert "Regulation 5(2)" in page
    assert f"/notifications/{submitted.reference}" in page
    assert AuditEvent.objects.filter(action="notification.read", actor=business_manager).exists()


def test_the_home_page_links_the_business_manager_to_verify(
    signed_in, business_manager, submitted
) -> None:
    page = signed_in(business_manager).get("/").content.decode()
    assert verify_url(submitted) in page


@pytest.mark.parametrize("who", ["notifier", "other_board_bm", "administrator", "lisg"])
def test_nobody_but_the_boards_business_manager_may_verify(
    signed_in, submitted, notifier, other_board, administrator, board, who
) -> None:
    user = {
        "notifier": notifier,
        "other_board_bm": person(other_board, Role.BUSINESS_MANAGER),
        "administrator": administrator,
        "lisg": person(board, Role.LISG_MEMBER),
    }[who]
    client = signed_in(user)
    assert client.get(verify_url(submitted)).status_code == 404
    post = client.post(verify_url(submitted), {"outcome": "verified_scr", "version": 2})
    assert post.status_code == 404
    assert not VerificationDecision.objects.exists()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_verified_notification_is_no_longer_verifiable(
    signed_in, business_manager, submitted
) -> None:
    client = signed_in(business_manager)
    client.post(verify_url(submitted), {"outcome": "verified_scr", "version": submitted.version})
    assert client.get(verify_url(submitted)).status_code == 404


@pytest.mark.parametrize(
    ("facts", "form", "transition", "target"),
    [
        (SCR_MANDATORY, {"outcome": "verified_scr"}, "verify", Status.UNDER_CONSIDERATION),
        (CPIR, {"outcome": "verified_cpir"}, "verify", Status.UNDER_CONSIDERATION),
        (
            NO_REVIEW,
            {"outcome": "not_met", "review_to_consider": "Single-agency audit by health"},
            "verify",
            Status.UNDER_CONSIDERATION,
        ),
        (
            SCR_MANDATORY,
            {"outcome": "returned", "message": "Please give the date of the incident"},
            "return_for_information",
            Status.RETURNED_FOR_INFORMATION,
        ),
    ],
)
def test_each_outcome_is_recorded_with_its_status_timeline_and_audit(
    signed_in, board, notifier, business_manager, facts, form, transition, target
) -> None:
    notification = submit(board, notifier, facts)
    response = signed_in(business_manager).post(
        verify_url(notification), {**form, "version": notification.version}
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.status == target
    decision = VerificationDecision.objects.get(notification=notification)
    assert decision.outcome == form["outcome"]
    assert decision.by == business_manager
    assert decision.engine_recommendation == CriteriaAssessment.objects.get().recommendation
    assert decision.agrees is (None if form["outcome"] == "returned" else True)
    change = StatusChange.objects.get(notification=notification, transition=transition)
    assert (change.by, change.to_status) == (business_manager, target)
    kinds = set(
        TimelineEntry.objects.filter(notification=notification).values_list("kind", flat=True)
    )
    assert {f"transition.{transition}", f"verification.{form['outcome']}"} <= kinds
    event = AuditEvent.objects.get(action="notification.verification")
    assert event.detail["outcome"] == form["outcome"]
    assert AuditEvent.objects.filter(action=f"notification.{transition}").count() == 1


def test_disagreeing_without_a_reason_is_refused_at_the_field_and_nothing_is_lost(
    signed_in, business_manager, submitted
) -> None:
    """The engine says an SCR must be commissioned; verifying for a CPIR needs a reason."""
    client = signed_in(business_manager)
    form = {
        "outcome": "verified_cpir",
        "message": "kept text",
        "version": submitted.version,
    }
    response = client.post(verify_url(submitted), form)
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Enter why your decision differs from the recommendation"
    ]
    page = response.content.decode()
    assert 'href="#id_reason"' in page
    assert "kept text" in page
    assert 'value="verified_cpir" checked' in page
    assert not VerificationDecision.objects.exists()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED

    response = client.post(
        verify_url(submitted), {**form, "reason": "The LISG chair advised a CPIR first"}
    )
    assert response.status_code == 302
    decision = VerificationDecision.objects.get()
    assert (decision.agrees, decision.engine_recommendation) == (False, "scr_mandatory")
    assert decision.reason == "The LISG chair advised a CPIR first"


def test_not_meeting_the_criteria_needs_the_review_to_consider(
    signed_in, business_manager, board, notifier
) -> None:
    notification = submit(board, notifier, NO_REVIEW)
    response = signed_in(business_manager).post(
        verify_url(notification), {"outcome": "not_met", "version": notification.version}
    )
    assert "Enter the review or audit the board should consider" in response.content.decode()
    assert not VerificationDecision.objects.exists()


def test_a_return_needs_a_message(signed_in, business_manager, submitted) -> None:
    response = signed_in(business_manager).post(
        verify_url(submitted), {"outcome": "returned", "version": submitted.version}
    )
    assert response.context["form"].errors["message"]
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_decision_from_a_stale_page_is_refused(signed_in, business_manager, submitted) -> None:
    response = signed_in(business_manager).post(
        verify_url(submitted), {"outcome": "verified_scr", "version": submitted.version - 1}
    )
    assert "Someone else changed this notification" in response.content.decode()
    assert not VerificationDecision.objects.exists()


def test_return_for_information_round_trip(signed_in, board, notifier, business_manager) -> None:
    """BM returns with a message → the notifier sees it → amends and resubmits → the BM
    sees it to verify again, with the new assessment stored."""
    notification = submit(board, notifier, {"abuse_or_neglect": "unknown", "child_died": True})
    client = signed_in(business_manager)
    client.post(
        verify_url(notification),
        {"outcome": "returned", "message": "Was abuse or neglect suspected?", "version": 2},
    )
    client = signed_in(notifier)
    case_page = client.get(f"/notifications/{notification.reference}").content.decode()
    assert "Was abuse or neglect suspected?" in case_page

    notification.refresh_from_db()
    notification.criteria_facts = SCR_MANDATORY
    notification.save()
    moved(notification, "resubmit", notifier)
    case_page = client.get(f"/notifications/{notification.reference}").content.decode()
    # The request is answered: no longer asked on the banner, still in the timeline.
    assert 'id="return-message"' not in case_page
    assert "Message to the notifier: Was abuse or neglect suspected?" in case_page

    client = signed_in(business_manager)
    assert verify_url(notification) in client.get("/").content.decode()
    page = client.get(verify_url(notification)).content.decode()
    assert "A Serious Case Review must be commissioned" in page
    assert list(
        CriteriaAssessment.objects.filter(notification=notification).values_list(
            "recommendation", flat=True
        )
    ) == ["insufficient_information", "scr_mandatory"]


def test_themes_show_similar_past_cases_and_feed_the_advisory(
    signed_in, board, other_board, notifier, business_manager
) -> None:
    # A proposed CPIR: the advisory is never given with an SCR recommendation (Section A 3(v)).
    submitted = submit(board, notifier, CPIR)
    neglect = Theme.objects.get(code="neglect")
    ours = PastReview.objects.create(
        board=board, title="Family B: chronic neglect", year=2013, type=ReviewType.SCR
    )
    ours.themes.add(neglect)
    theirs = PastReview.objects.create(
        board=other_board, title="Elsewhere: neglect", year=2014, type=ReviewType.SCR
    )
    theirs.themes.add(neglect)
    earlier = submit(board, notifier, CPIR)
    client = signed_in(business_manager)
    client.post(f"/notifications/{earlier.reference}/verify/themes", {"themes": [neglect.pk]})

    response = client.post(
        f"/notifications/{submitted.reference}/verify/themes", {"themes": [neglect.pk]}
    )
    assert response.status_code == 302
    latest = CriteriaAssessment.objects.filter(notification=submitted).latest()
    assert latest.facts["similar_issues_previously_reviewed"] is True
    assert "similar_issues_previously_reviewed" in {a["code"] for a in latest.answer["advisories"]}
    page = client.get(verify_url(submitted)).content.decode()
    assert "Family B: chronic neglect" in page
    assert "Elsewhere: neglect" not in page
    assert earlier.reference in page
    assert AuditEvent.objects.filter(action="notification.themes_set").count() == 2
