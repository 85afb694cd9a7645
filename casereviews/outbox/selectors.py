from __future__ import annotations

from django.db.models import Q

from casereviews.outbox.models import OutboxEmail


def outbox_counts() -> dict[str, int]:
    """How many e-mails wait to be sent, how many of those have failed at least once, and
    how many the delivery channel refused for good. Counts only: the operations page
    never shows an e-mail's content or addressees."""
    waiting = OutboxEmail.objects.filter(sent_at=None, failed_at=None)
    return {
        "waiting": waiting.count(),
        "failed": waiting.filter(~Q(last_error="")).count(),
        "refused": OutboxEmail.objects.filter(sent_at=None).exclude(failed_at=None).count(),
    }
