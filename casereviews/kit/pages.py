"""One step page: fetch through the policy, show the form, call the service, put a
refusal at its field, say what happened, redirect.

    class SignOffView(StepPage, PolicyMixin, View):
        permission = Action.REVIEW_MANAGE
        scoped = True
        form_class = SignOffForm
        title = "Record the board's sign-off of the report"

        def call(self, form): services.sign_off_record(..., by=self.user); return "…"

A step the case's state no longer allows (a stale link from an e-mail) is not "Page not
found": `not_now` says why in a sentence, and the page shows the case with it. A case the
person may not see still answers exactly as a missing one (`get_in_scope_or_404`). The
version-conflict page is the workflow's (`workflow.versioned.VersionedCaseFormMixin`,
built on this)."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from casereviews.frontend.forms import DateField
from casereviews.kit.refusal import Code, Refused, at_field
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404

NOT_NOW_TEMPLATE = "kit/not_now.html"


class StepPage:
    """Mixed in before `PolicyMixin` and `View`. A subclass gives `permission`,
    `form_class`, `title` and `call(form)`; the rest has defaults."""

    form_class: type[forms.Form]
    template_name = "kit/step.html"
    title = ""
    submit_text = ""
    # The field that asks the page's question: its label is the page's heading (GOV.UK
    # "question pages"). Empty: the title is the heading.
    question = ""
    multipart = False
    # How a refusal for want of permission answers (the case was seen, the step is not
    # this person's): "not found" by default.
    not_permitted: type[Exception] = Http404
    permission: ClassVar[Any]
    request: HttpRequest
    kwargs: dict[str, Any]
    case: Notification

    # What the page does, in order.
    def fetch(self) -> None:
        """Fetch what the URL names through the policy: by default the case the URL's
        `reference` names, through the scope of the view's permission. Pages that fetch in
        `load` (before the handler) leave this as it is."""
        if "case" not in self.__dict__:
            permission = Action(self.permission)
            self.case = get_in_scope_or_404(
                self.request.user, permission, reference=self.kwargs["reference"]
            )

    def not_now(self) -> str:
        """Why the step cannot be taken in the case's state, in a sentence ("" when it
        can). The page then shows the case with that sentence instead of the form."""
        return ""

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def date_anchors(self) -> dict[str, tuple[datetime.date, str]]:
        """For each recorded date of the form, the day it cannot precede and what happened
        that day (a recorded date never precedes what it follows); none unless the page
        says."""
        return {}

    def make_form(self, data: Any = None, files: Any = None) -> forms.Form:
        if data is None:
            form = self.form_class(**self.form_kwargs())
        else:
            form = self.form_class(data, files, **self.form_kwargs())
        for name, anchor in self.date_anchors().items():
            field = form.fields.get(name)
            if isinstance(field, DateField):
                field.not_before = anchor
        return form

    def call(self, form: Any) -> str:
        """Call the service with the form's answers; return what the person is told."""
        raise NotImplementedError

    def take(self, form: forms.Form) -> HttpResponse:
        """Take the step with a valid form: the service, then the message and redirect;
        a refusal goes back to the form, at its field."""
        try:
            message = self.call(form)
        except Refused as refused:
            return self.refused(form, refused)
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.done_url())

    def refused(self, form: forms.Form, refused: Refused) -> HttpResponse:
        if refused.code == Code.NOT_PERMITTED:
            raise self.not_permitted("Not found") from refused
        at_field(form, refused)
        return self.page(form)

    # Where it leads.
    def back_url(self) -> str:
        return reverse("notifications:detail", args=[self.case.reference])

    def done_url(self) -> str:
        return self.back_url()

    # The handlers.
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.fetch()
        why = self.not_now()
        if why:
            return self.not_now_page(why)
        return self.page(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.fetch()
        why = self.not_now()
        if why:
            return self.not_now_page(why)
        form = self.make_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        return self.take(form)

    # What it shows.
    def context(self) -> dict[str, Any]:
        return {}

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": getattr(self, "case", None),
                "title": self.title,
                "question": self.question,
                "submit_text": self.submit_text or self.title,
                "back_url": self.back_url(),
                "multipart": self.multipart,
                **self.context(),
            },
            status=status,
        )

    def not_now_page(self, why: str) -> HttpResponse:
        """The case, and why this step cannot be taken on it now (409: the request is
        fine, the case has moved on)."""
        return render(
            self.request,
            NOT_NOW_TEMPLATE,
            {"case": self.case, "title": self.title, "why": why, "back_url": self.back_url()},
            status=409,
        )
