"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

The browser is the one installed from Debian's packages (`/usr/bin/chromium`); no test
tool downloads one. Chromium runs with its background networking off, as this machine
has no network beyond the package registries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's synchronous API runs an event loop in the test thread; these tests use
    the ORM only to arrange data, never concurrently with a request."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def browser(_allow_orm_beside_playwright: None) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser: Browser, **options: Any) -> BrowserContext:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", **options)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = _context(browser)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def _known_false_positive(rule: str, node: dict[str, Any]) -> bool:
    """GOV.UK Frontend's conditional reveal puts `aria-expanded` on a radio or checkbox,
    which axe reports under aria-allowed-attr; GOV.UK Frontend's own axe checks ignore
    exactly this (alphagov/govuk-frontend issue 979), having tested it with assistive
    technologies. Nothing else is ignored."""
    html = node.get("html", "")
    return (
        rule == "aria-allowed-attr"
        and "aria-expanded" in html
        and ('type="radio"' in html or 'type="checkbox"' in html)
    )


def accessibility_violations(page: Page) -> list[str]:
    """What axe finds on the page, one line per violation (empty when none)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        nodes = [n for n in violation["nodes"] if not _known_false_positive(violation["id"], n)]
        if nodes:
            found.append(f"{violation['id']}: {violation['help']} ({len(nodes)} nodes)")
    return found
