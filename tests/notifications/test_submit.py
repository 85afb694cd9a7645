"""Sending the CRNF A: one transaction writes the status row, the reference, the timeline,
the audit event and the e-mails; a second click sends nothing more."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.deadlines.models import Deadline
from casereviews.notifications.models import Notification, ReferenceCounter, Status
from casereviews.outbox.models import OutboxEmail
from casereviews.submission.services import (
    NotificationIncomplete,
    notification_submit,
    reference_next,
)
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import notification_transition
from tests.helpers import audit_store_refusing
from tests.notifications.helpers import CHILD_NAME, child_answers, fill_in, send, start

pytestmark = pytest.mark.django_db


def test_sending_writes_every_record_and_the_emails_carry_no_identity(
    signed_in, notifier, business_manager
) -> None:
    """Status row, reference, timeline, audit, an e-mail to the Business Manager and a
    receipt to the notifier: both with the reference and the link, neither with the
    child's name, date of birth or address."""
    client = signed_in(notifier)
    notification = fill_in(client)
    response = send(client, notification)
    assert response["Location"] == reverse("submission:submitted", args=["BF-2026-0001"])
    confirmation = client.get(response["Location"]).content.decode()
    assert "Notification sent" in confirmation
    assert "BF-2026-0001" in confirmation

    notification.refresh_from_db()
    assert (notification.status, notification.reference, notification.version) == (
        Status.SUBMITTED,
        "BF-2026-0001",
        2,
    )
    assert notification.submitted_at == datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)
    change = StatusChange.objects.get(notification=notification)
    assert (change.from_status, change.to_status, change.by) == ("draft", "submitted", notifier)
    kinds = list(
        TimelineEntry.objects.filter(notification=notification).values_list("kind", flat=True)
    )
    assert kinds == ["transition.submit", "notification.reference"]
    assert AuditEvent.objects.filter(action="notification.submit", actor=notifier).count() == 1

    emails = {tuple(email.to): email for email in OutboxEmail.objects.all()}
    assert set(emails) == {(business_manager.email,), (notifier.email,)}
    link = "http://127.0.0.1:8000/notifications/BF-2026-0001"
    for email in emails.values():
        text = email.subject + email.body
        assert "BF-2026-0001" in email.subject
        assert link in email.body
        for identity in (CHILD_NAME, "Kacey", "Hollins", "2015", "9 April", "Larch Avenue"):
            assert identity not in text


def test_a_second_click_sends_nothing_and_lands_on_the_status_page(
    signed_in, notifier, business_manager
) -> None:
    client = signed_in(notifier)
    notification = fill_in(client)
    send(client, notification)
    again = send(client, notification, version=1)
    assert again["Location"] == reverse("notifications:detail", args=["BF-2026-0001"])
    page = client.get(again["Location"]).content.decode()
    assert "You have already sent this notification to the board" in page
    assert Notification.objects.count() == 1
    assert OutboxEmail.objects.count() == 2
    assert StatusChange.objects.count() == 1


def test_a_stale_version_changes_nothing(signed_in, notifier, business_manager) -> None:
    """A retry carrying an old version (the notification was returned and resent in
    between) is refused by the workflow's optimistic versioning."""
    notification = fill_in(signed_in(notifier))
    with pytest.raises(Exception, match="changed since version"):
        notification_submit(notification=notification, by=notifier, expected_version=7)
    notification.refresh_from_db()
    assert (notification.status, notification.reference) == (Status.DRAFT, None)
    assert not OutboxEmail.objects.exists()


