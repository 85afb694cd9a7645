"""The Business Manager's pages for a single-agency CPIR (Procedure B 1(i))."""

from __future__ import annotations

from typing import Any

from django import forms
from django.views import View

from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin
from casereviews.single_agency import services
from casereviews.single_agency.forms import AgreementForm, OutcomeForm
from casereviews.workflow.transitions import sources_of
from casereviews.workflow.versioned import VersionedCaseFormMixin

TEMPLATE = "workflow/transition.html"


class AgreementView(PolicyMixin, VersionedCaseFormMixin, View):
    permission = Action.SINGLE_AGENCY_CPIR_RECORD
    scoped = True
    form_class = AgreementForm
    template_name = TEMPLATE
    title = "Record that it is a single-agency CPIR"

    def available_in(self) -> frozenset[str]:
        return sources_of("agree_single_agency")

    def form_kwargs(self) -> dict[str, Any]:
        # The notifying agency is the usual one to review itself.
        return {
            "agencies": self.case.board.partners.order_by("name"),
            "usual_agency": self.case.organisation_id,
        }

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        services.single_agency_review_record(
            notification=self.case,
            by=self.user,
            expected_version=version,
            agency=data["agency"],
            agency_representative=data["agency_representative"],
            agreed_on=data["agreed_on"],
            request=self.request,
        )
        return f"{self.case.reference} is recorded as a single-agency CPIR"


class OutcomeView(PolicyMixin, VersionedCaseFormMixin, View):
    permission = Action.SINGLE_AGENCY_CPIR_RECORD
    scoped = True
    form_class = OutcomeForm
    template_name = TEMPLATE
    title = "Record the outcome and learning of the single-agency CPIR"

    def available_in(self) -> frozenset[str]:
        return sources_of("close_single_agency")

    def perform(self, form: forms.Form, version: int) -> str:
        data = form.cleaned_data
        services.single_agency_outcome_record(
            notification=self.case,
            by=self.user,
            expected_version=version,
            outcome=data["outcome"],
            learning=data["learning"],
            outcome_on=data["outcome_on"],
            request=self.request,
        )
        return (
            f"The outcome of the single-agency CPIR is recorded and {self.case.reference} is closed"
        )
