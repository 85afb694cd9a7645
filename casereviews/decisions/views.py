"""The pages that record the procedure's steps, each for the role that takes it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from casereviews.deadlines.calendar import start_of_day
from casereviews.decisions import services
from casereviews.decisions.forms import (
    ChairDecisionForm,
    EscalationForm,
    ExternalNotificationForm,
    InvolvementRequestForm,
    LisgRecommendationForm,
)
from casereviews.decisions.selectors import (
    decision_due,
    earliest_told_on,
    engine_answer,
    engine_recommendation,
    latest_chair_decision,
    latest_lisg_recommendation,
)
from casereviews.involvement.selectors import agencies_to_ask
from casereviews.involvement.services.requests import involvement_requests_send
from casereviews.notifications.models import DECIDED_OR_LATER, Status
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.services import TransitionRefused
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

    FIELD_OF = {
        "methodology_contradicts_type": "methodology",
        "departure_reason_missing": "departure_reason",
    }

    def available_in(self) -> frozenset[str]:
        return sources_of("lisg_recommend")

    def form_kwargs(self) -> dict[str, Any]:
        return {"engine": engine_recommendation(self.case)}

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        try:
            services.lisg_recommendation_record(
                notification=self.case,
                by=self.user,
                expected_version=version,
                review_type=data["review_type"],
                methodology=data["methodology"],
                rationale=data["rationale"],
                meeting_date=data["meeting_date"],
                departure_reason=data.get("departure_reason") or "",
                request=self.request,
            )
        except TransitionRefused as refused:
            if refused.code in self.FIELD_OF and self.FIELD_OF[refused.code] in form.fields:
                form.add_error(self.FIELD_OF[refused.code], refused.message)
                raise TransitionRefused("", code="field") from refused
            raise
        return f"The LISG recommendation for {self.case.reference} is recorded"


class ChairDecisionView(PolicyMixin, VersionedCaseFormMixin, View):
    """The Chair decides with everything in front of them (DESIGN.md section 3): the LISG's
    recommendation, the criteria engine's answer and the one-month due date, above the form."""

    permission = Action.CHAIR_DECIDE
    scoped = True
    form_class = ChairDecisionForm
    template_name = "decisions/chair_decision.html"
    title = "Record your decision"

    # The refusals of the service that belong to one field of the form.
    FIELD_OF = {
        "other_review_not_considered": "other_review_consideration",
        "departure_not_confirmed": "departure_confirmed",
        "departure_reason_missing": "departure_reason",
    }

    def available_in(self) -> frozenset[str]:
        return sources_of("decide_scr", "decide_cpir", "decide_other_review", "decide_no_review")

    def form_kwargs(self) -> dict[str, Any]:
        answer = engine_answer(self.case)
        return {"must": answer is not None and answer.must}

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": self.case,
                "title": self.title,
                "recommendation": latest_lisg_recommendation(self.case),
                "engine": engine_answer(self.case),
                "due": decision_due(self.case),
            },
            status=status,
        )

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        try:
            services.chair_decision_record(
                notification=self.case,
                by=self.user,
                expected_version=version,
                decision=data["decision"],
                rationale=data["rationale"],
                other_review_consideration=data["other_review_consideration"],
                departure_confirmed=bool(data.get("departure_confirmed")),
                departure_reason=data.get("departure_reason") or "",
                request=self.request,
            )
        except TransitionRefused as refused:
            if refused.code in self.FIELD_OF and self.FIELD_OF[refused.code] in form.fields:
                form.add_error(self.FIELD_OF[refused.code], refused.message)
                raise TransitionRefused("", code="field") from refused
            raise
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


class InvolvementRequestView(PolicyMixin, VersionedCaseFormMixin, View):
    """Ask every partner agency at once (Procedure A 4(i))."""

    permission = Action.AGENCY_INFORMATION_REQUEST
    scoped = True
    form_class = InvolvementRequestForm
    template_name = "involvement/ask.html"
    title = "Ask the partner agencies for information"
    question = "organisations"

    def available_in(self) -> frozenset[str]:
        # The procedure asks agencies while the case is under consideration (A 4(i)).
        return frozenset({Status.UNDER_CONSIDERATION})

    def form_kwargs(self) -> dict[str, Any]:
        return {"partners": agencies_to_ask(self.case)}

    def perform(self, form: forms.Form, version: int) -> str:
        chosen = form.cleaned_data["organisations"]
        sent = involvement_requests_send(
            notification=self.case,
            organisations=chosen,
            by=self.user,
            working_days=form.cleaned_data["working_days"],
            request=self.request,
        )
        agencies = "1 agency has" if len(sent) == 1 else f"{len(sent)} agencies have"
        return f"{agencies} been asked for information"


class ExternalNotificationView(PolicyMixin, VersionedCaseFormMixin, View):
    permission = Action.EXTERNAL_NOTIFICATION_RECORD
    scoped = True
    form_class = ExternalNotificationForm
    template_name = TEMPLATE
    title = "Record that Ofsted or the National Panel was told"
    question = "body"

    def available_in(self) -> frozenset[str]:
        return frozenset(DECIDED_OR_LATER)

    def form_kwargs(self) -> dict[str, Any]:
        return {"earliest": earliest_told_on(self.case)}

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        try:
            told = services.external_notification_record(
                notification=self.case,
                by=self.user,
                body=data["body"],
                told_at=start_of_day(data["told_on"]),
                how=data["how"],
                request=self.request,
            )
        except TransitionRefused as refused:
            if refused.code == "told_on_not_possible":
                form.add_error("told_on", refused.message)
                raise TransitionRefused("", code="field") from refused
            raise
        return f"{told.get_body_display()} told: recorded"
