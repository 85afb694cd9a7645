"""`POST /api/v1/notifications` and `GET /api/v1/notifications/{reference}`."""

from __future__ import annotations

from typing import Any, cast

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from casereviews.accounts.models import User
from casereviews.api import notification_serializers as s
from casereviews.api.base import PolicyAPIView
from casereviews.api.exceptions import PROBLEM_CONTENT_TYPE, problem
from casereviews.api.idempotency import IdempotencyKeyReused, idempotency_key_held
from casereviews.api.schema import ProblemSerializer
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.decisions.selectors import latest_chair_decision, latest_lisg_recommendation
from casereviews.notifications.crnf.description import (
    CHILD_QUESTIONS,
    FAMILY_QUESTIONS,
    QUESTIONS,
)
from casereviews.notifications.crnf.model import Question
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404, may
from casereviews.submission.intake import AnswersRefused, notification_create_and_submit
from casereviews.workflow.selectors import partners_decision_of
from casereviews.workflow.services import panel_response_of
from casereviews.workflow.wt_2023 import PARTNERS_DECISIONS

NOT_THIS_BOARD = "You cannot notify this board: you hold no role in it that may notify"
UNAUTHORISED = (401, PROBLEM_CONTENT_TYPE)


def _api_url(notification: Notification) -> str:
    assert notification.reference
    return reverse("api:notification", args=[notification.reference])


class NotificationCreateView(PolicyAPIView):
    """Make and send a notification in one request."""

    permission = Action.NOTIFICATION_START

    @extend_schema(
        operation_id="notification_create",
        summary="Send a notification (CRNF A) to a board",
        description=(
            "Makes the notification and sends it, as the pages do: the same questions, the "
            "same checks and messages, a reference, the e-mails to the Business Manager "
            "and a receipt. Retrying with the same `Idempotency-Key` header (or "
            "`client_reference`) returns the notification already made, with 200; the same key "
            "with a different request is refused with 422."
        ),
        request=s.NotificationCreateSerializer,
        examples=s.CREATE_EXAMPLES,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Any string up to 100 characters, unique per notification.",
            )
        ],
        responses={
            201: s.CreatedSerializer,
            200: OpenApiResponse(s.CreatedSerializer, description="Made by an earlier request"),
            (400, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                s.FieldProblemSerializer, description="Answers refused; `errors` says which"
            ),
            UNAUTHORISED: OpenApiResponse(ProblemSerializer, description="No valid token"),
            (403, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer, description="The token's user may not notify this board"
            ),
            (422, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer, description="The Idempotency-Key was used for another request"
            ),
        },
    )
    def post(self, request: Request) -> Response:
        body = s.NotificationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answers: dict[str, Any] = dict(body.validated_data)
        key = request.headers.get("Idempotency-Key", "").strip() or (
            answers.get("client_reference") or ""
        )
        if len(key) > 100:
            return Response(
                problem(400, "The Idempotency-Key must be 100 characters or fewer"),
                status=400,
                content_type=PROBLEM_CONTENT_TYPE,
            )
        board = Board.objects.filter(code=answers["board"]).first()
        if board is None or not may(request.user, self.permission, board=board):
            raise PermissionDenied(NOT_THIS_BOARD)
        user = cast(User, request.user)  # PolicyPermission let only a signed-in person here
        notifier = dict(answers.get("notifier") or {})
        notifier.setdefault("name", user.full_name)
        notifier.setdefault("job_title", user.job_title)
        answers["notifier"] = notifier
        try:
            with idempotency_key_held(user=user, key=key, data=request.data):
                notification, new = notification_create_and_submit(
                    board=board,
                    by=user,
                    answers=answers,
                    client_reference=key,
                    request=request._request,
                )
        except IdempotencyKeyReused as reused:
            return Response(
                {**problem(422, str(reused)), "title": "Idempotency-Key already used"},
                status=422,
                content_type=PROBLEM_CONTENT_TYPE,
            )
        except AnswersRefused as refused:
            return Response(
                problem(400, "Some answers are refused", errors=refused.errors),
                status=400,
                content_type=PROBLEM_CONTENT_TYPE,
            )
        url = _api_url(notification)
        return Response(
            {"reference": notification.reference, "status": notification.status, "url": url},
            status=201 if new else 200,
            headers={"Location": url},
        )


