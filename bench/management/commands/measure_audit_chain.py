"""`manage.py measure_audit_chain --events N`: how long one append holds the audit
chain's lock, which bounds how many events (so case reads) per second the whole service
can write, however many cores it has. Appends real, chained events (action
`audit.export` of no board, so they read as the tool's own), and is refused in
production. The timing lives here, beside the load tests, not in the chain."""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from casereviews.audit.chain import chain_head, event_hash, lock_for_append
from casereviews.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Measure how long an audit append holds the chain's lock (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The audit chain is never measured on production data.")
        holds, totals = [], []
        for number in range(options["events"]):
            event = AuditEvent(
                at=timezone.now(),
                actor_email="measure_audit_chain",
                action="audit.export",
                detail={"measurement": number},
            )
            started = time.perf_counter()
            # The same steps as `audit_record`, in the same order, timed from the moment
            # the lock is granted to the moment the commit releases it.
            with transaction.atomic():
                lock_for_append()
                granted = time.perf_counter()
                event.sequence, event.previous_hash = chain_head()
                event.sequence += 1
                event.hash = event_hash(event)
                event.save(force_insert=True)
            released = time.perf_counter()
            holds.append((released - granted) * 1000)
            totals.append((released - started) * 1000)
        holds.sort()
        median = statistics.median(holds)
        p95 = holds[int(len(holds) * 0.95) - 1] if len(holds) >= 20 else holds[-1]
        self.stdout.write(
            f"{len(holds)} appends: lock held median {median:.2f} ms, p95 {p95:.2f} ms, "
            f"whole append median {statistics.median(totals):.2f} ms; "
            f"ceiling about {1000 / median:,.0f} events per second at the median"
        )
