"""A LISG meeting in a real browser, with axe on every page: the Business Manager
schedules today's meeting with its members, puts a verified case whose agencies answered
on its agenda and issues the pack (the PDF downloads); a member who declares a conflict
of interest then finds the case "not found"; another member records the LISG's
recommendation at the meeting, and the Chair's decision page shows it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.decisions.models import LisgRecommendation
from casereviews.involvement.models import LisgConflict, LisgMeeting
from casereviews.notifications.models import Status
from tests.browser.prepared import download_prepared
from tests.browser.test_agencies_journey import Journey
from tests.decisions.cases import MUST_FACTS, assessed
from tests.factories import person
from tests.involvement.conftest import build_partners
from tests.involvement.helpers import asked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lisg_meets_on_a_case_and_recommends(page: Page, live_server, board) -> None:
    partners = build_partners(board)
    case, manager = partners.case, partners.manager
    reference = case.reference or ""
    assessed(case, MUST_FACTS, manager)
    answered = asked(case, partners.police, manager)
    answered.status = "answered"
    answered.save()
    member = partners.people[Role.LISG_MEMBER]
    conflicted = person(board, Role.LISG_MEMBER, full_name="Pat Conflicted")
    journey = Journey(page, live_server)

    # The Business Manager schedules today's meeting with two LISG members and the Chair.
    journey.as_(manager)
    journey.go("/lisg-meetings/")
    journey.click("button", "Schedule a meeting")  # a link styled as a button
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Start time (optional)").fill("14:00")
    page.get_by_label("Where is it held?").fill("Time Square, Bracknell")
    for name in (member.full_name, conflicted.full_name, "Independent Chair one"):
        page.get_by_label(name).check()
    journey.click("button", "Schedule a LISG meeting")
    expect(page.get_by_text("is scheduled")).to_be_visible()

    # The case is ready (verified, under consideration) and its agencies have answered.
    journey.click("link", "Add a case ready for the LISG")
    row = page.locator("#ready tbody tr", has_text=reference)
    expect(row.get_by_text("All answered")).to_be_visible()
    journey.click("button", f"Add {reference} to the agenda")
    expect(page.locator("#agenda")).to_contain_text(reference)

    # The pack is issued, and downloads as one PDF.
    journey.click("button", "Issue the pack")  # the link to the confirmation page
    journey.click("button", "Issue the pack")
    expect(page.get_by_text("The pack is issued to the members")).to_be_visible()
    meeting = LisgMeeting.objects.get()
    assert meeting.pack_issued_by == manager
    page.get_by_role("link", name="Download the meeting pack (PDF)").click()
    assert download_prepared(page).startswith(b"%PDF")

    # A member declares a conflict of interest, and then cannot open the case.
    journey.as_(conflicted)
    journey.go(f"/lisg-meetings/{meeting.pk}")
    journey.click("link", "Record a conflict of interest")
    page.get_by_label(reference).check()
    page.get_by_label("What is the interest?").fill("A neighbour of the family")
    journey.click("button", "Record a conflict of interest")
    expect(page.get_by_text(f"The conflict of interest in {reference} is recorded")).to_be_visible()
    assert LisgConflict.objects.filter(member=conflicted).exists()
    for path in (
        f"/notifications/{reference}",
        f"/lisg-meetings/{meeting.pk}/pack/{reference}",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 404, path
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        journey.axe()

    # Another member reads the case in the pack and records the LISG's recommendation.
    journey.as_(member)
    journey.go(f"/lisg-meetings/{meeting.pk}/pack")
    journey.click("link", reference)
    expect(page.get_by_text("A Serious Case Review must be commissioned").first).to_be_visible()
    journey.go(f"/notifications/{reference}/lisg-recommendation")
    page.get_by_label("Serious Case Review (SCR)").check()
    page.get_by_label("SCIE Learning Together systems model").check()
    page.get_by_label("Why does the LISG recommend this?").fill("Regulation 5(2) is met")
    page.get_by_label("At the LISG meeting on").check()
    journey.click("button", "Record the LISG recommendation")
    expect(page.get_by_text(f"The LISG recommendation for {reference} is recorded")).to_be_visible()
    assert LisgRecommendation.objects.get().meeting == meeting
    case.refresh_from_db()
    assert case.status == Status.LISG_RECOMMENDED

    # The Chair decides with the recommendation, made at the meeting, in front of them.
    journey.as_(partners.people[Role.INDEPENDENT_CHAIR])
    journey.go(f"/notifications/{reference}/decision")
    shown = page.locator("#lisg-recommendation")
    expect(shown).to_contain_text("Serious Case Review (SCR)")
    expect(shown).to_contain_text("At the LISG meeting on")
    assert journey.problems == {}
