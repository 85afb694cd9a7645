"""The pages that record the procedure's steps, each for the role that takes it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from casereviews.audit.services import audit_record
from casereviews.deadlines.calendar import start_of_day
from casereviews.decisions import services
from casereviews.decisions.documents import as_pdf, decision_letter, external_document
from casereviews.decisions.forms import (
    ChairDecisionForm,
    CommissionedFields,
    EscalationForm,
    ExternalNotificationForm,
    LisgRecommendationForm,
)
from casereviews.decisions.models import ExternalBody, ExternalNotification
from casereviews.decisions.selectors import (
    board_partners,
    bodies_told,
    decision_due,
    decision_shown,
    earliest_told_on,
    engine_answer,
    engine_recommendation,
    latest_chair_decision,
    recommendation_shown,
)
from casereviews.involvement.selectors import (
    agencies_answers,
    latest_go_ahead,
    meeting_of,
    parallel_processes_of,
)
from casereviews.notifications.models import DECIDED_OR_LATER, Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.guards import guards_for
from casereviews.workflow.transitions import sources_of
from casereviews.workflow.versioned import VersionedCaseFormMixin

TEMPLATE = "workflow/transition.html"


class LisgRecommendationView(PolicyMixin, VersionedCaseFormMixin, View):
    permission = Action.LISG_RECOMMEND
    scoped = True
    form_class = LisgRecommendationForm
    template_name = TEMPLATE
    title = "Record the LISG recommendation"
    question = "review_type"
    guarded_by = ("lisg_recommend",)

    def available_in(self) -> frozenset[str]:
        return sources_of("lisg_recommend")

    def form_kwargs(self) -> dict[str, Any]:
        return {
            "engine": engine_recommendation(self.case),
            "meeting": meeting_of(self.case),
            "partners": board_partners(self.case),
        }

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        at_meeting = data["meeting_held"] == "meeting"
        services.lisg_recommendation_record(
            notification=self.case,
            by=self.user,
            expected_version=version,
            review_type=data["review_type"],
            methodology=data["methodology"],
            rationale=data["rationale"],
            meeting_date=data.get("meeting_date"),
            departure_reason=data.get("departure_reason") or "",
            meeting=meeting_of(self.case) if at_meeting else None,
            outside_meeting_reason=data.get("outside_meeting_reason") or "",
            choice=cast(CommissionedFields, form).choice(data),
            dissent_by=data.get("dissent_by") or "",
            dissent_view=data.get("dissent_view") or "",
            request=self.request,
        )
        return f"The LISG recommendation for {self.case.reference} is recorded"


class ChairDecisionView(PolicyMixin, VersionedCaseFormMixin, View):
    """The Chair decides with everything in front of them (DESIGN.md section 3): the LISG's
    recommendation, the criteria engine's answer and the one-month due date, above the form."""

    permission = Action.CHAIR_DECIDE
    scoped = True
    form_class = ChairDecisionForm
    template_name = "decisions/chair_decision.html"
    title = "Record your decision"
    # The one rule the form cannot meet (the others it records: the decision, whether
    # another review was considered).
    blocking_codes = ("no_lisg_recommendation",)

    def available_in(self) -> frozenset[str]:
        return sources_of("decide_scr", "decide_cpir", "decide_other_review", "decide_no_review")

    def form_kwargs(self) -> dict[str, Any]:
        answer = engine_answer(self.case)
        return {
            "must": answer is not None and answer.must,
            "partners": board_partners(self.case),
            "advice": recommendation_shown(self.case),
        }

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        recommendation = recommendation_shown(self.case)
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": self.case,
                "title": self.title,
                "recommendation": recommendation,
                "engine": engine_answer(self.case),
                "due": decision_due(self.case),
                "answers": agencies_answers(self.case),
                # What blocks the decision, read from what the page already shows.
                "blocking": []
                if recommendation is not None
                else [g.message for g in guards_for("decide_scr") if g.code in self.blocking_codes],
                "go_ahead": latest_go_ahead(self.case),
                "processes": parallel_processes_of(self.case),
            },
            status=status,
        )

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        services.chair_decision_record(
            notification=self.case,
            by=self.user,
            expected_version=version,
            decision=data["decision"],
            rationale=data["rationale"],
            other_review_consideration=data["other_review_consideration"],
            departure_confirmed=bool(data.get("departure_confirmed")),
            departure_reason=data.get("departure_reason") or "",
            choice=cast(CommissionedFields, form).choice(data),
            request=self.request,
        )
        return f"Your decision on {self.case.reference} is recorded"


