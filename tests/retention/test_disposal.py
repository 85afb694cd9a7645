"""Disposal under the retention schedule, and legal holds (docs/adr/0034): a case past
its date loses its child's and family's personal data everywhere, keeps its reference,
dates and decisions, and the audit trail still verifies; a hold stops it."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from casereviews.audit.models import AuditEvent, Outcome
from casereviews.boards.models import Role
from casereviews.notifications.models import Attachment, Child, FamilyMember, Notification
from casereviews.retention import schedule, services
from casereviews.retention.models import DisposedCase, HoldReason, LegalHold, RecordKind
from casereviews.workflow.models import StatusChange, TimelineEntry
from casereviews.workflow.services import TransitionRefused, notification_transition
from tests.factories import person
from tests.retention.cases import finished_case, places_naming

pytestmark = pytest.mark.django_db


def verify_audit() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_disposal_leaves_no_trace_of_the_child_anywhere_and_the_trail_verifies(
    board, business_manager, django_capture_on_commit_callbacks
) -> None:
    case = finished_case(board, years_ago=11)
    before = places_naming()
    # The name or date of birth is in the case, its child, history, timeline, an agency's
    # answer and chronology, and its document's file before; the family's in theirs.
    assert len(before) >= 7, before
    assert any(place.startswith("involvement_chronologyentry") for place in before)
    assert places_naming("Dawn Thornbury", ("1990-01-02",)) != []
    assert any(place.startswith("file ") for place in before)
    reference, submitted = case.reference, case.submitted_at

    # The files go when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        services.disposal_approve(
            board=board, cases=[case], reason="Reached its date: 10 years", by=business_manager
        )

    assert places_naming() == []
    assert places_naming("Dawn Thornbury", ("1990-01-02",)) == []
    assert not Child.objects.filter(notification=case).exists()
    assert not FamilyMember.objects.filter(notification=case).exists()
    assert not Attachment.objects.filter(notification=case).exists()
    kept = Notification.objects.get(pk=case.pk)
    assert (kept.reference, kept.submitted_at, kept.status) == (reference, submitted, "closed")
    assert kept.what_happened == ""
    assert kept.notifier_name == ""
    closed = StatusChange.objects.get(notification=case)
    assert (closed.to_status, closed.reason) == ("closed", "")
    disposed = DisposedCase.objects.get(notification=case)
    assert (disposed.kind, disposed.batch.reason) == (
        RecordKind.NOT_TAKEN_FORWARD,
        "Reached its date: 10 years",
    )
    assert TimelineEntry.objects.filter(notification=case, kind="retention.disposed").exists()
    event = AuditEvent.objects.get(action="notification.disposed")
    assert (event.object_id, event.object_label, event.actor_id) == (
        str(case.pk),
        reference,
        business_manager.pk,
    )
    assert AuditEvent.objects.filter(action="retention.disposal_approved").exists()
    assert "Audit trail intact" in verify_audit()


def test_a_case_under_a_legal_hold_is_refused_until_the_hold_is_lifted(
    board, business_manager
) -> None:
    free = finished_case(board, years_ago=12, name="Leo Marsh")
    held = finished_case(board, years_ago=12)
    hold = services.legal_hold_place(
        board=board,
        notification=held,
        reason=HoldReason.LITIGATION,
        detail="Solicitors' letter of 3 March",
        by=business_manager,
    )

    with pytest.raises(services.DisposalRefused) as refused:
        services.disposal_approve(
            board=board, cases=[free, held], reason="Due", by=business_manager
        )

    assert refused.value.message == (
        f"{held.reference} is under a legal hold and cannot be disposed of until the hold is lifted"
    )
    # All or nothing: neither case lost anything.
    assert Child.objects.filter(notification__in=[free, held]).count() == 2
    assert not DisposedCase.objects.exists()
    denied = AuditEvent.objects.get(action="retention.disposal_refused")
    assert denied.outcome == Outcome.DENIED
    assert denied.detail["held"] == [hold.pk]

    services.legal_hold_lift(hold=hold, reason="Claim settled", by=business_manager)
    services.disposal_approve(board=board, cases=[held], reason="Due", by=business_manager)

    hold.refresh_from_db()
    assert hold.lifted_by == business_manager
    assert hold.lifted_at is not None
    assert DisposedCase.objects.filter(notification=held).exists()
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="legal_hold")] == [
        "legal_hold.placed",
        "legal_hold.lifted",
    ]


def test_a_hold_on_a_child_holds_every_case_of_that_child(board, business_manager) -> None:
    first = finished_case(board, years_ago=12)
    second = finished_case(board, years_ago=12)
    other = finished_case(board, years_ago=12, name="Leo Marsh")
    services.legal_hold_place(
        board=board,
        child=Child.objects.get(notification=first),
        reason=HoldReason.INQUIRY,
        detail="",
        by=business_manager,
    )

    held = services.holds_on([first, second, other], services.in_force(board))

    assert set(held) == {first.pk, second.pk}


def test_a_hold_on_the_board_holds_every_case(board, business_manager) -> None:
    case = finished_case(board, years_ago=12)
    services.legal_hold_place(
        board=board, reason=HoldReason.INQUIRY, detail="Inquiry notice", by=business_manager
    )

    with pytest.raises(services.DisposalRefused):
        services.disposal_approve(board=board, cases=[case], reason="Due", by=business_manager)
    assert Child.objects.filter(notification=case).exists()


def test_the_list_holds_only_cases_past_their_date_by_the_boards_periods(
    board, business_manager
) -> None:
    old = finished_case(board, years_ago=11)
    recent = finished_case(board, years_ago=9)

    assert [due.notification for due in schedule.disposal_list(board)] == [old]
    with pytest.raises(services.DisposalRefused) as refused:
        services.disposal_approve(board=board, cases=[recent], reason="Due", by=business_manager)
    assert "not reached the date" in refused.value.message

    services.retention_period_set(
        board=board, kind=RecordKind.NOT_TAKEN_FORWARD, years=8, by=business_manager
    )
    # Its document is kept at least the documents' 10 years.
    assert [due.notification for due in schedule.disposal_list(board)] == [old]
    services.retention_period_set(
        board=board, kind=RecordKind.DOCUMENTS, years=8, by=business_manager
    )
    assert {due.notification for due in schedule.disposal_list(board)} == {old, recent}
    services.retention_period_set(
        board=board, kind=RecordKind.NOT_TAKEN_FORWARD, years=None, by=business_manager
    )
    assert schedule.disposal_list(board) == []


def test_a_scr_is_kept_35_years_by_default(board) -> None:
    case = finished_case(board, years_ago=20)
    StatusChange.objects.create(
        notification=case,
        transition="commission_scr",
        from_status="lisg_recommended",
        to_status="scr_commissioned",
        by=case.notifier,
        at=datetime.datetime(2006, 1, 1, tzinfo=datetime.UTC),
    )

    assert schedule.disposal_list(board) == []
    listed = schedule.due(schedule.finished_cases(board).get(), schedule.periods(board))
    assert listed.kind == RecordKind.SCR
    assert listed.due_on == schedule.add_years(listed.closed_on, 35)


def test_only_the_business_manager_may_dispose(board, business_manager) -> None:
    case = finished_case(board, years_ago=11)
    chair = person(board, Role.INDEPENDENT_CHAIR)

    with pytest.raises(PermissionDenied):
        services.disposal_approve(board=board, cases=[case], reason="Due", by=chair)
    with pytest.raises(PermissionDenied):
        services.legal_hold_place(board=board, reason="other", detail="", by=chair)
    assert Child.objects.filter(notification=case).exists()
    assert not LegalHold.objects.exists()


def test_a_disposed_case_cannot_be_reopened(board, business_manager) -> None:
    case = finished_case(board, years_ago=11)
    services.disposal_approve(board=board, cases=[case], reason="Due", by=business_manager)
    case.refresh_from_db()

    with pytest.raises(TransitionRefused) as refused:
        notification_transition(
            notification=case,
            name="reopen",
            by=business_manager,
            expected_version=case.version,
            reason="New information",
        )

    assert refused.value.code == "disposed"
    assert Notification.objects.get(pk=case.pk).status == "closed"
