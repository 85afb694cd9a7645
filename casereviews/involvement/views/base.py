"""The page pattern of this app: fetch what the URL names through the policy, show a
form, call the service, and put its refusal at its field or the top of the page (nothing
typed lost)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from casereviews.decisions.models import InvolvementRequest
from casereviews.kit.refusal import at_field
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.services import TransitionRefused

FORM_TEMPLATE = "involvement/form.html"


class FormPage(PolicyMixin, View):
    form_class: type[forms.Form]
    template_name = FORM_TEMPLATE
    title = ""
    submit_text = ""
    multipart = False

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def context(self) -> dict[str, Any]:
        return {}

    def back_url(self) -> str:
        raise NotImplementedError

    def perform(self, form: Any) -> str:
        raise NotImplementedError

    def done_url(self) -> str:
        return self.back_url()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(self.form_class(**self.form_kwargs()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST, request.FILES, **self.form_kwargs())
        if not form.is_valid():
            return self.page(form)
        try:
            message = self.perform(form)
        except TransitionRefused as refused:
            if refused.code == "not_permitted":
                raise Http404("Not found") from refused
            at_field(form, refused)
            return self.page(form)
        if message:
            messages.success(request, message)
        return HttpResponseRedirect(self.done_url())

    def page(self, form: forms.Form) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": self.title,
                "submit_text": self.submit_text or self.title,
                "back_url": self.back_url(),
                "multipart": self.multipart,
                **self.context(),
            },
        )


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
