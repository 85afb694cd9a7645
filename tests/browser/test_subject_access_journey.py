"""A data protection officer's subject access request in a real browser, with axe on
every page: the request recorded (a mistake shown at the field first), the child found
in two of the board's cases, the PDF and JSON exports downloaded, and what was released
and redacted recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.subject_access.models import SubjectAccessRelease
from tests.browser.test_agencies_journey import Journey
from tests.factories import person
from tests.retention.cases import NAME, finished_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_data_protection_officer_exports_a_childs_data(page: Page, live_server, board) -> None:
    officer = person(board, Role.DATA_PROTECTION_OFFICER, full_name="Dee Okafor")
    first = finished_case(board, years_ago=1)
    second = finished_case(board, years_ago=3)
    journey = Journey(page, live_server)
    today = timezone.localdate()

    journey.as_(officer)
    journey.go("/")
    journey.click("link", "Subject access", exact=True)
    journey.click("button", "Record the request", exact=True)
    expect(
        page.get_by_role("link", name="Enter the full name of the person the request is about")
    ).to_be_visible()
    page.get_by_label("Full name of the person the request is about").fill(NAME)
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    journey.click("button", "Record the request", exact=True)

    expect(page.get_by_role("heading", name=f"{first.reference}: Child")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{second.reference}: Child")).to_be_visible()
    expect(page.get_by_text("one month, UK GDPR Article 12(3)")).to_be_visible()

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download as a PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as as_json:
        page.get_by_role("link", name="Download as JSON").click()
    records = json.loads(Path(as_json.value.path()).read_text(encoding="utf-8"))["records"]
    assert {r["case"] for r in records if r["record"] == "Child"} == {
        first.reference,
        second.reference,
    }

    page.get_by_label(f"{first.reference}: Child").check()
    page.get_by_label("What was redacted, and why").fill("The mother's address")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    journey.click("button", "Record the release", exact=True)
    expect(page.get_by_text("What was released is recorded")).to_be_visible()
    expect(page.get_by_text("Redacted: The mother's address")).to_be_visible()

    release = SubjectAccessRelease.objects.get()
    assert len(release.items) == 1
    assert release.released_by == officer
    assert journey.problems == {}
