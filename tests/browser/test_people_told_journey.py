"""Nobody silently left out (issue 28, 1-5), as the people in the case meet it in a real
browser, with axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from casereviews.deadlines.models import Deadline
from casereviews.decisions.models import InvolvementRequest
from casereviews.outbox.jobs import deliver_outbox
from tests.browser.test_agencies_journey import Journey
from tests.factories import OrganisationFactory
from tests.involvement.conftest import build_partners

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue28_1_agencies_nobody_can_reach_are_named_and_not_counted_as_asked(
    page: Page, live_server, board, mailbox
) -> None:
    """Two partners have no lead and no secure address: the page names them and how to
    fix it before anything is sent; the confirmation says who was told and who was not;
    no request, deadline or e-mail exists for them, so no figure counts them as asked."""
    partners = build_partners(board)
    housing = OrganisationFactory.create(name="Bracknell Forest Housing", type="voluntary_sector")
    dentist = OrganisationFactory.create(name="Crowthorne Dental Practice", type="health")
    secure = OrganisationFactory.create(
        name="Berkshire Healthcare", type="health", secure_email="safeguarding@bhft.example"
    )
    board.partners.add(housing, dentist, secure)
    reference = partners.case.reference or ""
    journey = Journey(page, live_server)

    journey.as_(partners.manager)
    journey.go(f"/notifications/{reference}")
    journey.click("link", "Ask the partner agencies for information")
    warning = page.locator(".govuk-warning-text")
    expect(warning).to_contain_text("These 2 agencies cannot be told, so they will not be asked")
    expect(page.locator("#cannot-be-told li")).to_have_text(
        ["Bracknell Forest Housing", "Crowthorne Dental Practice"]
    )
    expect(warning).to_contain_text("register a safeguarding lead")
    expect(warning).to_contain_text("secure e-mail address")
    expect(page.get_by_label("Bracknell Forest Housing")).to_have_count(0)
    expect(page.get_by_label("Berkshire Healthcare")).to_be_checked()
    journey.click("button", "Ask the partner agencies for information")

    confirmation = page.locator(".govuk-notification-banner")
    expect(confirmation).to_contain_text(
        "4 agencies have been asked for information and told by e-mail: Berkshire "
        "Healthcare, Crown Wood Primary School, Frimley Health NHS Foundation Trust and "
        "Thames Valley Police."
    )
    expect(confirmation).to_contain_text(
        "Not told and not asked: Bracknell Forest Housing and Crowthorne Dental Practice"
    )
    asked = InvolvementRequest.objects.filter(notification=partners.case)
    assert sorted(asked.values_list("organisation__name", flat=True)) == [
        "Berkshire Healthcare",
        "Crown Wood Primary School",
        "Frimley Health NHS Foundation Trust",
        "Thames Valley Police",
    ]
    assert not Deadline.objects.filter(responsible_organisation__in=[housing, dentist]).exists()
    assert deliver_outbox() == 4
    assert sorted(m["To"] for m in mailbox.messages) == sorted(
        [
            "safeguarding@bhft.example",
            partners.police_lead.email,
            partners.health_lead.email,
            partners.school_lead.email,
        ]
    )
    assert journey.problems == {}
