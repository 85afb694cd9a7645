"""Objects the URL walk's examples need for the draft's documents and their download."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings

from casereviews.notifications.models import Attachment, Notification, Status
from tests.factories import NotificationFactory


def draft_of_the_notifier(world) -> Notification:
    return NotificationFactory.create(
        board=world.board, notifier=world.people["notifier"], status=Status.DRAFT
    )


def attachment_of(notification: Notification) -> Attachment:
    """A document with its file on disk (under the test's MEDIA_ROOT)."""
    stored_name = uuid.uuid4().hex
    folder = Path(settings.MEDIA_ROOT) / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored_name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    return Attachment.objects.create(
        notification=notification,
        original_name="report.pdf",
        stored_name=stored_name,
        content_type="application/pdf",
        size=15,
        uploaded_by=notification.notifier,
    )
