"""A board under the 2015 procedure until 1 January 2025 and a safeguarding partnership
after it, in a real browser with axe on every page: a case notified before keeps the 2015
words and steps; one notified after is notified to the Panel, rapidly reviewed with the
agencies' answers, decided by the safeguarding partners, answered by the Panel, and becomes
an LCSPR whose review starts; a new notification to the partnership asks what is sought in
Working Together 2023's words."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from playwright.sync_api import Page, expect

from casereviews.boards.models import BoardFramework, Role
from casereviews.deadlines.models import Deadline
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.services import notification_transition
from tests.browser.test_agencies_journey import Journey
from tests.factories import NotificationFactory, OrganisationFactory, person
from tests.workflow.procedure import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submitted(board, notifier, on: datetime.datetime) -> Notification:
    """Submitted on `on` through the workflow service, which fixes its framework."""
    draft = NotificationFactory.create(
        board=board, notifier=notifier, status=Status.DRAFT, reference=f"BF-{on.year}-0001"
    )
    with time_machine.travel(on, tick=False):
        return notification_transition(
            notification=draft, name="submit", by=notifier, expected_version=1
        )


def test_a_case_keeps_its_framework_and_a_partnership_case_reaches_an_lcspr(
    page: Page, live_server, board
) -> None:
    BoardFramework.objects.create(
        board=board, framework="wt-2023", effective_from=datetime.date(2025, 1, 1)
    )
    people = staff(board)
    notifier = people[Role.NOTIFIER]
    police = OrganisationFactory.create(name="Thames Valley Police")
    board.partners.add(police)
    police_lead = person(board, Role.AGENCY_LEAD, organisation=police, full_name="Police Lead")
    old = _submitted(board, notifier, datetime.datetime(2024, 12, 2, 10, tzinfo=datetime.UTC))
    new = _submitted(board, notifier, datetime.datetime(2025, 3, 3, 10, tzinfo=datetime.UTC))
    assert (old.framework, new.framework) == ("bf-lscb-2015", "wt-2023")
    journey = Journey(page, live_server)
    status = page.locator("#case-status")

    journey.as_(people[Role.BUSINESS_MANAGER])
    journey.go(f"/notifications/{old.reference}")
    expect(status).to_have_text(
        f"{old.reference} has been sent to the board and is waiting to be verified."
    )
    expect(page.locator("#case-framework")).to_contain_text("Working Together 2015")

    journey.go(f"/notifications/{new.reference}")
    expect(status).to_contain_text("judges whether the incident is notifiable to the Child")
    expect(page.locator("#case-framework")).to_contain_text("Working Together 2023")
    journey.click(
        "link",
        "See the content of the notification to the Child Safeguarding Practice Review Panel",
    )
    expect(page.locator("#who-is-told")).to_contain_text("Ofsted")
    # The local authority knew before the notification arrived: the Panel's 5 working days
    # count from that day once the Business Manager records it.
    journey.go(f"/notifications/{new.reference}")
    aware = page.locator("#case-local-authority-aware")
    expect(aware).to_contain_text("Not recorded yet")
    journey.click("link", "Record when the local authority became aware")
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    journey.click("button", "Record when the local authority became aware")
    expect(aware).to_contain_text("27 February 2025")
    # The Panel's clock starts once the Business Manager judges the incident notifiable,
    # with the criteria engine's answer beside the question.
    journey.click("link", "Record whether the incident is notifiable to the Panel")
    expect(page.locator("#recommendation")).to_be_visible()
    page.get_by_label("Yes").check()
    journey.click("button", "Record the judgement")
    expect(page.get_by_text("end of Thursday 6 March 2025")).to_be_visible()
    # The notification is recorded as sent: the day, how, the Panel's reference, who sent it.
    journey.click("link", "Record the notification to the Panel and start the rapid review")
    page.get_by_label("Day").fill("5")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("The reference the Panel or Ofsted gave the notification").fill("CSPRP-1")
    page.get_by_label("Who sent it?").fill("Sam Patel, Head of Children's Social Care")
    journey.click("button", "Record the notification to the Panel")
    expect(status).to_contain_text("the safeguarding partners' rapid review is under way")
    expect(page.locator("#panel-notification")).to_contain_text("CSPRP-1")

    # The rapid review gathers the agencies' information, as the LISG's discussion does.
    journey.click("link", "Ask the partner agencies for information")
    expect(page.get_by_label("Thames Valley Police")).to_be_checked()
    journey.click("button", "Ask the partner agencies for information")
    expect(page.get_by_text("1 agency has been asked for information")).to_be_visible()
    journey.click("link", "Send the rapid review to the Panel")
    page.get_by_label("Why do you want to send the rapid review to the Panel?").fill(
        "The rapid review met on 10 March."
    )
    journey.click("button", "Send the rapid review to the Panel")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Every agency asked must answer before the rapid review is sent to the Panel"
    )
    journey.as_(police_lead)
    journey.go("/")
    journey.click("link", new.reference or "")
    page.get_by_label("No involvement").check()
    page.get_by_label("Which records did you search, and when?").fill("Niche RMS, 4 March 2025")
    journey.click("button", "Continue to check and send")
    journey.click("button", "Send your answer to the safeguarding partnership")
    expect(
        page.get_by_text("Your answer has been sent to the safeguarding partnership")
    ).to_be_visible()

    journey.as_(people[Role.BUSINESS_MANAGER])
    journey.go(f"/notifications/{new.reference}")
    journey.click("link", "Send the rapid review to the Panel")
    page.get_by_label("Why do you want to send the rapid review to the Panel?").fill(
        "The rapid review met on 10 March; its record was sent to the Panel the same day."
    )
    journey.click("button", "Send the rapid review to the Panel")
    expect(status).to_contain_text("waiting for the safeguarding partners' decision")

    # Each of the three safeguarding partners agrees the decision through its representative.
    for role in (Role.PARTNER_LOCAL_AUTHORITY, Role.PARTNER_ICB, Role.PARTNER_POLICE):
        journey.as_(people[role])
        journey.go(f"/notifications/{new.reference}")
        journey.click("link", "Record your agreement to the safeguarding partners' decision")
        page.get_by_label("A local child safeguarding practice review (LCSPR)").check()
        page.get_by_label("The case highlights concerns about two or more agencies").check()
        page.get_by_label("Your reasons").fill(
            "Agencies did not share what they knew; the learning is for the whole partnership."
        )
        journey.click("button", "Record your agreement")
    expect(status).to_contain_text(
        "The safeguarding partners have decided to commission a Local Child Safeguarding "
        "Practice Review (LCSPR)"
    )

    # The Panel answers: it will not carry out a national review.
    journey.as_(people[Role.BUSINESS_MANAGER])
    journey.go(f"/notifications/{new.reference}")
    expect(page.get_by_text("The Panel's response has not been recorded yet")).to_be_visible()
    journey.click("link", "Record the Panel's response")
    page.get_by_label("No").check()
    page.get_by_label("Day").fill("24")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2025")
    journey.click("button", "Record the Panel's response")
    expect(page.locator("#panel-response")).to_contain_text(
        "The Child Safeguarding Practice Review Panel will not carry out a national review"
    )
    expect(page.locator("#panel-response")).to_contain_text("24 March 2025")

    # The LCSPR keeps the records of an SCR's review, and is guarded by them.
    journey.click("link", "Start the review")
    journey.click("button", "Start the review")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Appoint a lead reviewer")

    # The 2015 case still waits for the 2015 steps, under the 2015 words.
    journey.go(f"/notifications/{old.reference}")
    expect(status).to_contain_text("waiting to be verified")
    expect(
        page.get_by_role(
            "link", name="Record the notification to the Panel and start the rapid review"
        )
    ).to_have_count(0)
    # A partnership's notifier asks in Working Together 2023's words; a 2015 choice is
    # refused at the field.
    journey.as_(notifier)
    journey.go("/notifications/new")
    expect(
        page.get_by_text("Working Together to Safeguard Children 2023, chapter 5")
    ).to_be_visible()
    expect(page.get_by_label("Serious Case Review (SCR) consideration")).to_have_count(0)
    page.evaluate(
        """() => {
            const radio = document.querySelector('input[name="review_sought"]');
            radio.value = "scr";
            radio.checked = true;
        }"""
    )
    journey.click("button", "Start")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Working Together 2023")
    page.get_by_label("A rapid review of a serious incident", exact=False).check()
    journey.click("button", "Start")
    expect(page.get_by_role("heading", name="Your details")).to_be_visible()

    new.refresh_from_db()
    assert new.status == Status.LCSPR_COMMISSIONED
    assert set(Deadline.objects.filter(notification=new).values_list("rule_code", "state")) >= {
        # Sent on 5 March 2025, before the end of 6 March, whenever it was recorded.
        ("panel_notified_within_5_working_days", "met"),
        # Due 15 working days after 5 March 2025; sent (clicked) today.
        ("rapid_review_within_15_working_days", "missed"),
    }
    assert journey.problems == {}
