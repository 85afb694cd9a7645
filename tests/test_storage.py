"""Documents in S3-compatible object storage (docs/adr/0026-documents-in-object-storage.md):
one machine keeps a document and another serves it, only through the audited download
view, streamed as an attachment and never as a link to the bucket. Run against moto's
standalone S3 server on loopback."""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.config import ConfigError, Env, documents_storage
from casereviews.notifications.models import Attachment
from casereviews.reviews.models import ActionUpdate, ReviewDocument
from casereviews.storage import document_holders
from tests import object_storage
from tests.notifications import files
from tests.notifications.helpers import fill_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(settings):
    with object_storage.bucket_as_storage(settings) as name:
        yield name


def test_a_document_kept_by_one_machine_is_served_by_another(
    signed_in, notifier, settings, tmp_path, bucket
) -> None:
    """Two web servers share nothing but the database and the bucket: a document
    uploaded through one is downloaded through the other, whose own folder is empty,
    with the same bytes, as an attachment, and the download is audited."""
    settings.MEDIA_ROOT = tmp_path / "first-machine"
    client = signed_in(notifier)
    draft = fill_in(client)
    upload = files.upload("Body map.pdf", files.PDF)
    documents = reverse("notifications:documents", args=[draft.pk])
    assert client.post(documents, {"upload": "1", "file": upload}).status_code == 302
    attachment = Attachment.objects.get(notification=draft)
    assert object_storage.keys(bucket) == [f"attachments/{attachment.stored_name}"]
    assert attachment.sha256 == hashlib.sha256(files.PDF).hexdigest()
    assert not (tmp_path / "first-machine").exists()

    settings.MEDIA_ROOT = tmp_path / "second-machine"
    response = client.get(reverse("notifications:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert "Location" not in response
    assert b"".join(response.streaming_content) == files.PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action="notification.attachment_download").count() == 1


def test_a_removed_document_leaves_the_bucket(
    signed_in, notifier, bucket, django_capture_on_commit_callbacks
) -> None:
    client = signed_in(notifier)
    draft = fill_in(client)
    documents = reverse("notifications:documents", args=[draft.pk])
    client.post(documents, {"upload": "1", "file": files.upload("a.pdf", files.PDF)})
    attachment = Attachment.objects.get(notification=draft)
    assert object_storage.keys(bucket) == [f"attachments/{attachment.stored_name}"]
    remove = reverse("notifications:attachment-remove", args=[draft.pk, attachment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(remove).status_code == 302
    assert object_storage.keys(bucket) == []


def test_a_document_missing_from_the_bucket_is_not_found(signed_in, notifier, bucket) -> None:
    """A file lost from storage answers "not found", never an error from the bucket."""
    client = signed_in(notifier)
    draft = fill_in(client)
    documents = reverse("notifications:documents", args=[draft.pk])
    client.post(documents, {"upload": "1", "file": files.upload("a.pdf", files.PDF)})
    attachment = Attachment.objects.get(notification=draft)
    object_storage.client().delete_object(
        Bucket=bucket, Key=f"attachments/{attachment.stored_name}"
    )
    response = client.get(reverse("notifications:attachment", args=[attachment.pk]))
    assert response.status_code == 404
    assert bucket.encode() not in response.content


def test_the_bucket_is_private_and_never_overwritten() -> None:
    """The configuration sets no public ACL, no long-lived link and no overwriting."""
    storage = documents_storage(Env({"DOCUMENTS_S3_BUCKET": "board-documents"}))
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False
    assert options["querystring_expire"] <= 60
    assert documents_storage(Env({}))["BACKEND"].endswith("FileSystemStorage")


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        (
            {"DOCUMENTS_S3_BUCKET": "b", "DOCUMENTS_S3_ENDPOINT_URL": "minio:9000"},
            "DOCUMENTS_S3_ENDPOINT_URL",
        ),
        (
            {"DOCUMENTS_S3_BUCKET": "b", "DOCUMENTS_S3_ACCESS_KEY_ID": "key"},
            "DOCUMENTS_S3_SECRET_ACCESS_KEY",
        ),
    ],
)
def test_a_malformed_storage_setting_is_named(environ, named) -> None:
    with pytest.raises(ConfigError, match=named):
        documents_storage(Env(environ))


def test_every_model_naming_a_stored_file_is_registered() -> None:
    """The backup, the restore and verify_documents read the registry: a model that names
    a stored file (a field ending `stored_name`) and is not registered would be left out."""
    naming = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.name.endswith("stored_name")
    }
    registered = {holder.model for holder in document_holders()}
    assert naming == registered
    assert {ReviewDocument._meta.label, ActionUpdate._meta.label} <= registered
