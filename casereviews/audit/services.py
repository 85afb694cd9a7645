"""Writing the audit trail. Call `audit_record` inside the transaction of the action it
records, so that the action fails if its event cannot be written.

An action that writes many rows opens `audited_transaction()` instead of
`transaction.atomic()`: its events are appended together at the end of the block, still
inside the transaction, so the chain's lock is held for one insert and the commit rather
than for the whole action (docs/adr/0017-audit-chain-throughput.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.addresses import client_address
from casereviews.audit.chain import chain_head, event_hash, lock_for_append
from casereviews.audit.models import AuditEvent, Outcome
from casereviews.boards.models import Board
from casereviews.policy import board_roles


def audit_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: Any = None,
    obj: models.Model | None = None,
    outcome: str = Outcome.SUCCESS,
    detail: dict[str, Any] | None = None,
    board: Any = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event to the chain. `actor` defaults to the request's user; `board`
    to the object's board; `ip_address`, given when there is no request (the worker
    answering what a person asked for), to the request's client.

    Runs in the caller's transaction (a savepoint when there is one): if the event
    cannot be written, the exception reaches the caller and its action rolls back.
    """
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if board is None and obj is not None:
        board = getattr(obj, "board", None)
    roles = ""
    if actor is not None:
        grants = board_roles(actor)
        held = (
            grants.get(board.pk, frozenset())
            if board is not None
            else frozenset().union(*grants.values())
        )
        roles = ",".join(sorted(held | ({"administrator"} if actor.is_administrator else set())))
    event = AuditEvent(
        at=timezone.now(),
        actor=actor,
        actor_email=getattr(actor, "email", ""),
        actor_organisation=str(getattr(actor, "organisation", "") or ""),
        actor_roles=roles,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:80] if obj is not None else "",
        board=board,
        outcome=outcome,
        request_id=getattr(request, "request_id", "") if request is not None else "",
        ip_address=client_address(request) if request is not None else ip_address,
        detail=detail or {},
    )
    batch = _open_batch()
    if batch is not None:
        batch.add(event)
        return event
    with transaction.atomic():
        lock_for_append()
        last_sequence, last_hash = chain_head()
        event.sequence = last_sequence + 1
        event.previous_hash = last_hash
        event.hash = event_hash(event)
        event.save(force_insert=True)
    return event


class _Batch:
    """The events of one `audited_transaction`, waiting to be chained at its end."""

    def __init__(self) -> None:
        self.events: list[tuple[AuditEvent, _Recorded]] = []

    def add(self, event: AuditEvent) -> None:
        # Django forgets the on-commit callbacks of a savepoint that rolls back, so a
        # marker still waiting at the end says the event's savepoint was not rolled back:
        # an event whose action was undone (an inner block that failed, its exception
        # caught) is not appended.
        recorded = _Recorded()
        transaction.on_commit(recorded)
        self.events.append((event, recorded))

    def append(self) -> None:
        # Each entry is (savepoint ids, callback, robust).
        waiting = {id(entry[1]) for entry in connection.run_on_commit}
        events = [event for event, recorded in self.events if id(recorded) in waiting]
        if not events:
            return
        # No savepoint: this runs last inside `audited_transaction`'s own atomic block,
        # and nothing between here and that block's end catches an error, so a failed
        # append already undoes the whole action with it; a savepoint would only let part
        # of it be kept, which nobody may do. (A lone `audit_record` keeps its savepoint:
        # there the caller's block goes on after it.)
        with transaction.atomic(savepoint=False):
            lock_for_append()
            last_sequence, last_hash = chain_head()
            for event in events:
                last_sequence += 1
                event.sequence = last_sequence
                event.previous_hash = last_hash
                event.hash = last_hash = event_hash(event)
            # The model's own manager refuses bulk writes so that nothing bypasses the
            # chain; these events were just chained, under its lock.
            plain: models.QuerySet[AuditEvent] = models.QuerySet(AuditEvent)
            plain.bulk_create(events)


class _Recorded:
    """The on-commit marker of one batched event (it has nothing to do at commit)."""

    def __call__(self) -> None:
        return None


def _open_batch() -> _Batch | None:
    batches: list[_Batch] = getattr(connection, "_audit_batches", [])
    return batches[-1] if batches else None


@contextmanager
def audited_transaction() -> Iterator[None]:
    """`transaction.atomic()` whose audit events are chained together at its end.

    The events are appended inside the transaction, after everything else the block
    did, so the action and its events still commit together or not at all; the chain's
    lock is taken once, for the append and the commit, instead of at the first event
    and held to the commit. Nested inside another, it joins the outer one's batch.
    """
    with transaction.atomic():
        if _open_batch() is not None:
            yield
            return
        batch = _Batch()
        batches: list[_Batch] = getattr(connection, "_audit_batches", [])
        connection._audit_batches = [*batches, batch]  # type: ignore[attr-defined]
        try:
            yield
        finally:
            connection._audit_batches = batches  # type: ignore[attr-defined]
        batch.append()


def audit_access_denied(*, request: HttpRequest, permission: str, status: int) -> AuditEvent:
    """Record a refused request (403 or 404) of a signed-in person.

    Written in its own transaction, committed at once, so it survives the refused
    request. `durable=True` makes that a rule: called inside another transaction (as
    ATOMIC_REQUESTS would do) it fails loudly rather than roll back with the request.
    """
    detail: dict[str, Any] = {"path": request.path, "permission": str(permission), "status": status}
    board = getattr(request, "board", None)
    # The case the person asked for, by the reference in the address, so that a search
    # of the case's events shows who tried to reach it (`selectors._about_case`). The
    # refusal belongs to that case's board, whoever asked: only the people entitled to
    # that board's audit trail read it, never another board's or the administrators'.
    match = request.resolver_match
    reference = match.kwargs.get("reference") if match is not None else None
    if isinstance(reference, str) and reference:
        detail["case"] = reference[:40]
        case_board = Board.objects.filter(notifications__reference=reference).order_by().first()
        board = case_board or board
    with transaction.atomic(durable=True):
        return audit_record(
            request=request,
            action="access.denied",
            outcome=Outcome.DENIED,
            board=board,
            detail=detail,
        )