class EscalationView(PolicyMixin, VersionedCaseFormMixin, View):
    """Escalate a CPIR at any stage before it closes (`CPIR_ESCALATABLE`), with the CPIR
    decision the SCR will carry shown above the form."""

    permission = Action.CHAIR_DECIDE
    scoped = True
    form_class = EscalationForm
    template_name = "decisions/escalation.html"
    title = "Escalate the CPIR to an SCR"
    question = "rationale"

    def available_in(self) -> frozenset[str]:
        return sources_of("escalate_to_scr")

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": self.case,
                "title": self.title,
                "question": self.question,
                "cpir": latest_chair_decision(self.case),
            },
            status=status,
        )

    def perform(self, form: forms.Form, version: int) -> str:
        services.chair_decision_escalate(
            notification=self.case,
            by=self.user,
            expected_version=version,
            rationale=form.cleaned_data["rationale"],
            request=self.request,
        )
        return f"The CPIR on {self.case.reference} is escalated to an SCR"


class ExternalNotificationView(PolicyMixin, VersionedCaseFormMixin, View):
    """Record that Ofsted or the National Panel was told, with the document generated for
    that body above the form (ADR 0012); the document is kept with the record."""

    permission = Action.EXTERNAL_NOTIFICATION_RECORD
    scoped = True
    form_class = ExternalNotificationForm
    template_name = "decisions/external_notification.html"
    title = "Record that Ofsted or the National Panel was told"

    def available_in(self) -> frozenset[str]:
        return frozenset(DECIDED_OR_LATER)

    def form_kwargs(self) -> dict[str, Any]:
        return {"earliest": earliest_told_on(self.case)}

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        decision = decision_shown(self.case)
        told = bodies_told(self.case, since_decision=decision)
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": self.case,
                "title": self.title,
                "bodies": [(body, body in told) for body in ExternalBody],
            },
            status=status,
        )

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        told = services.external_notification_record(
            notification=self.case,
            by=self.user,
            body=data["body"],
            told_at=start_of_day(data["told_on"]),
            how=data["how"],
            body_reference=data.get("body_reference") or "",
            request=self.request,
        )
        return f"{told.get_body_display()} told: recorded"


class DecidedCaseMixin(PolicyMixin):
    """A page about the Independent Chair's decision: the case through the scope of the
    view's permission, "not found" until a decision is recorded."""

    scoped = True

    def decided(self, reference: str) -> tuple[Notification, Any]:
        permission = cast(Action, self.permission)
        case: Notification = get_in_scope_or_404(self.user, permission, reference=reference)
        decision = decision_shown(case)
        if decision is None or case.status not in DECIDED_OR_LATER:
            raise Http404
        return case, decision


def _pdf(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ExternalDocumentView(DecidedCaseMixin, View):
    """The document the service generates for Ofsted or the National Panel from the case,
    to read before sending (`.pdf`: to send). Audited like a read of the case."""

    permission = Action.EXTERNAL_NOTIFICATION_RECORD

    def get(self, request: HttpRequest, reference: str, body: str, pdf: bool = False) -> Any:
        if body not in ExternalBody.values:
            raise Http404
        case, decision = self.decided(reference)
        document = external_document(case, decision, body)
        if pdf:
            audit_record(
                request=request,
                action="external_document.download",
                obj=case,
                detail={"body": body},
            )
            title = f"Notification to {ExternalBody(body).label}: {case.reference}"
            return _pdf(
                as_pdf(document, title=title, reference=reference),
                f"{case.reference}-{body}.pdf",
            )
        audit_record(
            request=request, action="external_document.read", obj=case, detail={"body": body}
        )
        return render(
            request,
            "decisions/external_document.html",
            {"case": case, "document": document, "body": ExternalBody(body)},
        )


class SentDocumentView(DecidedCaseMixin, View):
    """The document kept with a record of Ofsted or the Panel being told, as it was sent."""

    permission = Action.EXTERNAL_NOTIFICATION_RECORD

    def get(self, request: HttpRequest, reference: str, pk: int) -> HttpResponse:
        case, _ = self.decided(reference)
        told = get_object_or_404(ExternalNotification, pk=pk, notification=case)
        if not told.document:
            raise Http404
        audit_record(
            request=request,
            action="external_notification.document_download",
            obj=case,
            detail={"body": told.body, "record": told.pk},
        )
        title = f"Notification to {told.get_body_display()}: {case.reference}"
        return _pdf(
            as_pdf(told.document, title=title, reference=reference),
            f"{case.reference}-{told.body}-sent.pdf",
        )


class DecisionLetterView(DecidedCaseMixin, View):
    """The decision letter to the notifying agency, as a PDF (anyone who sees the case,
    the notifier among them). Audited like a read of the case."""

    permission = Action.NOTIFICATION_VIEW

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        case, decision = self.decided(reference)
        letter = decision_letter(case, decision)
        audit_record(request=request, action="chair_decision.letter_download", obj=case)
        return _pdf(
            as_pdf(letter, title=f"Decision on {case.reference}", reference=reference),
            f"{case.reference}-decision-letter.pdf",
        )
