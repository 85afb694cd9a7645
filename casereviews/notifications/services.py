"""Writing a draft CRNF A: starting it, saving each page, children and family members,
deleting it. Submission is in `casereviews.submission`, a layer above the workflow.

Each `notification_*`, `child_*` and `family_member_*` service audits what it does; the
`*_apply` steps beneath them do not, so a whole notification made in one go (the API)
is audited once, for what it did."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.criteria import parse_facts
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications import pages
from casereviews.notifications.attachments import attachment_files_delete
from casereviews.notifications.crnf.description import MAX_CHILDREN, MAX_FAMILY_MEMBERS
from casereviews.notifications.crnf_cache import crnf_changed
from casereviews.notifications.models import Child, FamilyMember, Notification, Status


class DraftNotDeletable(Exception):
    """Only a draft that was never sent can be deleted."""


class RowLimitReached(Exception):
    """A notification names at most MAX_CHILDREN children and MAX_FAMILY_MEMBERS family
    members (local standards, `crnf.description`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


def _mark_answered(notification: Notification, slug: str) -> None:
    if slug not in notification.answered_pages:
        notification.answered_pages = [*notification.answered_pages, slug]


def notification_start(
    *, board: Board, by: User, review_sought: str, request: HttpRequest | None = None
) -> Notification:
    """Start a draft with the first answer, pre-filled with the notifier's account."""
    with transaction.atomic():
        notification = draft_create(board=board, by=by, review_sought=review_sought)
        audit_record(request=request, actor=by, action="notification.draft_start", obj=notification)
    return notification


def draft_create(
    *,
    board: Board,
    by: User,
    review_sought: str,
    client_reference: str = "",
    framework: Framework | None = None,
) -> Notification:
    """`framework` is the one the board has in force today, when the caller has read it."""
    today = timezone.localdate()
    if framework is None:
        framework = board.framework_on(today)
    notification = Notification.objects.create(
        board=board,
        client_reference=client_reference,
        # Until its first submission fixes it (`workflow.services.framework_for`).
        framework=framework,
        notifier=by,
        organisation=by.organisation,
        review_sought=review_sought,
        notifier_name=by.full_name,
        notifier_job_title=by.job_title,
        answered_pages=["review-sought"],
    )
    notification.framework_in_force_is(framework, on=today)
    return notification


def page_apply(
    *, notification: Notification, slug: str, answers: dict[str, Any], save: bool = True
) -> None:
    """Keep one valid page's answers (not audited: see the module's docstring).

    `save=False` leaves the notification's row to the caller, who applies several pages
    and saves once (a whole CRNF A sent through the API)."""
    pages.apply(notification, slug, answers)
    _mark_answered(notification, slug)
    _refresh_facts(notification)
    if save:
        notification.save()


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
        page_apply(notification=notification, slug=slug, answers=answers)
        crnf_changed(notification)
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
        subject_child_apply(notification=notification, child=child)
        crnf_changed(notification)
        audit_record(
            request=request,
            actor=by,
            action="notification.draft_save",
            obj=notification,
            detail={"page": "children"},
        )
    return notification


def subject_child_apply(*, notification: Notification, child: Child, save: bool = True) -> None:
    """`save=False` leaves the notification's row to the caller, as for `page_apply`."""
    notification.subject_child = child
    _mark_answered(notification, "children")
    _refresh_facts(notification)
    if save:
        notification.save()


def child_apply(
    *, notification: Notification, answers: dict[str, Any], child: Child | None = None
) -> Child:
    """Add or change a child (not audited). Raises `RowLimitReached` past the limit."""
    if child is None and notification.children.count() >= MAX_CHILDREN():
        raise RowLimitReached(MAX_CHILDREN.message)
    child = _child_answered(child or Child(notification=notification), answers)
    child.save()
    if notification.subject_child_id is None:
        notification.subject_child = child
    _refresh_facts(notification)
    notification.save()
    return child


def _child_answered(child: Child, answers: dict[str, Any]) -> Child:
    for name, value in answers.items():
        setattr(child, name, value)
    if child.date_of_birth is not None:
        child.age_at_incident = None
    return child


def rows_create(
    *, notification: Notification, children: list[dict[str, Any]], members: list[dict[str, Any]]
) -> list[Child]:
    """A whole CRNF A's children and family members, each table written once (not
    audited). The caller has kept to the limits and writes the notification's row."""
    made = Child.objects.bulk_create(
        _child_answered(Child(notification=notification), answers) for answers in children
    )
    FamilyMember.objects.bulk_create(
        FamilyMember(notification=notification, **answers) for answers in members
    )
    return made


def family_member_apply(
    *, notification: Notification, answers: dict[str, Any], member: FamilyMember | None = None
) -> FamilyMember:
    """Add or change a family member (not audited). Raises `RowLimitReached`."""
    if member is None and notification.family_members.count() >= MAX_FAMILY_MEMBERS():
        raise RowLimitReached(MAX_FAMILY_MEMBERS.message)
    member = member or FamilyMember(notification=notification)
    for name, value in answers.items():
        setattr(member, name, value)
    member.save()
    return member


def child_save(
    *,
    notification: Notification,
    answers: dict[str, Any],
    by: User,
    child: Child | None = None,
    request: HttpRequest | None = None,
) -> Child:
    """Add a child, or change one. The first child is the subject child until another is
    chosen. Raises `RowLimitReached` past the limit."""
    with transaction.atomic():
        child = child_apply(notification=notification, answers=answers, child=child)
        crnf_changed(notification)
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
        crnf_changed(notification)
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
        member = family_member_apply(notification=notification, answers=answers, member=member)
        crnf_changed(notification)
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
        crnf_changed(notification)
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
        files = [row.stored_name for row in current.attachments.all()]
        current.subject_child = None
        current.save(update_fields=["subject_child"])
        current.delete()
        # The files go only once the rows have gone for good.
        transaction.on_commit(lambda: attachment_files_delete(files))
