"""From the LISG's recommendation to a closed case, in a real browser, with axe on every
page (Procedure A 4(vi), C 1(ii) to (iii)):
- the LISG recommends a single-agency CPIR, first without naming the agency (refused at
  the field), then naming it;
- on a second case the LISG recommends an SCR; the Chair decides with the
  recommendation, the criteria engine's answer, the agencies' answers and the due date
  on the page; the Business Manager reads the generated Ofsted and Panel documents and
  records both; the case reaches "SCR commissioned";
- on a third case the Chair decides "no review" against the engine's "must": the
  confirmation and the reason are asked for; the case cannot close until Ofsted and the
  Panel are both recorded."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Board, Role
from casereviews.deadlines import rules
from casereviews.deadlines.services import deadline_start
from casereviews.decisions.models import ExternalNotification, InvolvementRequest
from casereviews.involvement.models import InvolvementReturn
from casereviews.notifications.models import Notification, Status
from tests.browser.test_agencies_journey import Journey
from tests.decisions.cases import CPIR_FACTS, MUST_FACTS, assessed
from tests.factories import NotificationFactory, OrganisationFactory
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _considered(board: Board, people, facts, police, health) -> Notification:
    """A verified case whose agencies answered: the police involved, health not."""
    now = timezone.now()
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.UNDER_CONSIDERATION,
        submitted_at=now - datetime.timedelta(days=10),
    )
    assessed(case, facts, people[Role.BUSINESS_MANAGER])
    deadline_start(
        notification=case,
        rule=rules.SCR_DECISION_WITHIN_ONE_MONTH,
        started_at=now - datetime.timedelta(days=10),
    )
    bm = people[Role.BUSINESS_MANAGER]
    for agency, involvement in ((police, "involved"), (health, "not_involved")):
        asked = InvolvementRequest.objects.create(
            notification=case,
            organisation=agency,
            requested_by=bm,
            requested_at=now - datetime.timedelta(days=9),
            due_at=now + datetime.timedelta(days=1),
            status="answered",
            answered_at=now - datetime.timedelta(days=2),
        )
        InvolvementReturn.objects.create(
            request=asked,
            state="submitted",
            involvement=involvement,
            created_by=bm,
            created_at=now,
            submitted_by=bm,
            submitted_at=now,
        )
    # On the agenda of today's LISG meeting, of which the LISG member is a member.
    before_the_lisg(case, people[Role.LISG_MEMBER])
    return case


def _lisg_recommends(journey: Journey, case: Notification, kind: str, **extra: str) -> None:
    page = journey.page
    journey.go(f"/notifications/{case.reference}/lisg-recommendation")
    page.get_by_role("group", name="What does the LISG recommend?").get_by_label(
        kind, exact=True
    ).check()
    page.get_by_role("group", name="Which methodology does the LISG recommend?").get_by_label(
        extra.get("methodology", "SCIE Learning Together systems model")
    ).check()
    page.get_by_label("Why does the LISG recommend this?").fill("Agencies held information apart")
    page.get_by_label(re.compile(r"^At the LISG meeting on ")).check()
    if "departure" in extra:
        page.get_by_label("If the LISG recommends anything but an SCR, why?").fill(
            extra["departure"]
        )


def _submit(journey: Journey, name: str) -> None:
    journey.click("button", name)


def _tell(journey: Journey, case: Notification, body: str, reference: str, reasons: str) -> None:
    page = journey.page
    journey.go(f"/notifications/{case.reference}/external-notification")
    slug = "ofsted" if body == "Ofsted" else "national_panel"
    journey.click("link", f"Read the notification to {body}")
    expect(page.locator("#external-document")).to_contain_text(str(case.reference))
    expect(page.locator("#external-document")).to_contain_text(reasons)
    journey.go(f"/notifications/{case.reference}/external-notification")
    page.locator(f'input[name="body"][value="{slug}"]').check()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("How were they told?").fill("Secure e-mail")
    page.get_by_label("Their reference (optional)").fill(reference)
    _submit(journey, "Record that Ofsted or the National Panel was told")
    told = "Ofsted" if body == "Ofsted" else "National Panel of Independent Experts"
    expect(page.locator("body")).to_contain_text(f"{told} told: recorded")


def test_the_lisg_recommends_the_chair_decides_and_ofsted_and_the_panel_are_told(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    police = OrganisationFactory.create(name="Thames Valley Police")
    health = OrganisationFactory.create(name="Frimley Health NHS Foundation Trust")
    board.partners.add(police, health)
    journey = Journey(page, live_server)

    # A single-agency CPIR names the agency that carries it out.
    cpir = _considered(board, people, CPIR_FACTS, police, health)
    journey.as_(people[Role.LISG_MEMBER])
    _lisg_recommends(journey, cpir, "Child Protection Incident Review (CPIR)")
    page.get_by_label("Single-agency review").check()
    _submit(journey, "Record the LISG recommendation")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the agency that carries out the single-agency CPIR"
    )
    expect(page.get_by_label("Why does the LISG recommend this?")).to_have_value(
        "Agencies held information apart"
    )
    page.get_by_label("If a single-agency CPIR, which agency carries it out?").select_option(
        label="Thames Valley Police"
    )
    _submit(journey, "Record the LISG recommendation")
    expect(page.locator("body")).to_contain_text("The LISG recommendation for")

    # An SCR: the Chair decides with everything in front of them.
    scr = _considered(board, people, MUST_FACTS, police, health)
    _lisg_recommends(journey, scr, "Serious Case Review (SCR)")
    _submit(journey, "Record the LISG recommendation")
    journey.as_(people[Role.INDEPENDENT_CHAIR])
    journey.go(f"/notifications/{scr.reference}/decision")
    expect(page.locator("#lisg-recommendation")).to_contain_text("Serious Case Review (SCR)")
    expect(page.locator("#engine-recommendation")).to_contain_text("must")
    expect(page.locator("#decision-due")).to_contain_text("days left")
    answers = page.locator("#agencies-answers")
    expect(answers.get_by_role("row", name="Thames Valley Police")).to_contain_text("Involved")
    expect(answers.get_by_role("row", name="Frimley Health NHS Foundation Trust")).to_contain_text(
        "No involvement"
    )
    page.get_by_label("Serious Case Review (SCR)", exact=True).check()
    page.get_by_label("Why did you decide this?").fill("Regulation 5(2) is met")
    _submit(journey, "Record your decision")
    expect(page.locator("body")).to_contain_text("Your decision on")

    journey.as_(people[Role.BUSINESS_MANAGER])
    _tell(journey, scr, "Ofsted", "OF-1", "Regulation 5(2) is met")
    _tell(journey, scr, "National Panel", "NP-1", "Regulation 5(2) is met")
    journey.go(f"/notifications/{scr.reference}")
    expect(page.locator("body")).to_contain_text("SCR commissioned")
    expect(page.locator("#external-notifications")).to_contain_text("OF-1")
    expect(page.locator("#external-notifications")).to_contain_text("NP-1")
    assert set(
        ExternalNotification.objects.filter(notification=scr).values_list("body", flat=True)
    ) == {"ofsted", "national_panel"}
    assert journey.problems == {}


def test_no_review_against_a_must_needs_the_reason_and_both_told_to_close(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    police = OrganisationFactory.create(name="Thames Valley Police")
    health = OrganisationFactory.create(name="Frimley Health NHS Foundation Trust")
    board.partners.add(police, health)
    journey = Journey(page, live_server)
    case = _considered(board, people, MUST_FACTS, police, health)
    journey.as_(people[Role.LISG_MEMBER])
    _lisg_recommends(
        journey,
        case,
        "No review",
        methodology="No review",
        departure="The police investigation holds all the learning",
    )
    _submit(journey, "Record the LISG recommendation")

    journey.as_(people[Role.INDEPENDENT_CHAIR])
    journey.go(f"/notifications/{case.reference}/decision")
    page.get_by_label("No review", exact=True).check()
    page.get_by_label("Why did you decide this?").fill("No further learning")
    page.get_by_label("How was a CPIR or another review or audit considered?").fill(
        "A CPIR was considered and would repeat the police review"
    )
    _submit(journey, "Record your decision")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Confirm that you are deciding against")
    expect(summary).to_contain_text("Enter why you are deciding against a Serious Case Review")
    page.get_by_label("I confirm that I am deciding against").check()
    page.get_by_label("Why are you deciding against a Serious Case Review?").fill(
        "The police review covers the multi-agency learning"
    )
    _submit(journey, "Record your decision")
    expect(page.locator("body")).to_contain_text("Your decision on")

    journey.as_(people[Role.BUSINESS_MANAGER])
    journey.go(f"/notifications/{case.reference}")
    expect(page.locator("#chair-decision")).to_contain_text(
        "The police review covers the multi-agency learning"
    )
    close = f"/notifications/{case.reference}/step/close"
    journey.go(close)
    _submit(journey, "Close the case")
    expect(page.locator("body")).to_contain_text("Record that Ofsted was told")
    _tell(journey, case, "Ofsted", "OF-2", "No further learning")
    journey.go(close)
    _submit(journey, "Close the case")
    expect(page.locator("body")).to_contain_text("Record that the National Panel was told")
    _tell(journey, case, "National Panel", "NP-2", "No further learning")
    journey.go(close)
    _submit(journey, "Close the case")
    case.refresh_from_db()
    expect(page.locator("body")).to_contain_text("closed")
    assert case.status == Status.CLOSED
    assert journey.problems == {}