def test_an_unfinished_draft_cannot_be_sent(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = start(client)
    html = client.get(reverse("submission:check", args=[notification.pk])).content.decode()
    assert "You have not finished" in html
    assert "Accept and send" not in html
    response = send(client, notification)
    assert "Answer the questions about your details" in response.content.decode()
    with pytest.raises(NotificationIncomplete):
        notification_submit(notification=notification, by=notifier, expected_version=1)
    notification.refresh_from_db()
    assert (notification.status, notification.reference) == (Status.DRAFT, None)


def test_a_late_inter_agency_cpir_request_is_accepted_and_its_lateness_shown(
    signed_in, notifier, business_manager
) -> None:
    """Consulted 25 hours before sending: accepted, recorded as late, shown on the case
    page and told to the Business Manager."""
    client = signed_in(notifier)
    notification = fill_in(client, consulted_at=datetime.datetime(2026, 11, 24, 11, 0))
    send(client, notification)
    notification.refresh_from_db()
    assert notification.status == Status.SUBMITTED
    assert notification.submission_due_at == datetime.datetime(
        2026, 11, 25, 11, tzinfo=datetime.UTC
    )
    assert notification.submitted_on_time is False
    assert TimelineEntry.objects.filter(text__contains="(late)").exists()
    assert (
        "Late"
        in client.get(
            reverse("notifications:detail", args=[notification.reference])
        ).content.decode()
    )
    assert "late" in OutboxEmail.objects.get(to=[business_manager.email]).body


def test_a_request_within_24_hours_is_on_time(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = fill_in(client, consulted_at=datetime.datetime(2026, 11, 24, 12, 0))
    send(client, notification)
    notification.refresh_from_db()
    assert notification.submitted_on_time is True


def test_the_24_hours_apply_only_to_inter_agency_cpir_requests(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = fill_in(
        client, review_sought="scr", consulted_at=datetime.datetime(2026, 11, 1, 9, 0)
    )
    send(client, notification)
    notification.refresh_from_db()
    assert (notification.submission_due_at, notification.submitted_on_time) == (None, None)


def test_a_likely_duplicate_is_flagged_to_the_business_manager_only(
    signed_in, notifier, business_manager, board
) -> None:
    """An open notification for a child with the same name (case and spaces aside) and
    date of birth: the Business Manager sees 'possible duplicate of' with the reference,
    on the case page and in the e-mail; the notifier sees nothing of it."""
    client = signed_in(notifier)
    earlier = fill_in(client)
    send(client, earlier)
    closed = fill_in(client)
    send(client, closed)
    Notification.objects.filter(pk=closed.pk).update(status=Status.WITHDRAWN)
    later = fill_in(client, child=child_answers(full_name="  kacey HOLLINS "))
    send(client, later)
    later.refresh_from_db()
    assert list(later.possible_duplicates.values_list("reference", flat=True)) == ["BF-2026-0001"]

    manager_email = OutboxEmail.objects.get(
        key__contains=f":{later.pk}:", to=[business_manager.email]
    )
    assert "Possible duplicate of BF-2026-0001" in manager_email.body
    receipt = OutboxEmail.objects.get(key__contains=f":{later.pk}:", to=[notifier.email])
    assert "duplicate" not in receipt.body.lower()

    case_page = reverse("notifications:detail", args=[later.reference])
    assert "Possible duplicate of" in signed_in(business_manager).get(case_page).content.decode()
    assert "Possible duplicate" not in signed_in(notifier).get(case_page).content.decode()


def test_references_count_per_board_and_year(signed_in, notifier, board, other_board) -> None:
    """BF-2026-0001, BF-2026-0002…; another board and another year start again at 1."""
    client = signed_in(notifier)
    first = fill_in(client)
    send(client, first)
    second = fill_in(client)
    send(client, second)
    assert reference_next(board=other_board, year=2026) == "RBWM-2026-0001"
    assert reference_next(board=board, year=2027) == "BF-2027-0001"
    assert [n.reference for n in Notification.objects.filter(board=board).order_by("pk")] == [
        "BF-2026-0001",
        "BF-2026-0002",
    ]


def test_a_submission_that_fails_after_its_reference_leaves_nothing_and_no_gap(
    signed_in, notifier, business_manager, board
) -> None:
    """The reference is taken near the end of the submission; a failure after it (here the
    audit append, the very last step) rolls the counter back with everything else, so
    the next submission takes the number the failed one would have had."""
    client = signed_in(notifier)
    send(client, fill_in(client))
    failing = fill_in(client)
    outbox_before = OutboxEmail.objects.count()
    with audit_store_refusing(), pytest.raises(DatabaseError, match="audit store unavailable"):
        notification_submit(notification=failing, by=notifier, expected_version=1)
    failing.refresh_from_db()
    assert (failing.status, failing.reference, failing.version) == (Status.DRAFT, None, 1)
    assert not StatusChange.objects.filter(notification=failing).exists()
    assert not TimelineEntry.objects.filter(notification=failing).exists()
    assert not Deadline.objects.filter(notification=failing).exists()
    assert OutboxEmail.objects.count() == outbox_before
    assert ReferenceCounter.objects.get(board=board, year=2026).last == 1

    notification_submit(notification=failing, by=notifier, expected_version=1)
    failing.refresh_from_db()
    assert (failing.status, failing.reference) == (Status.SUBMITTED, "BF-2026-0002")
    assert ReferenceCounter.objects.get(board=board, year=2026).last == 2


def test_a_notification_returned_for_information_is_sent_back_with_its_reference(
    signed_in, notifier, business_manager
) -> None:
    """Resubmission keeps the reference and the submission time, and e-mails again."""
    client = signed_in(notifier)
    notification = fill_in(client)
    send(client, notification)
    notification.refresh_from_db()
    notification_transition(
        notification=notification,
        name="return_for_information",
        by=business_manager,
        expected_version=2,
        reason="Which school does the child attend?",
    )
    page = client.get(
        reverse("notifications:detail", args=[notification.reference])
    ).content.decode()
    assert "Give the board more information" in page
    client.post(
        reverse("notifications:draft-page", args=[notification.pk, "what-happened"]),
        {"what_happened": "She attends Garth Hill College."},
    )
    notification.refresh_from_db()
    response = send(client, notification)
    assert response["Location"] == reverse("submission:submitted", args=["BF-2026-0001"])
    notification.refresh_from_db()
    # Submitted (2), returned (3), its answer changed (4: a change to a submitted case's
    # CRNF A makes a new version), sent back (5).
    assert (notification.status, notification.reference, notification.version) == (
        Status.SUBMITTED,
        "BF-2026-0001",
        5,
    )
    assert StatusChange.objects.filter(transition="resubmit").count() == 1
    assert OutboxEmail.objects.filter(key__startswith="notification-resubmitted").count() == 2
