"""An agency answers an involvement request (Procedure A 4(i)): "no involvement" with the
records it searched, or "involved" with a summary of information held and a skeleton
chronology. A return is saved and edited as a draft until submitted; a correction after
submission is a new version, and the earlier one is kept."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.deadlines import rules
from casereviews.deadlines.services import deadlines_meet
from casereviews.decisions.models import InvolvementRequest, InvolvementRequestStatus
from casereviews.involvement.codes import Code
from casereviews.involvement.emails import involvement_returned_emails
from casereviews.involvement.entries import EntryData
from casereviews.involvement.models import (
    ChronologyEntry,
    Involvement,
    InvolvementReturn,
    ReturnState,
)
from casereviews.involvement.selectors import draft_of, submitted_of
from casereviews.kit.refusal import require
from casereviews.policy import Action
from casereviews.workflow.services import TransitionRefused, timeline_add


def _draft(involvement_request: InvolvementRequest, by: User) -> InvolvementReturn:
    """The draft to write in: the existing one, or version 1. After submission the
    agency must start a correction first, so nothing submitted changes silently."""
    draft = draft_of(involvement_request)
    if draft is not None:
        return draft
    if submitted_of(involvement_request) is not None:
        raise TransitionRefused(
            "Your answer has been sent: start a correction to change it", code=Code.SUBMITTED
        )
    return InvolvementReturn.objects.create(
        request=involvement_request, version=1, created_by=by, created_at=timezone.now()
    )


def _audit(
    request: HttpRequest | None,
    by: User,
    action: str,
    draft: InvolvementReturn,
    **detail: object,
) -> None:
    audit_record(
        request=request,
        actor=by,
        action=action,
        obj=draft.request.notification,
        detail={"involvement_request": draft.request_id, "version": draft.version, **detail},
    )


def involvement_return_save(
    *,
    involvement_request: InvolvementRequest,
    by: User,
    involvement: str,
    records_searched: str,
    summary: str,
    request: HttpRequest | None = None,
) -> InvolvementReturn:
    """Save the answer so far; nothing is sent to the board until it is submitted."""
    require(by, Action.INVOLVEMENT_ANSWER, involvement_request)
    with transaction.atomic():
        draft = _draft(involvement_request, by)
        draft.involvement = Involvement(involvement) if involvement else ""
        draft.records_searched = records_searched.strip()
        draft.summary = summary.strip()
        draft.save(update_fields=["involvement", "records_searched", "summary"])
        _audit(request, by, "involvement_return.saved", draft)
    return draft


def _entry(draft: InvolvementReturn, data: EntryData) -> ChronologyEntry:
    return ChronologyEntry(
        involvement_return=draft,
        notification_id=draft.request.notification_id,
        organisation_id=draft.request.organisation_id,
        date=data.date,
        time=data.time,
        sort_time=data.time or datetime.time(0, 0),
        approximate=data.approximate,
        what_happened=data.what_happened,
        who_involved=data.who_involved,
        source=data.source,
    )


def chronology_entry_save(
    *,
    involvement_request: InvolvementRequest,
    by: User,
    data: EntryData,
    entry_id: int | None = None,
    request: HttpRequest | None = None,
) -> ChronologyEntry:
    """Add an entry to the draft, or change one of its entries."""
    require(by, Action.INVOLVEMENT_ANSWER, involvement_request)
    with transaction.atomic():
        draft = _draft(involvement_request, by)
        entry = _entry(draft, data)
        if entry_id is not None:
            if not draft.entries.filter(pk=entry_id).exists():
                raise TransitionRefused("This entry is not in your draft", code=Code.NOT_FOUND)
            entry.pk = entry_id
        entry.save()
        _audit(
            request,
            by,
            "chronology_entry.changed" if entry_id else "chronology_entry.added",
            draft,
            entry=entry.pk,
        )
    return entry


def chronology_entry_remove(
    *,
    involvement_request: InvolvementRequest,
    by: User,
    entry_id: int,
    request: HttpRequest | None = None,
) -> None:
    require(by, Action.INVOLVEMENT_ANSWER, involvement_request)
    with transaction.atomic():
        draft = _draft(involvement_request, by)
        removed, _ = draft.entries.filter(pk=entry_id).delete()
        if not removed:
            raise TransitionRefused("This entry is not in your draft", code=Code.NOT_FOUND)
        _audit(request, by, "chronology_entry.removed", draft, entry=entry_id)


def chronology_import(
    *,
    involvement_request: InvolvementRequest,
    by: User,
    entries: Sequence[EntryData],
    file_name: str,
    request: HttpRequest | None = None,
) -> int:
    """Replace the draft's chronology with a whole, already validated file's entries."""
    require(by, Action.INVOLVEMENT_ANSWER, involvement_request)
    with transaction.atomic():
        draft = _draft(involvement_request, by)
        draft.entries.all().delete()
        ChronologyEntry.objects.bulk_create([_entry(draft, data) for data in entries])
        _audit(
            request,
            by,
            "chronology.imported",
            draft,
            entries=len(entries),
            file_type=file_name.rsplit(".", 1)[-1].lower(),
        )
    return len(entries)


def _problems(draft: InvolvementReturn) -> list[tuple[str, str]]:
    """What is missing before the answer can be sent, by field."""
    if not draft.involvement:
        return [("involvement", "Select whether your agency has been involved")]
    if draft.involvement == Involvement.NOT_INVOLVED:
        if not draft.records_searched:
            return [("records_searched", "Enter which records you searched, and when")]
        return []
    problems = []
    if not draft.summary:
        problems.append(("summary", "Enter a summary of the information your agency holds"))
    if not draft.entries.exists():
        problems.append(("entries", "Add at least one chronology entry, or upload a file"))
    return problems


class ReturnIncomplete(TransitionRefused):
    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems[0][1], code=Code.INCOMPLETE)
        self.problems = problems


def involvement_return_submit(
    *,
    involvement_request: InvolvementRequest,
    by: User,
    request: HttpRequest | None = None,
) -> InvolvementReturn:
    """Send the draft to the board. It becomes the version the board reads (an earlier
    one is kept, marked replaced), and it meets the agency's deadline."""
    require(by, Action.INVOLVEMENT_ANSWER, involvement_request)
    now = timezone.now()
    with transaction.atomic():
        draft = draft_of(involvement_request)
        if draft is None:
            raise TransitionRefused("There is nothing to send", code=Code.NO_DRAFT)
        problems = _problems(draft)
        if problems:
            raise ReturnIncomplete(problems)
        if draft.involvement == Involvement.NOT_INVOLVED:
            draft.entries.all().delete()
            draft.summary = ""
        earlier = submitted_of(involvement_request)
        if earlier is not None:
            earlier.state = ReturnState.SUPERSEDED
            earlier.save(update_fields=["state"])
            ChronologyEntry.objects.filter(involvement_return=earlier).update(current=False)
        draft.state = ReturnState.SUBMITTED
        draft.submitted_by = by
        draft.submitted_at = now
        draft.save(update_fields=["state", "submitted_by", "submitted_at", "summary"])
        draft.entries.update(current=True)
        if involvement_request.status == InvolvementRequestStatus.SENT:
            InvolvementRequest.objects.filter(pk=involvement_request.pk).update(
                status=InvolvementRequestStatus.ANSWERED, answered_at=now
            )
        agency = involvement_request.organisation.name
        # The timeline is on the case page that the notifier and their agency see too:
        # it says that the agency answered, never what (need to know).
        timeline_add(
            notification=involvement_request.notification,
            kind="involvement_return.submitted",
            text=(
                f"{agency} answered the request for information"
                if draft.version == 1
                else f"{agency} sent a correction (version {draft.version})"
            ),
            by=by,
        )
        _audit(request, by, "involvement_return.submitted", draft, involvement=draft.involvement)
        deadlines_meet(
            notification=involvement_request.notification,
            codes=rules.AGENCY_RETURN_CODES,
            at=now,
            subject=f"involvement-request:{involvement_request.pk}",
        )
        involvement_returned_emails(involvement_request=involvement_request, version=draft.version)
    return draft


