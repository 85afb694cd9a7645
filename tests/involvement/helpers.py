"""Arranging agencies' requests and answers for tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Organisation
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.models import ChronologyEntry, InvolvementReturn
from casereviews.notifications.models import Notification


def asked(case: Notification, organisation: Organisation, by: User) -> InvolvementRequest:
    return InvolvementRequest.objects.create(
        notification=case,
        organisation=organisation,
        requested_by=by,
        requested_at=timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=14),
    )


def asked_with_a_draft(
    case: Notification, organisation: Organisation, by: User
) -> tuple[InvolvementRequest, ChronologyEntry]:
    """A request with a draft answer holding one entry (arranged, not through a service)."""
    request = asked(case, organisation, by)
    draft = InvolvementReturn.objects.create(
        request=request, involvement="involved", created_by=by, created_at=timezone.now()
    )
    entry = ChronologyEntry.objects.create(
        involvement_return=draft,
        notification=case,
        organisation=organisation,
        date=datetime.date(2026, 1, 5),
        what_happened="Home visit",
        source="Case note 3",
    )
    return request, entry
