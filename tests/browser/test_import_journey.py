"""A board's cases moving in, in a real browser with axe on every page: the Business
Manager imports a 200-row sheet with three bad rows, reads which rows and columns to
correct, fixes them, imports it again, and finds an imported case that says it was
imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from casereviews.boards.models import Role
from casereviews.imports.columns import HEADERS
from casereviews.notifications.models import Notification
from tests.browser.test_agencies_journey import Journey
from tests.factories import OrganisationFactory, person
from tests.imports.sheets import many_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def workbook(path: Path, rows: list[list[str]]) -> str:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def test_a_sheet_with_three_bad_rows_is_corrected_imported_and_its_case_found(
    page: Page, live_server, board, tmp_path: Path
) -> None:
    board.partners.add(
        OrganisationFactory.create(name="Thames Valley Police"),
        OrganisationFactory.create(name="Frimley Health NHS Foundation Trust", type="health"),
    )
    manager = person(board, Role.BUSINESS_MANAGER, full_name="Alison Burnell")
    rows = many_rows(160)
    assert len(rows) == 200
    good = [list(row) for row in rows]
    rows[10][1] = "31/02/2019"  # sheet row 12: no such date
    rows[50][5] = "Berkshire Fire Service"  # row 52: not a partner of the board
    rows[120][3] = "Child\u202e 120"  # row 122: a right-to-left override in the name
    journey = Journey(page, live_server)

    journey.as_(manager)
    journey.go("/notifications/board")
    journey.click("link", "Import the board's existing cases from a spreadsheet")
    page.get_by_label("Upload the board's cases").set_input_files(
        workbook(tmp_path / "cases.xlsx", rows)
    )
    journey.click("button", "Import the cases")

    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "3 rows have a problem: nothing was imported"
    )
    table = page.get_by_role("table", name="Rows to correct")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").nth(0)).to_contain_text("Row 12")
    expect(table.locator("tbody tr").nth(0)).to_contain_text("Date notified")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("Row 52")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("Notifying agency")
    expect(table.locator("tbody tr").nth(2)).to_contain_text("Row 122")
    expect(table.locator("tbody tr").nth(2)).to_contain_text("right-to-left override")
    assert Notification.objects.count() == 0

    page.get_by_label("Upload the board's cases").set_input_files(
        workbook(tmp_path / "cases-corrected.xlsx", good)
    )
    journey.click("button", "Import the cases")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "160 cases imported; 0 cases were already imported"
    )
    assert Notification.objects.filter(imported_at__isnull=False).count() == 160

    journey.click("link", "Search", exact=True)
    page.get_by_label("Case reference").fill("OLD-00120")
    journey.click("button", "Search", exact=True)
    results = page.get_by_role("table", name="Cases found, newest first")
    expect(results).to_contain_text("Imported")
    journey.click("link", "OLD-00120", exact=True)
    expect(page.locator(".app-imported")).to_contain_text(
        "This case was imported from the board's own records"
    )
    assert journey.problems == {}
