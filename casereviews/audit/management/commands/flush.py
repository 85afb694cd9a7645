"""Django's `flush`, which must lift the audit table's append-only triggers to empty it.

Refused in production: there the audit trail is never emptied. Elsewhere (tests that
commit, a laptop) the triggers are dropped, the tables emptied, and the triggers put back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections

from casereviews.audit.triggers import create_triggers, drop_triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The audit trail is append-only: flush is refused in production")
        connection = connections[options["database"]]
        drop_triggers(connection)
        try:
            super().handle(**options)
        finally:
            create_triggers(connection)
