"""The Business Manager's verification page (Section B of the procedure: on receipt,
verify whether the request meets the criteria)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from casereviews.assessments import selectors
from casereviews.assessments.forms import ThemesForm, VerificationForm
from casereviews.assessments.models import Outcome
from casereviews.assessments.services import (
    VerificationRefused,
    notification_themes_set,
    notification_verification_record,
)
from casereviews.audit.services import audit_record
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.services import NotificationChanged, TransitionRefused


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
