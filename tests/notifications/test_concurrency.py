"""Submissions made at the same moment never share a reference, and the same draft sent
twice at once is sent once. Real threads on the real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from casereviews.accounts.models import User
from casereviews.notifications.models import Notification
from casereviews.outbox.models import OutboxEmail
from casereviews.submission.services import notification_submit
from casereviews.workflow.models import StatusChange
from casereviews.workflow.services import NotificationChanged
from tests.helpers import at_once
from tests.notifications.helpers import fill_in

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _submit(notification: Notification, by: User) -> Callable[[], Notification]:
    return lambda: notification_submit(
        notification=Notification.objects.get(pk=notification.pk),
        by=by,
        expected_version=1,
    )


def test_concurrent_submissions_get_distinct_sequential_references(signed_in, notifier) -> None:
    client = signed_in(notifier)
    drafts = [fill_in(client) for _ in range(4)]
    results = at_once([_submit(draft, notifier) for draft in drafts])
    assert all(isinstance(result, Notification) for result in results), results
    references = sorted(str(n.reference) for n in Notification.objects.all())
    assert references == ["BF-2026-0001", "BF-2026-0002", "BF-2026-0003", "BF-2026-0004"]


def test_the_same_draft_sent_twice_at_once_is_sent_once(
    signed_in, notifier, business_manager
) -> None:
    client = signed_in(notifier)
    draft = fill_in(client)
    results = at_once([_submit(draft, notifier), _submit(draft, notifier)])
    sent = [r for r in results if isinstance(r, Notification)]
    refused = [r for r in results if isinstance(r, NotificationChanged)]
    assert (len(sent), len(refused)) == (1, 1), results
    assert list(Notification.objects.values_list("reference", flat=True)) == ["BF-2026-0001"]
    assert StatusChange.objects.count() == 1
    assert OutboxEmail.objects.count() == 2
