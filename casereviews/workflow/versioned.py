"""The page pattern every transition and decision page shares: a form carrying the
version the case was loaded at, a service call, and the conflict page when someone else
acted first (optimistic versioning: nothing anyone typed is lost).

A step the case has moved on from shows the case and a sentence saying where it stands
and who moved it there (a stale link from an e-mail), not "Page not found"; a step the
case has never been open to, and a case the person may not see, answer "not found". A
person whose page was loaded before someone else moved the case on sees the conflict
page, with what changed and what they entered."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereviews.kit.pages import StepPage
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.workflow.guards import guards_for
from casereviews.workflow.models import StatusChange
from casereviews.workflow.services import NotificationChanged
from casereviews.workflow.words import status_sentence

CONFLICT_TEMPLATE = "workflow/conflict.html"


def where_it_stands(case: Notification) -> str:
    """Where the case stands and who moved it there, on which day: "The Independent Chair
    has decided … This was recorded on 7 December 2026 by Sam Chair." """
    last = (
        StatusChange.objects.filter(notification=case)
        .select_related("by")
        .order_by("-at", "-id")
        .first()
    )
    sentence = status_sentence(case)
    if last is None:
        return sentence
    at = timezone.localtime(last.at)
    return f"{sentence} This was recorded on {at.day} {at:%B %Y} by {last.by.full_name}."


class VersionedCaseFormMixin(StepPage, ABC):
    """For a view (with `PolicyMixin`) acting on one case of the current board: the kit's
    step page (`casereviews.kit.pages.StepPage`) with the case's version in the form.

    Subclasses give `form_class`, `template_name`, `title` and `perform(form, version)`,
    which calls the service and returns the success message."""

    form_class: type[forms.Form]
    # The transitions the page makes: the guards of these that fail are stated above the
    # form, before anything is typed.
    guarded_by: tuple[str, ...] = ()
    # Only these guards, when some of them are met by the form itself (a decision page's
    # "record the decision first"); all of them if empty.
    blocking_codes: tuple[str, ...] = ()

    def blocking(self) -> list[str]:
        """What stops the step now, in the guards' own sentences (each once)."""
        found: list[str] = []
        asked: set[object] = set()  # a rule shared by several steps is asked once
        for name in self.guarded_by:
            for guard in guards_for(name):
                if guard.holds in asked or (
                    self.blocking_codes and guard.code not in self.blocking_codes
                ):
                    continue
                asked.add(guard.holds)
                if guard.message not in found and not guard.holds(self.case):
                    found.append(guard.message)
        return found

    template_name: str
    title: str
    not_permitted = PermissionDenied
    # The field that asks the page's question: its label is the page's heading (GOV.UK
    # "question pages"). Empty: the title is the heading.
    question: str = ""

    def get_case(self) -> Notification:
        """The case the URL names, through the scope of the view's own permission."""
        case: Notification = get_in_scope_or_404(
            self.request.user, Action(self.permission), reference=self.kwargs["reference"]
        )
        return case

    def check(self, case: Notification) -> None:
        """Refuse a person who may not take this step on this case (raise `Http404`).
        By default the scope of the view's permission has already decided."""
        return None

    def fetch(self) -> None:
        self.case = self.get_case()
        self.check(self.case)

    @abstractmethod
    def available_in(self) -> frozenset[str]:
        """The states in which this step can be taken; for a step that moves the case,
        the sources of its transitions in the table (`transitions.sources_of`). In any
        other state the page shows the case and says why (`not_now`)."""

    def available(self, case: Notification) -> bool:
        return case.status in self.available_in()

    def not_now(self) -> str:
        """Where the case stands, once it has moved on from the states of this step (a
        stale link from an e-mail). A case that was never in them has no such page."""
        if self.available(self.case):
            return ""
        moved_on = StatusChange.objects.filter(
            notification=self.case, from_status__in=self.available_in()
        )
        if not moved_on.exists():
            raise Http404("Not found")
        return where_it_stands(self.case)

    def make_form(self, data: Any = None, files: Any = None) -> forms.Form:
        if data is None:
            return self.form_class(initial={"version": self.case.version}, **self.form_kwargs())
        return self.form_class(data, files, **self.form_kwargs())

    @abstractmethod
    def perform(self, form: forms.Form, version: int) -> str:
        """Call the service with the form's answers; return the success message."""

    def call(self, form: forms.Form) -> str:
        return self.perform(form, form.cleaned_data["version"])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.fetch()
        form = self.make_form(request.POST, request.FILES)
        if not self.available(self.case):
            loaded_at = request.POST.get("version", "")
            if loaded_at.isdigit() and int(loaded_at) < self.case.version:
                # Their page was loaded before someone else moved the case on.
                return self.conflict(form, NotificationChanged(self.case, int(loaded_at)))
            return self.not_now_page(self.not_now())
        if not form.is_valid():
            return self.page(form)
        try:
            return self.take(form)
        except NotificationChanged as changed:
            return self.conflict(form, changed)

    def done_url(self) -> str:
        return reverse("notifications:detail", args=[self.case.reference])

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": self.case,
                "title": self.title,
                "question": self.question,
                "blocking": self.blocking(),
            },
            status=status,
        )

    def conflict(self, form: forms.Form, changed: NotificationChanged) -> HttpResponse:
        """What changed since their version, what they entered, and a form to try again
        on the current version with their entries kept."""
        current = changed.current
        changes = StatusChange.objects.filter(
            notification=current, version__gt=changed.expected_version
        ).select_related("by")
        data = cast(QueryDict, form.data).copy()
        data["version"] = str(current.version)
        retry = self.form_class(data, **self.form_kwargs()) if self.available(current) else None
        entered = [
            (field.label, field.value())
            for field in form
            if not field.is_hidden and field.value() not in (None, "", [])
        ]
        return render(
            self.request,
            CONFLICT_TEMPLATE,
            {
                "case": current,
                "title": self.title,
                "question": self.question,
                "changes": changes,
                "entered": entered,
                "form": retry,
                "form_template": self.template_name,
                "action_url": self.request.path,
            },
            status=409,
        )
