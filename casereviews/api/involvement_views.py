"""`/api/v1/involvement-requests/{id}` (the agency's answer) and
`/api/v1/notifications/{reference}/chronology` (the merged chronology), under the same
policy as the pages: a request that is not the caller's agency's is "not found"."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from casereviews.accounts.models import User
from casereviews.api import involvement_serializers as s
from casereviews.api.base import PolicyAPIView
from casereviews.api.exceptions import PROBLEM_CONTENT_TYPE, problem
from casereviews.api.notification_serializers import FieldProblemSerializer
from casereviews.api.schema import ProblemSerializer
from casereviews.audit.services import audit_record
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.chronology import ChronologyFilter, chronology_page
from casereviews.involvement.entries import EntryData, EntryProblem, entry_from_values
from casereviews.involvement.models import InvolvementReturn
from casereviews.involvement.selectors import draft_of, return_versions, submitted_of
from casereviews.involvement.services.chronology import chronology_read_record
from casereviews.involvement.services.returns import (
    ReturnIncomplete,
    chronology_import,
    involvement_return_correct,
    involvement_return_save,
    involvement_return_submit,
)
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.workflow.services import TransitionRefused

UNAUTHORISED = (401, PROBLEM_CONTENT_TYPE)
NOT_FOUND = (404, PROBLEM_CONTENT_TYPE)


def _entry_out(entry: Any) -> dict[str, Any]:
    return {
        "date": entry.date,
        "time": f"{entry.time:%H:%M}" if entry.time else None,
        "approximate": entry.approximate,
        "what_happened": entry.what_happened,
        "who_involved": entry.who_involved,
        "source": entry.source,
    }


def _version_out(version: InvolvementReturn) -> dict[str, Any]:
    return {
        "version": version.version,
        "state": version.state,
        "involvement": version.involvement,
        "records_searched": version.records_searched,
        "summary": version.summary,
        "correction_reason": version.correction_reason,
        "submitted_at": version.submitted_at,
        "chronology": [_entry_out(e) for e in version.entries.order_by("date", "sort_time", "id")],
    }


def _request_out(asked: InvolvementRequest) -> dict[str, Any]:
    case = asked.notification
    people = [
        {
            "full_name": c.full_name,
            "relationship": "child",
            "date_of_birth": c.date_of_birth,
            "address": c.address,
        }
        for c in case.children.all()
    ] + [
        {
            "full_name": m.full_name,
            "relationship": m.relationship,
            "date_of_birth": m.date_of_birth,
            "address": m.address,
        }
        for m in case.family_members.all()
    ]
    return {
        "id": asked.pk,
        "reference": case.reference,
        "organisation": asked.organisation.name,
        "status": asked.status,
        "due_at": asked.due_at,
        "incident_date": case.incident_date,
        "people": people,
        "versions": [_version_out(v) for v in return_versions(asked)],
    }


def _refused(status: int, detail: str, **extra: Any) -> Response:
    return Response(
        problem(status, detail, **extra), status=status, content_type=PROBLEM_CONTENT_TYPE
    )


class InvolvementRequestView(PolicyAPIView):
    permission = Action.INVOLVEMENT_ANSWER
    scoped = True

    def _asked(self, pk: int) -> InvolvementRequest:
        asked: InvolvementRequest = get_in_scope_or_404(
            self.request.user, Action.INVOLVEMENT_ANSWER, pk=pk
        )
        return asked

    @extend_schema(
        operation_id="involvement_request_read",
        summary="Read a request for information to your agency, and your answer",
        description="Only the agency asked may read it; anyone else is told it is not "
        "found. Gives what is needed to search your records, never the notifier's account. "
        "Every read is audited.",
        responses={
            200: s.RequestSerializer,
            UNAUTHORISED: OpenApiResponse(ProblemSerializer, description="No valid token"),
            NOT_FOUND: OpenApiResponse(ProblemSerializer, description="No such request"),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        asked = self._asked(pk)
        audit_record(
            request=request._request,
            action="involvement_request.read",
            obj=asked.notification,
            detail={"involvement_request": asked.pk, "api": True},
        )
        return Response(_request_out(asked))

    @extend_schema(
        operation_id="involvement_answer",
        summary="Answer a request for information: save, or send to the board",
        description="Replaces the draft answer and its chronology with the body. With "
        "`submit`, the answer is sent and meets the deadline. An answer already sent is "
        "changed only with a `correction_reason`: it becomes a new version and the earlier "
        "one is kept.",
        request=s.AnswerInSerializer,
        responses={
            200: s.RequestSerializer,
            (400, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                FieldProblemSerializer, description="Refused; `errors` says which answer"
            ),
            UNAUTHORISED: OpenApiResponse(ProblemSerializer, description="No valid token"),
            NOT_FOUND: OpenApiResponse(ProblemSerializer, description="No such request"),
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        asked = self._asked(pk)
        body = s.AnswerInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        user = cast(User, request.user)
        entries: list[EntryData] = []
        errors: dict[str, list[str]] = {}
        for index, values in enumerate(data["chronology"]):
            try:
                entries.append(entry_from_values(values, today=timezone.localdate()))
            except EntryProblem as problem_found:
                errors[f"chronology[{index}]"] = [str(problem_found)]
        if errors:
            return _refused(400, "Some chronology entries are refused", errors=errors)
        try:
            with transaction.atomic():
                if draft_of(asked) is None and submitted_of(asked) is not None:
                    involvement_return_correct(
                        involvement_request=asked,
                        by=user,
                        reason=data["correction_reason"],
                        request=request._request,
                    )
                involvement_return_save(
                    involvement_request=asked,
                    by=user,
                    involvement=data["involvement"],
                    records_searched=data["records_searched"],
                    summary=data["summary"],
                    request=request._request,
                )
                chronology_import(
                    involvement_request=asked,
                    by=user,
                    entries=entries,
                    file_name="api.json",
                    request=request._request,
                )
                if data["submit"]:
                    involvement_return_submit(
                        involvement_request=asked, by=user, request=request._request
                    )
        except ReturnIncomplete as incomplete:
            return _refused(
                400,
                "The answer cannot be sent yet",
                errors={field: [message] for field, message in incomplete.problems},
            )
        except TransitionRefused as refused:
            if refused.code == "reason_required":
                return _refused(
                    400, refused.message, errors={"correction_reason": [refused.message]}
                )
            return _refused(400, refused.message)
        asked.refresh_from_db()
        return Response(_request_out(asked))


class ChronologyView(PolicyAPIView):
    permission = Action.CHRONOLOGY_VIEW
    scoped = True

    @extend_schema(
        operation_id="chronology_read",
        summary="Read the agencies' merged chronology of a case, a page at a time",
        description="For the Business Manager, the LISG members with the case before them, "
        "the Independent Chair, and agencies it has been shared with; anyone else is told it "
        "is not found. Every read is audited.",
        parameters=[
            OpenApiParameter("agency", int, description="Only this organisation's entries."),
            OpenApiParameter("from", str, description="From this ISO date."),
            OpenApiParameter("to", str, description="Up to this ISO date."),
            OpenApiParameter("after", str, description="The cursor `next` gave."),
        ],
        responses={
            200: s.ChronologySerializer,
            (400, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer, description="A filter that cannot be read"
            ),
            UNAUTHORISED: OpenApiResponse(ProblemSerializer, description="No valid token"),
            NOT_FOUND: OpenApiResponse(ProblemSerializer, description="No such case"),
        },
    )
    def get(self, request: Request, reference: str) -> Response:
        case: Notification = get_in_scope_or_404(
            request.user, Action.CHRONOLOGY_VIEW, reference=reference
        )
        params = request.query_params
        try:
            chosen = ChronologyFilter(
                int(params["agency"]) if params.get("agency") else None,
                _date(params.get("from")),
                _date(params.get("to")),
            )
        except ValueError:
            return _refused(400, "agency must be a number, and from and to dates like 2026-03-12")
        chronology_read_record(
            notification=case, by=cast(User, request.user), chosen=chosen, request=request._request
        )
        page = chronology_page(case, chosen, params.get("after", ""))
        next_url = None
        if page.next_cursor:
            query = params.copy()
            query["after"] = page.next_cursor
            next_url = f"{reverse('api:chronology', args=[reference])}?{query.urlencode()}"
        return Response(
            {
                "reference": case.reference,
                "entries": [
                    {
                        "date": row["date"],
                        "time": f"{row['time']:%H:%M}" if row["time"] else None,
                        "approximate": row["approximate"],
                        "what_happened": row["what_happened"],
                        "who_involved": row["who_involved"],
                        "source": row["source"],
                        "agency": row["organisation__name"],
                        "possible_duplicate": row["id"] in page.duplicates,
                    }
                    for row in page.rows
                ],
                "next": next_url,
            }
        )


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
