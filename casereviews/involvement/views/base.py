"""The page pattern of this app: fetch what the URL names through the policy, show a
form, call the service, and put its refusal at the top of the page (nothing typed lost)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from casereviews.decisions.models import InvolvementRequest
from casereviews.frontend.forms import DateField
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

    def date_anchors(self) -> dict[str, tuple[datetime.date, str]]:
        """For each recorded date of the form, the day it cannot precede and what
        happened that day (issue 28, 6); none unless the page says."""
        return {}

    def build_form(self, *args: Any) -> forms.Form:
        form = self.form_class(*args, **self.form_kwargs())
        for name, anchor in self.date_anchors().items():
            field = form.fields.get(name)
            if isinstance(field, DateField):
                field.not_before = anchor
        return form

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(self.build_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.build_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        try:
            message = self.perform(form)
        except TransitionRefused as refused:
            if refused.code == "not_permitted":
                raise Http404("Not found") from refused
            if refused.message:
                form.add_error(None, refused.message)
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
