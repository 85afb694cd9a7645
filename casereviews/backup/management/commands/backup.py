"""`manage.py backup PATH`: the database, the documents and the audit checkpoints in one
archive, as of one moment (docs/adr/0024-backup-and-restore.md)."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casereviews.backup.archive import ArchiveError
from casereviews.backup.make import BackupError, backup_make


class Command(BaseCommand):
    help = (
        "Write one archive of the database, the documents and the audit checkpoints, "
        "readable by its owner only. PATH is a new file, or a folder to name one in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if path.is_dir():
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            path = path / f"casereviews-backup-{stamp}.zip"
        started = time.monotonic()
        try:
            made = backup_make(path=path, progress=self.stdout.write)
        except (BackupError, ArchiveError, OSError) as error:
            raise CommandError(f"No backup was made: {error}", returncode=1) from None
        self.stdout.write(
            f"Backup written to {made.path} ({made.size:,} bytes, mode 0600) in "
            f"{time.monotonic() - started:.1f} s: {made.rows:,} rows, {made.documents:,} "
            f"documents, audit events to #{made.audit_head}."
        )
        self.stdout.write(f"SHA-256 of the archive: {made.sha256}")
        for removed in made.removed:
            self.stdout.write(f"Removed while the backup ran, left out: {removed}")
        self.stdout.write(
            "It holds children's information: keep it encrypted, off this machine, "
            "where only the people who may restore it can read it."
        )
