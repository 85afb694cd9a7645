"""The audit trail as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils import timezone

from casereviews.audit.actions import action_label, event_subject, roles_label
from casereviews.audit.models import AuditEvent
from casereviews.frameworks.vocabulary import vocabulary
from casereviews.frontend.text import export_cell
from casereviews.notifications.models import Notification

NOTIFICATION = "notifications.notification"

HEADER = (
    "Event",
    "Time (UK)",
    "Person",
    "Organisation",
    "Roles",
    "What they did",
    "Object",
    "Framework of the case",
    "Outcome",
    "Request",
    "Address",
)


def frameworks_of_cases(events: Sequence[AuditEvent]) -> dict[str, str]:
    """The framework of each case the events are about, by the case's id, in one query."""
    ids = {e.object_id for e in events if e.object_type == NOTIFICATION and e.object_id}
    return {
        str(pk): vocabulary(code).short
        for pk, code in Notification.objects.filter(pk__in=ids).values_list("pk", "framework")
    }


def events_as_csv(events: Sequence[AuditEvent]) -> str:
    """The events, each with the framework of the case it is about (blank for an event
    about no case)."""
    frameworks = frameworks_of_cases(events)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for event in events:
        writer.writerow(
            export_cell("" if value is None else str(value))
            for value in (
                event.sequence,
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                event.actor_email,
                event.actor_organisation,
                roles_label(event.actor_roles),
                action_label(event.action),
                event_subject(event),
                frameworks.get(event.object_id, "") if event.object_type == NOTIFICATION else "",
                event.get_outcome_display(),
                event.request_id,
                event.ip_address,
            )
        )
    return buffer.getvalue()
