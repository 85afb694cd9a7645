"""Documents sent with a notification: accepted by content as well as extension, kept
outside the web root by a random name, and read back only through an audited download."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.attachments import MAX_SIZE, WRONG_TYPE
from casereviews.notifications.models import Attachment
from tests.factories import person
from tests.notifications import files
from tests.notifications.helpers import fill_in, send

pytestmark = pytest.mark.django_db


def documents_url(notification) -> str:
    return reverse("notifications:documents", args=[notification.pk])


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Body map.pdf", files.PDF, "application/pdf"),
        ("photo.JPG", files.JPEG, "image/jpeg"),
        ("scan.png", files.png(), "image/png"),
        (
            "Chronology.docx",
            files.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("Old report.doc", files.DOC, "application/msword"),
    ],
)
def test_each_accepted_type_is_kept_under_a_random_name(
    signed_in, notifier, settings, name, content, content_type
) -> None:
    """A real file of each accepted type is kept, by a random name under MEDIA_ROOT, with
    its own name kept for display; the page lists it."""
    client = signed_in(notifier)
    draft = fill_in(client)
    response = client.post(
        documents_url(draft), {"upload": "1", "file": files.upload(name, content)}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(notification=draft)
    assert (attachment.original_name, attachment.content_type) == (name, content_type)
    stored = Path(settings.MEDIA_ROOT) / "attachments" / attachment.stored_name
    assert stored.read_bytes() == content
    assert name not in attachment.stored_name
    assert len(attachment.stored_name) == 32
    page = client.get(documents_url(draft)).content.decode()
    assert name in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", files.EXE),
        ("report.pdf", b"Just some text, renamed.\n" * 10),
        ("picture.png", files.JPEG),
        ("letter.docx", files.docx(with_document=False)),
        ("letter.doc", files.PDF),
        ("program.exe", files.EXE),
    ],
)
def test_a_file_that_is_not_what_its_name_claims_is_refused(
    signed_in, notifier, settings, name, content
) -> None:
    """A program or text renamed as a PDF (or any mismatch) is refused at the field with
    the GOV.UK message, and nothing is kept."""
    client = signed_in(notifier)
    draft = fill_in(client)
    response = client.post(
        documents_url(draft), {"upload": "1", "file": files.upload(name, content)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert WRONG_TYPE in page
    assert 'class="govuk-error-message"' in page
    assert not Attachment.objects.exists()
    folder = Path(settings.MEDIA_ROOT) / "attachments"
    assert not folder.exists() or not any(folder.iterdir())


def test_a_file_over_10mb_is_refused(signed_in, notifier) -> None:
    """The limit is 10MB each, as the hint says."""
    client = signed_in(notifier)
    draft = fill_in(client)
    big = files.PDF + b"0" * (MAX_SIZE - len(files.PDF) + 1)
    response = client.post(
        documents_url(draft), {"upload": "1", "file": files.upload("big.pdf", big)}
    )
    page = response.content.decode()
    assert "The selected file must be smaller than 10MB" in page
    assert "up to 10MB each" in page
    assert not Attachment.objects.exists()


def test_the_documents_page_is_optional_and_a_file_can_be_removed(signed_in, notifier) -> None:
    """Uploading nothing still lets the notification be sent; a removed file is gone from
    the list and the disk."""
    client = signed_in(notifier)
    draft = fill_in(client)
    client.post(documents_url(draft), {"upload": "1", "file": files.upload("a.pdf", files.PDF)})
    attachment = Attachment.objects.get()
    remove = reverse("notifications:attachment-remove", args=[draft.pk, attachment.pk])
    assert "Are you sure you want to remove a.pdf?" in client.get(remove).content.decode()
    response = client.post(remove)
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert AuditEvent.objects.filter(action="notification.attachment_remove").count() == 1
    draft.refresh_from_db()
    assert send(client, draft).status_code == 302


def test_removing_a_file_deletes_it_from_disk(
    signed_in, notifier, settings, django_capture_on_commit_callbacks
) -> None:
    """The file goes once its row has gone."""
    client = signed_in(notifier)
    draft = fill_in(client)
    client.post(documents_url(draft), {"upload": "1", "file": files.upload("a.pdf", files.PDF)})
    attachment = Attachment.objects.get()
    stored = Path(settings.MEDIA_ROOT) / "attachments" / attachment.stored_name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:attachment-remove", args=[draft.pk, attachment.pk]))
    assert not stored.exists()


def test_a_download_is_a_file_not_a_page_and_is_audited(
    signed_in, notifier, business_manager, client: Client
) -> None:
    """The author and then the Business Manager download the document: sent as an
    attachment with its stored type and nosniff, and each download is in the audit trail
    as a read of the case."""
    mine = signed_in(notifier)
    draft = fill_in(mine)
    mine.post(
        documents_url(draft), {"upload": "1", "file": files.upload("Body map.pdf", files.PDF)}
    )
    attachment = Attachment.objects.get()
    url = reverse("notifications:attachment", args=[attachment.pk])
    response = mine.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    send(mine, draft)
    draft.refresh_from_db()
    client.logout()
    theirs = signed_in(business_manager)
    assert theirs.get(url).status_code == 200
    downloads = AuditEvent.objects.filter(action="notification.attachment_download")
    assert downloads.count() == 2
    last = downloads.order_by("sequence").last()
    assert last is not None
    assert (last.actor_id, last.detail["case"]) == (business_manager.pk, draft.reference)


def test_another_agencys_notifier_gets_not_found_for_a_document(
    signed_in, notifier, board, health, client: Client
) -> None:
    """Whether the notification is a draft or sent, another agency's notifier is told the
    document (and, once sent, the notification's PDF) does not exist, exactly as for one
    that does not, and downloads nothing."""
    mine = signed_in(notifier)
    draft = fill_in(mine)
    mine.post(documents_url(draft), {"upload": "1", "file": files.upload("a.pdf", files.PDF)})
    attachment = Attachment.objects.get()
    url = reverse("notifications:attachment", args=[attachment.pk])
    missing = reverse("notifications:attachment", args=[attachment.pk + 100])
    client.logout()
    theirs = signed_in(person(board, Role.NOTIFIER, organisation=health))
    assert theirs.get(url).status_code == 404
    assert theirs.get(missing).status_code == 404
    client.logout()
    mine = signed_in(notifier)
    send(mine, draft)
    client.logout()
    theirs = signed_in(person(board, Role.NOTIFIER, organisation=health))
    assert theirs.get(url).status_code == 404
    draft.refresh_from_db()
    assert theirs.get(reverse("notifications:pdf", args=[draft.reference])).status_code == 404
    assert not AuditEvent.objects.filter(action="notification.attachment_download").exists()
    assert not AuditEvent.objects.filter(action="notification.pdf_download").exists()
    assert AuditEvent.objects.filter(action="access.denied").count() >= 3
