"""Asking for a file to be prepared, and preparing it (the worker's job is in jobs.py)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.prepared.kinds import Built
from casereviews.prepared.models import PreparedFile
from casereviews.storage import document_delete, document_save, register_documents

# Where prepared files are kept, in the storage's list of documents like every stored
# file, so that the backup, the restore and `verify_documents` know of them.
HOLDER = register_documents(
    "prepared.PreparedFile",
    folder="prepared",
    name_field="stored_name",
    hash_field="sha256",
    size_field="size",
)


def prepared_key(params: dict[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"))


def prepared_request(*, kind: str, params: dict[str, Any], by: User) -> PreparedFile:
    """The file of this kind and parameters being prepared for `by`: the one already
    waiting or being prepared if there is one, else a new one for the worker. Two
    requests at once get the same one (the constraint `prepared_one_in_flight`)."""
    key = prepared_key(params)
    in_flight = PreparedFile.objects.filter(
        reader=by, kind=kind, key=key, state__in=PreparedFile.IN_FLIGHT
    )
    existing = in_flight.first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return PreparedFile.objects.create(
                reader=by, kind=kind, key=key, params=params, requested_at=timezone.now()
            )
    except IntegrityError:
        # Asked for at the same moment by another request, which inserted first.
        same = PreparedFile.objects.filter(reader=by, kind=kind, key=key).order_by("-pk")
        return in_flight.first() or same.first()  # type: ignore[return-value]


def prepared_redirect(*, kind: str, params: dict[str, Any], by: User) -> HttpResponseRedirect:
    """What an export link answers: the page of the file being prepared."""
    prepared = prepared_request(kind=kind, params=params, by=by)
    return HttpResponseRedirect(reverse("prepared:file", args=[prepared.pk]))


def prepared_store(prepared: PreparedFile, built: Built, *, lease: datetime | None) -> bool:
    """Keep the built file and mark it ready, if this worker still holds its lease;
    otherwise (another worker took it over) throw this copy away."""
    stored = document_save(holder=HOLDER, upload=ContentFile(built.content, name="prepared"))
    done = PreparedFile.objects.filter(
        pk=prepared.pk, state=PreparedFile.State.PREPARING, claimed_until=lease
    ).update(
        state=PreparedFile.State.READY,
        ready_at=timezone.now(),
        claimed_until=None,
        stored_name=stored.name,
        sha256=stored.sha256,
        size=stored.size,
        filename=built.filename,
        content_type=built.content_type,
        contents=built.contents,
    )
    if not done:
        document_delete(holder=HOLDER, name=stored.name)
    return bool(done)


def prepared_forget(files: list[PreparedFile]) -> int:
    """Delete these files and their rows (kept for their reader for a while, then gone)."""
    for prepared in files:
        document_delete(holder=HOLDER, name=prepared.stored_name)
    PreparedFile.objects.filter(pk__in=[prepared.pk for prepared in files]).delete()
    return len(files)
