"""Issue 28, "What people read", as a person reads it in a real browser, with axe on
every page."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from casereviews.boards.models import Role
from casereviews.decisions.models import ChairDecision, InvolvementRequest, LisgRecommendation
from casereviews.decisions.services import involvement_request_send
from casereviews.involvement.models import (
    ChronologyEntry,
    DisclosureDecision,
    InvolvementReturn,
    LisgGoAhead,
)
from casereviews.involvement.services.meetings import (
    lisg_agenda_add,
    lisg_meeting_schedule,
    lisg_pack_issue,
)
from casereviews.notifications.models import Child, FamilyMember, Notification, Status
from tests.browser.prepared import download_prepared
from tests.browser.test_agencies_journey import Journey
from tests.factories import NotificationFactory, OrganisationFactory, UserFactory
from tests.involvement.conftest import CHILD, NARRATIVE, build_partners
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

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


def test_16_each_page_says_what_it_should_and_nothing_that_does_not_apply(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    manager = people[Role.BUSINESS_MANAGER]
    journey = Journey(page, live_server)

    # The verify page of a living child asks nothing of a death.
    living = NotificationFactory.create(
        board=board,
        status=Status.SUBMITTED,
        criteria_facts={"child_died": False, "seriously_harmed": True, "suspected_suicide": False},
    )
    journey.as_(manager)
    journey.go(f"/notifications/{living.reference}/verify")
    main = page.locator("main")
    expect(main).to_contain_text("The child was seriously harmed")
    expect(main).not_to_contain_text("Suspected suicide")
    expect(main).not_to_contain_text("Where the child died")

    # The Chair's page: an agency not yet due is not "on time"; the go-ahead is shown.
    police = OrganisationFactory.create(name="Thames Valley Police")
    board.partners.add(police)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.LISG_RECOMMENDED
    )
    InvolvementRequest.objects.create(
        notification=case,
        organisation=police,
        requested_by=manager,
        requested_at=timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=5),
    )
    LisgGoAhead.objects.create(
        notification=case,
        reason="The police cannot answer before the inquest",
        recorded_by=manager,
        recorded_at=timezone.now(),
    )
    journey.as_(people[Role.INDEPENDENT_CHAIR])
    journey.go(f"/notifications/{case.reference}/decision")
    police_row = page.locator("#agencies-answers").get_by_role("row", name="Thames Valley Police")
    expect(police_row).to_contain_text("Not answered yet")
    expect(police_row).not_to_contain_text("Yes")
    expect(page.locator("#go-ahead")).to_contain_text("The police cannot answer before the inquest")

    # A person's administration page leads back to the people.
    admin = UserFactory.create(is_administrator=True)
    journey.as_(admin)
    journey.go(f"/administration/people/{manager.pk}")
    expect(page.get_by_role("link", name="Back to the people")).to_have_attribute(
        "href", "/administration/people/"
    )
    assert InvolvementRequest.objects.get(notification=case).status == "sent"
    assert journey.problems == {}


def test_14_the_pack_pdf_says_what_the_pack_page_says(page: Page, live_server, board) -> None:
    partners = build_partners(board)
    case, manager = partners.case, partners.manager
    member = partners.people[Role.LISG_MEMBER]
    request = involvement_request_send(notification=case, organisation=partners.police, by=manager)
    answer = InvolvementReturn.objects.create(
        request=request,
        state="submitted",
        involvement="involved",
        summary="Two call-outs to the home",
        created_by=partners.police_lead,
        created_at=timezone.now(),
        submitted_by=partners.police_lead,
        submitted_at=timezone.now(),
    )
    ChronologyEntry.objects.create(
        involvement_return=answer,
        notification=case,
        organisation=partners.police,
        current=True,
        date=datetime.date(2026, 3, 14),
        approximate=True,
        what_happened="Call-out after shouting reported",
        who_involved="Response officer",
        source="Incident log 4471",
    )
    meeting = lisg_meeting_schedule(
        board=board,
        by=manager,
        date=timezone.localdate() + datetime.timedelta(days=7),
        time=datetime.time(14, 0),
        place="Time Square, Bracknell",
        call_details="",
        members=[member, manager],
    )
    lisg_agenda_add(meeting=meeting, notification=case, by=manager)
    lisg_pack_issue(meeting=meeting, by=manager)
    journey = Journey(page, live_server)
    journey.as_(member)
    journey.go(f"/lisg-meetings/{meeting.pk}/pack/{case.reference}")
    row = page.get_by_role("row").filter(has_text="Call-out after shouting reported")
    on_page = " ".join(row.inner_text().split())
    for said in ("14 March 2026 (approximately)", "(Response officer)", "Incident log 4471"):
        assert said in on_page, on_page
    journey.go(f"/lisg-meetings/{meeting.pk}/pack/{case.reference}.pdf")
    pdf = download_prepared(page)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    for said in ("14 March 2026 (approximately)", "(Response officer)", "Incident log 4471"):
        assert said in text, text
    assert journey.problems == {}


def test_15_ofsted_and_the_panel_read_the_incident_without_the_childs_name(
    page: Page, live_server, board
) -> None:
    partners = build_partners(board)
    case, manager = partners.case, partners.manager
    request = involvement_request_send(notification=case, organisation=partners.police, by=manager)
    InvolvementReturn.objects.create(
        request=request,
        state="submitted",
        involvement="involved",
        summary="Two call-outs to the home",
        created_by=partners.police_lead,
        created_at=timezone.now(),
        submitted_by=partners.police_lead,
        submitted_at=timezone.now(),
    )
    Notification.objects.filter(pk=case.pk).update(status=Status.SCR_COMMISSIONED)
    ChairDecision.objects.create(
        notification=case,
        decision="scr",
        rationale="Regulation 5(2) is met",
        decided_by=partners.people[Role.INDEPENDENT_CHAIR],
        decided_at=timezone.now(),
    )
    journey = Journey(page, live_server)
    journey.as_(manager)
    for body in ("Ofsted", "National Panel"):
        journey.go(f"/notifications/{case.reference}/external-notification")
        journey.click("link", f"Read the notification to {body}")
        document = page.locator("#external-document")
        for said in (
            "2 November 2026",
            "Aged 1; sex: female",
            "The child died",
            NARRATIVE,
            "Thames Valley Police",
        ):
            expect(document).to_contain_text(said)
        expect(document).not_to_contain_text("Frimley Health")  # asked, not involved
        expect(document).not_to_contain_text(CHILD)
        expect(document).not_to_contain_text("tells National Panel")
    assert journey.problems == {}


def test_13_the_lisg_form_says_what_blocks_it_before_anything_is_typed(
    page: Page, live_server, board
) -> None:
    people = staff(board)
    member, manager = people[Role.LISG_MEMBER], people[Role.BUSINESS_MANAGER]
    police = OrganisationFactory.create(name="Thames Valley Police")
    board.partners.add(police)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    asked = InvolvementRequest.objects.create(
        notification=case,
        organisation=police,
        requested_by=manager,
        requested_at=timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=5),
    )
    before_the_lisg(case, member)
    journey = Journey(page, live_server)
    journey.as_(member)
    journey.go(f"/notifications/{case.reference}/lisg-recommendation")
    expect(page.locator("#blocking")).to_contain_text(
        "Every agency asked must answer before the LISG makes its recommendation"
    )
    InvolvementRequest.objects.filter(pk=asked.pk).update(
        status="answered", answered_at=timezone.now()
    )
    journey.go(f"/notifications/{case.reference}/lisg-recommendation")
    expect(page.locator("#blocking")).to_have_count(0)
    assert not LisgRecommendation.objects.filter(notification=case).exists()
    assert journey.problems == {}
