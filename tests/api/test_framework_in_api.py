"""The API carries each case's framework: a notification sent through the API to a board
that has become a safeguarding partnership is a wt-2023 case, and says so when read."""

from __future__ import annotations

import datetime

import pytest

from casereviews.boards.models import BoardFramework
from casereviews.deadlines.models import Deadline
from casereviews.notifications.models import Notification
from tests.api.conftest import bearer
from tests.api.test_notifications_api import URL, body, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _a_fixed_now(time_machine) -> None:
    time_machine.move_to("2026-11-25 12:00:00+00:00", tick=False)


def test_each_notification_says_the_framework_it_was_notified_under(
    client, board, notifier, business_manager, token_for
) -> None:
    before = post(client, token_for(notifier), body()).json()["reference"]
    BoardFramework.objects.create(
        board=board, framework="wt-2023", effective_from=datetime.date(2026, 11, 25)
    )
    after = post(client, token_for(notifier), body()).json()["reference"]
    answers = {
        reference: client.get(
            f"{URL}/{reference}", headers=bearer(token_for(business_manager))
        ).json()["framework"]
        for reference in (before, after)
    }
    assert answers == {before: "bf-lscb-2015", after: "wt-2023"}
    partnership_case = Notification.objects.get(reference=after)
    assert list(
        Deadline.objects.filter(notification=partnership_case).values_list("rule_code", flat=True)
    ) == ["panel_notified_within_5_working_days"]
