"""`manage.py verify_documents`: is every stored document there, and the file that was
uploaded? (docs/adr/0024-backup-and-restore.md)"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from casereviews.backup.documents import DocumentProblem, documents_verify


class Command(BaseCommand):
    help = "Check every stored document against the SHA-256 recorded when it was uploaded."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = 0
        checked = 0
        for found in documents_verify():
            if isinstance(found, DocumentProblem):
                problems += 1
                self.stderr.write(f"{found.key}: {found.reason}")
            else:
                checked = found
        if problems:
            raise CommandError(
                f"{problems:,} of {checked:,} documents are missing or changed", returncode=1
            )
        self.stdout.write(f"Documents intact: {checked:,}")
