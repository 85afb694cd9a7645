"""`manage.py restore ARCHIVE`: a backup back into an empty database and empty documents'
storage (docs/adr/0024-backup-and-restore.md)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casereviews.backup.archive import ArchiveError, archive_open
from casereviews.backup.restore import RestoreRefused, restore_archive


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and empty "
        "documents' storage; refused, with nothing changed, if either holds anything."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            with archive_open(options["archive"]) as archive:
                self.stdout.write(
                    f"Backup made {archive.manifest['created_at']} on "
                    f"{archive.manifest['engine']}; every member matches its manifest."
                )
                done = restore_archive(archive=archive, progress=self.stdout.write)
        except ArchiveError as error:
            raise CommandError(f"The archive cannot be restored: {error}", returncode=1) from None
        except RestoreRefused as error:
            raise CommandError(f"Nothing was restored. {error}", returncode=1) from None
        self.stdout.write(
            f"Restored {done.rows:,} rows and {done.documents:,} documents, audit events to "
            f"#{done.audit_head}, in {time.monotonic() - started:.1f} s."
        )
        if done.anchor_problem is not None:
            raise CommandError(
                "The restored audit trail does not match the checkpoints in AUDIT_ANCHOR_DIR: "
                f"{done.anchor_problem}",
                returncode=1,
            )
        self.stdout.write(
            "Everyone signs in again. Next: manage.py verify_audit and manage.py verify_documents."
        )
