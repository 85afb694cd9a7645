"""The page frame as a person's browser shows it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_sign_in_page_has_gov_uk_styles_served_by_the_service_itself(
    page: Page, live_server
) -> None:
    stylesheets: list[str] = []
    page.on(
        "response",
        lambda response: (
            stylesheets.append(response.url)
            if response.request.resource_type in {"stylesheet", "font"}
            else None
        ),
    )
    page.goto(f"{live_server.url}/account/sign-in")
    expect(page.get_by_role("heading", name="Sign in to Case review notifications")).to_be_visible()
    font = page.locator("h1").evaluate("element => getComputedStyle(element).fontFamily")
    assert "GDS Transport" in font
    assert stylesheets
    assert all(url.startswith(live_server.url + "/static/") for url in stylesheets)


@pytest.mark.parametrize("path", ["/account/sign-in", "/accessibility", "/cookies", "/privacy"])
def test_public_pages_have_no_accessibility_violations(page: Page, live_server, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    assert accessibility_violations(page) == []


def test_the_skip_link_takes_keyboard_users_to_the_main_content(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/accessibility")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    # Waiting assertions: under load the browser may not have moved on when the key
    # press returns.
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))


def test_signing_in_works_with_javascript_turned_off(
    page_without_javascript: Page, live_server
) -> None:
    page = page_without_javascript
    page.goto(f"{live_server.url}/account/sign-in")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter your email address")).to_be_visible()
