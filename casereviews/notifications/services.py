"""Writing a draft CRNF A: starting it, saving each page, children and family members,
deleting it. Submission is in `submission.py`. Views and the API call these."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.criteria import parse_facts
from casereviews.notifications import pages
from casereviews.notifications.attachments import attachment_path
from casereviews.notifications.models import Child, FamilyMember, Notification, Status


class DraftNotDeletable(Exception):
    """Only a draft that was never sent can be deleted."""


def _refresh_facts(notification: Notification) -> None:
    """Derive `age_years` from the subject child and check every fact is in vocabulary."""
    facts = dict(notification.criteria_facts)
    age = pages.subject_age(notification)
    if age is None:
        facts.pop("age_years", None)
    else:
        facts["age_years"] = age
    parse_facts(facts)  # raises InvalidFacts: the forms should have made that impossible
    notification.criteria_facts = facts


def _unlink_all(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _mark_answered(notification: Notification, slug: str) -> None:
    if slug not in notification.answered_pages:
        notification.answered_pages = [*notification.answered_pages, slug]


def notification_start(
    *, board: Board, by: User, review_sought: str, request: HttpRequest | None = None
) -> Notification:
    """Start a draft with the first answer, pre-filled with the notifier's account."""
    with transaction.atomic():
        notification = Notification.objects.create(
            board=board,
            notifier=by,
            organisation=by.organisation,
            review_sought=review_sought,
            notifier_name=by.full_name,
            notifier_job_title=by.job_title,
            answered_pages=["review-sought"],
        )
        audit_record(request=request, actor=by, action="notification.draft_start", obj=notification)
    return notification


def notification_answer(
    *,
    notification: Notification,
    slug: str,
    answers: dict[str, Any],
    by: User,
    request: HttpRequest | None = None,
) -> Notification:
    """Save one valid page of a draft."""
    with transaction.atomic():
        pages.apply(notification, slug, answers)
        _mark_answered(notification, slug)
        _refresh_facts(notification)
        notification.save()
        audit_record(
            request=request,
            actor=by,
            action="notification.draft_save",
            obj=notification,
            detail={"page": slug},
        )
    return notification


def notification_choose_subject_child(
    *, notification: Notification, child: Child, by: User, request: HttpRequest | None = None
) -> Notification:
    """Name the child who died or was most seriously harmed: the facts describe them."""
    with transaction.atomic():
        notification.subject_child = child
        _mark_answered(notification, "children")
        _refresh_facts(notification)
        notification.save()
        audit_record(
            request=request,
            actor=by,
            action="notification.draft_save",
            obj=notification,
            detail={"page": "children"},
        )
    return notification


def child_save(
    *,
    notification: Notification,
    answers: dict[str, Any],
    by: User,
    child: Child | None = None,
    request: HttpRequest | None = None,
) -> Child:
    """Add a child, or change one. The first child is the subject child until another is
    chosen."""
    with transaction.atomic():
        child = child or Child(notification=notification)
        for name, value in answers.items():
            setattr(child, name, value)
        if child.date_of_birth is not None:
            child.age_at_incident = None
        child.save()
        if notification.subject_child_id is None:
            notification.subject_child = child
        _refresh_facts(notification)
        notification.save()
        audit_record(
            request=request,
            actor=by,
            action="notification.child_save",
            obj=notification,
            detail={"child": child.pk},
        )
    return child


def child_remove(
    *, notification: Notification, child: Child, by: User, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        child_id = child.pk
        if notification.subject_child_id == child_id:
            notification.subject_child = notification.children.exclude(pk=child_id).first()
        notification.save()
        child.delete()
        _refresh_facts(notification)
        notification.save()
        audit_record(
            request=request,
            actor=by,
            action="notification.child_remove",
            obj=notification,
            detail={"child": child_id},
        )


def family_member_save(
    *,
    notification: Notification,
    answers: dict[str, Any],
    by: User,
    member: FamilyMember | None = None,
    request: HttpRequest | None = None,
) -> FamilyMember:
    with transaction.atomic():
        member = member or FamilyMember(notification=notification)
        for name, value in answers.items():
            setattr(member, name, value)
        member.save()
        audit_record(
            request=request,
            actor=by,
            action="notification.family_member_save",
            obj=notification,
            detail={"family_member": member.pk},
        )
    return member


def family_member_remove(
    *,
    notification: Notification,
    member: FamilyMember,
    by: User,
    request: HttpRequest | None = None,
) -> None:
    with transaction.atomic():
        member_id = member.pk
        member.delete()
        audit_record(
            request=request,
            actor=by,
            action="notification.family_member_remove",
            obj=notification,
            detail={"family_member": member_id},
        )


def notification_mark_page_answered(
    *, notification: Notification, slug: str, by: User, request: HttpRequest | None = None
) -> Notification:
    """For pages whose answers are rows (family members): going on means 'that is all'."""
    return notification_answer(
        notification=notification, slug=slug, answers={}, by=by, request=request
    )


def notification_draft_delete(
    *, notification: Notification, by: User, request: HttpRequest | None = None
) -> None:
    """Delete a draft its author no longer needs. A notification once sent is the
    board's record and is never deleted."""
    with transaction.atomic():
        current = Notification.objects.select_for_update().get(pk=notification.pk)
        if current.status != Status.DRAFT or current.notifier_id != by.pk:
            raise DraftNotDeletable
        audit_record(
            request=request,
            actor=by,
            action="notification.draft_delete",
            obj=current,
        )
        files = [attachment_path(row) for row in current.attachments.all()]
        current.subject_child = None
        current.save(update_fields=["subject_child"])
        current.delete()
        # The files go only once the rows have gone for good.
        transaction.on_commit(lambda: _unlink_all(files))
