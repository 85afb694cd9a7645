"""Keyset pagination: each page is the rows after the last one shown, so walking the
pages forwards and back shows every row exactly once, in order, ties included."""

from __future__ import annotations

import datetime

import pytest

from casereviews.frontend.keyset import keyset_page
from casereviews.notifications.models import Notification
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
ORDER = ("-submitted_at", "-id")


@pytest.fixture
def cases(board) -> list[Notification]:
    """Seven cases, three of them submitted at the very same moment."""
    moment = datetime.datetime(2026, 5, 4, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    made = [
        NotificationFactory.create(board=board, submitted_at=moment + datetime.timedelta(hours=h))
        for h in (0, 0, 0, 1, 2, 3, -1)
    ]
    return sorted(made, key=lambda c: (c.submitted_at, c.pk), reverse=True)


def walk_forwards(size: int) -> list[list[Notification]]:
    pages, after = [], None
    while True:
        page = keyset_page(Notification.objects.all(), ordering=ORDER, after=after, size=size)
        pages.append(page.rows)
        assert (page.previous_cursor is None) == (after is None)
        if page.next_cursor is None:
            return pages
        after = page.next_cursor


def test_the_pages_forwards_show_every_row_once_in_order(cases) -> None:
    pages = walk_forwards(size=3)
    assert [len(rows) for rows in pages] == [3, 3, 1]
    assert [case for rows in pages for case in rows] == cases


def test_the_pages_backwards_are_the_same_pages(cases) -> None:
    forwards = walk_forwards(size=3)
    last = keyset_page(
        Notification.objects.all(),
        ordering=ORDER,
        after=keyset_page(Notification.objects.all(), ordering=ORDER, size=3).next_cursor,
        size=3,
    )
    assert last.rows == forwards[1]
    back = keyset_page(
        Notification.objects.all(), ordering=ORDER, before=last.previous_cursor, size=3
    )
    assert back.rows == forwards[0]
    # The first page has nothing before it, and says so.
    assert back.previous_cursor is None
    assert back.next_cursor is not None


@pytest.mark.parametrize("cursor", ["not-a-cursor", "WzEsMl0", "W10", "WyJ4IiwieSJd"])
def test_a_cursor_edited_by_hand_starts_the_list_again(cases, cursor) -> None:
    page = keyset_page(Notification.objects.all(), ordering=ORDER, after=cursor, size=3)
    assert page.rows == cases[:3]
    assert page.previous_cursor is None
