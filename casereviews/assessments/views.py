"""The Business Manager's verification page (Section B of the procedure: on receipt,
verify whether the request meets the criteria), and a partnership's judgement whether the
incident is notifiable to the Panel."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from casereviews.assessments import selectors
from casereviews.assessments.forms import NotifiabilityForm, ThemesForm, VerificationForm
from casereviews.assessments.models import Outcome
from casereviews.assessments.notifiability import (
    JUDGED_FROM,
    PARTNERSHIP_RECOMMENDATION_LABELS,
    notifiability_record,
)
from casereviews.assessments.services import (
    VerificationRefused,
    notification_themes_set,
    notification_verification_record,
)
from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import sees_through
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.services import NotificationChanged, TransitionRefused
from casereviews.workflow.versioned import VersionedCaseFormMixin


class VerificationMixin(PolicyMixin):
    permission = Action.NOTIFICATION_VERIFY
    scoped = True

    def get_notification(self, reference: str) -> Notification:
        notification: Notification = get_in_scope_or_404(
            self.user, Action.NOTIFICATION_VERIFY, reference=reference
        )
        return notification


class VerifyView(VerificationMixin, View):
    template_name = "assessments/verify.html"

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        notification = self.get_notification(reference)
        audit_record(request=request, action="notification.read", obj=notification)
        form = VerificationForm(initial={"version": notification.version})
        return self.page(notification, form)

    def post(self, request: HttpRequest, reference: str) -> HttpResponse:
        notification = self.get_notification(reference)
        form = VerificationForm(request.POST)
        if not form.is_valid():
            return self.page(notification, form)
        data = form.cleaned_data
        try:
            decision = notification_verification_record(
                notification=notification,
                outcome=Outcome(data["outcome"]),
                by=self.user,
                expected_version=data["version"],
                reason=data["reason"],
                review_to_consider=data["review_to_consider"],
                message=data["message"],
                request=request,
            )
        except VerificationRefused as refused:
            form.add_error(refused.field, refused.message)
            return self.page(notification, form)
        except NotificationChanged:
            form.add_error(
                None,
                "Someone else changed this notification while you were deciding. "
                "Check it again before you record your decision.",
            )
            return self.page(notification, form)
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
            return self.page(notification, form)
        messages.success(request, f"{notification.reference}: {decision.get_outcome_display()}")
        return HttpResponseRedirect(reverse("frontend:home"))

    def page(self, notification: Notification, form: VerificationForm) -> HttpResponse:
        assessment = selectors.latest_assessment(notification)
        answer = assessment.answer if assessment is not None else None
        themes_form = ThemesForm(
            initial={"themes": [tag.theme_id for tag in notification.theme_tags.all()]}
        )
        context: dict[str, Any] = {
            "notification": notification,
            "form": form,
            "themes_form": themes_form,
            "assessment": assessment,
            "answer": answer,
            "facts_problem": selectors.facts_problem(notification),
            "similar_reviews": selectors.similar_past_reviews(notification),
            "similar_notifications": selectors.similar_past_notifications(notification),
            "facts": selectors.facts_summary(
                assessment.facts if assessment is not None else notification.criteria_facts
            ),
            "recommendation_label": selectors.RECOMMENDATION_LABELS.get(
                assessment.recommendation if assessment is not None else "", ""
            ),
            "missing": selectors.missing_labels(answer["missing"]) if answer else [],
        }
        return render(self.request, self.template_name, context)


class ThemesView(VerificationMixin, View):
    """Tags the case's themes, then shows the verification page again, reassessed."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, reference: str) -> HttpResponse:
        notification = self.get_notification(reference)
        form = ThemesForm(request.POST)
        if form.is_valid():
            notification_themes_set(
                notification=notification,
                themes=list(form.cleaned_data["themes"]),
                by=self.user,
                request=request,
            )
            messages.success(request, "Themes saved")
        return HttpResponseRedirect(reverse("assessments:verify", args=[reference]))


class NotifiabilityView(PolicyMixin, VersionedCaseFormMixin, View):
    """A partnership's Business Manager judges whether the incident is notifiable to the
    Panel, with the criteria engine's answer beside the question
    (`casereviews.assessments.notifiability`)."""

    permission = Action.NOTIFICATION_TRANSITION
    scoped = True
    form_class = NotifiabilityForm
    template_name = "assessments/notifiability.html"
    title = "Is the incident notifiable to the Panel?"
    question = "notifiable"

    def check(self, case: Notification) -> None:
        if not sees_through(self.user, case, {Role.BUSINESS_MANAGER}):
            raise Http404("Not found")

    def available_in(self) -> frozenset[str]:
        return frozenset(JUDGED_FROM)

    def available(self, case: Notification) -> bool:
        return case.framework == Framework.WT_2023 and super().available(case)

    def perform(self, form: forms.Form, version: int) -> str:
        try:
            judgement = notifiability_record(
                notification=self.case,
                notifiable=form.cleaned_data["notifiable"],
                by=self.user,
                expected_version=version,
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except VerificationRefused as refused:
            form.add_error(refused.field, refused.message)
            raise TransitionRefused("", code="refused") from refused
        return f"{self.case.reference}: {judgement.get_outcome_display()}"

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        audit_record(request=self.request, action="notification.read", obj=self.case)
        assessment = selectors.latest_assessment(self.case)
        answer = assessment.answer if assessment is not None else None
        context: dict[str, Any] = {
            "form": form,
            "case": self.case,
            "title": self.title,
            "question": self.question,
            "assessment": assessment,
            "answer": answer,
            "facts_problem": selectors.facts_problem(self.case),
            "facts": selectors.facts_summary(
                assessment.facts if assessment is not None else self.case.criteria_facts
            ),
            "recommendation_label": PARTNERSHIP_RECOMMENDATION_LABELS.get(
                assessment.recommendation if assessment is not None else "", ""
            ),
            "missing": selectors.missing_labels(answer["missing"]) if answer else [],
        }
        return render(self.request, self.template_name, context, status=status)
