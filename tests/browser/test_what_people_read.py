"""Issue 28, "What people read", as a person reads it in a real browser, with axe on
every page."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.decisions.services import involvement_request_send
from casereviews.involvement.models import DisclosureDecision
from casereviews.notifications.models import Child, FamilyMember
from tests.browser.test_agencies_journey import Journey
from tests.involvement.conftest import build_partners

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_17_words_read_as_english(page: Page, live_server, board) -> None:
    partners = build_partners(board)
    case = partners.case
    Child.objects.filter(notification=case).update(date_of_birth=None)
    FamilyMember.objects.filter(notification=case).update(date_of_birth=None)
    involvement_request_send(notification=case, organisation=partners.police, by=partners.manager)
    DisclosureDecision.objects.create(
        notification=case,
        records_body="health",
        holding_agency=partners.health,
        consent="refused",
        consent_note="The mother refused on 3 November.",
        lawful_basis="Article 6(1)(e) UK GDPR.",
        decision="disclose_in_part",
        reasoning="Only the entries about the child",
        decided_by=partners.manager,
        decided_at=timezone.now(),
    )
    journey = Journey(page, live_server)

    # The agency reads the request: no "Born date not known".
    journey.as_(partners.police_lead)
    journey.go("/")
    journey.click("link", str(case.reference))
    text = page.locator("main").inner_text()
    assert "Born date not known" not in text
    assert text.count("Date of birth not known") == 2  # the child and the mother

    # The Business Manager reads what was typed with a full stop: never "..".
    journey.as_(partners.manager)
    journey.go(f"/notifications/{case.reference}")
    expect(page.locator("main")).to_contain_text("The mother refused on 3 November.")
    assert ".." not in page.locator("main").inner_text()
    assert DisclosureDecision.objects.filter(notification=case).count() == 1
    assert journey.problems == {}
