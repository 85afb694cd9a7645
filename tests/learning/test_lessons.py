"""The lessons library: a case closed after a review joins its board's library by itself,
with its themes, so "similar issues previously reviewed" finds it; each entry has its own
page; briefings of partners on its lessons are recorded (Regulation 5(1)(e))."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import NotificationTheme, PastReview, Theme
from casereviews.assessments.selectors import assessment_facts, similar_past_reviews
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.decisions.models import ExternalBody
from casereviews.learning.models import Briefing
from casereviews.notifications.models import Status
from casereviews.reviews.models import (
    Publication,
    Recommendation,
    Review,
)
from tests.factories import (
    ChairDecisionFactory,
    NotificationFactory,
    OrganisationFactory,
    ReviewActionFactory,
    moved,
    person,
    told,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def neglect(db) -> Theme:
    return Theme.objects.get_or_create(code="neglect", defaults={"name": "Neglect"})[0]


def _reviewed_case(board, business_manager, theme, decision: str, status=Status.ACTIONS_MONITORED):
    case = NotificationFactory.create(board=board, status=status)
    NotificationTheme.objects.create(
        notification=case, theme=theme, tagged_by=business_manager, tagged_at=timezone.now()
    )
    ChairDecisionFactory.create(
        notification=case, decision=decision, decided_by=person(board, Role.INDEPENDENT_CHAIR)
    )
    for body in ExternalBody:
        told(case, body, business_manager)
    return case


def _close(case, business_manager) -> None:
    moved(case, "close", business_manager)


def test_a_closed_review_joins_the_library_and_is_found_as_similar(
    board, business_manager, neglect
):
    closed = _reviewed_case(board, business_manager, neglect, "scr")
    _close(closed, business_manager)
    entry = PastReview.objects.get(notification=closed)
    assert entry.board == board
    assert entry.type == "scr"
    assert entry.year == timezone.localdate().year
    assert list(entry.themes.all()) == [neglect]
    assert entry.title == f"{closed.reference}: Serious Case Review (SCR)"
    # A new case on the same theme now finds it, and the engine is told so.
    new = _reviewed_case(board, business_manager, neglect, "cpir", status=Status.SUBMITTED)
    assert list(similar_past_reviews(new)) == [entry]
    assert assessment_facts(new)["similar_issues_previously_reviewed"] is True


def _review_records(case, business_manager) -> None:
    """The review's terms of reference (its key lines of enquiry), two recommendations
    (one with an action done and sustained), and its publication in full."""
    review = Review.objects.create(
        notification=case,
        kind="scr",
        methodology="silp",
        lines_of_enquiry="How agencies shared concerns about neglect\nHow the GP was told",
        created_by=business_manager,
        created_at=timezone.now(),
    )
    Publication.objects.create(
        review=review,
        form="full",
        web_address="https://example.org/scr-neglect",
        published_on=timezone.localdate(),
    )
    Recommendation.objects.create(review=review, number=2, text="Train GPs on neglect")
    first = Recommendation.objects.create(review=review, number=1, text="A joint neglect toolkit")
    ReviewActionFactory.create(
        recommendation=first,
        board=case.board,
        notification=case,
        description="Write the toolkit",
        owner_agency=OrganisationFactory.create(name="Surrey County Council"),
        due_on=timezone.localdate(),
        status="complete",
        sustained_on=timezone.localdate(),
        sustained_evidence="Audit of 20 cases",
        sustained_judged_by=business_manager,
    )


def test_the_library_takes_findings_and_recommendations_from_the_review(
    board, business_manager, neglect, signed_in
):
    case = _reviewed_case(board, business_manager, neglect, "scr")
    _review_records(case, business_manager)
    _close(case, business_manager)
    entry = PastReview.objects.get(notification=case)
    assert entry.key_findings == (
        "The review's key lines of enquiry:\n"
        "How agencies shared concerns about neglect\nHow the GP was told"
    )
    assert entry.recommendations == "1. A joint neglect toolkit\n2. Train GPs on neglect"
    assert entry.published_url == "https://example.org/scr-neglect"
    page = signed_in(business_manager).get(reverse("learning:lesson", args=[entry.pk]))
    assert "How the GP was told" in page.content.decode()
    assert "2. Train GPs on neglect" in page.content.decode()


def test_the_review_fills_only_what_was_not_written_by_hand(board, business_manager, neglect):
    case = _reviewed_case(board, business_manager, neglect, "scr")
    _close(case, business_manager)
    entry = PastReview.objects.get(notification=case)
    assert (entry.key_findings, entry.recommendations) == ("", "")
    entry.key_findings = "Supervision was thin"
    entry.save(update_fields=["key_findings"])
    # Reopened, its review's records are entered, and it is closed again.
    _review_records(case, business_manager)
    moved(case, "reopen", business_manager, reason="New information")
    case.status = Status.ACTIONS_MONITORED
    case.save(update_fields=["status"])
    _close(case, business_manager)
    entry.refresh_from_db()
    assert entry.key_findings == "Supervision was thin"
    assert entry.recommendations == "1. A joint neglect toolkit\n2. Train GPs on neglect"


def test_a_case_closed_after_no_review_adds_nothing(board, business_manager, neglect):
    case = _reviewed_case(board, business_manager, neglect, "no_review", status=Status.NO_REVIEW)
    _close(case, business_manager)
    assert not PastReview.objects.exists()


def test_a_case_closed_again_keeps_its_entry_and_what_was_written(board, business_manager, neglect):
    case = _reviewed_case(board, business_manager, neglect, "cpir")
    _close(case, business_manager)
    PastReview.objects.filter(notification=case).update(key_findings="Supervision was thin")
    moved(case, "reopen", business_manager, reason="New information")
    case.status = Status.ACTIONS_MONITORED
    case.save(update_fields=["status"])
    _close(case, business_manager)
    entry = PastReview.objects.get(notification=case)
    assert entry.key_findings == "Supervision was thin"
    assert PastReview.objects.count() == 1


def test_the_entry_page_and_a_briefing_of_partners(
    board, business_manager, neglect, signed_in, other_board
):
    case = _reviewed_case(board, business_manager, neglect, "scr")
    _close(case, business_manager)
    entry = PastReview.objects.get(notification=case)
    client = signed_in(business_manager)
    library = client.get(reverse("learning:library") + f"?theme={neglect.code}")
    assert entry.title in library.content.decode()

    response = client.post(
        reverse("learning:lesson-findings", args=[entry.pk]),
        {
            "key_findings": "Agencies did not share concerns about neglect",
            "recommendations": "A joint neglect toolkit",
            "published_url": "",
        },
    )
    assert response.status_code == 302
    # Bad input keeps what was entered and says what to correct.
    refused = client.post(
        reverse("learning:briefing-record", args=[entry.pk]),
        {"what": "The lessons on neglect", "to_whom": "", "given_on_day": "31"},
    )
    html = refused.content.decode()
    assert "Enter who was briefed" in html
    assert "The lessons on neglect" in html
    assert not Briefing.objects.exists()
    client.post(
        reverse("learning:briefing-record", args=[entry.pk]),
        {
            "what": "The lessons on neglect",
            "to_whom": "Partner agencies at the board meeting",
            "given_on_day": "14",
            "given_on_month": "5",
            "given_on_year": "2026",
        },
    )
    page = client.get(reverse("learning:lesson", args=[entry.pk])).content.decode()
    assert "Agencies did not share concerns about neglect" in page
    assert "A joint neglect toolkit" in page
    assert "Partner agencies at the board meeting" in page
    assert "14 May 2026" in page
    assert AuditEvent.objects.filter(action="lesson.briefing_recorded").count() == 1
    assert AuditEvent.objects.filter(action="lesson.findings_recorded").count() == 1

    # Another board's Business Manager finds no such page; a LISG member reads it but
    # cannot write on it.
    stranger = signed_in(person(other_board, Role.BUSINESS_MANAGER))
    assert stranger.get(reverse("learning:lesson", args=[entry.pk])).status_code == 404
    lisg = signed_in(person(board, Role.LISG_MEMBER))
    assert lisg.get(reverse("learning:lesson", args=[entry.pk])).status_code == 200
    assert lisg.get(reverse("learning:briefing-record", args=[entry.pk])).status_code == 404


def test_the_demo_library_shows_findings_and_a_briefing(signed_in) -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    entry = PastReview.objects.get(title="Baby A: bruising in a non-mobile infant")
    assert Briefing.objects.filter(past_review=entry).count() == 1
    manager = User.objects.get(
        role_grants__board=entry.board, role_grants__role=Role.BUSINESS_MANAGER
    )
    page = signed_in(manager).get(reverse("learning:lesson", args=[entry.pk])).content.decode()
    assert "explained away" in page
    assert "Partner agencies at the board meeting" in page
