"""The enrolment page in a real browser: the QR code is drawn under the Content Security
Policy (no inline style, no other site), and the page has no accessibility failures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect, sync_playwright

from casereviews.accounts.models import User
from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the test's own database
    # calls are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_qr_code_is_drawn_and_breaks_no_policy(
    live_server: Any, browser: Browser, notifier: User
) -> None:
    """After the password, the set-up page shows a visible QR code and the key as text,
    with no Content Security Policy violation and no axe violation."""
    page = browser.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/account/sign-in")
    page.fill("#id_username", notifier.email)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Continue')")
    page.wait_for_url("**/account/sign-in/set-up-app")
    box = page.locator("svg.app-qr-code").bounding_box()
    assert box is not None
    assert box["width"] > 100
    assert box["height"] > 100
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    page.click("text=I cannot scan the QR code")
    expect(page.locator("code.app-secret")).to_be_visible()
    assert violations == []
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.close()
