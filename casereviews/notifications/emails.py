"""The e-mails a submission sends. They carry the reference and a link, never the
child's name, date of birth or address (DESIGN.md section 6)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.contacts import business_manager_recipients
from casereviews.frameworks.vocabulary import Framework, vocabulary
from casereviews.notifications.models import Notification
from casereviews.outbox.services import Email, outbox_enqueue_all


def case_link(notification: Notification) -> str:
    assert notification.reference
    return settings.SERVICE_URL + reverse("notifications:detail", args=[notification.reference])


def _when(notification: Notification) -> str:
    at = timezone.localtime(notification.submitted_at or timezone.now())
    return f"{at.day} {at:%B %Y} at {at:%H:%M}"


def notification_submitted_emails(
    *, notification: Notification, duplicates: list[Notification], resubmitted: bool
) -> None:
    """Queue the Business Managers' e-mails and the notifier's receipt, once per version."""
    submitted_emails_prepare(
        notification=notification, duplicates=duplicates, resubmitted=resubmitted
    ).queue()


def submitted_emails_prepare(
    *, notification: Notification, duplicates: list[Notification], resubmitted: bool
) -> SubmittedEmails:
    """Read whom a submission's e-mails go to, before its reference is taken: from then
    to the commit the board's reference counter is locked, so only writes should follow
    (`submission.services.notification_submit`)."""
    return SubmittedEmails(
        notification=notification,
        duplicates=duplicates,
        resubmitted=resubmitted,
        managers=business_manager_recipients(notification.board),
        notifier_email=notification.notifier.email,
        organisation_name=notification.organisation.name,
    )


@dataclass(frozen=True)
class SubmittedEmails:
    """A submission's e-mails with their recipients read; `queue` writes them once the
    notification has its reference."""

    notification: Notification
    duplicates: list[Notification]
    resubmitted: bool
    managers: list[User]
    notifier_email: str
    organisation_name: str

    def queue(self) -> None:
        notification, resubmitted = self.notification, self.resubmitted
        reference = notification.reference
        key = f"notification-{'resubmitted' if resubmitted else 'submitted'}:{notification.pk}"
        key += f":v{notification.version}"
        link = case_link(notification)
        opening = (
            "A notification has been sent back"
            if resubmitted
            else "A new notification has been sent"
        )
        lines = [
            f"{opening} to {notification.board.name}.",
            "",
            f"Reference: {reference}",
            f"Review sought: {notification.get_review_sought_display()}",
            f"From: {notification.notifier_name}, {self.organisation_name}",
            f"Submitted: {_when(notification)}",
        ]
        if notification.submitted_on_time is False:
            lines.append("Sent more than 24 hours after the consultation (late).")
        if notification.framework == Framework.WT_2023 and not resubmitted:
            lines.append(
                "If it is a serious child safeguarding case, the local authority notifies the "
                "Child Safeguarding Practice Review Panel within 5 working days: the case page "
                "shows when that is due."
            )
        lines += [f"Possible duplicate of {other.reference}" for other in self.duplicates]
        lines += [
            "",
            f"Open the case: {link}",
            "",
            "This e-mail does not contain the child's details. Sign in to see them.",
        ]
        subject = f"Case notification {reference}: {'sent back' if resubmitted else 'new'}"
        queued = [
            Email(
                key=f"{key}:manager:{manager.pk}",
                to=[manager.email],
                subject=subject,
                body="\n".join(lines),
            )
            for manager in self.managers
        ]
        receipt = [
            f"Your notification has been sent to {notification.board.name}.",
            "",
            f"Reference: {reference}",
            f"Submitted: {_when(notification)}",
            "",
            f"See its progress: {link}",
            "",
            "Keep the reference: quote it if you contact the "
            f"{vocabulary(notification.framework).board} about this case.",
        ]
        queued.append(
            Email(
                key=f"{key}:receipt",
                to=[self.notifier_email],
                subject=f"We have received your notification {reference}",
                body="\n".join(receipt),
            )
        )
        # One INSERT for them all: the counter's lock is held while it runs.
        outbox_enqueue_all(queued)
