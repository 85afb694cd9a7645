"""`manage.py verify_audit`: is the audit trail's chain intact?"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from casereviews.audit.chain import verify


class Command(BaseCommand):
    help = "Check that no audit event has been edited, removed or reordered."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify()
        if result.first_break is not None:
            broken = result.first_break
            raise CommandError(
                f"Audit trail broken at event #{broken.sequence}: {broken.reason}",
                returncode=1,
            )
        self.stdout.write(f"Audit trail intact: {result.events} events")
