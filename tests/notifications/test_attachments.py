"""Documents sent with a notification: accepted by content as well as extension, kept
outside the web root by a random name, and read back only through an audited download."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications import attachments
from casereviews.notifications.attachments import MAX_SIZE, WRONG_TYPE
from casereviews.notifications.models import Attachment
from casereviews.uploads import pdfs, polyglots, word
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
        (
            "With page setup.docx",
            files.docx(extra={"word/printerSettings/printerSettings1.bin": b"\x00" * 64}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
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


def _refused_upload(client: Client, name: str, content: bytes) -> str:
    """The page a draft's documents step answers with for this file: shown again with
    the error summary (the file refused)."""
    draft = fill_in(client)
    response = client.post(
        documents_url(draft), {"upload": "1", "file": files.upload(name, content)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    return page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", files.EXE),
        ("report.pdf", b"Just some text, renamed.\n" * 10),
        ("picture.png", files.JPEG),
        ("letter.pdf", files.DOC),
        ("program.exe", files.EXE),
    ],
)
def test_a_file_that_is_not_what_its_name_claims_is_refused(
    signed_in, notifier, settings, name, content
) -> None:
    """A program or text renamed as a PDF (or any mismatch) is refused at the field with
    the GOV.UK message, and nothing is kept."""
    page = _refused_upload(signed_in(notifier), name, content)
    assert WRONG_TYPE in page
    assert 'class="govuk-error-message"' in page
    assert not Attachment.objects.exists()
    folder = Path(settings.MEDIA_ROOT) / "attachments"
    assert not folder.exists() or not any(folder.iterdir())


def _escaped_names(content: bytes) -> bytes:
    """The same PDF with its JavaScript names written with #-escapes, which a PDF reader
    reads as the same names and a search of the bytes does not find."""
    return content.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("Old report.doc", files.DOC, attachments.LEGACY_WORD),
        ("letter.docx", files.docx(with_document=False), word.WORD_BROKEN),
        ("Macros.docx", files.docx(main=files.DOCM_MAIN, macros=True), word.WORD_MACROS),
        ("Renamed macros.docx", files.docx(macros=True), word.WORD_MACROS),
        (
            "Embedded.docx",
            files.docx(extra={"word/embeddings/oleObject1.bin": files.OLE2}),
            word.WORD_EMBEDDED,
        ),
        ("Script.pdf", files.pdf(javascript="app.alert(1)"), pdfs.PDF_ACTIVE),
        (
            "Escaped.pdf",
            _escaped_names(files.pdf(javascript="app.alert(1)")),
            pdfs.PDF_ACTIVE,
        ),
        (
            "Launch.pdf",
            files.pdf(open_action={"/S": "/Launch", "/F": "cmd.exe"}),
            pdfs.PDF_ACTIVE,
        ),
        (
            "Link.pdf",
            files.pdf(open_action={"/S": "/URI", "/URI": "javascript:alert(1)"}),
            pdfs.PDF_ACTIVE,
        ),
        ("Page.pdf", files.PDF + b"<html><script>alert(1)</script></html>", polyglots.WEB_PAGE),
        ("Page.png", files.png_with_html(), polyglots.WEB_PAGE),
        ("Damaged.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n", pdfs.PDF_BROKEN),
    ],
)
def test_a_document_that_could_run_code_is_refused(
    signed_in, notifier, settings, name, content, message
) -> None:
    """Macros, PDF scripts and launch actions, old Word files that cannot be checked, and
    files that are web pages too: refused at the field with why, and nothing kept."""
    page = _refused_upload(signed_in(notifier), name, content)
    assert message in page
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action="notification.attachment_add").exists()
    folder = Path(settings.MEDIA_ROOT) / "attachments"
    assert not folder.exists() or not any(folder.iterdir())


def test_a_notification_holds_a_limited_number_of_documents(signed_in, notifier, settings) -> None:
    """The page says the limit; the document past it is refused at the field."""
    settings.ATTACHMENTS_PER_NOTIFICATION = 2
    client = signed_in(notifier)
    draft = fill_in(client)
    page = client.get(documents_url(draft)).content.decode()
    assert "Up to 2 documents and 50 MB in all for a notification" in page
    for n in range(2):
        upload = files.upload(f"page{n}.pdf", files.PDF)
        assert client.post(documents_url(draft), {"upload": "1", "file": upload}).status_code == 302
    response = client.post(
        documents_url(draft), {"upload": "1", "file": files.upload("third.pdf", files.PDF)}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "A notification can have up to 2 documents. Remove one to add another" in page
    assert 'class="govuk-error-message"' in page
    assert Attachment.objects.filter(notification=draft).count() == 2
    assert AuditEvent.objects.filter(action="notification.attachment_add").count() == 2
    folder = Path(settings.MEDIA_ROOT) / "attachments"
    assert len(list(folder.iterdir())) == 2


def test_a_notifications_documents_have_a_limited_total_size(signed_in, notifier, settings) -> None:
    settings.ATTACHMENTS_TOTAL_MB = 1
    client = signed_in(notifier)
    draft = fill_in(client)
    photo = files.JPEG + b"\x00" * 600_000
    first = client.post(documents_url(draft), {"upload": "1", "file": files.upload("a.jpg", photo)})
    assert first.status_code == 302
    response = client.post(
        documents_url(draft), {"upload": "1", "file": files.upload("b.jpg", photo)}
    )
    page = response.content.decode()
    assert "The documents of a notification must add up to 1 MB or less" in page
    assert "Up to 20 documents and 1 MB in all" in page
    assert Attachment.objects.filter(notification=draft).count() == 1


def test_a_file_over_10mb_is_refused(signed_in, notifier) -> None:
    """The limit is 10 MB each, as the hint says."""
    client = signed_in(notifier)
    draft = fill_in(client)
    big = files.PDF + b"0" * (MAX_SIZE - len(files.PDF) + 1)
    response = client.post(
        documents_url(draft), {"upload": "1", "file": files.upload("big.pdf", big)}
    )
    page = response.content.decode()
    assert "The selected file must be smaller than 10 MB" in page
    assert "up to 10 MB each" in page
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