def involvement_return_correct(
    *,
    involvement_request: InvolvementRequest,
    by: User,
    reason: str,
    request: HttpRequest | None = None,
) -> InvolvementReturn:
    """Start a correction: a new draft version, copied from the submitted one, which
    stays as it was until the correction is sent."""
    require(by, Action.INVOLVEMENT_ANSWER, involvement_request)
    reason = reason.strip()
    if not reason:
        raise TransitionRefused("Enter what you are correcting", code=Code.REASON_REQUIRED)
    with transaction.atomic():
        if draft_of(involvement_request) is not None:
            raise TransitionRefused("You are already correcting your answer", code=Code.DRAFT)
        submitted = submitted_of(involvement_request)
        if submitted is None:
            raise TransitionRefused("Send your answer before correcting it", code=Code.NO_ANSWER)
        draft = InvolvementReturn.objects.create(
            request=involvement_request,
            version=submitted.version + 1,
            involvement=submitted.involvement,
            records_searched=submitted.records_searched,
            summary=submitted.summary,
            correction_reason=reason,
            created_by=by,
            created_at=timezone.now(),
        )
        copies = list(submitted.entries.all())
        for entry in copies:
            entry.pk = None
            entry.involvement_return = draft
            entry.current = False
        ChronologyEntry.objects.bulk_create(copies)
        _audit(request, by, "involvement_return.correction_started", draft)
    return draft
