"""Every stored document checked against the SHA-256 recorded when it was uploaded
(`manage.py verify_documents`; docs/adr/0024-backup-and-restore.md)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from casereviews.storage import document_digest, document_holders


@dataclass(frozen=True)
class DocumentProblem:
    key: str
    reason: str


def documents_verify() -> Iterator[DocumentProblem | int]:
    """Each problem found, then the number of documents checked."""
    checked = 0
    for holder in document_holders():
        for name, recorded, size in holder.rows():
            checked += 1
            try:
                digest, found = document_digest(holder=holder, name=name)
            except FileNotFoundError:
                yield DocumentProblem(holder.key(name), "missing")
                continue
            if not recorded:
                yield DocumentProblem(holder.key(name), "no SHA-256 was recorded for it")
            elif digest != recorded or found != size:
                yield DocumentProblem(holder.key(name), "changed since it was uploaded")
    yield checked
