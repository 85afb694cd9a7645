"""The parallel processes register of a case (Procedure A 5)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.views.generic import TemplateView

from casereviews.audit.services import audit_record
from casereviews.involvement.forms import AgreementForm, LiaisonForm, ProcessForm, RegulatorForm
from casereviews.involvement.models import (
    ParallelProcess,
    ProcedureAgreement,
    RegulatorNotification,
)
from casereviews.involvement.services.parallel import (
    ProcessAnswers,
    parallel_process_liaison_add,
    parallel_process_save,
    procedure_agreement_record,
    regulator_notification_record,
)
from casereviews.involvement.views.base import CasePage
from casereviews.notifications.models import Notification
from casereviews.policy import Action, get_in_scope_or_404, may
from casereviews.policy.views import PolicyMixin


class RegisterView(PolicyMixin, TemplateView):
    permission = Action.CASE_PAPERS_VIEW
    scoped = True
    template_name = "involvement/parallel.html"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.case: Notification = get_in_scope_or_404(
            request.user, Action.CASE_PAPERS_VIEW, reference=kwargs["reference"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        audit_record(request=self.request, action="parallel_processes.read", obj=self.case)
        return {
            **super().get_context_data(**kwargs),
            "case": self.case,
            "processes": ParallelProcess.objects.filter(notification=self.case).prefetch_related(
                "liaison"
            )[:50],
            "agreement": ProcedureAgreement.objects.filter(notification=self.case)
            .select_related("recorded_by")
            .order_by("-recorded_at", "-id")
            .first(),
            "regulators": RegulatorNotification.objects.filter(
                notification=self.case
            ).select_related("organisation")[:50],
            "may_record": may(self.user, Action.PARALLEL_PROCESS_RECORD, self.case),
            "may_agree": may(self.user, Action.PROCEDURE_AGREE, self.case),
        }


class RegisterPage(CasePage):
    def back_url(self) -> str:
        return reverse("involvement:parallel", args=[self.case.reference])


class ProcessView(RegisterPage):
    permission = Action.PARALLEL_PROCESS_RECORD
    form_class = ProcessForm
    submit_text = "Save"

    @property
    def title(self) -> str:  # type: ignore[override]
        return "Change the process" if self.kwargs.get("process_id") else "Add a parallel process"

    def process(self) -> ParallelProcess | None:
        process_id = self.kwargs.get("process_id")
        if process_id is None:
            return None
        found = ParallelProcess.objects.filter(notification=self.case, pk=process_id).first()
        if found is None:
            raise Http404("Not found")
        return found

    def form_kwargs(self) -> dict[str, Any]:
        process = self.process()
        if process is None or self.request.method == "POST":
            return {}
        fields = ProcessForm.base_fields
        return {"initial": {name: getattr(process, name) for name in fields}}

    def perform(self, form: ProcessForm) -> str:
        parallel_process_save(
            notification=self.case,
            answers=ProcessAnswers(**form.cleaned_data),
            by=self.user,
            process=self.process(),
            request=self.request,
        )
        return "The parallel process is saved"


class LiaisonView(RegisterPage):
    permission = Action.PARALLEL_PROCESS_RECORD
    form_class = LiaisonForm
    title = "Record liaison"
    submit_text = "Record the liaison"

    def perform(self, form: LiaisonForm) -> str:
        process = ParallelProcess.objects.filter(
            notification=self.case, pk=self.kwargs["process_id"]
        ).first()
        if process is None:
            raise Http404("Not found")
        parallel_process_liaison_add(
            process=process, by=self.user, request=self.request, **form.cleaned_data
        )
        return "The liaison is recorded"


class AgreementView(RegisterPage):
    permission = Action.PROCEDURE_AGREE
    form_class = AgreementForm
    title = "Record which procedure the LISG agrees is most appropriate"
    submit_text = "Record the agreement"

    def perform(self, form: AgreementForm) -> str:
        procedure_agreement_record(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return "The LISG's agreement is recorded"


class RegulatorView(RegisterPage):
    permission = Action.PARALLEL_PROCESS_RECORD
    form_class = RegulatorForm
    title = "Record that an agency told its regulator"
    submit_text = "Record it"

    def form_kwargs(self) -> dict[str, Any]:
        return {"agencies": self.case.board.partners.order_by("name")}

    def perform(self, form: RegulatorForm) -> str:
        regulator_notification_record(
            notification=self.case, by=self.user, request=self.request, **form.cleaned_data
        )
        return "The notification to the regulator is recorded"
