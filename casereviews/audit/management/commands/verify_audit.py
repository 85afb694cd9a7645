"""`manage.py verify_audit`: is the audit trail's chain intact, and does it still reach
its newest checkpoint? If so, checkpoint it again (docs/adr/0003-audit-trail.md,
docs/adr/0023-audit-verification-at-scale.md).

In full (the default) every event is verified, on every core; `--since-checkpoint`
verifies only the events after the newest checkpoint, relying on it for those before.
Either way the run says which checkpoint it relied on and how old it was, shows its
progress on a terminal, and logs a one-line summary.
"""

from __future__ import annotations

import datetime
import logging
import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from casereviews.audit.anchor import (
    AnchorError,
    Checkpoint,
    anchor_compare,
    anchor_directory,
    checkpoint_write,
    newest_checkpoint,
)
from casereviews.audit.chain import GENESIS, Extension
from casereviews.audit.verification import Progress, audit_verify

logger = logging.getLogger("casereviews.audit")


class Command(BaseCommand):
    help = (
        "Check that no audit event has been edited, removed or reordered, and that none "
        "is missing since the newest checkpoint; then write a checkpoint."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since-checkpoint",
            action="store_true",
            help="Verify only the events after the newest checkpoint (in seconds), relying "
            "on it for the events before; a full run also reads those.",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="How many processes verify stretches of the trail at once (every core).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            relied_on = newest_checkpoint()
            problem = anchor_compare() if options["since_checkpoint"] else None
        except AnchorError as error:
            problem = str(error)
        if problem is not None:
            raise CommandError(
                f"Audit trail does not match its checkpoints: {problem}", returncode=1
            )
        since = relied_on if options["since_checkpoint"] else None
        after = (since.sequence, since.hash) if since is not None else (0, GENESIS)
        progress = Progress(self.stderr.write) if self.stderr.isatty() else None
        started = time.monotonic()
        result = audit_verify(after=after, processes=options["processes"], report=progress)
        self.seconds = time.monotonic() - started
        if progress is not None:
            self.stderr.write("")
        if result.first_break is not None:
            broken = result.first_break
            raise CommandError(
                f"Audit trail broken at event #{broken.sequence}: {broken.reason}",
                returncode=1,
            )
        try:
            problem = anchor_compare()
            if problem is None:
                checkpoint_write(verified=result.head)
        except AnchorError as error:
            problem = str(error)
        if problem is not None:
            raise CommandError(
                f"Audit trail does not match its checkpoints: {problem}", returncode=1
            )
        self._report(result, since, relied_on)

    def _report(
        self, result: Extension, since: Checkpoint | None, relied_on: Checkpoint | None
    ) -> None:
        if since is not None:
            self.stdout.write(
                f"Audit trail intact since the checkpoint of event #{since.sequence}: "
                f"{result.events:,} events after it"
            )
        else:
            self.stdout.write(f"Audit trail intact: {result.events:,} events")
        if relied_on is None:
            self.stdout.write("There was no checkpoint to compare it with: this is the first")
        else:
            age = timezone.now() - relied_on.written_at
            self.stdout.write(
                f"It relied on the checkpoint of event #{relied_on.sequence}, written "
                f"{_duration(age)} ago ({relied_on.when})"
            )
            interval = datetime.timedelta(seconds=settings.AUDIT_ANCHOR_INTERVAL_SECONDS)
            if age > 2 * interval:
                self.stdout.write(
                    "That checkpoint is older than twice AUDIT_ANCHOR_INTERVAL_SECONDS: is "
                    "the worker running? Events removed from the end since then would not "
                    "be detected"
                )
        newest = newest_checkpoint()
        if newest is not None:
            self.stdout.write(
                f"Newest checkpoint: event #{newest.sequence}, in {anchor_directory()}"
            )
        relied = (
            f"the checkpoint of event #{relied_on.sequence}, written "
            f"{_duration(timezone.now() - relied_on.written_at)} ago"
            if relied_on
            else "no checkpoint (there was none)"
        )
        logger.info(
            "Audit trail intact, verified %s: %d events to event #%d in %.1f s (%.0f a "
            "second), relying on %s",
            f"since event #{since.sequence}" if since else "in full",
            result.events,
            result.head[0],
            self.seconds,
            result.events / max(self.seconds, 1e-6),
            relied,
        )


def _duration(age: datetime.timedelta) -> str:
    seconds = max(int(age.total_seconds()), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"
