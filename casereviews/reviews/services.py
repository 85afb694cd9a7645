"""Keeping the review's records. Each service checks the permission through the policy
inside its transaction, writes its record, the case's timeline entry and the audit event
together, so a refused step leaves nothing behind."""

from __future__ import annotations

from datetime import date

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation
from casereviews.decisions.models import ReviewType, methodology_problem
from casereviews.decisions.selectors import latest_chair_decision
from casereviews.kit.refusal import require
from casereviews.notifications.attachments import display_name
from casereviews.notifications.models import UNDER_REVIEW, Notification, Status
from casereviews.policy import Action
from casereviews.reviews.codes import Code
from casereviews.reviews.models import (
    ActionUpdate,
    DocumentKind,
    FamilyContribution,
    Milestone,
    ProfessionalInvolvement,
    Review,
    ReviewDocument,
    Reviewer,
)
from casereviews.reviews.selectors import reviewed_agencies
from casereviews.storage import (
    DocumentHolder,
    StoredDocument,
    document_delete,
    document_holder,
    document_open,
    document_save,
)
from casereviews.workflow.services import TransitionRefused, timeline_add

NOT_INDEPENDENT = (
    "{name} cannot be appointed: they are employed by {agency}, an agency involved with the "
    "child and family whose work the review looks at. Reviewers must be independent of the "
    "case and of the agencies reviewed"
)


def documents_holder() -> DocumentHolder:
    return document_holder(ReviewDocument)


def document_open_stored(document: ReviewDocument) -> File[bytes]:
    """The stored file, to stream; `FileNotFoundError` when it is missing."""
    return document_open(holder=documents_holder(), name=document.stored_name)


def evidence_open(update: ActionUpdate) -> File[bytes]:
    """An action update's evidence, to stream; `FileNotFoundError` when it is missing."""
    return document_open(holder=document_holder(ActionUpdate), name=update.evidence_stored_name)


def checked_case(by: User, notification: Notification) -> Notification:
    """The case, locked, if this person keeps its review's records and the case is under
    review; otherwise `TransitionRefused`."""
    require(by, Action.REVIEW_MANAGE, notification)
    current = Notification.objects.select_for_update().get(pk=notification.pk)
    if current.status not in UNDER_REVIEW:
        raise TransitionRefused(
            "The review's records can only be changed while the review is under way",
            code=Code.WRONG_STATE,
        )
    return current


def review_ensure(*, notification: Notification, by: User) -> Review:
    """The case's review, started from the Independent Chair's latest decision (an SCR
    after an escalated CPIR). Call inside the transaction of the step that needs it."""
    decision = latest_chair_decision(notification)
    if decision is not None:
        kind = decision.decision
    elif notification.status_changes.filter(to_status=Status.LCSPR_COMMISSIONED).exists():
        # A partnership's local child safeguarding practice review is held, published and
        # followed through as an SCR is (docs/adr/0016-frameworks.md).
        kind = ReviewType.SCR
    else:
        kind = ReviewType.OTHER_REVIEW
    review, created = Review.objects.get_or_create(
        notification=notification,
        defaults={"kind": kind, "created_by": by, "created_at": timezone.now()},
    )
    if not created and review.kind != kind and kind != ReviewType.NO_REVIEW:
        review.kind = kind
        review.save(update_fields=["kind"])
    return review


def record_step(
    *,
    notification: Notification,
    by: User,
    action: str,
    text: str,
    request: HttpRequest | None,
    detail: dict[str, object] | None = None,
) -> None:
    timeline_add(notification=notification, kind=action, text=text, by=by)
    audit_record(request=request, actor=by, action=action, obj=notification, detail=detail)


def reviewer_appoint(
    *,
    notification: Notification,
    by: User,
    role: str,
    full_name: str,
    organisation: Organisation | None,
    independence_declaration: str,
    declared_on: date,
    request: HttpRequest | None = None,
) -> Reviewer:
    """Appoint a lead reviewer or panel member with their declaration of independence;
    someone employed by an agency the review looks at is refused (Procedure A 1)."""
    with transaction.atomic():
        case = checked_case(by, notification)
        if organisation is not None and reviewed_agencies(case).filter(pk=organisation.pk):
            raise TransitionRefused(
                NOT_INDEPENDENT.format(name=full_name, agency=organisation.name),
                code=Code.REVIEWER_NOT_INDEPENDENT,
                field="employer",
            )
        review = review_ensure(notification=case, by=by)
        reviewer = Reviewer.objects.create(
            review=review,
            role=role,
            full_name=full_name,
            organisation=organisation,
            independence_declaration=independence_declaration,
            declared_on=declared_on,
            appointed_by=by,
            appointed_at=timezone.now(),
        )
        record_step(
            notification=case,
            by=by,
            action="review.reviewer_appoint",
            text=f"Appointed a {reviewer.get_role_display().lower()}",
            request=request,
            detail={"reviewer": reviewer.pk, "role": role},
        )
    return reviewer


def store_file(upload: UploadedFile[bytes]) -> StoredDocument:
    """Keep an uploaded review document or evidence (both in the review's folder)."""
    return document_save(holder=documents_holder(), upload=upload)


def stored_file_delete(stored: StoredDocument) -> None:
    document_delete(holder=documents_holder(), name=stored.name)


