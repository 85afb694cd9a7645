"""The worker prepares the files asked for, one at a time, oldest first
(docs/adr/0036-documents-built-by-the-worker.md).

A file is claimed with a lease (`claimed_until`) by a conditional update, so two workers
never build the same one at once; one whose worker died is built again when its lease
runs out, and only the build that still holds the lease is kept. A build refused by the
policy (the reader may no longer see it) or failing `PREPARED_ATTEMPTS` times is marked
failed, and its page says so. Files are kept for their reader `PREPARED_KEEP_HOURS` (a
local standard), then deleted. The worker is woken by a PostgreSQL notification when a
file is asked for (migration 0002), or polls on SQLite.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.prepared.kinds import kind_of
from casereviews.prepared.models import PreparedFile
from casereviews.prepared.services import prepared_forget, prepared_store
from casereviews.worker.jobs import Wake, register_job

logger = logging.getLogger("casereviews.prepared")
REQUESTED_CHANNEL = "prepared_file_requested"
# A run stops after this long with files still waiting, so the worker finishes its cycle;
# it then runs again at once.
RUN_SECONDS = 30.0
State = PreparedFile.State


def _claimable(now: object) -> Q:
    return Q(state=State.WAITING) | Q(state=State.PREPARING, claimed_until__lt=now)


def prepared_waiting() -> bool:
    return PreparedFile.objects.filter(_claimable(timezone.now())).exists()


def prepared_claim() -> PreparedFile | None:
    """Claim the oldest file waiting (or whose worker's lease ran out), and commit."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.PREPARED_LEASE_SECONDS)
    with transaction.atomic():
        due = PreparedFile.objects.filter(_claimable(now)).order_by("requested_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        first = due.values_list("id", flat=True).first()
        if first is None:
            return None
        claimed = PreparedFile.objects.filter(_claimable(now), pk=first).update(
            state=State.PREPARING, claimed_until=lease, attempts=F("attempts") + 1
        )
    return PreparedFile.objects.get(pk=first) if claimed else None


def prepared_build(prepared: PreparedFile) -> bool:
    """Build a claimed file as its reader may see it now; True if it is ready."""
    kind = kind_of(prepared.kind)
    reader = User.objects.get(pk=prepared.reader_id)
    try:
        built = kind.build(reader, prepared.params)
    except (Http404, PermissionDenied):
        _failed(prepared, "no longer seen by its reader")
        return False
    except Exception:
        logger.exception("Preparing file %s (%s) failed", prepared.pk, prepared.kind)
        if prepared.attempts >= settings.PREPARED_ATTEMPTS:
            _failed(prepared, "failed too often")
        else:
            PreparedFile.objects.filter(
                pk=prepared.pk, claimed_until=prepared.claimed_until
            ).update(state=State.WAITING, claimed_until=None)
        return False
    return prepared_store(prepared, built, lease=prepared.claimed_until)


def _failed(prepared: PreparedFile, why: str) -> None:
    PreparedFile.objects.filter(pk=prepared.pk, claimed_until=prepared.claimed_until).update(
        state=State.FAILED, claimed_until=None
    )
    logger.warning("File %s (%s) not prepared: %s", prepared.pk, prepared.kind, why)


def prepared_expire() -> int:
    """Delete the files kept longer than `PREPARED_KEEP_HOURS`, and their rows."""
    before = timezone.now() - timedelta(hours=settings.PREPARED_KEEP_HOURS)
    old = PreparedFile.objects.filter(requested_at__lt=before).exclude(
        state__in=PreparedFile.IN_FLIGHT
    )
    return prepared_forget(list(old.order_by("pk")[:200]))


@register_job("prepare_files", woken_by=Wake(channel=REQUESTED_CHANNEL, waiting=prepared_waiting))
def prepare_files() -> int:
    """Build the files waiting, oldest first, for up to `RUN_SECONDS`; return how many are
    ready."""
    started = time.monotonic()
    ready = 0
    while time.monotonic() - started < RUN_SECONDS:
        claimed = prepared_claim()
        if claimed is None:
            break
        ready += prepared_build(claimed)
    prepared_expire()
    return ready
