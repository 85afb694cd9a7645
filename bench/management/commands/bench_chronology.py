"""Time the merged chronology on this database: `manage.py bench_chronology`.

A measurement, not a test: it builds a case with 20 agencies x 500 submitted entries
inside a transaction, times the first and a later page of the merged chronology and the
CSV, XLSX and PDF exports, prints the figures, and rolls everything back. Run it against
a migrated database you can write to (SQLite by default; PostgreSQL with DATABASE_URL).
Refused in production."""

from __future__ import annotations

import datetime
import itertools
import random
import time
from collections.abc import Callable
from typing import Any

import weasyprint
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement import files
from casereviews.involvement.chronology import (
    EXPORT_HEADERS,
    PAGE_SIZE,
    ChronologyFilter,
    chronology_page,
    export_rows,
)
from casereviews.involvement.models import ChronologyEntry, InvolvementReturn
from casereviews.involvement.prepared import PDF_LIMIT
from casereviews.notifications.models import Notification

EVENTS = (
    "Home visit; child seen",
    "Missed health appointment",
    "Call-out to the family home after a report of shouting",
    "School attendance below 80 per cent",
    "Referral to children's social care",
    "Strategy discussion held",
)


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the merged chronology page and exports for 20 agencies x 500 entries."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--agencies", type=int, default=20)
        parser.add_argument("--entries", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The benchmark writes and rolls back test data: not in production.")
        try:
            with transaction.atomic():
                self._run(options["agencies"], options["entries"])
                raise _Rollback
        except _Rollback:
            self.stdout.write("(all benchmark data rolled back)")

    def _timed(self, label: str, work: Callable[[], object], repeat: int = 3) -> None:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
        self.stdout.write(f"{label:<44} {best * 1000:9.1f} ms (best of {repeat})")

    def _run(self, agencies: int, per_agency: int) -> None:
        now = timezone.now()
        rng = random.Random(20)  # noqa: S311  (test data, not security)
        board = Board.objects.create(name="Benchmark board", code="BENCH")
        organisations = [
            Organisation.objects.create(name=f"Benchmark agency {n:02d}", type="health")
            for n in range(agencies)
        ]
        person = User.objects.create_user(
            "bench@example.org", None, full_name="Bench", organisation=organisations[0]
        )
        case = Notification.objects.create(
            board=board,
            reference="BENCH-2026-0001",
            status="under_consideration",
            notifier=person,
            organisation=organisations[0],
            submitted_at=now,
        )
        start = datetime.date(2023, 1, 1)
        for organisation in organisations:
            asked = InvolvementRequest.objects.create(
                notification=case,
                organisation=organisation,
                requested_by=person,
                requested_at=now,
                due_at=now,
                status="answered",
            )
            answer = InvolvementReturn.objects.create(
                request=asked,
                state="submitted",
                involvement="involved",
                summary="Known",
                created_by=person,
                created_at=now,
                submitted_by=person,
                submitted_at=now,
            )
            ChronologyEntry.objects.bulk_create(
                [
                    ChronologyEntry(
                        involvement_return=answer,
                        notification=case,
                        organisation=organisation,
                        current=True,
                        date=start + datetime.timedelta(days=rng.randrange(1000)),
                        what_happened=f"{rng.choice(EVENTS)} ({n})",
                        who_involved="Practitioner",
                        source=f"Record {n}",
                    )
                    for n in range(per_agency)
                ],
                batch_size=1000,
            )
        total = ChronologyEntry.objects.filter(notification=case).count()
        self.stdout.write(
            f"{connection.vendor}: {agencies} agencies x {per_agency} entries = {total} entries, "
            f"{PAGE_SIZE} a page"
        )
        everything = ChronologyFilter()
        first = chronology_page(case, everything)
        self._timed("merged chronology, first page", lambda: chronology_page(case, everything))
        cursor = first.next_cursor or ""
        for _ in range(100):  # a page about half-way through
            cursor = chronology_page(case, everything, cursor).next_cursor or cursor
        self._timed(
            "merged chronology, page 101 (keyset)",
            lambda: chronology_page(case, everything, cursor),
        )
        one = ChronologyFilter(organisation=organisations[7].pk)
        self._timed(
            "merged chronology, one agency's first page", lambda: chronology_page(case, one)
        )
        self._timed(
            "CSV export, all entries",
            lambda: sum(
                len(line) for line in files.csv_text(EXPORT_HEADERS, export_rows(case, everything))
            ),
        )
        self._timed(
            "XLSX export, all entries",
            lambda: files.xlsx_bytes("Chronology", EXPORT_HEADERS, export_rows(case, everything)),
        )

        def pdf() -> bytes:
            rows = list(itertools.islice(export_rows(case, everything), PDF_LIMIT))
            html = render_to_string(
                "involvement/chronology_pdf.html",
                {
                    "case": case,
                    "headers": EXPORT_HEADERS,
                    "rows": rows,
                    "truncated": True,
                    "limit": 5000,
                },
            )
            return weasyprint.HTML(string=html).write_pdf() or b""

        self._timed(f"PDF export, first {PDF_LIMIT:,} entries", pdf, repeat=1)
