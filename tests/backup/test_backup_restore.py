"""A board's records come back after a lost machine: `manage.py backup` writes one
archive of the database, the documents and the audit checkpoints; `manage.py restore`
puts it into an empty database and storage, and the work carries on
(docs/adr/0024-backup-and-restore.md)."""

from __future__ import annotations

import json
import stat
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from casereviews.notifications.models import Attachment, Notification, Status
from casereviews.workflow.services import notification_transition
from tests import object_storage
from tests.backup.helpers import (
    backup,
    empty_the_database,
    new_machine,
    refused,
    restore,
    rows_everywhere,
)
from tests.documents import attachment_of
from tests.factories import NotificationFactory, person
from tests.notifications import files
from tests.notifications.helpers import fill_in, send

pytestmark = pytest.mark.django_db


def test_a_backup_taken_mid_journey_is_restored_and_the_journey_carries_on(
    board, notifier, client, signed_in, settings, tmp_path
) -> None:
    """A notification is sent with a document; the machine is lost after the backup; on
    a new database and storage the Business Manager signs in, reads the case and its
    document, and verifies it; a new case gets the next number; the audit trail and
    every document verify."""
    manager = person(board, Role.BUSINESS_MANAGER)
    notifier_client = signed_in(notifier)
    draft = fill_in(notifier_client)
    upload = files.upload("Body map.pdf", files.PDF)
    documents = reverse("notifications:documents", args=[draft.pk])
    assert notifier_client.post(documents, {"upload": "1", "file": upload}).status_code == 302
    assert send(notifier_client, draft).status_code == 302
    case = Notification.objects.get(pk=draft.pk)
    assert case.status == Status.SUBMITTED
    call_command("verify_audit", stdout=StringIO())  # the worker's checkpoint
    archive = backup(tmp_path)
    rows_before = rows_everywhere()

    empty_the_database()
    new_machine(settings, tmp_path)
    restore(archive)
    # Every row is back; the audit trail ends with the restore where it had the backup.
    assert rows_everywhere() == rows_before
    last = AuditEvent.objects.order_by("-sequence").first()
    assert last is not None
    assert last.action == "service.restore"

    client.logout()
    manager_client = signed_in(manager)
    page = manager_client.get(reverse("notifications:detail", args=[case.reference]))
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    attachment = Attachment.objects.get(notification=case)
    download = manager_client.get(reverse("notifications:attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == files.PDF
    restored = Notification.objects.get(pk=case.pk)
    verified = notification_transition(
        notification=restored, name="verify", by=manager, expected_version=restored.version
    )
    assert verified.status == Status.UNDER_CONSIDERATION
    client.logout()
    again = signed_in(notifier)
    newer = fill_in(again)
    assert send(again, newer).status_code == 302
    newer.refresh_from_db()
    assert newer.pk > case.pk
    assert (newer.reference or "") > (case.reference or "")  # the board's counter came back
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Audit trail intact" in out.getvalue()
    out = StringIO()
    call_command("verify_documents", stdout=out)
    assert out.getvalue().strip() == "Documents intact: 1"
    assert AuditEvent.objects.filter(action="service.restore").count() == 1


def test_the_archive_is_readable_by_its_owner_only_and_lists_every_member(
    board, notifier, tmp_path
) -> None:
    case = NotificationFactory.create(board=board, notifier=notifier)
    attachment = attachment_of(case)
    audit_record(action="notification.read", obj=case)
    call_command("verify_audit", stdout=StringIO())
    archive = backup(tmp_path)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist())
    assert names == {"manifest.json", *manifest["members"]}
    assert f"documents/attachments/{attachment.stored_name}" in names
    assert manifest["members"][f"documents/attachments/{attachment.stored_name}"]["sha256"] == (
        attachment.sha256
    )
    assert any(name.startswith("audit-anchors/") for name in names)
    assert manifest["rows"]["notifications.Notification"] == 1
    assert "sessions.Session" not in manifest["rows"]
    assert AuditEvent.objects.filter(action="service.backup").count() == 1


def test_a_restore_into_a_database_that_is_not_empty_is_refused(
    board, notifier, settings, tmp_path
) -> None:
    NotificationFactory.create(board=board, notifier=notifier)
    archive = backup(tmp_path)
    new_machine(settings, tmp_path)
    before = rows_everywhere()
    message = refused(archive)
    assert message.startswith("Nothing was restored. The database is not empty: ")
    assert "Restore only into a new, empty database" in message
    assert rows_everywhere() == before


def test_a_restore_into_storage_that_is_not_empty_is_refused(
    board, notifier, settings, tmp_path
) -> None:
    NotificationFactory.create(board=board, notifier=notifier)
    archive = backup(tmp_path)
    empty_the_database()
    new_machine(settings, tmp_path)
    default_storage.save("review-documents/left-behind", ContentFile(b"%PDF-1.4"))
    message = refused(archive)
    assert message == (
        "Nothing was restored. The documents' storage is not empty: review-documents/ holds "
        "1 files. Restore only into empty storage (a new folder or bucket)"
    )
    assert not Notification.objects.exists()


def test_a_damaged_archive_is_refused(board, notifier, settings, tmp_path) -> None:
    case = NotificationFactory.create(board=board, notifier=notifier)
    attachment = attachment_of(case)
    archive = backup(tmp_path)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("documents/"):
                content = content.replace(b"%%EOF", b"%%EOX")
            target.writestr(info, content)
    empty_the_database()
    new_machine(settings, tmp_path)
    assert refused(damaged) == (
        f"The archive cannot be restored: documents/attachments/{attachment.stored_name} "
        "does not match the SHA-256 in its manifest"
    )
    assert not Notification.objects.exists()


def test_a_document_changed_since_its_upload_fails_the_backup(
    board, notifier, settings, tmp_path
) -> None:
    """A backup never copies a document that is not the one uploaded, and leaves no
    archive behind when it cannot be made whole."""
    case = NotificationFactory.create(board=board, notifier=notifier)
    attachment = attachment_of(case)
    stored = Path(settings.MEDIA_ROOT) / "attachments" / attachment.stored_name
    stored.write_bytes(b"%PDF-1.4 something else")
    with pytest.raises(CommandError) as error:
        backup(tmp_path)
    assert str(error.value).startswith(
        f"No backup was made: The document attachments/{attachment.stored_name} is not the "
        "file that was uploaded"
    )
    assert list(tmp_path.glob("*.zip*")) == []
    with pytest.raises(CommandError) as error:
        call_command("verify_documents", stdout=StringIO(), stderr=StringIO())
    assert str(error.value) == "1 of 1 documents are missing or changed"


def test_a_missing_document_fails_the_backup(board, notifier, settings, tmp_path) -> None:
    case = NotificationFactory.create(board=board, notifier=notifier)
    attachment = attachment_of(case)
    (Path(settings.MEDIA_ROOT) / "attachments" / attachment.stored_name).unlink()
    with pytest.raises(CommandError) as error:
        backup(tmp_path)
    assert f"attachments/{attachment.stored_name} is missing" in str(error.value)
    assert list(tmp_path.glob("*.zip*")) == []


def test_checkpoints_of_events_after_the_backup_are_not_silently_lost(
    board, notifier, settings, tmp_path
) -> None:
    """Restoring an older backup on a machine whose checkpoints record later events
    would lose those events: refused, saying which, until the operator moves them."""
    NotificationFactory.create(board=board, notifier=notifier)
    call_command("verify_audit", stdout=StringIO())
    archive = backup(tmp_path)
    head = AuditEvent.objects.order_by("-sequence").first()
    assert head is not None
    NotificationFactory.create(board=board, notifier=notifier)
    audit_record(action="notification.read")
    call_command("verify_audit", stdout=StringIO())
    anchors = settings.AUDIT_ANCHOR_DIR
    empty_the_database()
    new_machine(settings, tmp_path)
    settings.AUDIT_ANCHOR_DIR = anchors
    message = refused(archive)
    assert "written after this backup, which ends at event #" in message
    assert "move the checkpoint files to another folder" in message


def test_a_backup_from_a_newer_version_is_refused(board, notifier, settings, tmp_path) -> None:
    NotificationFactory.create(board=board, notifier=notifier)
    archive = backup(tmp_path)
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(newer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["migrations"].append(["notifications", "9999_from_the_future"])
                content = json.dumps(manifest).encode()
            target.writestr(info, content)
    empty_the_database()
    new_machine(settings, tmp_path)
    assert refused(newer).startswith(
        "Nothing was restored. The backup was made by a newer version of the service "
        "(it has migrations this version does not: notifications.9999_from_the_future)"
    )


def test_documents_in_object_storage_are_backed_up_and_restored_into_a_new_bucket(
    board, notifier, settings, tmp_path
) -> None:
    with object_storage.bucket_as_storage(settings) as first:
        case = NotificationFactory.create(board=board, notifier=notifier)
        attachment = attachment_of(case, content=files.PDF)
        archive = backup(tmp_path)
    empty_the_database()
    new_machine(settings, tmp_path)
    with object_storage.bucket_as_storage(settings) as second:
        restore(archive)
        assert object_storage.keys(second) == object_storage.keys(first)
        out = StringIO()
        call_command("verify_documents", stdout=out)
        assert out.getvalue().strip() == "Documents intact: 1"
    assert Attachment.objects.get().sha256 == attachment.sha256


def test_a_database_behind_the_code_is_not_backed_up(board, notifier, tmp_path) -> None:
    """Rows are read through the code's models: a database whose migrations lag behind
    the code is refused at once, before anything is read."""
    NotificationFactory.create(board=board, notifier=notifier)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'reviews' AND name = '0005_document_sha256'"
        )
    with pytest.raises(CommandError) as error:
        backup(tmp_path)
    assert str(error.value) == (
        "No backup was made: The database lacks 1 migrations of this version of the "
        "service (the first: reviews.0005_document_sha256): run manage.py migrate first, "
        "or back up with the version that made it"
    )
    assert list(tmp_path.glob("*.zip*")) == []
