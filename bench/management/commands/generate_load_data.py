"""`manage.py generate_load_data --boards B --cases N --seed S`: made-up data for load
tests (`make bench`). Never in production."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from bench.generate import Generator, board_code, write_trail
from casereviews.boards.models import Board


class Command(BaseCommand):
    help = (
        "Generate boards, agencies, people and cases in every state, with their deadlines "
        "and audit trail, for load tests (never in production)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--boards", type=int, default=2)
        parser.add_argument("--cases", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--until",
            type=lambda text: datetime.fromisoformat(text).replace(tzinfo=UTC),
            default=None,
            help="The generated history ends here (YYYY-MM-DD; default: today, UTC).",
        )
        parser.add_argument("--years", type=int, default=5, help="How many years of history.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Generated load test data is never loaded in production.")
        if options["boards"] < 1 or options["cases"] < 0:
            raise CommandError("Give at least one board and no fewer than 0 cases.")
        if Board.objects.filter(code=board_code(0)).exists():
            raise CommandError("This database already holds generated data: use an empty database.")
        until = options["until"] or datetime.now(UTC).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        started = time.monotonic()
        generator = Generator(
            boards=options["boards"],
            cases=options["cases"],
            seed=options["seed"],
            until=until,
            years=options["years"],
        )
        with transaction.atomic():
            everyone = generator.people()
            self.stdout.write(f"  {generator.user_count:,} people in {len(everyone)} boards")
            cases = list(generator.case_rows(everyone))
        self.stdout.write(f"  {len(cases):,} cases ({time.monotonic() - started:.0f} s)")
        events = write_trail(cases, options["seed"], until, self.stdout.write)
        # Fresh statistics, or the planner judges the new rows by an empty table's (the
        # who-has-seen search took 1.1 s instead of 7 ms at 20,000 cases before this).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Generated {len(cases):,} cases and {events:,} audit events "
            f"in {time.monotonic() - started:.0f} s."
        )
