"""Retention and disposal in a real browser, with axe on every page: the Business
Manager places a legal hold on one of two cases past their date, tries to dispose of
both and is refused for the held one at the field, then disposes of the other alone;
its child's name is gone from the service and the held case keeps its child."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.notifications.models import Child
from casereviews.retention.models import DisposedCase, LegalHold
from tests.browser.test_agencies_journey import Journey
from tests.factories import person
from tests.retention.cases import finished_case, places_naming

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_disposal_approved_for_one_case_while_the_held_one_is_refused(
    page: Page, live_server, board
) -> None:
    business_manager = person(board, Role.BUSINESS_MANAGER, full_name="Alison Burnell")
    free = finished_case(board, years_ago=12, name="Leo Marsh", born=datetime.date(2016, 7, 21))
    held = finished_case(board, years_ago=12)
    journey = Journey(page, live_server)

    # A legal hold for a complaint on one case.
    journey.as_(business_manager)
    journey.go("/")
    journey.click("link", "Retention", exact=True)
    expect(page.get_by_text("No legal hold is in force.")).to_be_visible()
    journey.click("link", "Place a legal hold", exact=True)
    journey.click("button", "Place the hold", exact=True)
    expect(page.get_by_role("link", name="Select what the hold covers")).to_be_visible()
    page.get_by_label("One case", exact=True).check()
    page.get_by_label("Case reference").fill(held.reference or "")
    page.get_by_label("A complaint").check()
    page.get_by_label("Details").fill("Complaint reference C-118")
    journey.click("button", "Place the hold", exact=True)
    expect(page.get_by_text("The legal hold is placed")).to_be_visible()
    expect(page.get_by_role("cell", name=held.reference or "", exact=True)).to_be_visible()

    # Both cases are on the disposal list; approving both is refused for the held one.
    journey.click("link", "See the disposal list", exact=True)
    page.get_by_label(f"{free.reference}:").check()
    page.get_by_label(f"{held.reference}:").check()
    page.get_by_label("Why these cases may be disposed of").fill("Reviewed at the March meeting")
    journey.click("button", "Approve disposal", exact=True)
    refusal = f"{held.reference} is under a legal hold and cannot be disposed of"
    expect(page.get_by_role("link", name=refusal)).to_be_visible()
    assert not DisposedCase.objects.exists()

    # The held case unticked, the other is disposed of.
    page.get_by_label(f"{held.reference}:").uncheck()
    expect(page.get_by_label("Why these cases may be disposed of")).to_have_value(
        "Reviewed at the March meeting"
    )
    journey.click("button", "Approve disposal", exact=True)
    expect(page.get_by_text("The personal data of 1 case is destroyed")).to_be_visible()
    expect(page.get_by_text("Reviewed at the March meeting")).to_be_visible()

    assert list(DisposedCase.objects.values_list("notification", flat=True)) == [free.pk]
    assert places_naming("Leo Marsh", ("2016-07-21", "21 July 2016", "21/07/2016")) == []
    assert Child.objects.filter(notification=held).exists()
    assert LegalHold.objects.get().lifted_at is None
    assert journey.problems == {}
