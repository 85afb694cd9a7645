"""In a real browser, with axe on every page: a communication with the press is drafted
by the Business Manager, refused as "delivered" before anyone agreed it, agreed by a LISG
member, approved by the Independent Chair naming the senior managers consulted, and
recorded as delivered; and a single-agency CPIR is recorded and closed with its outcome
and learning, without the LISG or the Chair (Procedure A 4(v), B 1(i))."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.communications.models import Communication
from casereviews.notifications.models import ReviewSought, Status
from tests.browser.test_agencies_journey import Journey
from tests.factories import NotificationFactory
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _today(page: Page) -> None:
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))


def test_a_communication_is_drafted_agreed_approved_and_delivered(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.CPIR_COMMISSIONED
    )
    # The LISG member who agrees it sits on the meeting that has the case: only they
    # see it (the rule of sight, docs/adr/0027-one-rule-of-sight.md).
    before_the_lisg(case, people[Role.LISG_MEMBER])
    reference = case.reference or ""
    journey = Journey(page, live_server)
    manager = people[Role.BUSINESS_MANAGER]

    journey.as_(manager)
    journey.go(f"/notifications/{reference}")
    journey.click("link", "Draft a communication")
    page.get_by_label("The press").check()
    page.get_by_label("Message").fill("The board has commissioned a review of practice.")
    page.get_by_label("A press statement").check()
    page.get_by_label("Who will deliver it?").select_option(label=manager.full_name)
    journey.click("button", "Send it to the LISG to agree")
    expect(page.get_by_text("the LISG members are asked to agree it")).to_be_visible()
    journey.axe()
    told = Communication.objects.get(notification=case)
    at = f"/notifications/{reference}/communications/{told.pk}"

    # Not yet agreed: recording it as delivered is refused, with the reason.
    journey.go(f"{at}/delivered")
    _today(page)
    journey.click("button", "Record it as delivered")
    expect(page.get_by_role("alert")).to_contain_text(
        "until the LISG has agreed it and the Independent Chair has approved it"
    )

    journey.as_(people[Role.LISG_MEMBER])
    journey.go(at)
    journey.click("button", "Record the LISG's agreement")
    page.get_by_label("The LISG agrees this communication").check()
    journey.click("button", "Record the agreement")
    expect(page.get_by_text("Waiting for the Independent Chair's approval")).to_be_visible()

    journey.as_(people[Role.INDEPENDENT_CHAIR])
    journey.go(at)
    journey.click("button", "Approve the communication")
    page.get_by_label("Which responsible senior managers did you consult?").fill(
        "Head of Safeguarding, Thames Valley Police"
    )
    journey.click("button", "Approve it")
    expect(page.get_by_text("Approved, waiting to be delivered")).to_be_visible()

    journey.as_(manager)
    journey.go(at)
    journey.click("button", "Record that it was delivered")
    _today(page)
    journey.click("button", "Record it as delivered")
    expect(page.get_by_text("The communication is recorded as delivered")).to_be_visible()
    expect(page.get_by_text("Head of Safeguarding, Thames Valley Police")).to_be_visible()
    journey.click("link", "Back to the communications")
    expect(page.get_by_role("cell", name="Delivered")).to_be_visible()
    journey.click("link", "Back to the case")
    expect(
        page.get_by_role("heading", name="Communications with the family and the press")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Delivered")).to_be_visible()
    assert journey.problems == {}


def test_a_single_agency_cpir_is_recorded_and_closed(page: Page, live_server, board) -> None:
    people = staff(board)
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.UNDER_CONSIDERATION,
        review_sought=ReviewSought.SINGLE_AGENCY_CPIR,
    )
    board.partners.add(case.organisation)
    reference = case.reference or ""
    journey = Journey(page, live_server)
    journey.as_(people[Role.BUSINESS_MANAGER])
    journey.go(f"/notifications/{reference}")
    journey.click("link", "Record that it is a single-agency CPIR")
    page.get_by_label("Who agreed for the agency?").fill("Pat Quinn, Safeguarding Lead Officer")
    _today(page)
    journey.click("button", "Record that it is a single-agency CPIR")
    expect(page.get_by_text("is recorded as a single-agency CPIR")).to_be_visible()
    expect(page.get_by_text("Pat Quinn, Safeguarding Lead Officer for the agency")).to_be_visible()
    journey.axe()

    journey.click("link", "Record the outcome and learning, and close")
    page.get_by_label("What was the outcome of the agency's review?").fill(
        "The agency's review found missed follow-up visits"
    )
    page.get_by_label("What was learnt?").fill("Follow-up visits are booked at the first visit")
    _today(page)
    journey.click("button", "Record the outcome and learning of the single-agency CPIR")
    expect(page.get_by_text("Follow-up visits are booked at the first visit")).to_be_visible()
    journey.axe()
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert not case.lisg_recommendations.exists()
    assert not case.chair_decisions.exists()
    assert journey.problems == {}
