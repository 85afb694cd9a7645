"""Parallel processes (Procedure A 5): the register, its liaison log, the LISG's
agreement on the most appropriate procedure, and agencies' notifications to regulators.
The register is seeded from the notifier's answers when the case is verified."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audit_record
from casereviews.boards.models import Organisation
from casereviews.involvement.codes import Code
from casereviews.involvement.models import (
    SEEDED_FROM_FACTS,
    ParallelProcess,
    ParallelProcessLiaison,
    ProcedureAgreement,
    ProcedureChoice,
    ProcessKind,
    ProcessStatus,
    RegulatorNotification,
)
from casereviews.kit.refusal import require
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.workflow.services import (
    TransitionMade,
    TransitionRefused,
    on_transition,
    timeline_add,
)


@dataclass(frozen=True)
class ProcessAnswers:
    kind: str
    status: str
    lead_contact: str
    cps_guidance_considered: bool
    affects_family_contact: bool
    affects_publication: bool


def _record(
    request: HttpRequest | None, by: User, action: str, case: Notification, **detail: object
) -> None:
    audit_record(request=request, actor=by, action=action, obj=case, detail=detail)


def parallel_process_save(
    *,
    notification: Notification,
    answers: ProcessAnswers,
    by: User,
    process: ParallelProcess | None = None,
    request: HttpRequest | None = None,
) -> ParallelProcess:
    """Add a process to the register, or change one (its status, lead, flags)."""
    require(by, Action.PARALLEL_PROCESS_RECORD, notification)
    if process is not None and process.notification_id != notification.pk:
        raise TransitionRefused("This process is not on this case", code=Code.NOT_FOUND)
    with transaction.atomic():
        saved = process or ParallelProcess(notification=notification)
        saved.kind = ProcessKind(answers.kind)
        saved.status = ProcessStatus(answers.status)
        saved.lead_contact = answers.lead_contact.strip()
        saved.cps_guidance_considered = answers.cps_guidance_considered
        saved.affects_family_contact = answers.affects_family_contact
        saved.affects_publication = answers.affects_publication
        saved.updated_by = by
        saved.updated_at = timezone.now()
        saved.save()
        timeline_add(
            notification=notification,
            kind="parallel_process.saved",
            text=f"{saved.get_kind_display()}: {saved.get_status_display().lower()}",
            by=by,
        )
        _record(request, by, "parallel_process.saved", notification, process=saved.pk)
    return saved


def parallel_process_liaison_add(
    *,
    process: ParallelProcess,
    on: datetime.date,
    with_whom: str,
    note: str,
    by: User,
    request: HttpRequest | None = None,
) -> ParallelProcessLiaison:
    require(by, Action.PARALLEL_PROCESS_RECORD, process.notification)
    with transaction.atomic():
        entry = ParallelProcessLiaison.objects.create(
            process=process,
            on=on,
            with_whom=with_whom.strip(),
            note=note.strip(),
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        timeline_add(
            notification=process.notification,
            kind="parallel_process.liaison",
            text=f"Liaison with the {process.get_kind_display()} recorded",
            by=by,
        )
        _record(request, by, "parallel_process.liaison", process.notification, process=process.pk)
    return entry


def procedure_agreement_record(
    *,
    notification: Notification,
    procedure: str,
    reasoning: str,
    by: User,
    request: HttpRequest | None = None,
) -> ProcedureAgreement:
    """The LISG agrees which procedure is most appropriate (A 5(i)), e.g. an SCR
    alongside a DHR, since the DHR does not analyse safeguarding clearly."""
    require(by, Action.PROCEDURE_AGREE, notification)
    if not reasoning.strip():
        raise TransitionRefused("Enter why the LISG agreed this", code=Code.REASON_REQUIRED)
    with transaction.atomic():
        agreement = ProcedureAgreement.objects.create(
            notification=notification,
            procedure=ProcedureChoice(procedure),
            reasoning=reasoning.strip(),
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        timeline_add(
            notification=notification,
            kind="procedure_agreement.recorded",
            text=f"The LISG agreed the most appropriate procedure: {agreement}",
            by=by,
        )
        _record(request, by, "procedure_agreement.recorded", notification, procedure=procedure)
    return agreement


def regulator_notification_record(
    *,
    notification: Notification,
    organisation: Organisation,
    regulator: str,
    notified_on: datetime.date,
    by: User,
    request: HttpRequest | None = None,
) -> RegulatorNotification:
    require(by, Action.PARALLEL_PROCESS_RECORD, notification)
    with transaction.atomic():
        told = RegulatorNotification.objects.create(
            notification=notification,
            organisation=organisation,
            regulator=regulator.strip(),
            notified_on=notified_on,
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        timeline_add(
            notification=notification,
            kind="regulator_notification.recorded",
            text=f"{organisation.name} told {told.regulator} of the case",
            by=by,
        )
        _record(request, by, "regulator_notification.recorded", notification, told=told.pk)
    return told


@on_transition
def parallel_processes_seeded(made: TransitionMade) -> None:
    """On verification, the processes the notifier said were under way start the
    register, marked as from the notification (in the transition's transaction)."""
    if made.transition.name != "verify":
        return
    case = made.notification
    known = set(ParallelProcess.objects.filter(notification=case).values_list("kind", flat=True))
    for fact, kind in SEEDED_FROM_FACTS.items():
        if case.criteria_facts.get(fact) and kind not in known:
            ParallelProcess.objects.create(
                notification=case,
                kind=kind,
                status=ProcessStatus.UNDER_WAY,
                lead_contact="",
                from_notification=True,
                updated_by=made.by,
                updated_at=made.at,
            )
