"""From "SCR commissioned" to "Closed" in a real browser, with axe on every page: a
conflicted reviewer refused, an independent lead reviewer appointed, the terms of
reference uploaded, the final report, the board's sign-off and the copy to Ofsted and the
Panel, publication in full, three actions (one completed with evidence by its agency, one
chased by the worker when overdue, each checked as sustained), and the case closed. And a
CPIR that ends with "learning disseminated", never "published" (issue 11)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.deadlines.jobs import sweep_deadlines
from casereviews.notifications.models import Status
from casereviews.outbox.models import OutboxEmail
from casereviews.reviews.actions import mark_overdue_actions
from casereviews.reviews.models import ReviewAction
from tests.browser.test_agencies_journey import Journey
from tests.factories import person
from tests.notifications.files import PDF
from tests.reviews.helpers import commissioned, independent_agency, involved_agency
from tests.workflow.procedure import SATISFY, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def _date(page: Page, name: str, day: datetime.date) -> None:
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def _status(page: Page, label: str) -> None:
    expect(page.locator(".govuk-summary-list").first).to_contain_text(label)


def test_an_scr_from_commissioning_to_closed(page: Page, live_server, board, tmp_path) -> None:
    people = staff(board)
    case = commissioned(board, people)
    for code in ("ofsted_not_told", "panel_not_told"):
        SATISFY[code](case, None, people)
    involved = involved_agency(board)
    independent = independent_agency(board)
    lead = person(board, Role.AGENCY_LEAD, organisation=involved)
    bm = people[Role.BUSINESS_MANAGER]
    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(PDF)
    journey = Journey(page, live_server)
    case_path = f"/notifications/{case.reference}"

    journey.as_(bm)
    journey.go(case_path)
    journey.click("link", "See the review: reviewers, terms of reference, reports and milestones")
    journey.click("link", "Appoint a reviewer")
    page.get_by_label("Lead reviewer").check()
    page.get_by_label("Full name").fill("Sam Conflicted")
    page.get_by_label("Who employs them?").select_option(label=involved.name)
    page.get_by_label("Their declaration of independence").fill("I declare my independence")
    _date(page, "declared_on", TODAY)
    journey.click("button", "Appoint the reviewer")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Sam Conflicted cannot be appointed"
    )
    page.get_by_label("Full name").fill("Dr Helen Marsh")
    page.get_by_label("Who employs them?").select_option(label=independent.name)
    journey.click("button", "Appoint the reviewer")
    expect(page.get_by_text("Dr Helen Marsh is appointed as lead reviewer")).to_be_visible()

    journey.click("link", "Record the terms of reference")
    page.get_by_label("The key lines of enquiry").fill("How information was shared")
    page.get_by_label("The terms of reference document").set_input_files(str(pdf))
    journey.click("button", "Save the terms of reference")
    expect(page.get_by_text("The terms of reference are saved")).to_be_visible()

    journey.go(case_path)
    journey.click("link", "Start the review")
    journey.click("button", "Start the review")
    _status(page, "Review in progress")

    journey.go(f"{case_path}/review")
    journey.click("link", "Upload a draft or final report")
    page.get_by_label("Final report").check()
    page.get_by_label("Upload the document").set_input_files(str(pdf))
    journey.click("button", "Save the report")
    expect(page.get_by_text("Final report version 1 is uploaded")).to_be_visible()
    journey.go(case_path)
    journey.click("link", "Record that the report is written")
    journey.click("button", "Record that the report is written")
    _status(page, "Report")

    copy_on = TODAY - datetime.timedelta(days=10)
    journey.go(f"{case_path}/review")
    journey.click("link", "Record the board's sign-off")
    _date(page, "signed_off_on", copy_on)
    journey.click("button", "Save")
    journey.click("link", "Record the copy sent to Ofsted and the National Panel")
    _date(page, "ofsted_copy_sent_on", copy_on)
    _date(page, "panel_copy_sent_on", copy_on)
    journey.click("button", "Save")
    journey.click("link", "Set the planned publication date")
    _date(page, "planned_on", copy_on + datetime.timedelta(days=6))
    journey.click("button", "Set the date")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The planned date must be on")
    _date(page, "planned_on", copy_on + datetime.timedelta(days=8))
    journey.click("button", "Set the date")
    expect(page.get_by_text("The planned publication date is set")).to_be_visible()

    journey.go(case_path)
    journey.click("link", "Publish the report")
    page.get_by_label("In full", exact=True).check()
    page.get_by_label("Web address of the published report").fill("https://lscb.example.org/scr")
    _date(page, "published_on", copy_on + datetime.timedelta(days=8))
    journey.click("button", "Record the publication of the report")
    _status(page, "Published")
    journey.click("link", "Start monitoring the actions")
    journey.click("button", "Start monitoring the actions")
    _status(page, "Actions monitored")

    for number, due_in in ((1, 30), (2, -10), (3, 60)):
        journey.go(f"{case_path}/review")
        journey.click("link", "Add an action from a recommendation")
        page.get_by_label("Number of the recommendation in the report").fill(str(number))
        page.get_by_label("The recommendation", exact=True).fill(f"Recommendation {number}")
        page.get_by_label("The action", exact=True).fill(f"Action {number} for the agency")
        page.get_by_label("Which agency owns it?").select_option(label=involved.name)
        page.get_by_label("Who owns it in that agency?").fill("Head of safeguarding")
        _date(page, "due_on", TODAY + datetime.timedelta(days=due_in))
        journey.click("button", "Add the action")
    actions = list(ReviewAction.objects.order_by("recommendation__number"))

    # The worker chases the overdue action, and escalates it to the Business Manager.
    mark_overdue_actions()
    sweep_deadlines()
    chased = set(OutboxEmail.objects.values_list("subject", flat=True))
    assert f"{case.reference}: deadline is overdue" in chased
    assert f"{case.reference}: deadline is overdue and has been escalated to you" in chased

    journey.as_(lead)
    journey.go("/notifications/review-actions/")
    expect(page.get_by_role("cell", name="Overdue")).to_be_visible()
    for action in actions:
        journey.go(f"/notifications/review-actions/{action.pk}")
        journey.click("button", "Update the action")
        page.get_by_label("Complete", exact=True).check()
        page.get_by_label("Progress", exact=True).fill("Every team trained")
        if action == actions[0]:
            journey.click("button", "Save the update")  # no evidence yet: refused
            expect(page.locator(".govuk-error-summary")).to_contain_text(
                "Attach the evidence that the action is complete"
            )
        page.get_by_label("Evidence (needed to mark the action complete)").set_input_files(str(pdf))
        journey.click("button", "Save the update")
        expect(page.get_by_text("Evidence: document.pdf")).to_be_visible()

    journey.as_(bm)
    journey.go(case_path)
    journey.click("link", "Close the case")
    journey.click("button", "Close the case")
    expect(page.locator(".govuk-error-summary")).to_contain_text("checked as sustained")
    for action in actions:
        journey.go(f"/notifications/review-actions/{action.pk}")
        journey.click("button", "Record that the improvement is sustained")
        _date(page, "sustained_on", TODAY)
        page.get_by_label("What shows that the improvement is sustained?").fill("A re-audit")
        journey.click("button", "Save")
        expect(page.get_by_text("The improvement is recorded as sustained")).to_be_visible()
    journey.go(case_path)
    journey.click("link", "Close the case")
    journey.click("button", "Close the case")
    _status(page, "Closed")
    assert journey.problems == {}


def test_a_cpir_ends_with_learning_disseminated_never_published(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    case = commissioned(board, people, kind="cpir", status=Status.REPORT)
    journey = Journey(page, live_server)
    journey.as_(people[Role.BUSINESS_MANAGER])
    journey.go(f"/notifications/{case.reference}")
    journey.click("link", "Record that the learning was disseminated")
    page.get_by_label("How was the learning disseminated?").fill("A seven-minute briefing")
    page.get_by_label("To whom?").fill("Every partner agency's safeguarding lead")
    _date(page, "on", TODAY)
    journey.click("button", "Record that the learning was disseminated")
    _status(page, "Learning disseminated")
    expect(page.locator(".govuk-summary-list").first).not_to_contain_text("Published")
    journey.go(f"/notifications/{case.reference}/review")
    expect(page.get_by_text("A seven-minute briefing")).to_be_visible()
    assert journey.problems == {}
