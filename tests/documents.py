"""A document with its file in the documents' storage, for the URL walk's download and
removal pages."""

from __future__ import annotations

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from casereviews.notifications.models import Attachment, Notification

CONTENT = b"%PDF-1.4\n%%EOF\n"


def attachment_of(notification: Notification, content: bytes = CONTENT) -> Attachment:
    """A document with its file stored (under the test's MEDIA_ROOT, or its bucket)."""
    stored_name = uuid.uuid4().hex
    default_storage.save(f"attachments/{stored_name}", ContentFile(content))
    return Attachment.objects.create(
        notification=notification,
        original_name="report.pdf",
        stored_name=stored_name,
        sha256=hashlib.sha256(content).hexdigest(),
        content_type="application/pdf",
        size=len(content),
        uploaded_by=notification.notifier,
    )