def document_add(
    *,
    notification: Notification,
    by: User,
    kind: str,
    upload: UploadedFile[bytes],
    content_type: str,
    request: HttpRequest | None = None,
) -> ReviewDocument:
    """Keep a checked file (`notifications.attachments.check_upload`) as the next version
    of the review's document of `kind`."""
    stored = store_file(upload)
    try:
        with transaction.atomic():
            case = checked_case(by, notification)
            review = review_ensure(notification=case, by=by)
            latest = ReviewDocument.objects.filter(review=review, kind=kind).aggregate(
                latest=Max("version")
            )["latest"]
            document = ReviewDocument.objects.create(
                review=review,
                kind=kind,
                version=(latest or 0) + 1,
                original_name=display_name(upload.name or ""),
                stored_name=stored.name,
                sha256=stored.sha256,
                content_type=content_type,
                size=stored.size,
                uploaded_by=by,
                uploaded_at=timezone.now(),
            )
            record_step(
                notification=case,
                by=by,
                action="review.document_add",
                text=f"Uploaded the {document.get_kind_display().lower()} "
                f"(version {document.version})",
                request=request,
                detail={"document": document.pk, "kind": kind, "version": document.version},
            )
    except BaseException:
        stored_file_delete(stored)
        raise
    return document


def terms_of_reference_record(
    *,
    notification: Notification,
    by: User,
    methodology: str,
    lines_of_enquiry: str,
    upload: UploadedFile[bytes] | None,
    content_type: str = "",
    request: HttpRequest | None = None,
) -> Review:
    """The review's methodology and key lines of enquiry, with a new version of the
    terms of reference document when one is uploaded."""
    with transaction.atomic():
        case = checked_case(by, notification)
        review = review_ensure(notification=case, by=by)
        problem = methodology_problem(review.kind, methodology)
        if problem:
            raise TransitionRefused(
                problem, code=Code.METHODOLOGY_CONTRADICTS_TYPE, field="methodology"
            )
        if (
            upload is None
            and not review.documents.filter(kind=DocumentKind.TERMS_OF_REFERENCE).exists()
        ):
            raise TransitionRefused(
                "Select the terms of reference document",
                code=Code.TERMS_OF_REFERENCE_MISSING,
                field="file",
            )
        review.methodology = methodology
        review.lines_of_enquiry = lines_of_enquiry
        review.save(update_fields=["methodology", "lines_of_enquiry"])
        record_step(
            notification=case,
            by=by,
            action="review.terms_of_reference",
            text="Recorded the review's terms of reference",
            request=request,
        )
        if upload is not None:
            document_add(
                notification=case,
                by=by,
                kind=DocumentKind.TERMS_OF_REFERENCE,
                upload=upload,
                content_type=content_type,
                request=request,
            )
    return review


def milestone_add(
    *,
    notification: Notification,
    by: User,
    title: str,
    target_date: date,
    request: HttpRequest | None = None,
) -> Milestone:
    with transaction.atomic():
        case = checked_case(by, notification)
        milestone = Milestone.objects.create(
            review=review_ensure(notification=case, by=by), title=title, target_date=target_date
        )
        record_step(
            notification=case,
            by=by,
            action="review.milestone_add",
            text="Added a milestone of the review",
            request=request,
            detail={"milestone": milestone.pk},
        )
    return milestone


def milestone_reach(
    *,
    notification: Notification,
    by: User,
    milestone: Milestone,
    reached_on: date,
    request: HttpRequest | None = None,
) -> Milestone:
    with transaction.atomic():
        case = checked_case(by, notification)
        milestone.reached_on = reached_on
        milestone.save(update_fields=["reached_on"])
        record_step(
            notification=case,
            by=by,
            action="review.milestone_reach",
            text="Recorded that a milestone of the review was reached",
            request=request,
            detail={"milestone": milestone.pk},
        )
    return milestone


def _participation_add[R: (ProfessionalInvolvement, FamilyContribution)](
    model: type[R],
    *,
    notification: Notification,
    by: User,
    action: str,
    text: str,
    detail_key: str,
    request: HttpRequest | None,
    **fields: object,
) -> R:
    """Record how people took part in the review (professionals, or the family and the
    child), as one step of the review's records."""
    with transaction.atomic():
        case = checked_case(by, notification)
        row = model.objects.create(
            review=review_ensure(notification=case, by=by),
            recorded_by=by,
            recorded_at=timezone.now(),
            **fields,
        )
        record_step(
            notification=case,
            by=by,
            action=action,
            text=text,
            request=request,
            detail={detail_key: row.pk},
        )
    return row


def professional_involvement_add(
    *,
    notification: Notification,
    by: User,
    way: str,
    held_on: date,
    who_took_part: str,
    request: HttpRequest | None = None,
) -> ProfessionalInvolvement:
    return _participation_add(
        ProfessionalInvolvement,
        notification=notification,
        by=by,
        action="review.professionals_record",
        text="Recorded how professionals took part in the review",
        detail_key="professional_involvement",
        request=request,
        way=way,
        held_on=held_on,
        who_took_part=who_took_part,
    )


def family_contribution_add(
    *,
    notification: Notification,
    by: User,
    who: str,
    outcome: str,
    on: date,
    how: str,
    request: HttpRequest | None = None,
) -> FamilyContribution:
    return _participation_add(
        FamilyContribution,
        notification=notification,
        by=by,
        action="review.family_contribution_record",
        text="Recorded how the family or the child was enabled to contribute",
        detail_key="family_contribution",
        request=request,
        who=who,
        outcome=outcome,
        on=on,
        how=how,
    )
