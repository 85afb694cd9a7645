"""What the readiness endpoint checks, each by name, and the figures the metrics give
(docs/adr/0025-health-metrics-and-logs.md).

Each check answers only "ok" or not: the public endpoint names the checks that fail and
says nothing else (no counts, no ages, no versions), so it tells an outsider nothing of
a board's work. The figures themselves are on the protected metrics endpoint. The
limits are local standards (the procedure sets none), configurable.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Max, Min
from django.utils import timezone

from casereviews.audit.anchor import AnchorError, newest_checkpoint
from casereviews.audit.models import AuditEvent
from casereviews.outbox.models import OutboxEmail
from casereviews.worker.models import Heartbeat

logger = logging.getLogger("casereviews.monitoring")


@cache
def _migrations_of_the_code() -> frozenset[tuple[str, str]]:
    # The code does not change while the process runs: read the files once.
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def _age(moment: datetime.datetime | None) -> float | None:
    return None if moment is None else (timezone.now() - moment).total_seconds()


def worker_heartbeat_age() -> float | None:
    """Seconds since any worker last finished a cycle (None: no worker ever has)."""
    return _age(Heartbeat.objects.aggregate(newest=Max("beat_at"))["newest"])


def oldest_unsent_email_age() -> float:
    """Seconds the oldest e-mail not yet sent has waited (0 when none waits)."""
    oldest = OutboxEmail.objects.filter(sent_at=None).aggregate(oldest=Min("created_at"))
    return _age(oldest["oldest"]) or 0.0


def checkpoint_age() -> float | None:
    """Seconds since the newest checkpoint of the audit trail was written."""
    newest = newest_checkpoint()
    if newest is None:
        return None
    return _age(datetime.datetime.fromisoformat(newest.at.replace("Z", "+00:00")))


def unanchored_age() -> float:
    """Seconds the oldest audit event that no checkpoint covers has waited for one (0
    when every event is covered): the window in which cutting the end of the trail would
    go unseen (docs/adr/0003-audit-trail.md)."""
    newest = newest_checkpoint()
    after = newest.sequence if newest is not None else 0
    first = (
        AuditEvent.objects.filter(sequence__gt=after)
        .order_by("sequence")
        .values_list("at", flat=True)
        .first()
    )
    return _age(first) or 0.0


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return bool(cursor.fetchone() == (1,))


def _migrations() -> bool:
    applied = set(MigrationRecorder(connection).applied_migrations())
    return _migrations_of_the_code() <= applied


def _worker() -> bool:
    age = worker_heartbeat_age()
    return age is not None and age <= settings.HEALTH_WORKER_MAX_AGE_SECONDS


def _outbox() -> bool:
    return oldest_unsent_email_age() <= settings.HEALTH_OUTBOX_MAX_AGE_SECONDS


def _audit_checkpoint() -> bool:
    return unanchored_age() <= settings.HEALTH_CHECKPOINT_MAX_AGE_SECONDS


# In order: a later check needs the database the first one reaches.
CHECKS: dict[str, Callable[[], bool]] = {
    "database": _database,
    "migrations": _migrations,
    "worker": _worker,
    "outbox": _outbox,
    "audit_checkpoint": _audit_checkpoint,
}


def readiness() -> dict[str, bool]:
    """Each check by name, and whether it passes. A check that raises fails (the
    exception's type is logged; its message may carry data, so it is not)."""
    results: dict[str, bool] = {}
    for name, check in CHECKS.items():
        if results and not results["database"]:
            results[name] = False  # each would wait for the database in turn
            continue
        try:
            results[name] = check()
        except (AnchorError, Exception) as error:
            logger.warning("Readiness check %s failed: %s", name, type(error).__name__)
            results[name] = False
    return results
