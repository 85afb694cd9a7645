"""`measure_audit_chain` (a bench command, not installed by the service's settings) times
real appends to the chain, which still verifies after."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench.management.commands.measure_audit_chain import Command
from casereviews.audit.chain import verify
from casereviews.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_reports_how_long_the_lock_is_held_and_keeps_the_chain_whole() -> None:
    out = io.StringIO()
    call_command(Command(), events=25, stdout=out)
    assert "25 appends: lock held median" in out.getvalue()
    assert AuditEvent.objects.filter(actor_email="measure_audit_chain").count() == 25
    result = verify()
    assert (result.first_break, result.events) == (None, 25)


def test_never_in_production(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command(Command(), events=5)
    assert not AuditEvent.objects.exists()
