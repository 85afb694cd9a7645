"""The merged multi-agency chronology of a case: every agency's submitted entries in one
timeline, in date order, labelled by agency, filterable by agency and period, with likely
duplicates flagged. Read page by page with a keyset (seek) cursor over the index
`merged_chronology_order`, never OFFSET or COUNT."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import QuerySet

from casereviews.decisions.models import InvolvementRequest
from casereviews.frontend.keyset import seek
from casereviews.involvement.models import ChronologyEntry
from casereviews.notifications.models import Notification

PAGE_SIZE = 50
# The order of the merged chronology, and of its index `merged_chronology_order`.
ORDER = ("date", "sort_time", "id")
# Two agencies' entries on the same day whose words are this alike are flagged.
SIMILAR = 0.6
EXPORT_HEADERS = (
    "Date",
    "Time",
    "Approximate date",
    "Agency",
    "What happened",
    "Who was involved",
    "Source record",
)
_COLUMNS = (
    "id",
    "date",
    "time",
    "sort_time",
    "approximate",
    "what_happened",
    "who_involved",
    "source",
    "organisation_id",
    "organisation__name",
)


@dataclass(frozen=True)
class ChronologyFilter:
    organisation: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None

    def apply(self, queryset: QuerySet[ChronologyEntry]) -> QuerySet[ChronologyEntry]:
        if self.organisation is not None:
            queryset = queryset.filter(organisation=self.organisation)
        if self.start is not None:
            queryset = queryset.filter(date__gte=self.start)
        if self.end is not None:
            queryset = queryset.filter(date__lte=self.end)
        return queryset


@dataclass
class ChronologyPage:
    rows: list[dict[str, object]]
    next_cursor: str | None
    duplicates: set[int] = field(default_factory=set)


def _current(notification: Notification) -> QuerySet[ChronologyEntry]:
    return ChronologyEntry.objects.filter(notification=notification, current=True)


def encode_cursor(row: dict[str, object]) -> str:
    date = row["date"]
    sort_time = row["sort_time"]
    assert isinstance(date, datetime.date)
    assert isinstance(sort_time, datetime.time)
    return f"{date:%Y-%m-%d}T{sort_time:%H%M}-{row['id']}"


def decode_cursor(cursor: str) -> tuple[datetime.date, datetime.time, int] | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})-(\d{1,18})", cursor)
    if not match:
        return None
    year, month, day, hour, minute, pk = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day), datetime.time(hour, minute), pk
    except ValueError:
        return None


def chronology_page(
    notification: Notification, chosen: ChronologyFilter, after: str = ""
) -> ChronologyPage:
    queryset = chosen.apply(_current(notification))
    position = decode_cursor(after) if after else None
    if position is not None:
        # With its redundant first bound (`date >= …`), the index range starts at the
        # cursor instead of at the case's first entry (ADR 0010).
        queryset = queryset.filter(seek(ORDER, position))
    rows = list(queryset.order_by(*ORDER).values(*_COLUMNS)[: PAGE_SIZE + 1])
    next_cursor = encode_cursor(rows[PAGE_SIZE - 1]) if len(rows) > PAGE_SIZE else None
    rows = rows[:PAGE_SIZE]
    return ChronologyPage(rows, next_cursor, likely_duplicates(notification, rows))


def _words(text: object) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", str(text).lower()))


def likely_duplicates(notification: Notification, rows: list[dict[str, object]]) -> set[int]:
    """The entries on this page that look like another agency's entry of the same day
    (similar words): the same event told twice, for the reader to check."""
    dates = {row["date"] for row in rows if isinstance(row["date"], datetime.date)}
    if not dates:
        return set()
    same_days: dict[object, list[tuple[int, object, str]]] = {}
    for other in (
        _current(notification)
        # The page's first and last days bound the index range read (the page is one
        # stretch of `ORDER`); `date__in` alone was read by walking the whole case.
        .filter(date__gte=min(dates), date__lte=max(dates), date__in=dates)
        .values_list("id", "date", "organisation_id", "what_happened")
    ):
        same_days.setdefault(other[1], []).append((other[0], other[2], _words(other[3])))
    flagged = set()
    for row in rows:
        text = _words(row["what_happened"])
        for other_id, organisation, other_text in same_days.get(row["date"], []):
            if organisation == row["organisation_id"] or other_id == row["id"]:
                continue
            if SequenceMatcher(None, text, other_text).ratio() >= SIMILAR:
                flagged.add(int(str(row["id"])))
                break
    return flagged


def export_rows(notification: Notification, chosen: ChronologyFilter) -> Iterator[list[object]]:
    """Every entry, in date order, as export cells, streamed from the database."""
    queryset = chosen.apply(_current(notification)).order_by("date", "sort_time", "id")
    for row in queryset.values_list(
        "date",
        "time",
        "approximate",
        "organisation__name",
        "what_happened",
        "who_involved",
        "source",
    ).iterator(chunk_size=2000):
        date, time, approximate, agency, what, who, source = row
        yield [
            f"{date:%d/%m/%Y}",
            f"{time:%H:%M}" if time else "",
            "Yes" if approximate else "No",
            agency,
            what,
            who,
            source,
        ]


def agencies_with_entries(notification: Notification) -> list[tuple[int, str]]:
    """The agencies to filter by: those asked about this case (bounded by the board's
    partners)."""
    return list(
        InvolvementRequest.objects.filter(notification=notification)
        .order_by("organisation__name")
        .values_list("organisation_id", "organisation__name")
        .distinct()
    )
