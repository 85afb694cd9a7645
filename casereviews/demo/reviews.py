"""A demonstration SCR in progress with its actions: what the Business Manager finds on
the review's page and under "Review actions" after `make run`.

The case is notified through the same intake as the other demo notifications, its
procedure records (the agency's answer, the LISG's recommendation, the Chair's decision,
Ofsted and the Panel told) are written as the procedure tests write them, and every
change of state goes through the workflow service, so its timeline, audit trail and
deadlines are real. Loaded once: a second run finds it and does nothing."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from casereviews.accounts.models import User
from casereviews.api.notification_serializers import NotificationCreateSerializer
from casereviews.boards.models import Board, Organisation
from casereviews.decisions.models import (
    ChairDecision,
    ExternalNotification,
    InvolvementRequest,
    LisgRecommendation,
)
from casereviews.demo.notifications import DEMO_NOTIFICATIONS
from casereviews.involvement.models import InvolvementReturn
from casereviews.involvement.services.meetings import lisg_agenda_add, lisg_meeting_schedule
from casereviews.notifications.models import Notification
from casereviews.reviews.actions import action_add, action_update
from casereviews.reviews.services import milestone_add, reviewer_appoint, terms_of_reference_record
from casereviews.submission.intake import notification_create_and_submit
from casereviews.workflow.services import notification_transition

CLIENT_REFERENCE = "demo-review-0001"


def _pdf() -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("terms-of-reference.pdf", out.getvalue(), "application/pdf")


def _move(case: Notification, name: str, by: User, reason: str = "") -> None:
    case.refresh_from_db()
    notification_transition(
        notification=case, name=name, by=by, expected_version=case.version, reason=reason
    )


def load_demo_review() -> None:
    notifier = User.objects.get(email="health.notifier@demo.example.org")
    bm = User.objects.get(email="business.manager@demo.example.org")
    lisg = User.objects.get(email="lisg.member@demo.example.org")
    chair = User.objects.get(email="chair@demo.example.org")
    board = Board.objects.get(code="BF")
    _, demo = DEMO_NOTIFICATIONS[1]
    answers: dict[str, Any] = {**demo, "client_reference": CLIENT_REFERENCE}
    agencies = board.partners.filter(name__in=demo["agencies"]).values_list("pk", flat=True)
    serializer = NotificationCreateSerializer(data={**answers, "agencies": list(agencies)})
    serializer.is_valid(raise_exception=True)
    cleaned = dict(serializer.validated_data)
    cleaned["notifier"] = {
        "name": notifier.full_name,
        "job_title": notifier.job_title,
        "telephone": "01344 000000",
    }
    case, new = notification_create_and_submit(
        board=board, by=notifier, answers=cleaned, client_reference=CLIENT_REFERENCE
    )
    if not new:
        return
    now = timezone.now()
    _move(case, "verify", bm)
    # The LISG member sees the case once it is on the agenda of a meeting they belong to
    # (docs/adr/0011-lisg-meetings.md).
    meeting = lisg_meeting_schedule(
        board=board,
        by=bm,
        date=timezone.localdate(),
        time=datetime.time(10, 0),
        place="Time Square, Market Street, Bracknell",
        call_details="Microsoft Teams: the link is in the calendar invitation",
        members=[lisg, chair, bm],
    )
    lisg_agenda_add(meeting=meeting, notification=case, by=bm)
    health = Organisation.objects.get(name="Frimley Health NHS Foundation Trust")
    asked = InvolvementRequest.objects.create(
        notification=case,
        organisation=health,
        requested_by=bm,
        requested_at=now,
        due_at=now + datetime.timedelta(days=14),
        status="answered",
        answered_at=now,
    )
    InvolvementReturn.objects.create(
        request=asked,
        state="submitted",
        involvement="involved",
        summary="Emergency department attendance and health visiting",
        created_by=bm,
        created_at=now,
        submitted_by=bm,
        submitted_at=now,
    )
    LisgRecommendation.objects.create(
        notification=case,
        review_type="scr",
        methodology="scie_learning_together",
        rationale="Regulation 5(2) is met: serious harm and concerns about how agencies worked "
        "together",
        meeting_date=timezone.localdate(),
        recorded_by=lisg,
        recorded_at=now,
    )
    _move(case, "lisg_recommend", lisg, "Regulation 5(2) is met")
    ChairDecision.objects.create(
        notification=case,
        decision="scr",
        rationale="Regulation 5(2) is met",
        decided_by=chair,
        decided_at=timezone.now(),
    )
    _move(case, "decide_scr", chair, "Regulation 5(2) is met")
    for body in ("ofsted", "national_panel"):
        ExternalNotification.objects.create(
            notification=case,
            body=body,
            told_at=timezone.now(),
            how="Secure e-mail",
            recorded_by=bm,
            recorded_at=timezone.now(),
        )
    case.refresh_from_db()
    independent = Organisation.objects.get(name="NSPCC")
    reviewer_appoint(
        notification=case,
        by=bm,
        role="lead",
        full_name="Dr Helen Marsh",
        organisation=None,
        independence_declaration="No part in the care of the child or family, and no line "
        "management of anyone in the agencies reviewed",
        declared_on=timezone.localdate(),
    )
    reviewer_appoint(
        notification=case,
        by=bm,
        role="panel",
        full_name="Kofi Mensah",
        organisation=independent,
        independence_declaration="The NSPCC had no involvement with the family",
        declared_on=timezone.localdate(),
    )
    terms_of_reference_record(
        notification=case,
        by=bm,
        methodology="scie_learning_together",
        lines_of_enquiry="How information about the mother's partner was shared\n"
        "How the child's voice was heard",
        upload=_pdf(),
        content_type="application/pdf",
    )
    milestone_add(
        notification=case,
        by=bm,
        title="Practitioners' learning event",
        target_date=timezone.localdate() + datetime.timedelta(days=45),
    )
    _move(case, "start_review", bm)
    today = timezone.localdate()
    for number, text, agency, days in (
        (1, "Share concerns about new partners at strategy meetings", health, 60),
        (2, "Audit how the child's voice is recorded", independent, -5),
    ):
        action = action_add(
            notification=case,
            by=bm,
            recommendation_number=number,
            recommendation_text=text,
            description=text,
            owner_agency=agency,
            owner_name="Named Nurse for Safeguarding Children",
            due_on=today + datetime.timedelta(days=days),
        )
        if number == 1:
            action_update(
                action=action,
                by=bm,
                status="on_track",
                progress="Briefing written; training booked",
                evidence=None,
            )
