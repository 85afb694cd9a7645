"""The plain transition page: a button, and a reason where the step is a judgement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from casereviews.notifications.forms import awareness_refusal
from casereviews.notifications.models import Notification, Status
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.awareness import local_authority_awareness_record
from casereviews.workflow.forms import (
    LocalAuthorityAwareForm,
    PanelNotificationForm,
    PanelResponseForm,
    PartnersViewForm,
    TransitionForm,
)
from casereviews.workflow.panel_notification import (
    PanelNotificationRefused,
    panel_notification_record,
)
from casereviews.workflow.partners import (
    DECIDED_FROM,
    PARTNER_NAMES,
    PARTNER_ROLES,
    PartnersViewRefused,
    current_views,
    partner_of,
    partners_view_record,
)
from casereviews.workflow.services import (
    PANEL_RESPONSE_STATES,
    PANEL_RESPONSES,
    TransitionRefused,
    may_make,
    notification_transition,
    panel_response_record,
)
from casereviews.workflow.tables import table_of
from casereviews.workflow.transitions import Transition
from casereviews.workflow.versioned import VersionedCaseFormMixin
from casereviews.workflow.words import status_sentence
from casereviews.workflow.wt_2023 import BEFORE_THE_PANEL_IS_NOTIFIED, WT_2023_TRANSITIONS


class TransitionView(PolicyMixin, VersionedCaseFormMixin, View):
    """Make one transition of the table on one case."""

    permission = Action.NOTIFICATION_TRANSITION
    scoped = True
    form_class = TransitionForm
    template_name = "workflow/transition.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # The step of the case's framework's table; whether the person may see the case at
        # all is checked after (`check`), with the same "not found" either way.
        framework = (
            Notification.objects.filter(reference=kwargs["reference"])
            .values_list("framework", flat=True)
            .first()
        )
        transition = table_of(framework or "").get(kwargs["name"])
        # A notification is sent (and sent back) from its check-your-answers page, which
        # checks it is complete and tells the board: never from this plain page.
        if transition is None or transition.notifier_may:
            raise Http404("Not found")
        self.transition: Transition = transition
        self.title = transition.label
        # A step that is a judgement asks one question, "why?", as the page's heading.
        self.question = "reason" if transition.needs_reason else ""
        if transition.record_page is not None:
            # Steps that record a LISG recommendation or a decision have their own page.
            return HttpResponseRedirect(reverse(transition.record_page, args=[kwargs["reference"]]))
        return super().dispatch(request, *args, **kwargs)

    def check(self, case: Notification) -> None:
        # Another step on a case the person may act on: as if the page did not exist.
        if not may_make(self.user, self.transition, case):
            raise Http404("Not found")

    def available_in(self) -> frozenset[str]:
        return frozenset(self.transition.sources)

    def form_kwargs(self) -> dict[str, Any]:
        label = self.transition.label
        return {
            "needs_reason": self.transition.needs_reason,
            "question": f"Why do you want to {label[0].lower()}{label[1:]}?",
        }

    def perform(self, form: forms.Form, version: int) -> str:
        notification_transition(
            notification=self.case,
            name=self.transition.name,
            by=self.user,
            expected_version=version,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )
        self.case.refresh_from_db()
        return status_sentence(self.case)


class PanelResponseView(PolicyMixin, VersionedCaseFormMixin, View):
    """Record the Child Safeguarding Practice Review Panel's response to a partnership's
    rapid review: whether it will carry out a national review."""

    permission = Action.NOTIFICATION_TRANSITION
    scoped = True
    form_class = PanelResponseForm
    template_name = "workflow/transition.html"
    title = "Record the Panel's response"
    question = "national_review"

    def available_in(self) -> frozenset[str]:
        return frozenset(PANEL_RESPONSE_STATES)

    def available(self, case: Notification) -> bool:
        return case.framework == "wt-2023" and super().available(case)

    def perform(self, form: forms.Form, version: int) -> str:
        response = panel_response_record(
            notification=self.case,
            national_review=form.cleaned_data["national_review"],
            received_on=form.cleaned_data["received_on"],
            detail=form.cleaned_data["detail"],
            by=self.user,
            request=self.request,
        )
        return PANEL_RESPONSES[response.national_review]


class LocalAuthorityAwareView(PolicyMixin, VersionedCaseFormMixin, View):
    """Record or correct the day the local authority became aware of a partnership's
    incident, from which the Panel's 5 working days count, until the Panel is notified."""

    permission = Action.LOCAL_AUTHORITY_AWARENESS_RECORD
    scoped = True
    form_class = LocalAuthorityAwareForm
    template_name = "workflow/transition.html"
    title = "Record when the local authority became aware"
    question = "aware_on"

    def available_in(self) -> frozenset[str]:
        return frozenset(BEFORE_THE_PANEL_IS_NOTIFIED)

    def form_kwargs(self) -> dict[str, Any]:
        case = self.case
        return {"refusal": lambda aware_on: awareness_refusal(aware_on, case.incident_date)}

    def perform(self, form: forms.Form, version: int) -> str:
        aware_on = form.cleaned_data["aware_on"]
        local_authority_awareness_record(
            notification=self.case, aware_on=aware_on, by=self.user, request=self.request
        )
        return (
            f"Recorded: the local authority became aware of the incident on "
            f"{aware_on.day} {aware_on:%B %Y}. The 5 working days for notifying the Panel "
            "count from that day."
        )


