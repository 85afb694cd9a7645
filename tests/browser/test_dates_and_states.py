"""Issue 28, "Dates and states that are wrong" (7 to 11), as a person sees them in a real
browser, with axe on every page."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.deadlines import rules
from casereviews.deadlines.jobs import sweep_deadlines
from casereviews.deadlines.models import Deadline, DeadlineState, ReminderSent
from casereviews.deadlines.services import deadline_start
from casereviews.decisions.models import (
    ExternalNotification,
    InvolvementRequest,
    LisgRecommendation,
)
from casereviews.decisions.services import involvement_request_send
from casereviews.involvement.models import LisgMeeting, LisgMeetingMember
from casereviews.notifications.models import Notification, Status
from casereviews.reviews.models import Publication, Review
from casereviews.workflow.services import notification_transition
from tests.browser.test_agencies_journey import Journey
from tests.factories import NotificationFactory
from tests.involvement.conftest import build_partners
from tests.reviews.helpers import commissioned
from tests.workflow.procedure import _decision, _told, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_7_cancelled_agency_requests_are_not_yet_to_answer(page: Page, live_server, board) -> None:
    partners = build_partners(board)
    case = partners.case
    asked = involvement_request_send(
        notification=case, organisation=partners.police, by=partners.manager
    )
    case.refresh_from_db()
    notification_transition(
        notification=case,
        name="withdraw",
        by=partners.manager,
        expected_version=case.version,
        reason="The child's death was found to be from natural causes",
    )
    journey = Journey(page, live_server)
    journey.as_(partners.manager)
    journey.go(f"/notifications/{case.reference}")

    agencies = page.get_by_role("term").filter(has_text="Agencies yet to answer").locator("..")
    expect(agencies).to_contain_text("None")
    expect(agencies).not_to_contain_text("Thames Valley Police")
    expect(page.locator("#agencies-not-answered")).to_contain_text("Thames Valley Police")
    expect(page.locator("#agencies-not-answered")).not_to_contain_text("due")
    # The request was never answered; its deadline no longer runs.
    assert InvolvementRequest.objects.get(pk=asked.pk).status == "sent"
    assert Deadline.objects.get(subject=f"involvement-request:{asked.pk}").state == (
        DeadlineState.CANCELLED
    )
    assert journey.problems == {}


def _next_steps(page: Page) -> list[str]:
    heading = page.get_by_role("heading", name="What you can do next")
    return heading.locator("xpath=following-sibling::ul[1]").get_by_role("link").all_inner_texts()


def test_8_told_is_not_offered_again_and_withdraw_comes_after_the_next_step(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    manager = people[Role.BUSINESS_MANAGER]
    journey = Journey(page, live_server)
    journey.as_(manager)

    # Under consideration: asking the agencies comes before withdrawing.
    considered = NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    journey.go(f"/notifications/{considered.reference}")
    steps = _next_steps(page)
    assert steps[0] == "Ask the partner agencies for information", steps
    assert steps[-1] == "Withdraw the notification", steps

    # Decided: recording who was told is offered until both are recorded.
    decided = NotificationFactory.create(board=board, status=Status.NO_REVIEW)
    _decision(decided, "no_review", people[Role.INDEPENDENT_CHAIR])
    _told(decided, "ofsted", manager)
    journey.go(f"/notifications/{decided.reference}")
    assert "Record that Ofsted or the National Panel was told" in _next_steps(page)
    _told(decided, "national_panel", manager)
    journey.go(f"/notifications/{decided.reference}")
    assert (
        "Record that Ofsted or the National Panel was told" not in page.locator("main").inner_text()
    )
    assert ExternalNotification.objects.filter(notification=decided).count() == 2
    assert journey.problems == {}


def test_9_a_new_notification_is_not_due_soon_at_once(
    page: Page, live_server, board, mailbox
) -> None:
    people = staff(board)
    manager = people[Role.BUSINESS_MANAGER]
    submitted = timezone.now()
    case = NotificationFactory.create(board=board, status=Status.SUBMITTED, submitted_at=submitted)
    deadline = deadline_start(notification=case, rule=rules.VERIFICATION_DUE, started_at=submitted)
    journey = Journey(page, live_server)
    journey.as_(manager)
    journey.go("/due/")
    row = page.get_by_role("row").filter(has_text=str(case.reference))
    expect(row).to_contain_text("On track")
    # No "due soon" e-mail the moment the case arrives...
    assert sweep_deadlines() == 0
    assert not ReminderSent.objects.filter(deadline=deadline).exists()
    # ...but one on the working day before the due day, which the page then says.
    day_before = rules.moment_relative_to(deadline.due_at, -1)
    with time_machine.travel(day_before + datetime.timedelta(minutes=1), tick=False):
        assert sweep_deadlines() == 1
        journey.as_(manager)  # a session of that day (an idle one would have ended)
        journey.go("/due/")
        expect(page.get_by_role("row").filter(has_text=str(case.reference))).to_contain_text(
            "Due soon"
        )
    assert list(ReminderSent.objects.filter(deadline=deadline).values_list("step", flat=True)) == [
        "due_soon"
    ]
    assert journey.problems == {}


def test_10_a_meeting_held_today_is_past_and_the_review_says_what_was_decided(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    manager = people[Role.BUSINESS_MANAGER]
    earlier_today = LisgMeeting.objects.create(
        board=board,
        date=timezone.localdate(),
        time=datetime.time(0, 0),
        place="Time Square, Bracknell",
        created_by=manager,
        created_at=timezone.now(),
    )
    journey = Journey(page, live_server)
    journey.as_(manager)
    journey.go("/lisg-meetings/")
    expect(page.locator("main")).not_to_contain_text("Time Square, Bracknell")
    journey.go("/lisg-meetings/?when=past")
    expect(page.get_by_role("table")).to_contain_text("Time Square, Bracknell")

    # An SCR decided with the LISG's methodology, its review's record not yet made.
    case = NotificationFactory.create(board=board, status=Status.SCR_COMMISSIONED)
    LisgRecommendation.objects.create(
        notification=case,
        review_type="scr",
        methodology="scie_learning_together",
        rationale="Agencies held information apart",
        meeting_date=timezone.localdate(),
        recorded_by=people[Role.LISG_MEMBER],
        recorded_at=timezone.now(),
    )
    _decision(case, "scr", people[Role.INDEPENDENT_CHAIR])
    journey.go(f"/notifications/{case.reference}/review")
    summary = page.locator(".govuk-summary-list").first
    expect(summary).to_contain_text("Serious Case Review (SCR), as the Independent Chair decided")
    expect(summary).to_contain_text("SCIE Learning Together systems model, as the LISG recommended")
    expect(summary).not_to_contain_text("Not set up yet")
    assert not Review.objects.filter(notification=case).exists()
    assert LisgMeeting.objects.get(pk=earlier_today.pk).date == timezone.localdate()
    assert journey.problems == {}


def test_11_a_meeting_is_changed_with_its_own_saved_time(page: Page, live_server, board) -> None:
    people = staff(board)
    manager = people[Role.BUSINESS_MANAGER]
    meeting = LisgMeeting.objects.create(
        board=board,
        date=timezone.localdate() + datetime.timedelta(days=14),
        time=datetime.time(10, 0),
        place="Time Square, Bracknell",
        created_by=manager,
        created_at=timezone.now(),
    )
    LisgMeetingMember.objects.create(
        meeting=meeting, user=people[Role.LISG_MEMBER], added_by=manager, added_at=timezone.now()
    )
    journey = Journey(page, live_server)
    journey.as_(manager)
    journey.go(f"/lisg-meetings/{meeting.pk}/change")
    expect(page.get_by_label("Start time (optional)")).to_have_value("10:00")
    page.get_by_label("Where is it held?").fill("Easthampstead House, Bracknell")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    journey.axe()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("The meeting's details are saved")
    meeting.refresh_from_db()
    assert (meeting.time, meeting.place) == (datetime.time(10, 0), "Easthampstead House, Bracknell")
    assert journey.problems == {}


def test_6_the_reports_copy_cannot_be_dated_before_the_report(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    manager = people[Role.BUSINESS_MANAGER]
    case = commissioned(board, people, status=Status.REPORT)
    Notification.objects.filter(pk=case.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=200)
    )
    signed_off = timezone.localdate() - datetime.timedelta(days=3)
    review = Review.objects.create(
        notification=case, kind="scr", created_by=manager, created_at=timezone.now()
    )
    Publication.objects.create(review=review, signed_off_on=signed_off)
    journey = Journey(page, live_server)
    journey.as_(manager)
    journey.go(f"/notifications/{case.reference}/review/copy-sent")
    early = signed_off - datetime.timedelta(days=10)  # after the notification, before the report
    for legend, day in (
        ("When was the copy sent to Ofsted?", early),
        ("When was the copy sent to the National Panel?", signed_off),
    ):
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))
    journey.click("button", "Save")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"The date must be on or after {signed_off.day} {signed_off:%B %Y}, the day the board "
        "signed the report off"
    )
    ofsted = page.get_by_role("group", name="When was the copy sent to Ofsted?")
    expect(ofsted.get_by_label("Day")).to_have_value(str(early.day))
    assert Publication.objects.get(review=review).ofsted_copy_sent_on is None
    assert journey.problems == {}
