"""Disclosure decisions: recorded by the Business Manager, read by the LISG and the
Chair on the case page, exported as CSV; every export audited."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.views import View

from casereviews.audit.services import audit_record
from casereviews.involvement import files
from casereviews.involvement.forms import DisclosureDecisionForm
from casereviews.involvement.models import DisclosureDecision
from casereviews.involvement.services.disclosures import (
    DisclosureAnswers,
    disclosure_decision_record,
)
from casereviews.involvement.views.base import CasePage
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin

HEADERS = (
    "Decided",
    "Decided by",
    "Whose records",
    "Which records",
    "Held by",
    "Consent",
    "Why consent was refused or not sought",
    "Lawful basis",
    "Decision",
    "Reasoning",
)


class DisclosureDecisionView(CasePage):
    permission = Action.DISCLOSURE_DECISION_RECORD
    form_class = DisclosureDecisionForm
    title = "Record a disclosure decision"
    submit_text = "Record the decision"

    def form_kwargs(self) -> dict[str, Any]:
        return {"agencies": self.case.board.partners.order_by("name")}

    def perform(self, form: DisclosureDecisionForm) -> str:
        data = form.cleaned_data
        disclosure_decision_record(
            notification=self.case,
            answers=DisclosureAnswers(**data),
            by=self.user,
            request=self.request,
        )
        return "The disclosure decision is recorded"


class DisclosureExportView(PolicyMixin, View):
    permission = Action.CASE_PAPERS_VIEW
    scoped = True

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.case: Notification = get_in_scope_or_404(
            request.user, Action.CASE_PAPERS_VIEW, reference=kwargs["reference"]
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        audit_record(request=request, action="disclosure_decisions.exported", obj=self.case)
        decisions = DisclosureDecision.objects.filter(notification=self.case).select_related(
            "holding_agency", "decided_by"
        )
        rows = (
            [
                f"{d.decided_at:%d/%m/%Y %H:%M}",
                d.decided_by.full_name,
                d.get_records_body_display(),
                d.records_description,
                d.holding_agency.name,
                d.get_consent_display(),
                d.consent_note,
                d.lawful_basis,
                d.get_decision_display(),
                d.reasoning,
            ]
            for d in decisions.iterator()
        )
        response = StreamingHttpResponse(
            files.csv_text(HEADERS, rows), content_type="text/csv; charset=utf-8"
        )
        name = f"{self.case.reference}-disclosure-decisions.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
