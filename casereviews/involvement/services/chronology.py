"""Sharing the merged chronology with named agencies, and recording every read and export
of it (DESIGN.md section 6)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation
from casereviews.involvement.chronology import ChronologyFilter
from casereviews.involvement.codes import Code
from casereviews.involvement.models import ChronologyShare
from casereviews.kit.refusal import require
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.workflow.services import TransitionRefused, timeline_add


def chronology_share(
    *,
    notification: Notification,
    organisations: Iterable[Organisation],
    by: User,
    request: HttpRequest | None = None,
) -> list[ChronologyShare]:
    """Let the named agencies see the merged chronology of the case."""
    require(by, Action.CHRONOLOGY_SHARE, notification)
    chosen = [
        o
        for o in organisations
        if not ChronologyShare.objects.filter(notification=notification, organisation=o).exists()
    ]
    if not chosen:
        raise TransitionRefused("Select at least one agency to share with", code=Code.NO_AGENCIES)
    now = timezone.now()
    with transaction.atomic():
        shares = [
            ChronologyShare.objects.create(
                notification=notification, organisation=o, shared_by=by, shared_at=now
            )
            for o in chosen
        ]
        names = ", ".join(o.name for o in chosen)
        timeline_add(
            notification=notification,
            kind="chronology.shared",
            text=f"The agencies' chronology was shared with {names}",
            by=by,
        )
        audit_record(
            request=request,
            actor=by,
            action="chronology.shared",
            obj=notification,
            detail={"organisations": [o.pk for o in chosen]},
        )
    return shares


def chronology_read_record(
    *,
    notification: Notification,
    by: User,
    chosen: ChronologyFilter,
    export: str = "",
    request: HttpRequest | None = None,
) -> None:
    """Every view and every export of the chronology is audited, with its filter."""
    require(by, Action.CHRONOLOGY_VIEW, notification)
    audit_record(
        request=request,
        actor=by,
        action=f"chronology.exported.{export}" if export else "chronology.read",
        obj=notification,
        detail={
            "organisation": chosen.organisation,
            "from": chosen.start.isoformat() if chosen.start else None,
            "to": chosen.end.isoformat() if chosen.end else None,
        },
    )
