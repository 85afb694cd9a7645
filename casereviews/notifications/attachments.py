"""Documents sent with a notification: what is accepted, where it is kept, and the
services that add and remove them.

A file is accepted only when its content is what its extension claims (a PDF that
starts like a PDF, a .docx that is a ZIP holding a Word document…), so a renamed
program is refused, and when it can run, fetch or open nothing and carries no other file
(`casereviews.uploads.documents`, docs/adr/0020): the one check of every document
uploaded anywhere in the service. A notification
holds at most `ATTACHMENTS_PER_NOTIFICATION` documents and `ATTACHMENTS_TOTAL_MB` in
all. Files are kept in the documents' storage (`casereviews.storage`: a folder, or object
storage) by a random name and are read back only by the audited download view."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Sum
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.frontend.text import is_hidden
from casereviews.notifications.crnf_cache import crnf_changed
from casereviews.notifications.models import Attachment, Notification
from casereviews.storage import (
    DocumentHolder,
    document_delete,
    document_holder,
    document_open,
    document_save,
)
from casereviews.uploads.documents import document_check
from casereviews.uploads.sandbox import ParseRefused
from casereviews.uploads.spreadsheets import child_limits
from casereviews.uploads.tables import megabytes

MAX_SIZE = 10 * 1024 * 1024
WRONG_TYPE = "The selected file must be a PDF, Word document, JPG or PNG"
TOO_BIG = f"The selected file must be smaller than {megabytes(MAX_SIZE)}"
EMPTY = "The selected file is empty"
LEGACY_WORD = (
    "The selected file is an old-style Word document (.doc). Save it as a .docx or a PDF "
    "and upload that"
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Each extension, the content types its content may be sniffed as, and the type it is
# sent back with.
ACCEPTED: dict[str, tuple[frozenset[str], str]] = {
    ".pdf": (frozenset({"application/pdf"}), "application/pdf"),
    ".jpg": (frozenset({"image/jpeg"}), "image/jpeg"),
    ".jpeg": (frozenset({"image/jpeg"}), "image/jpeg"),
    ".png": (frozenset({"image/png"}), "image/png"),
    ".docx": (frozenset({DOCX, "application/zip"}), DOCX),
}
# The kind of check (`casereviews.uploads.documents.KINDS`) each extension gets.
CHECKS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".docx": "docx"}
ACCEPT_ATTRIBUTE = ",".join(ACCEPTED)
_UNSAFE = re.compile(r"[^\w .()\-]+")


def attachments_holder() -> DocumentHolder:
    return document_holder(Attachment)


def attachment_open(attachment: Attachment) -> File[bytes]:
    """The stored file, to stream; `FileNotFoundError` when it is missing."""
    return document_open(holder=attachments_holder(), name=attachment.stored_name)


def attachment_files_delete(stored_names: list[str]) -> None:
    for name in stored_names:
        document_delete(holder=attachments_holder(), name=name)


def display_name(name: str) -> str:
    """The file's own name, safe to show: no folders, no control or odd characters."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join("_" if is_hidden(c, multiline=False) else c for c in name)
    name = _UNSAFE.sub("_", name).strip(" .")
    if len(name) > 200:
        stem, dot, extension = name.rpartition(".")
        name = stem[:190] + dot + extension[:9] if dot else name[:200]
    return name or "document"


def attachment_limits() -> tuple[int, int]:
    """How many documents a notification may hold, and their total size in bytes."""
    return (
        settings.ATTACHMENTS_PER_NOTIFICATION,
        settings.ATTACHMENTS_TOTAL_MB * 1024 * 1024,
    )


def limits_hint() -> str:
    count, total = attachment_limits()
    return (
        f"A PDF, Word document (.docx), JPG or PNG, up to {megabytes(MAX_SIZE)} each. Up to "
        f"{count:,} documents and {megabytes(total)} in all for a notification. Upload files one "
        "at a time."
    )


def check_upload(upload: UploadedFile[bytes]) -> str:
    """The content type to keep for a file, or a `ValidationError` with the message the
    person sees at the field."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(EMPTY)
    if upload.size > MAX_SIZE:
        raise ValidationError(TOO_BIG)
    extension = Path(upload.name or "").suffix.lower()
    if extension == ".doc":
        raise ValidationError(LEGACY_WORD)
    if extension not in ACCEPTED:
        raise ValidationError(WRONG_TYPE)
    sniffed_types, content_type = ACCEPTED[extension]
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    kind = filetype.guess(content[:8192])
    if kind is None or kind.mime not in sniffed_types:
        raise ValidationError(WRONG_TYPE)
    try:
        document_check(content, CHECKS[extension], limits=child_limits())
    except ParseRefused as refused:
        raise ValidationError(str(refused)) from None
    return content_type


def _check_room(notification: Notification, size: int) -> None:
    """Refuse a file that would take the notification past its limits. Called in the
    transaction that adds it, after locking the notification, so two uploads at once
    cannot both squeeze in."""
    list(Notification.objects.select_for_update().filter(pk=notification.pk).values_list("pk"))
    held = Attachment.objects.filter(notification=notification).aggregate(
        count=Count("id"), total=Sum("size")
    )
    most, total = attachment_limits()
    if held["count"] >= most:
        raise ValidationError(
            f"A notification can have up to {most} documents. Remove one to add another"
        )
    if (held["total"] or 0) + size > total:
        left = max(total - (held["total"] or 0), 0)
        raise ValidationError(
            f"The documents of a notification must add up to {megabytes(total)} or "
            f"less. This file is {filesizeformat(size)}; there is room for "
            f"{filesizeformat(left)} more"
        )


def attachment_add(
    *,
    notification: Notification,
    upload: UploadedFile[bytes],
    content_type: str,
    by: User,
    request: HttpRequest | None = None,
) -> Attachment:
    """Keep a checked file (see `check_upload`) with the draft, if it has room for it
    (otherwise `ValidationError`, with the message for the field)."""
    stored = document_save(holder=attachments_holder(), upload=upload)
    try:
        with transaction.atomic():
            _check_room(notification, upload.size or 0)
            attachment = Attachment.objects.create(
                notification=notification,
                original_name=display_name(upload.name or ""),
                stored_name=stored.name,
                sha256=stored.sha256,
                content_type=content_type,
                size=stored.size,
                uploaded_by=by,
            )
            crnf_changed(notification)
            audit_record(
                request=request,
                actor=by,
                action="notification.attachment_add",
                obj=notification,
                detail={"attachment": attachment.pk},
            )
    except BaseException:
        document_delete(holder=attachments_holder(), name=stored.name)
        raise
    return attachment


def attachment_remove(
    *,
    notification: Notification,
    attachment: Attachment,
    by: User,
    request: HttpRequest | None = None,
) -> None:
    """Remove a file from the draft; the file itself goes once the removal commits."""
    stored_name = attachment.stored_name
    with transaction.atomic():
        attachment_id = attachment.pk
        attachment.delete()
        crnf_changed(notification)
        audit_record(
            request=request,
            actor=by,
            action="notification.attachment_remove",
            obj=notification,
            detail={"attachment": attachment_id},
        )
        transaction.on_commit(lambda: attachment_files_delete([stored_name]))
