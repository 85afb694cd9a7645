from __future__ import annotations

from django.db.models import Q

from casereviews.outbox.models import OutboxEmail


def outbox_counts() -> dict[str, int]:
    """How many e-mails wait to be sent, and how many of those have failed at least once.
    Counts only: the operations page never shows an e-mail's content or addressees."""
    waiting = OutboxEmail.objects.filter(sent_at=None)
    return {
        "waiting": waiting.count(),
        "failed": waiting.filter(~Q(last_error="")).count(),
    }