class PanelNotificationView(PolicyMixin, VersionedCaseFormMixin, View):
    """Record the notification of a partnership's serious incident to the Child Safeguarding
    Practice Review Panel as it was sent (`workflow.panel_notification`)."""

    permission = Action.NOTIFICATION_TRANSITION
    scoped = True
    form_class = PanelNotificationForm
    template_name = "workflow/transition.html"
    title = "Record the notification to the Panel"

    def check(self, case: Notification) -> None:
        if not may_make(self.user, table_of(case)["notify_panel"], case):
            raise Http404("Not found")

    def available_in(self) -> frozenset[str]:
        return frozenset(WT_2023_TRANSITIONS["notify_panel"].sources)

    def available(self, case: Notification) -> bool:
        return case.framework == "wt-2023" and super().available(case)

    def perform(self, form: forms.Form, version: int) -> str:
        assert isinstance(form, PanelNotificationForm)
        data = form.cleaned_data
        try:
            panel_notification_record(
                notification=self.case,
                sent_at=form.sent_at(),
                how=data["how"],
                how_detail=data["how_detail"],
                reference=data["reference"],
                sent_by=data["sent_by"],
                by=self.user,
                expected_version=version,
                request=self.request,
            )
        except PanelNotificationRefused as refused:
            form.add_error(refused.field, refused.message)
            raise TransitionRefused("", code="refused") from refused
        self.case.refresh_from_db()
        return status_sentence(self.case)


class PartnersDecisionView(PolicyMixin, VersionedCaseFormMixin, View):
    """A safeguarding partner's representative records the decision it agrees; the decision
    is made when all three agree (`workflow.partners`)."""

    permission = Action.PARTNERS_DECISION_RECORD
    scoped = True
    form_class = PartnersViewForm
    template_name = "workflow/partners.html"
    title = "The safeguarding partners' decision"
    question = "decision"

    def check(self, case: Notification) -> None:
        if partner_of(self.user, case) is None:
            raise Http404("Not found")

    def available_in(self) -> frozenset[str]:
        return frozenset(DECIDED_FROM)

    def available(self, case: Notification) -> bool:
        return case.framework == "wt-2023" and super().available(case)

    def form_kwargs(self) -> dict[str, Any]:
        return {"lcspr_possible": self.case.status == Status.RAPID_REVIEW_SENT}

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        try:
            partners_view_record(
                notification=self.case,
                decision=data["decision"],
                criteria=data["criteria"],
                reasons=data["reasons"],
                by=self.user,
                expected_version=version,
                request=self.request,
            )
        except PartnersViewRefused as refused:
            form.add_error(refused.field, refused.message)
            raise TransitionRefused("", code="refused") from refused
        self.case.refresh_from_db()
        if self.case.status in DECIDED_FROM:
            return "Your agreement is recorded. " + status_sentence(self.case)
        return status_sentence(self.case)

    def page(self, form: forms.Form, status: int = 200) -> HttpResponse:
        views = current_views(self.case)
        rows = [(PARTNER_NAMES[role].capitalize(), views.get(role)) for role in PARTNER_ROLES]
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "case": self.case,
                "title": self.title,
                "question": self.question,
                "partners": rows,
                "submit_text": "Record your agreement",
            },
            status=status,
        )
