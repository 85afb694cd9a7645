"""The worker runs its jobs and leaves a heartbeat an administrator can see."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from casereviews.worker.models import Heartbeat

# The worker manages its own connections, as the real process does: no wrapping transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_each_cycle_of_the_worker_records_its_heartbeat() -> None:
    call_command("run_worker", "--once")
    call_command("run_worker", "--once")
    beat = Heartbeat.objects.get()
    assert beat.cycles == 2
