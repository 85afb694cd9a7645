"""A document with its file on disk, for the URL walk's download and removal pages."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings

from casereviews.notifications.models import Attachment, Notification


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
