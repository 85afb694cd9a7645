"""At 320 CSS pixels wide (WCAG 1.4.10 Reflow) no page scrolls sideways: a data table
wider than the screen scrolls in its own box, which a keyboard can reach; a case
reference is never broken across lines ("BF- / 2026- / 0003"); axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from tests.browser.conftest import accessibility_violations
from tests.browser.test_signed_in_pages import browse_as
from tests.factories import NotificationFactory, UserFactory, person
from tests.lisg import before_the_lisg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW: ViewportSize = {"width": 320, "height": 640}


def _check(page: Page, url: str) -> list[str]:
    """What is wrong with this page at 320 px: empty when nothing."""
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        problems.append(f"{url}: the page is {width} px wide")
    broken = page.evaluate(
        "[...document.querySelectorAll('.app-reference')]"
        ".filter(e => e.getClientRects().length > 1).map(e => e.textContent)"
    )
    if broken:
        problems.append(f"{url}: references broken across lines: {broken}")
    unwrapped = page.evaluate(
        "[...document.querySelectorAll('table')]"
        ".filter(t => !t.parentElement.classList.contains('app-table-wrapper')).length"
    )
    if unwrapped:
        problems.append(f"{url}: {unwrapped} tables can widen the page")
    problems.extend(f"{url}: {found}" for found in accessibility_violations(page))
    return problems


def test_the_staff_pages_fit_a_320_pixel_screen(page: Page, live_server, board) -> None:
    page.set_viewport_size(NARROW)
    manager = person(board, Role.BUSINESS_MANAGER)
    cases = [
        NotificationFactory.create(board=board, status=status)
        for status in (Status.SUBMITTED, Status.UNDER_CONSIDERATION, Status.REPORT)
    ]
    for case in cases:
        audit_record(actor=manager, action="notification.read", obj=case)
    browse_as(page, live_server, manager)
    paths = (
        "/",
        "/notifications/board",
        "/due/",
        "/audit/",
        f"/audit/who-has-seen?reference={cases[1].reference}",
        f"/notifications/{cases[0].reference}/verify",
        f"/notifications/{cases[2].reference}/step/publish",
    )
    problems = [problem for path in paths for problem in _check(page, f"{live_server.url}{path}")]
    assert problems == []


def test_a_wide_table_scrolls_in_its_own_box_which_the_keyboard_reaches(
    page: Page, live_server, board
) -> None:
    page.set_viewport_size(NARROW)
    manager = person(board, Role.BUSINESS_MANAGER)
    NotificationFactory.create(board=board, status=Status.SUBMITTED)
    browse_as(page, live_server, manager)
    page.goto(f"{live_server.url}/notifications/board")
    box = page.locator(".app-table-wrapper").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # wider than the screen
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(box).not_to_have_js_property("scrollLeft", 0)


def test_the_chair_and_lisg_question_pages_fit_and_pass_axe(page: Page, live_server, board) -> None:
    page.set_viewport_size(NARROW)
    recommended = NotificationFactory.create(board=board, status=Status.LISG_RECOMMENDED)
    considered = NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    browse_as(page, live_server, person(board, Role.INDEPENDENT_CHAIR))
    problems = _check(page, f"{live_server.url}/notifications/{recommended.reference}/decision")
    page.context.clear_cookies()
    member = person(board, Role.LISG_MEMBER)
    before_the_lisg(considered, member)
    browse_as(page, live_server, member)
    lisg = f"{live_server.url}/notifications/{considered.reference}/lisg-recommendation"
    problems += _check(page, lisg)
    assert problems == []


def test_18_a_person_of_two_boards_reads_the_journeys_pages_at_320_pixels(
    page: Page, live_server, board, other_board
) -> None:
    """The board switcher wraps: nothing scrolls sideways for someone with roles in two
    boards (WCAG 1.4.10), on the pages of the journeys."""
    page.set_viewport_size(NARROW)
    manager = UserFactory.create(
        roles=[(board, Role.BUSINESS_MANAGER), (other_board, Role.BUSINESS_MANAGER)]
    )
    submitted = NotificationFactory.create(board=board, status=Status.SUBMITTED)
    considered = NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    decided = NotificationFactory.create(board=board, status=Status.SCR_COMMISSIONED)
    browse_as(page, live_server, manager)
    paths = (
        "/",
        "/notifications/board",
        "/due/",
        "/lisg-meetings/",
        f"/notifications/{submitted.reference}",
        f"/notifications/{submitted.reference}/verify",
        f"/notifications/{considered.reference}",
        f"/notifications/{considered.reference}/involvement-request",
        f"/notifications/{decided.reference}",
        f"/notifications/{decided.reference}/review",
        f"/notifications/{decided.reference}/external-notification",
    )
    expect_switcher = page.locator("#board-switcher")
    problems = []
    for path in paths:
        problems += _check(page, f"{live_server.url}{path}")
        expect(expect_switcher).to_be_visible()
    assert problems == []
