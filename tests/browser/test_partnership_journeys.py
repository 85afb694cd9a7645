"""Issue 27, acceptance journey (a), in a real browser with axe on every page: in a
safeguarding partnership, a referral judged not notifiable to the Panel (with the criteria
engine's answer beside the question), decided "no review" by the three safeguarding
partners' representatives, with no Panel notification, no rapid review and no Panel
deadline ever started."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from casereviews.boards.models import BoardFramework, Role
from casereviews.deadlines.models import Deadline
from casereviews.notifications.models import Status
from casereviews.workflow.models import PanelNotification, PartnersView, StatusChange
from casereviews.workflow.services import notification_transition
from tests.browser.test_agencies_journey import Journey
from tests.factories import NotificationFactory
from tests.workflow.procedure import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNERS = (
    (Role.PARTNER_LOCAL_AUTHORITY, "No learning for the partnership beyond the school's own."),
    (Role.PARTNER_ICB, "Health agencies' involvement was appropriate."),
    (Role.PARTNER_POLICE, "No police involvement; agree no review."),
)


def test_a_referral_not_notifiable_is_decided_no_review_by_the_three_partners(
    page: Page, live_server, board
) -> None:
    BoardFramework.objects.create(
        board=board, framework="wt-2023", effective_from=datetime.date(2024, 9, 1)
    )
    people = staff(board)
    draft = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.DRAFT,
        framework="wt-2023",
        reference="BF-2026-0400",
        criteria_facts={
            "abuse_or_neglect": "not_suspected",
            "child_died": False,
            "seriously_harmed": False,
        },
    )
    case = notification_transition(
        notification=draft, name="submit", by=people[Role.NOTIFIER], expected_version=1
    )
    journey = Journey(page, live_server)
    status = page.locator("#case-status")

    journey.as_(people[Role.BUSINESS_MANAGER])
    journey.go(f"/notifications/{case.reference}")
    expect(status).to_contain_text("judges whether the incident is notifiable")
    journey.click("link", "Record whether the incident is notifiable to the Panel")
    expect(page.locator("#recommendation-text")).to_contain_text(
        "Not a serious child safeguarding case"
    )
    page.get_by_label("No", exact=True).check()
    journey.click("button", "Record the judgement")
    expect(status).to_contain_text("judged not notifiable")
    expect(
        page.get_by_role(
            "link", name="Record the notification to the Panel and start the rapid review"
        )
    ).to_have_count(0)

    for role, reasons in PARTNERS:
        journey.as_(people[role])
        journey.go(f"/notifications/{case.reference}")
        journey.click("link", "Record your agreement to the safeguarding partners' decision")
        expect(page.get_by_label("A local child safeguarding practice review")).to_have_count(0)
        page.get_by_label("No review").check()
        page.get_by_label("Your reasons").fill(reasons)
        journey.click("button", "Record your agreement")
    expect(status).to_contain_text("The safeguarding partners have decided that")

    case.refresh_from_db()
    assert case.status == Status.NO_REVIEW
    assert PartnersView.objects.filter(notification=case).count() == 3
    assert not PanelNotification.objects.filter(notification=case).exists()
    assert not StatusChange.objects.filter(
        notification=case, transition__in=["notify_panel", "send_rapid_review"]
    ).exists()
    assert not Deadline.objects.filter(notification=case).exists()
    assert journey.problems == {}
