"""Search, the lessons library, the figures and the annual report in a real browser, with
axe on every page: the Business Manager finds a case by its theme and by the child's name
(the name never in the address), a case closed after its review is in the library and a
briefing of partners is recorded on its page; the Chair reads the figures, each chart
beside its table, and downloads the annual report; a LISG member is not offered the
search by name."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.assessments.models import NotificationTheme, Theme
from casereviews.boards.models import Role
from casereviews.decisions.models import ExternalBody
from casereviews.notifications.models import Status
from casereviews.prepared.jobs import prepare_files
from tests.browser.test_agencies_journey import Journey
from tests.factories import (
    ChairDecisionFactory,
    ChildFactory,
    NotificationFactory,
    moved,
    person,
    told,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _closed_review(board, business_manager, chair, theme) -> str:
    case = NotificationFactory.create(
        board=board, status=Status.ACTIONS_MONITORED, reference="BF-2026-0101"
    )
    NotificationTheme.objects.create(
        notification=case, theme=theme, tagged_by=business_manager, tagged_at=timezone.now()
    )
    ChairDecisionFactory.create(
        notification=case,
        rationale="Regulation 5(2) is met",
        decided_by=chair,
        decided_at=timezone.now() - datetime.timedelta(days=200),
    )
    for body in ExternalBody:
        told(case, body, business_manager)
    moved(case, "close", business_manager)
    return case.reference or ""


def test_search_lessons_figures_and_the_annual_report(page: Page, live_server, board) -> None:
    business_manager = person(board, Role.BUSINESS_MANAGER, full_name="Alison Burnell")
    chair = person(board, Role.INDEPENDENT_CHAIR, full_name="Jo Chair")
    lisg = person(board, Role.LISG_MEMBER)
    theme = Theme.objects.get_or_create(code="neglect", defaults={"name": "Neglect"})[0]
    closed = _closed_review(board, business_manager, chair, theme)
    open_case = NotificationFactory.create(
        board=board, status=Status.SUBMITTED, reference="BF-2026-0102"
    )
    ChildFactory.create(
        notification=open_case, full_name="Amelia Hart", little_known=True, sex="female"
    )
    journey = Journey(page, live_server)

    # The Business Manager searches by theme, then by the child's name.
    journey.as_(business_manager)
    journey.go("/")
    journey.click("link", "Search", exact=True)
    page.get_by_label("Theme").select_option(label="Neglect")
    journey.click("button", "Search", exact=True)
    expect(page.get_by_role("heading", name="Cases found")).to_be_visible()
    expect(page.get_by_role("link", name=closed)).to_be_visible()
    page.get_by_label("Child's full name").fill("amelia hart")
    journey.click("button", "Search by name", exact=True)
    expect(page.get_by_role("link", name="BF-2026-0102")).to_be_visible()
    expect(page).not_to_have_url(re.compile("amelia|hart", re.IGNORECASE))

    # The closed review is in the library; a briefing of partners is recorded on its page.
    journey.click("link", "Lessons", exact=True)
    journey.click("link", f"{closed}: Serious Case Review (SCR)")
    journey.click("link", "Record a briefing", exact=True)
    journey.click("button", "Record the briefing", exact=True)
    expect(page.get_by_role("link", name="Enter who was briefed")).to_be_visible()
    page.get_by_label("What the partners were told").fill("The lessons on neglect")
    page.get_by_label("Who was briefed").fill("Partner agencies at the board meeting")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("2026")
    journey.click("button", "Record the briefing", exact=True)
    expect(page.get_by_text("The briefing is recorded")).to_be_visible()
    expect(page.get_by_role("cell", name="Partner agencies at the board meeting")).to_be_visible()

    # The Chair reads the figures and downloads the annual report.
    journey.as_(chair)
    journey.go("/")
    journey.click("link", "Figures", exact=True)
    expect(page.get_by_role("img", name="Bar chart: Notifications by stage").first).to_be_visible()
    expect(page.get_by_role("table", name="Notifications by stage: the figures")).to_be_visible()
    expect(page.get_by_text("The figures are counted again every 10 minutes.")).to_be_visible()
    year = timezone.localdate().year
    journey.click("link", f"Annual report for {year}", exact=True)
    expect(page.get_by_role("heading", name=f"Reviews commissioned in {year}")).to_be_visible()
    # The worker prepares the file; its page offers it once ready.
    journey.click("link", f"Download the annual report for {year} as CSV", exact=True)
    journey.click("button", "Prepare the file", exact=True)
    prepare_files()
    journey.click("link", "Check whether it is ready", exact=True)
    name = f"annual-report-BF-{year}.csv"
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download {name}").click()
    assert download.value.suggested_filename == name

    # A LISG member may search, but is not offered the search by name.
    journey.as_(lisg)
    journey.go("/search/")
    expect(page.get_by_role("heading", name="Search cases")).to_be_visible()
    expect(page.get_by_label("Child's full name")).to_have_count(0)

    assert journey.problems == {}
