"""`generate_load_data`: made-up boards, people and cases in every state, with deadlines
and an audit trail the chain accepts; the same data for the same seed; never in
production."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count

from bench.management.commands.generate_load_data import Command
from casereviews.accounts.models import User
from casereviews.audit.chain import verify
from casereviews.audit.models import AuditEvent
from casereviews.deadlines.models import Deadline
from casereviews.decisions.models import InvolvementRequest
from casereviews.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=False)
UNTIL = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)


def generate(seed: int = 3, cases: int = 120) -> str:
    """A year of history, so that even a few hundred cases reach every state."""
    out = io.StringIO()
    call_command(
        Command(),
        boards=2,
        cases=cases,
        seed=seed,
        until=UNTIL,
        years=1,
        stdout=out,
    )
    return out.getvalue()


def digest() -> list[object]:
    """The data, without the ids the database gives (its sequences do not roll back)."""
    cases = list(
        Notification.objects.order_by("created_at").values_list(
            "reference", "status", "submitted_at", "subject_child__full_name"
        )
    )
    requests = list(
        InvolvementRequest.objects.order_by("requested_at", "organisation__name").values_list(
            "notification__reference", "organisation__name", "requested_at", "status"
        )
    )
    events = list(
        AuditEvent.objects.order_by("sequence").values_list("at", "action", "actor_email")
    )
    return [cases, requests, events]


def test_the_data_covers_the_lifecycle_and_the_chain_accepts_it() -> None:
    generate(cases=400)
    assert Notification.objects.count() == 400
    states = set(Notification.objects.values_list("status", flat=True))
    assert {
        "draft",
        "submitted",
        "under_consideration",
        "lisg_recommended",
        "review_in_progress",
        "actions_monitored",
        "closed",
        "withdrawn",
    } <= states
    assert set(Deadline.objects.values_list("state", flat=True)) == {
        "open",
        "met",
        "missed",
        "cancelled",
    }
    per_case = AuditEvent.objects.values("object_id").annotate(n=Count("id"))
    assert min(row["n"] for row in per_case) >= 20
    assert len(per_case) == 400
    result = verify()
    assert result.first_break is None
    assert result.events == AuditEvent.objects.count()
    # Nobody real: every address is under example.org.
    assert not User.objects.exclude(email__endswith=".example.org").exists()


def test_the_same_seed_gives_the_same_data() -> None:
    runs = []
    for _ in range(2):
        with transaction.atomic():
            generate(seed=11)
            runs.append(digest())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    with transaction.atomic():
        generate(seed=12)
        assert digest() != runs[0]
        transaction.set_rollback(True)


def test_generating_twice_into_one_database_is_refused() -> None:
    generate(cases=5)
    with pytest.raises(CommandError, match="already holds generated data"):
        generate(cases=5)


def test_never_in_production(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never loaded in production"):
        generate(cases=5)
    assert not Notification.objects.exists()


def audit_indexes() -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    return {name for name, constraint in found.items() if constraint["index"]}


def test_every_index_of_the_audit_trail_is_there_after_the_load() -> None:
    """The generator drops the trail's indexes for the load on PostgreSQL and builds them
    again after it: the searches that read them must find them all."""
    before = audit_indexes()
    generate(cases=20)
    assert audit_indexes() == before
    assert {"audit_board_newest", "audit_action_newest", "audit_detail_case"} <= before
