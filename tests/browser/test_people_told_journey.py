"""Nobody silently left out (issue 28, 1-5), as the people in the case meet it in a real
browser, with axe on every page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.communications.models import CommunicationState
from casereviews.deadlines.models import Deadline
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.models import LisgConflict
from casereviews.notifications.models import Status
from casereviews.outbox.jobs import deliver_outbox
from casereviews.reviews.actions import action_add
from tests.browser.test_agencies_journey import Journey
from tests.communications.cases import case_with_a_child, communication
from tests.factories import OrganisationFactory, person
from tests.involvement.conftest import build_partners
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

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


def test_issue28_3_declaring_a_conflict_warns_the_member_will_no_longer_see_the_case(
    page: Page, live_server, board
) -> None:
    """Before anything is recorded the page says what a conflict means; after, the
    confirmation says the member no longer sees the case and that nobody is left."""
    partners = build_partners(board)
    member = partners.people[Role.LISG_MEMBER]
    meeting = before_the_lisg(partners.case, member)
    journey = Journey(page, live_server)
    journey.as_(member)
    journey.go(f"/lisg-meetings/{meeting.pk}/conflicts/new")
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "Once recorded, the member no longer sees the case"
    )
    page.get_by_label(partners.case.reference or "").check()
    page.get_by_label("What is the interest?").fill("A family connection")
    journey.click("button", "Record a conflict of interest")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("no longer sees the case")
    expect(banner).to_contain_text("No LISG member without a conflict remains to recommend")
    assert LisgConflict.objects.filter(member=member, notification=partners.case).exists()
    assert journey.problems == {}


def test_issue28_5_every_roles_home_lists_what_waits_for_them_and_no_empty_block(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    case = case_with_a_child(board, people, status=Status.ACTIONS_MONITORED)
    communication(case, people, CommunicationState.AGREED)  # for the Chair to approve
    communication(case, people, CommunicationState.DRAFTED)  # for the LISG to agree
    meeting = before_the_lisg(case, people[Role.LISG_MEMBER])
    meeting.date = timezone.localdate() + datetime.timedelta(days=3)
    meeting.pack_version = 1
    meeting.save()
    agency = OrganisationFactory.create(name="Bracknell Forest Council")
    board.partners.add(agency)
    lead = person(board, Role.AGENCY_LEAD, organisation=agency)
    action_add(
        notification=case,
        by=people[Role.BUSINESS_MANAGER],
        recommendation_number=1,
        recommendation_text="Agencies share information at strategy meetings",
        description="Train every duty team in information sharing",
        owner_agency=agency,
        owner_name="Head of safeguarding",
        due_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    journey = Journey(page, live_server)
    reference = case.reference or ""

    journey.as_(people[Role.INDEPENDENT_CHAIR])
    journey.go("/")
    section = page.locator("section", has_text="Communications waiting for your approval")
    expect(section.get_by_role("link", name=f"The press, case {reference}")).to_be_visible()

    journey.as_(people[Role.LISG_MEMBER])
    journey.go("/")
    agree = page.locator("section", has_text="Communications for the LISG to agree")
    expect(agree.get_by_role("link", name=f"The press, case {reference}")).to_be_visible()
    meetings = page.locator("section", has_text="Your LISG meetings")
    expect(meetings).to_contain_text("The pack is issued: read it before the meeting")
    meetings.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/lisg-meetings/{meeting.pk}$"))

    journey.as_(lead)
    journey.go("/")
    actions = page.locator("section", has_text="Review actions your agency owns")
    expect(
        actions.get_by_role("link", name="Train every duty team in information sharing")
    ).to_be_visible()

    # No block says only that there is nothing in it.
    for user in (people[Role.INDEPENDENT_CHAIR], people[Role.LISG_MEMBER], lead):
        journey.as_(user)
        journey.go("/")
        for body in page.locator("main section").all():
            assert body.locator("table, ul").count() >= 1, body.inner_text()
    journey.as_(person(board, Role.NOTIFIER))
    journey.go("/")
    expect(page.locator("#nothing-waiting")).to_have_text(
        f"Nothing is waiting for you in {board.name}."
    )
    assert journey.problems == {}
