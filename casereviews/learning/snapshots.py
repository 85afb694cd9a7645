"""The dashboards' figures, counted at most once every `settings.FIGURES_REFRESH` for a
set of boards and a year, and shared by every process of the service through one row of
`FiguresSnapshot` (docs/adr/0019-figures-counted-at-most-every-few-minutes.md).

A load of the dashboards reads that row; only when it is missing or older than the
interval does the load count the year again (`casereviews.learning.figures`) and write
the row with an upsert, so two processes counting at once both succeed and the later
count stays. The annual report does not come here: it counts afresh.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from casereviews.learning.figures import Figure, Period, Row, all_figures
from casereviews.learning.models import FiguresSnapshot

# The shape of the stored figures. Change it whenever `as_stored` changes: a row of
# another shape is counted again rather than read.
SHAPE = 1


@dataclass(frozen=True)
class CountedFigures:
    figures: list[Figure]
    # When the counting began.
    counted_at: datetime.datetime


def boards_key(boards: Sequence[int]) -> str:
    return ",".join(str(pk) for pk in sorted(set(boards)))


def as_stored(figures: Sequence[Figure]) -> dict[str, Any]:
    """The figures as JSON: their words and their counts."""
    return {
        "shape": SHAPE,
        "figures": [
            {
                "title": figure.title,
                "measure": figure.measure,
                "headings": list(figure.headings),
                "key": figure.key,
                "row_heading": figure.row_heading,
                "rows": [[row.label, row.value, list(row.more)] for row in figure.rows],
            }
            for figure in figures
        ],
    }


def from_stored(stored: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            title=figure["title"],
            measure=figure["measure"],
            rows=[Row(label, value, tuple(more)) for label, value, more in figure["rows"]],
            headings=tuple(figure["headings"]),
            key=figure["key"],
            row_heading=figure["row_heading"],
        )
        for figure in stored["figures"]
    ]


def figures_count(boards: Sequence[int], period: Period) -> CountedFigures:
    """Count the figures now and keep them for every process."""
    counted_at = timezone.now()
    figures = all_figures(boards, period)
    FiguresSnapshot.objects.bulk_create(
        [
            FiguresSnapshot(
                boards=boards_key(boards),
                year=period.year,
                counted_at=counted_at,
                figures=as_stored(figures),
            )
        ],
        update_conflicts=True,
        unique_fields=("boards", "year"),
        update_fields=("counted_at", "figures"),
    )
    return CountedFigures(figures, counted_at)


def figures_counted(boards: Sequence[int], period: Period) -> CountedFigures:
    """The figures of these boards for the period as last counted, counted first when
    they never were, or were longer ago than `settings.FIGURES_REFRESH`. The caller has
    checked that the person may see the figures of every one of the boards."""
    fresh_since = timezone.now() - settings.FIGURES_REFRESH
    stored = (
        FiguresSnapshot.objects.filter(
            boards=boards_key(boards), year=period.year, counted_at__gt=fresh_since
        )
        .values_list("counted_at", "figures")
        .first()
    )
    if stored is None or stored[1].get("shape") != SHAPE:
        return figures_count(boards, period)
    return CountedFigures(from_stored(stored[1]), stored[0])


def every(interval: datetime.timedelta) -> str:
    """How often, in words: "every minute", "every 10 minutes", "every 2 hours"."""
    minutes = max(1, round(interval.total_seconds() / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return "every hour" if hours == 1 else f"every {hours} hours"
    return "every minute" if minutes == 1 else f"every {minutes} minutes"


def clock(moment: datetime.datetime) -> str:
    """The time of day in London as GOV.UK writes it: "9:05am", "4:30pm", "midday"."""
    local = timezone.localtime(moment)
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    return f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
