"""An imported case's history, from the sheet's own dates (docs/adr/0033): its status
rows and timeline, dated when the board's records say things happened, and its deadlines,
counted by the same rules as a case notified here and recorded met or missed by those
dates. A deadline whose end no date on the sheet settles is left out rather than guessed
(telling Ofsted and the Panel, a report's arrival before publication)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from casereviews.deadlines import rules
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.models import Deadline
from casereviews.deadlines.services import configured, deadline_unsaved, review_completion_rule
from casereviews.decisions.models import ReviewType
from casereviews.imports.columns import DECIDED_STAGE, REPORTED, REVIEWED, CaseRow
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.models import StatusChange, TimelineEntry

FROM_RECORDS = "From the board's records, imported"
# Stages at which the review is still to report: its completion target is still open.
REVIEWING = frozenset(
    {"scr_commissioned", "cpir_commissioned", "other_review_commissioned", "review_in_progress"}
)
ENDED = frozenset({Status.CLOSED, Status.WITHDRAWN})


def on_day(day: datetime.date) -> datetime.datetime:
    """The moment an event of the board's records is dated at: midday in London on its
    day (the sheet gives no time), in UTC."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=LONDON).astimezone(datetime.UTC)


@dataclass(frozen=True)
class History:
    changes: list[StatusChange]
    timeline: list[TimelineEntry]
    deadlines: list[Deadline]


def history_of(
    case: CaseRow, notification: Notification, *, by_id: int, by_name: str, now: datetime.datetime
) -> History:
    notified = on_day(case.notified_on)
    decided = on_day(case.decided_on) if case.decided_on else None
    changes = [_change(notification, "submit", Status.DRAFT, Status.SUBMITTED, by_id, notified)]
    timeline = [_line(notification, "imported.notified", "Notified to the board", by_id, notified)]
    last = str(Status.SUBMITTED)
    if decided is not None:
        reached = DECIDED_STAGE[case.decision]
        changes.append(
            _change(
                notification,
                f"decide_{case.decision}",
                Status.LISG_RECOMMENDED,
                reached,
                by_id,
                decided,
            )
        )
        words = ReviewType(case.decision).label
        timeline.append(
            _line(notification, "imported.decided", f"Decided: {words}", by_id, decided)
        )
        last = reached
    if case.published_on:
        timeline.append(
            _line(
                notification,
                "imported.published",
                "The review's report was published",
                by_id,
                on_day(case.published_on),
            )
        )
    if case.stage != last:
        changes.append(_change(notification, "import", last, case.stage, by_id, now))
    timeline.append(
        _line(
            notification,
            "imported",
            f"Imported from the board's records by {by_name}",
            by_id,
            now,
            detail="The dates above are the board's own.",
        )
    )
    return History(changes, timeline, list(_deadlines(case, notification, now)))


def _deadlines(case: CaseRow, notification: Notification, now: datetime.datetime) -> list[Deadline]:
    notified = on_day(case.notified_on)
    month = configured(rules.SCR_DECISION_WITHIN_ONE_MONTH)
    found = []
    if case.decided_on:
        found.append(
            deadline_unsaved(
                notification=notification,
                rule=month,
                started_at=notified,
                ended_at=on_day(case.decided_on),
            )
        )
    elif case.stage in ENDED:
        found.append(
            deadline_unsaved(
                notification=notification,
                rule=month,
                started_at=notified,
                ended_at=now,
                cancelled=True,
            )
        )
    else:
        found.append(deadline_unsaved(notification=notification, rule=month, started_at=notified))
    if case.decided_on and case.decision in REVIEWED:
        completion = review_completion_rule(case.decision)
        decided = on_day(case.decided_on)
        if case.stage in REVIEWING:
            found.append(
                deadline_unsaved(notification=notification, rule=completion, started_at=decided)
            )
        elif case.published_on and (case.stage in REPORTED or case.stage == Status.CLOSED):
            published = on_day(case.published_on)
            if published <= completion.due(decided):
                # Published in time, so its report was in by then: met. Published late
                # says nothing of when the report came, so nothing is recorded.
                found.append(
                    deadline_unsaved(
                        notification=notification,
                        rule=completion,
                        started_at=decided,
                        ended_at=published,
                    )
                )
    return found


def _change(
    notification: Notification,
    transition: str,
    from_status: str,
    to_status: str,
    by_id: int,
    at: datetime.datetime,
) -> StatusChange:
    return StatusChange(
        notification=notification,
        transition=transition,
        from_status=from_status,
        to_status=to_status,
        by_id=by_id,
        at=at,
        reason=FROM_RECORDS,
        version=1,
    )


def _line(
    notification: Notification,
    kind: str,
    text: str,
    by_id: int,
    at: datetime.datetime,
    detail: str = FROM_RECORDS,
) -> TimelineEntry:
    return TimelineEntry(
        notification=notification, at=at, by_id=by_id, kind=kind, text=text, detail=detail
    )
