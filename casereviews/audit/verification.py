"""Verifying the audit trail at scale (docs/adr/0023-audit-verification-at-scale.md).

The trail is cut into stretches of about `STRETCH_EVENTS` events; each is verified on its
own (`chain.verify_stretch`: its rows, not model instances, read by keyset), on every
core at once, each process with its own database connection; the stretches are then
joined in order (`chain.Joiner`), which checks the link from each stretch's last event
to the next one's first, so the first break found is the one a single walk would find.
A run shows its progress (events done, rate, time left) while it goes.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from django.db import connections

from casereviews.audit.chain import GENESIS, Extension, Joiner, Stretch, chain_head, verify_stretch
from casereviews.audit.models import AuditEvent

STRETCH_EVENTS = 100_000

Report = Callable[[int, int], None]


def _bounds(first: int, last: int, size: int) -> Iterator[tuple[int, int]]:
    """Stretches of `size` events from `first` to `last`, cut at the events actually there
    (one index-only read of `size` entries each), so gaps in the numbering cost nothing."""
    start = first
    while start <= last:
        # Not a page of a list (ADR 0010): a bounded step along the unique index.
        cut = (
            AuditEvent.objects.filter(sequence__gte=start, sequence__lte=last)
            .order_by("sequence")
            .values_list("sequence", flat=True)[size : size + 1]
            .first()
        )
        if cut is None:
            yield start, last
            return
        yield start, cut - 1
        start = cut


def _verify(bounds: tuple[int, int]) -> Stretch:
    return verify_stretch(*bounds)


def audit_verify(
    *,
    after: tuple[int, str] = (0, GENESIS),
    processes: int = 1,
    stretch_events: int = STRETCH_EVENTS,
    report: Report | None = None,
) -> Extension:
    """Verify the chain from `after` (the genesis, or a checkpoint's sequence and hash) to
    the head it has when the run starts; stop at the first break. `report(done, total)`
    is called as stretches are joined (`total` is the count of sequence numbers, which is
    the count of events in an intact trail)."""
    last = chain_head()[0]
    total = max(last - after[0], 0)
    joiner = Joiner(after)
    # All cut before any child is forked (see `_verified`).
    bounds = list(_bounds(after[0] + 1, last, stretch_events))
    for stretch in _verified(bounds, processes):
        joiner.add(stretch)
        if report is not None:
            report(joiner.events, total)
        if joiner.first_break is not None:
            break
    return joiner.extension()


def _verified(bounds: list[tuple[int, int]], processes: int) -> Iterator[Stretch]:
    """Each stretch verified, in order: in this process, or `processes` at a time."""
    if processes <= 1 or len(bounds) <= 1:
        yield from (_verify(b) for b in bounds)
        return
    # The children are forked: none may inherit this process's open connection (they
    # would share its socket), so each opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        waiting: deque[Future[Stretch]] = deque()
        for stretch in bounds:
            # A few ahead of the one being joined, not every stretch at once.
            waiting.append(pool.submit(_verify, stretch))
            if len(waiting) > 2 * processes:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()


class Progress:
    """Events done, the rate and the time left, rewritten on one line of a terminal."""

    def __init__(self, write: Callable[[str], None], *, every: float = 0.5) -> None:
        self.write = write
        self.every = every
        self.started = time.monotonic()
        self.shown = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.shown < self.every and done < total:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-6)
        left = (total - done) / rate if rate else 0.0
        self.write(
            f"\rVerified {done:,} of {total:,} events, {rate:,.0f} a second, "
            f"about {left:,.0f} s left "
        )

    def elapsed(self) -> float:
        return time.monotonic() - self.started
