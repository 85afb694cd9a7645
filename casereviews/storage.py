"""Where uploaded documents are kept, and the list of every kind of document the service
holds (docs/adr/0026-documents-in-object-storage.md).

Documents go through Django's default storage: a folder under `DATA_DIR` (the embedded
default) or, when `DOCUMENTS_S3_BUCKET` is set, S3-compatible object storage shared by
every machine that serves the service. Each file is kept under `<folder>/<random name>`,
written once and never changed, with its SHA-256 recorded in the row that names it, so
the backup (`casereviews.backup`) copies exactly the files the database names and
`manage.py verify_documents` can show years later that none has changed.

A model that holds documents registers itself here (`register_documents`, from its
app's `ready()`, ADR 0006): the backup, the restore and the check of every document
read this list, so a new kind of document is covered without being named again.

Nothing here makes a link to a file: documents are only ever streamed through the
permission-checked, audited download views, never served or redirected to by URL.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model, Q

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class DocumentHolder:
    """A model whose rows name stored files: the folder they are kept in, and the fields
    holding each file's stored name, its SHA-256 and its size."""

    model: str  # "app_label.ModelName"
    folder: str
    name_field: str
    hash_field: str
    size_field: str

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def key(self, name: str) -> str:
        """The file's name in the storage."""
        return f"{self.folder}/{name}"

    def rows(self) -> Iterator[tuple[str, str, int]]:
        """(stored name, SHA-256, size) of every row that names a file."""
        named = self.model_class._base_manager.exclude(Q(**{self.name_field: ""}))
        fields = (self.name_field, self.hash_field, self.size_field)
        yield from named.order_by("pk").values_list(*fields).iterator(chunk_size=2000)


_HOLDERS: dict[str, DocumentHolder] = {}


def register_documents(
    model: str, *, folder: str, name_field: str, hash_field: str, size_field: str
) -> DocumentHolder:
    """Declare that rows of `model` name files kept in `folder` (from `AppConfig.ready()`)."""
    holder = DocumentHolder(model, folder, name_field, hash_field, size_field)
    _HOLDERS[model] = holder
    return holder


def document_holders() -> list[DocumentHolder]:
    return sorted(_HOLDERS.values(), key=lambda holder: holder.model)


def document_holder(model: type[Model]) -> DocumentHolder:
    return _HOLDERS[model._meta.label]


@dataclass(frozen=True)
class StoredDocument:
    name: str
    sha256: str
    size: int


def document_save(
    *, holder: DocumentHolder, upload: UploadedFile[bytes] | File[bytes]
) -> StoredDocument:
    """Keep a file under a new random name; its name, SHA-256 and size go in the row."""
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    name = uuid.uuid4().hex
    saved = default_storage.save(holder.key(name), upload)
    if saved != holder.key(name):
        # A storage that renamed the file would break the row's link to it.
        default_storage.delete(saved)
        raise RuntimeError(f"The storage kept {holder.key(name)} under another name")
    return StoredDocument(name, digest.hexdigest(), size)


def document_save_bytes(*, holder: DocumentHolder, name: str, content: bytes) -> None:
    """Put back a file under the name its row gives it (the restore)."""
    default_storage.save(holder.key(name), ContentFile(content))


def document_open(*, holder: DocumentHolder, name: str) -> File[bytes]:
    """The stored file, to read; `FileNotFoundError` when it is not there."""
    if not name:
        raise FileNotFoundError("No file")
    return default_storage.open(holder.key(name), "rb")


def document_delete(*, holder: DocumentHolder, name: str) -> None:
    """Remove a stored file; nothing happens if it is already gone."""
    if name:
        default_storage.delete(holder.key(name))


def document_digest(*, holder: DocumentHolder, name: str) -> tuple[str, int]:
    """The SHA-256 and size of a stored file, read through."""
    digest = hashlib.sha256()
    size = 0
    with document_open(holder=holder, name=name) as handle:
        for chunk in handle.chunks(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def stored_names(folder: str) -> list[str]:
    """Every file in a folder of the storage (the restore checks it is empty)."""
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return list(files)
