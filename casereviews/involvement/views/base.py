"""The pages of this app, on the kit's step page: fetch what the URL names through the
policy, show a form, call the service, put its refusal at its field (nothing typed
lost)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.views import View

from casereviews.decisions.models import InvolvementRequest
from casereviews.kit.pages import StepPage
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin

FORM_TEMPLATE = "involvement/form.html"


class FormPage(StepPage, PolicyMixin, View):
    """The kit's step page (`casereviews.kit.pages.StepPage`); `load` fetches what the
    URL names, and `perform(form)` calls the service."""

    template_name = FORM_TEMPLATE

    def fetch(self) -> None:
        """`load` has fetched what the URL names, before the handler ran."""

    def back_url(self) -> str:
        raise NotImplementedError

    def perform(self, form: Any) -> str:
        raise NotImplementedError

    def call(self, form: Any) -> str:
        return self.perform(form)


class CasePage(FormPage):
    """A page about one case, for the Business Manager (or whoever the action names)."""

    scoped = True
    case: Notification

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        action = Action(self.permission)
        self.case = get_in_scope_or_404(request.user, action, reference=kwargs["reference"])

    def back_url(self) -> str:
        return reverse("notifications:detail", args=[self.case.reference])

    def context(self) -> dict[str, Any]:
        return {"case": self.case}


class RequestPage(FormPage):
    """A page of an agency's answer: only the agency asked reaches it."""

    permission = Action.INVOLVEMENT_ANSWER
    scoped = True
    involvement_request: InvolvementRequest

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.involvement_request = get_in_scope_or_404(
            request.user, Action.INVOLVEMENT_ANSWER, pk=kwargs["pk"]
        )

    def back_url(self) -> str:
        return reverse("involvement:request", args=[self.involvement_request.pk])

    def context(self) -> dict[str, Any]:
        return {
            "case": self.involvement_request.notification,
            "involvement_request": self.involvement_request,
        }
