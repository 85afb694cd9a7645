"""The communications log of a case and the pages of each step (Procedure A 4(v)).
Every page that shows a communication is audited as a read of the case."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from casereviews.audit.services import audit_record
from casereviews.communications import services
from casereviews.communications.forms import (
    AgreeForm,
    ApproveForm,
    DeliverForm,
    DraftForm,
    HoldForm,
)
from casereviews.communications.models import UNDELIVERED, Communication, CommunicationState
from casereviews.communications.policy import LOG_ROLES
from casereviews.communications.selectors import case_log, case_people
from casereviews.frontend.keyset import keyset_page
from casereviews.kit.pages import StepPage
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404, may
from casereviews.policy.views import PolicyMixin

S = CommunicationState


def _read(request: HttpRequest, case: Notification, communication: Communication | None) -> None:
    if communication is None:
        audit_record(request=request, action="communications.read", obj=case)
    else:
        audit_record(
            request=request,
            action="communication.read",
            obj=case,
            detail={"communication": communication.pk},
        )


class LogView(PolicyMixin, TemplateView):
    permission = Action.COMMUNICATION_VIEW
    scoped = True
    template_name = "communications/log.html"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.case: Notification = get_in_scope_or_404(
            request.user, Action.COMMUNICATION_VIEW, reference=kwargs["reference"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        _read(self.request, self.case, None)
        page = keyset_page(
            case_log(self.case), ordering=("-drafted_at", "-id"), request=self.request
        )
        return {
            **super().get_context_data(**kwargs),
            "case": self.case,
            "page": page,
            "may_draft": may(self.user, Action.COMMUNICATION_DRAFT, self.case),
        }


class DetailView(PolicyMixin, TemplateView):
    permission = Action.COMMUNICATION_VIEW
    scoped = True
    template_name = "communications/detail.html"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.case: Notification = get_in_scope_or_404(
            request.user, Action.COMMUNICATION_VIEW, reference=kwargs["reference"]
        )
        found = (
            Communication.objects.filter(notification=self.case, pk=kwargs["pk"])
            .select_related("deliverer", "drafted_by", "agreed_by", "approved_by")
            .first()
        )
        if found is None:
            raise Http404("Not found")
        self.communication = found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        _read(self.request, self.case, self.communication)
        c = self.communication
        return {
            **super().get_context_data(**kwargs),
            "case": self.case,
            "communication": c,
            "may_agree": c.state == S.DRAFTED and may(self.user, Action.COMMUNICATION_AGREE, c),
            "may_approve": c.state == S.AGREED and may(self.user, Action.COMMUNICATION_APPROVE, c),
            "may_record": c.state in UNDELIVERED
            and may(self.user, Action.COMMUNICATION_OUTCOME_RECORD, c),
        }


class FormPage(StepPage, PolicyMixin, View):
    """The kit's step page (`casereviews.kit.pages.StepPage`) for a communication:
    `load` fetches the case (and the communication), `perform(form)` calls the service."""

    scoped = True
    template_name = "communications/form.html"
    case: Notification
    communication: Communication | None = None

    def fetch(self) -> None:
        """`load` has fetched the case and the communication, before the handler ran."""

    def perform(self, form: Any) -> str:
        raise NotImplementedError

    def call(self, form: Any) -> str:
        return self.perform(form)

    def back_url(self) -> str:
        if self.communication is not None:
            return reverse(
                "communications:detail", args=[self.case.reference, self.communication.pk]
            )
        return reverse("communications:log", args=[self.case.reference])

    def context(self) -> dict[str, Any]:
        return {"communication": self.communication}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.communication is not None:
            _read(request, self.case, self.communication)
        return super().get(request, *args, **kwargs)


class DraftView(FormPage):
    permission = Action.COMMUNICATION_DRAFT
    form_class = DraftForm
    title = "Draft a communication with the family, significant others or the press"
    submit_text = "Send it to the LISG to agree"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.case = get_in_scope_or_404(
            request.user, Action.COMMUNICATION_DRAFT, reference=kwargs["reference"]
        )

    def form_kwargs(self) -> dict[str, Any]:
        return {"people": case_people(self.case, *LOG_ROLES)}

    def perform(self, form: DraftForm) -> str:
        data = form.cleaned_data
        self.communication = services.communication_draft(
            notification=self.case,
            by=self.user,
            audience=data["audience"],
            audience_detail=data.get("audience_detail") or "",
            message=data["message"],
            channel=data["channel"],
            deliverer=data["deliverer"],
            request=self.request,
        )
        return "The communication is drafted and the LISG members are asked to agree it"


class CommunicationStepPage(FormPage):
    """A step on one communication, fetched through the scope of the step's action; the
    page exists only in the states the step can be taken from."""

    available_in: frozenset[str] = frozenset()

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.communication = get_in_scope_or_404(
            request.user,
            Action(self.permission),
            pk=kwargs["pk"],
            notification__reference=kwargs["reference"],
        )
        self.case = self.communication.notification
        if self.communication.state not in self.available_in:
            raise Http404("Not found")


class AgreeView(CommunicationStepPage):
    permission = Action.COMMUNICATION_AGREE
    form_class = AgreeForm
    available_in = frozenset({S.DRAFTED})
    title = "Record the LISG's agreement"
    submit_text = "Record the agreement"

    def perform(self, form: AgreeForm) -> str:
        assert self.communication is not None
        services.communication_agree(
            communication=self.communication, by=self.user, request=self.request
        )
        return "The LISG's agreement is recorded and the Independent Chair is asked to approve it"


class ApproveView(CommunicationStepPage):
    permission = Action.COMMUNICATION_APPROVE
    form_class = ApproveForm
    available_in = frozenset({S.AGREED})
    title = "Approve the communication"
    submit_text = "Approve it"

    def perform(self, form: ApproveForm) -> str:
        assert self.communication is not None
        services.communication_approve(
            communication=self.communication,
            by=self.user,
            consulted=form.cleaned_data["consulted"],
            request=self.request,
        )
        return "The communication is approved and the person delivering it is told"


class DeliverView(CommunicationStepPage):
    """Open while the communication is undelivered, so that recording a delivery the
    LISG and the Chair have not both agreed is refused with the reason, not hidden."""

    permission = Action.COMMUNICATION_OUTCOME_RECORD
    form_class = DeliverForm
    available_in = UNDELIVERED
    title = "Record that the communication was delivered"
    submit_text = "Record it as delivered"

    def form_kwargs(self) -> dict[str, Any]:
        if self.request.method == "POST" or self.communication is None:
            return {}
        return {"initial": {"delivered_by_name": self.communication.deliverer.full_name}}

    def perform(self, form: DeliverForm) -> str:
        assert self.communication is not None
        services.communication_deliver(
            communication=self.communication,
            by=self.user,
            delivered_on=form.cleaned_data["delivered_on"],
            delivered_by_name=form.cleaned_data["delivered_by_name"],
            request=self.request,
        )
        return "The communication is recorded as delivered"


class HoldView(CommunicationStepPage):
    permission = Action.COMMUNICATION_OUTCOME_RECORD
    form_class = HoldForm
    available_in = UNDELIVERED
    title = "Hold the communication"
    submit_text = "Record it as held"

    def perform(self, form: HoldForm) -> str:
        assert self.communication is not None
        services.communication_hold(
            communication=self.communication,
            by=self.user,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )
        return "The communication is recorded as held"
