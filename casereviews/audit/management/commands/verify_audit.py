"""`manage.py verify_audit`: is the audit trail's chain intact, and does it still reach
its newest checkpoint? If so, checkpoint it again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from casereviews.audit.anchor import (
    AnchorError,
    anchor_compare,
    anchor_directory,
    checkpoint_write,
    newest_checkpoint,
)
from casereviews.audit.chain import verify


class Command(BaseCommand):
    help = (
        "Check that no audit event has been edited, removed or reordered, and that none "
        "is missing since the newest checkpoint; then write a checkpoint."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify()
        if result.first_break is not None:
            broken = result.first_break
            raise CommandError(
                f"Audit trail broken at event #{broken.sequence}: {broken.reason}",
                returncode=1,
            )
        try:
            problem = anchor_compare()
            first = newest_checkpoint() is None
            if problem is None:
                checkpoint_write()
        except AnchorError as error:
            problem = str(error)
        if problem is not None:
            raise CommandError(
                f"Audit trail does not match its checkpoints: {problem}", returncode=1
            )
        self.stdout.write(f"Audit trail intact: {result.events} events")
        if first:
            self.stdout.write("There was no checkpoint to compare it with: this is the first")
        newest = newest_checkpoint()
        if newest is not None:
            self.stdout.write(
                f"Newest checkpoint: event #{newest.sequence}, in {anchor_directory()}"
            )
