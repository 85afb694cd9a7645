"""Finished cases with a child's personal data in every kind of place a case keeps it,
and a search of the whole service for that child, for the tests of casereviews.retention."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.involvement.models import ChronologyEntry, InvolvementReturn
from casereviews.notifications.models import Child, FamilyMember, Notification, Status
from casereviews.workflow.models import StatusChange, TimelineEntry
from tests.documents import attachment_of
from tests.factories import NotificationFactory
from tests.involvement.helpers import asked_with_a_draft

NAME = "Amelia Thornbury"
BORN = datetime.date(2014, 3, 9)
# The ways a date of birth is written: ISO (the database), and as the pages show it.
BORN_WRITTEN = ("2014-03-09", "9 March 2014", "09/03/2014")


def finished_case(
    board: Board,
    *,
    years_ago: int,
    status: str = Status.CLOSED,
    name: str = NAME,
    born: datetime.date = BORN,
    by: User | None = None,
) -> Notification:
    """A case closed `years_ago` (and a day) with the child's name and date of birth in
    its children, family, free text, history, documents and the audit trail's reads."""
    case = NotificationFactory.create(board=board, status=status)
    if by is not None:
        case.notifier = by
    closed = timezone.now() - datetime.timedelta(days=365 * years_ago + years_ago // 4 + 1)
    mention = f"{name}, born {born:%-d %B %Y}, at 4 Acacia Road"
    for field in case._meta.concrete_fields:
        if isinstance(field, models.TextField):
            setattr(case, field.name, mention)
    case.notifier_name = "Kate Pellow"
    case.save()
    child = Child.objects.create(
        notification=case,
        full_name=name,
        date_of_birth=born,
        sex="female",
        address="4 Acacia Road, Bracknell",
        child_protection_plan="never",
        looked_after="never",
        open_to_social_care="no",
    )
    Notification.objects.filter(pk=case.pk).update(subject_child=child)
    FamilyMember.objects.create(
        notification=case,
        full_name="Dawn Thornbury",
        relationship="Mother",
        date_of_birth=datetime.date(1990, 1, 2),
        address="4 Acacia Road",
    )
    attachment_of(case, content=f"Report about {name}, born {born:%d/%m/%Y}".encode())
    StatusChange.objects.create(
        notification=case,
        transition="close",
        from_status=Status.ACTIONS_MONITORED,
        to_status=status,
        by=case.notifier,
        at=closed,
        reason=f"Closed: {mention}",
    )
    TimelineEntry.objects.create(
        notification=case,
        at=closed,
        by=case.notifier,
        kind="transition.close",
        text="Closed the case",
        detail=f"Closed: {mention}",
    )
    # An agency's answer, two tables from the case: its summary and chronology.
    asked, entry = asked_with_a_draft(case, case.organisation, case.notifier)
    InvolvementReturn.objects.filter(request=asked).update(summary=f"Known to us: {mention}")
    ChronologyEntry.objects.filter(pk=entry.pk).update(what_happened=mention, who_involved=name)
    audit_record(action="notification.read", actor=case.notifier, obj=case)
    return case


def places_naming(name: str = NAME, born_written: tuple[str, ...] = BORN_WRITTEN) -> list[str]:
    """Every row of every table, and every stored file, that holds the name or the date
    of birth (case ignored): "table #pk" or "file path"."""
    needles = [name.lower(), *(written.lower() for written in born_written)]
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [field.attname for field in model._meta.concrete_fields]
        for row in model._base_manager.values_list(*columns).iterator():
            text = " ".join(str(value) for value in row).lower()
            if any(needle in text for needle in needles):
                found.append(f"{model._meta.db_table} #{row[0]}")
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            content = path.read_bytes().decode("utf-8", "replace").lower()
            if any(needle in content for needle in needles):
                found.append(f"file {path.name}")
    return found
