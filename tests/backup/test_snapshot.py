"""A backup reads the database as at one moment, and the service goes on writing while
it reads (docs/adr/0024-backup-and-restore.md)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from casereviews.audit.models import AuditEvent
from casereviews.audit.services import audit_record
from casereviews.backup.make import snapshot


@pytest.mark.django_db(transaction=True)
def test_the_backup_reads_one_moment_and_does_not_stop_the_service() -> None:
    audit_record(action="notification.read")
    written: list[int] = []

    def another_request() -> None:
        try:
            written.append(audit_record(action="notification.read").sequence)
        finally:
            connection.close()

    with snapshot():
        before = AuditEvent.objects.count()
        writer = threading.Thread(target=another_request)
        writer.start()
        writer.join(timeout=15)
        assert not writer.is_alive(), "the backup stopped the service writing"
        assert written == [2]
        assert AuditEvent.objects.count() == before == 1
    assert AuditEvent.objects.count() == 2
