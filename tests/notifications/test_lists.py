"""The lists of cases: a page at a time, newest first, with "Next" and "Previous"
links rather than page numbers, and the board's list filtered by status."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from tests.factories import NotificationFactory, person

pytestmark = pytest.mark.django_db


def references(response) -> list[str]:
    return [n.reference for n in response.context["notifications"]]


def link(response, rel: str) -> str:
    found = re.search(rf'href="([^"]*)" rel="{rel}"', response.content.decode())
    return found.group(1).replace("&amp;", "&") if found else ""


def test_the_board_list_pages_through_every_case_newest_first(
    board, other_board, business_manager, signed_in
):
    start = datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    cases = [
        NotificationFactory.create(board=board, submitted_at=start + datetime.timedelta(hours=i))
        for i in range(55)
    ]
    NotificationFactory.create(board=board, status=Status.DRAFT)
    NotificationFactory.create(board=other_board)
    newest_first = [c.reference for c in reversed(cases)]
    client = signed_in(business_manager)
    first = client.get(reverse("notifications:board"))
    assert references(first) == newest_first[:50]
    assert link(first, "prev") == ""
    assert "Page 1 of" not in first.content.decode()
    second = client.get(reverse("notifications:board") + link(first, "next"))
    assert references(second) == newest_first[50:]
    assert link(second, "next") == ""
    back = client.get(reverse("notifications:board") + link(second, "prev"))
    assert references(back) == newest_first[:50]


def test_the_board_list_is_filtered_by_status(board, business_manager, signed_in):
    waiting = NotificationFactory.create(board=board, status=Status.SUBMITTED)
    NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    client = signed_in(business_manager)
    response = client.get(reverse("notifications:board"), {"status": "submitted"})
    assert references(response) == [waiting.reference]
    none = client.get(reverse("notifications:board"), {"status": "closed"})
    assert references(none) == []
    assert "No cases of this board have this status." in none.content.decode()
    # A status that is not one, or a draft, lists every submitted case.
    assert len(references(client.get(reverse("notifications:board"), {"status": "x"}))) == 2


def test_a_notifier_lists_their_own_notifications_drafts_first(board, police, signed_in):
    notifier = person(board, Role.NOTIFIER, organisation=police)
    sent = NotificationFactory.create(board=board, notifier=notifier)
    draft = NotificationFactory.create(board=board, notifier=notifier, status=Status.DRAFT)
    NotificationFactory.create(board=board)
    response = signed_in(notifier).get(reverse("notifications:mine"))
    assert list(response.context["notifications"]) == [draft, sent]
