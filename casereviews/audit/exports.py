"""The audit trail as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone

from casereviews.audit.actions import action_label, event_subject, roles_label
from casereviews.audit.models import AuditEvent

HEADER = (
    "Event",
    "Time (UK)",
    "Person",
    "Organisation",
    "Roles",
    "What they did",
    "Object",
    "Outcome",
    "Request",
    "Address",
)
# A cell that starts with one of these is read by spreadsheets as a formula (OWASP
# "CSV injection"); a leading apostrophe makes it plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def events_as_csv(events: Iterable[AuditEvent]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for event in events:
        writer.writerow(
            csv_safe(value)
            for value in (
                event.sequence,
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                event.actor_email,
                event.actor_organisation,
                roles_label(event.actor_roles),
                action_label(event.action),
                event_subject(event),
                event.get_outcome_display(),
                event.request_id,
                event.ip_address,
            )
        )
    return buffer.getvalue()