class NotificationDetailView(PolicyAPIView):
    """A notification, to whoever may see it on its page."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True

    @extend_schema(
        operation_id="notification_read",
        summary="Read a notification",
        description="Not found whether it does not exist or may not be seen. Every read is "
        "recorded in the audit trail. The decisions on the case (the LISG's recommendation "
        "and the Independent Chair's decision, or the safeguarding partners' decision) and "
        "the Panel's response say what was decided and when, not why: the reasons are on "
        "the case's pages.",
        responses={
            200: s.NotificationSerializer,
            UNAUTHORISED: OpenApiResponse(ProblemSerializer, description="No valid token"),
            (404, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer, description="No such notification, or not yours to see"
            ),
        },
    )
    def get(self, request: Request, reference: str) -> Response:
        notification: Notification = get_in_scope_or_404(
            request.user, Action.NOTIFICATION_VIEW, reference=reference
        )
        audit_record(request=request._request, action="notification.read", obj=notification)
        return Response(notification_as_json(notification))


def _put(data: dict[str, Any], parts: list[str], value: Any) -> None:
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def _answers(record: Any, questions: tuple[Question, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for q in questions:
        _put(data, q.api_parts, q.api_from_stored(q.place.get(record)))
    return data


def notification_as_json(n: Notification) -> dict[str, Any]:
    """The notification as the API gives it: every question of the CRNF A's description
    at its API path, typed as it is kept (a date as a date, "not known" as null)."""
    answers = _answers(n, QUESTIONS)
    # The facts no question asks (the age, worked out) are given too.
    answers["criteria_facts"] = {**n.criteria_facts, **answers.get("criteria_facts", {})}
    return {
        "reference": n.reference,
        "board": n.board.code,
        "status": n.status,
        "framework": n.framework,
        "submitted_at": n.submitted_at,
        "submission_due_at": n.submission_due_at,
        "submitted_on_time": n.submitted_on_time,
        "organisation": n.organisation.name,
        **answers,
        "agency_names": [agency.name for agency in n.agencies.all()],
        "children": [
            {**_answers(child, CHILD_QUESTIONS), "subject": child.pk == n.subject_child_id}
            for child in n.children.all()
        ],
        "family_members": [_answers(m, FAMILY_QUESTIONS) for m in n.family_members.all()],
        "attachments": [
            {
                "filename": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "download_url": reverse("notifications:attachment", args=[a.pk]),
            }
            for a in n.attachments.all()
        ],
        **decisions_as_json(n),
    }


def decisions_as_json(n: Notification) -> dict[str, Any]:
    """What was decided on the case and when: four reads, whatever the case holds. Each
    framework records its own steps (the LISG and the Chair under the 2015 procedure, the
    partners and the Panel under Working Together 2023); a case moved between frameworks
    before any decision keeps any LISG recommendation it had, so every record is read."""
    recommendation = latest_lisg_recommendation(n)
    decision = latest_chair_decision(n)
    decided = partners_decision_of(n)
    response = panel_response_of(n)
    return {
        "lisg_recommendation": {
            "review_type": recommendation.review_type,
            "methodology": recommendation.methodology,
            "recommended_on": recommendation.meeting_date,
        }
        if recommendation
        else None,
        "chair_decision": {
            "decision": decision.decision,
            "decided_on": timezone.localdate(decision.decided_at),
        }
        if decision
        else None,
        "partners_decision": {
            "decision": PARTNERS_DECISIONS[decided.transition],
            "decided_on": timezone.localdate(decided.at),
        }
        if decided
        else None,
        "panel_response": {
            "national_review": response.national_review,
            "received_on": response.received_on,
        }
        if response
        else None,
    }
