"""The pages people use most, as their browser shows them: no accessibility violations."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from tests.browser.conftest import accessibility_violations
from tests.documents import attachment_of
from tests.factories import NotificationFactory, person
from tests.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def browse_as(page: Page, live_server, user) -> None:
    """Give the browser the session of someone fully signed in (with their code)."""
    client = sign_in(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def violations_on(page: Page, live_server, paths: tuple[str, ...]) -> dict[str, list[str]]:
    """What axe finds on each page (each must open), by path; empty when none."""
    problems = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None, path
        assert response.status == 200, path
        found = accessibility_violations(page)
        if found:
            problems[path] = found
    return problems


def test_the_business_managers_pages_have_no_accessibility_violations(
    page: Page, live_server, board
) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    submitted = NotificationFactory.create(board=board)
    considered = NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    attachment_of(considered)
    browse_as(page, live_server, manager)
    paths = (
        "/",
        f"/notifications/{submitted.reference}",
        f"/notifications/{submitted.reference}/verify",
        f"/notifications/{considered.reference}",
        f"/notifications/{considered.reference}/involvement-request",
        f"/notifications/{considered.reference}/step/withdraw",
        "/notifications/board",
        "/due/",
        "/audit/",
        f"/audit/who-has-seen?reference={considered.reference}",
    )
    assert violations_on(page, live_server, paths) == {}


def test_the_administrators_pages_have_no_accessibility_violations(
    page: Page, live_server, board, administrator
) -> None:
    someone = person(board, Role.NOTIFIER)
    browse_as(page, live_server, administrator)
    paths = (
        "/administration/",
        "/administration/people/",
        f"/administration/people/{someone.pk}",
        "/administration/people/new",
        f"/administration/people/{someone.pk}/roles/new",
        "/administration/boards/",
        f"/administration/boards/{board.pk}/edit",
        "/operations/",
    )
    assert violations_on(page, live_server, paths) == {}
