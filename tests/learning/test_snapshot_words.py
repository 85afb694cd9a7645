"""How the dashboards say when their figures were counted and how often: GOV.UK's words
for times and intervals."""

from __future__ import annotations

import datetime

import pytest

from casereviews.deadlines.calendar import LONDON
from casereviews.learning.snapshots import boards_key, clock, every


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "every minute"),
        (10, "every 10 minutes"),
        (90, "every 90 minutes"),
        (60, "every hour"),
        (120, "every 2 hours"),
    ],
)
def test_the_interval_in_words(minutes: int, words: str) -> None:
    assert every(datetime.timedelta(minutes=minutes)) == words


@pytest.mark.parametrize(
    ("hour", "minute", "words"),
    [
        (9, 5, "9:05am"),
        (21, 55, "9:55pm"),
        (0, 0, "midnight"),
        (0, 30, "12:30am"),
        (12, 0, "midday"),
        (12, 15, "12:15pm"),
    ],
)
def test_the_time_in_london_in_words(hour: int, minute: int, words: str) -> None:
    moment = datetime.datetime(2026, 7, 1, hour, minute, tzinfo=LONDON)
    assert clock(moment.astimezone(datetime.UTC)) == words


def test_the_same_boards_in_any_order_are_one_key() -> None:
    assert boards_key([7, 3, 7]) == boards_key([3, 7]) == "3,7"
