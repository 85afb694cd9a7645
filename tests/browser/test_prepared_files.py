"""A file prepared by the worker, in a real browser without JavaScript: the Business
Manager asks for the annual report as a PDF, the page says it is being prepared and
offers to check again, and once the worker has built it the page offers it to download."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from casereviews.audit.models import AuditEvent
from casereviews.prepared.jobs import prepare_files
from casereviews.prepared.models import PreparedFile
from tests.browser.test_agencies_journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_page_offers_the_file_once_the_worker_has_prepared_it(
    page_without_javascript: Page, live_server, business_manager
) -> None:
    page = page_without_javascript
    journey = Journey(page, live_server)
    journey.as_(business_manager)
    year = timezone.localdate().year
    # Without JavaScript axe cannot run; the pages are the service's usual patterns.
    page.goto(f"{journey.url}/figures/annual-report/?year={year}")
    page.get_by_role("link", name=f"Download the annual report for {year} as PDF").click()
    expect(
        page.get_by_role("heading", name=f"The annual report for {year} as a PDF")
    ).to_be_visible()
    page.get_by_role("button", name="Prepare the file").click()
    expect(page.get_by_text("Your file is being prepared")).to_be_visible()
    expect(page.get_by_role("link", name="Download")).to_have_count(0)
    assert PreparedFile.objects.get().state == PreparedFile.State.WAITING

    assert prepare_files() == 1
    # Checking again (a link: no script) finds it ready.
    page.get_by_role("link", name="Check whether it is ready").click()
    name = f"annual-report-BF-{year}.pdf"
    link = page.get_by_role("link", name=f"Download {name}")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == name
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    exported = AuditEvent.objects.get(action="annual_report.exported.pdf")
    assert exported.actor == business_manager
