"""What a case holds, asked once when the case page reads the case.

Several of the case page's sections show records most cases do not have yet: a LISG
meeting, a reason to go ahead, a disclosure decision, a single-agency review, an
escalation, a communication, a possible duplicate. Asking each section's table costs a
query of its own, about a millisecond of Django's time each and mostly to find nothing.
So an app registers, for its section, the records it would read; the case page reads
the case with one `EXISTS` for each (in the same query), and a section whose records the
case does not hold shows none without asking. A case read any other way is asked about
as before (`holds` is then always true).

    register_holding("escalations", escalations_of)  # decisions.selectors

A lower layer's registry, as ADR 0006 sets out: each app registers from its own
`AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from casereviews.notifications.models import Notification

Records = Callable[[OuterRef], QuerySet[Any]]

# Each kind's `EXISTS`, built once when the kind is registered: building the seven on
# every read cost about half a millisecond, and Django copies an expression wherever it
# is used, so the one kept is never changed by a query it goes into.
_ASKED: dict[str, Exists] = {}


def register_holding(name: str, records: Records) -> None:
    """`records(case)`: the records of this kind that belong to the case (an `OuterRef`
    to the case's primary key). They must take in every record the section would show:
    naming more costs the section a query that finds nothing, naming fewer hides records.
    The question is built once, here, so it may name no person and no moment."""
    if name in _ASKED:
        raise ValueError(f"{name} is already registered")
    _ASKED[name] = Exists(records(OuterRef("pk")))


def with_holdings(cases: QuerySet[Notification]) -> QuerySet[Notification]:
    """The cases, each read with whether it holds every kind of record registered."""
    return cases.annotate(**{f"holds_{name}": asked for name, asked in _ASKED.items()})


def holds(case: Notification, name: str) -> bool:
    """Whether the case may hold records of this kind: false only when it was read
    `with_holdings` and holds none."""
    if name not in _ASKED:
        raise ValueError(f"{name} is not registered")
    return bool(getattr(case, f"holds_{name}", True))
