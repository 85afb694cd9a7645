"""The workflow's guard that keeps a disposed case closed. Imported by
`RetentionConfig.ready()`.

A disposed case keeps its reference, dates and decisions but no child, family, free
text or documents: reopening it would start a case about no one (docs/adr/0034)."""

from __future__ import annotations

from casereviews.notifications.models import Notification
from casereviews.retention.models import DisposedCase
from casereviews.workflow.guards import register_guard


@register_guard(
    "reopen",
    code="disposed",
    message="This case's personal data was destroyed under the retention schedule, so it "
    "cannot be reopened",
    hides_step=True,
)
def not_disposed(case: Notification) -> bool:
    return not DisposedCase.objects.filter(notification=case).exists()
