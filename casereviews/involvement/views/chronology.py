"""The merged multi-agency chronology of a case, and its exports (CSV, XLSX, PDF). Every
view and every export is audited."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.views.generic import TemplateView

from casereviews.involvement import prepared
from casereviews.involvement.chronology import (
    ChronologyFilter,
    agencies_with_entries,
    chronology_page,
)
from casereviews.involvement.forms import ChronologyFilterForm
from casereviews.involvement.selectors import latest_go_ahead, requests_of_case
from casereviews.involvement.services.chronology import chronology_read_record
from casereviews.notifications.models import Notification
from casereviews.policy import Action, answer_together, get_in_scope_or_404, may
from casereviews.policy.views import PolicyMixin
from casereviews.prepared.views import PrepareView


class ChronologyMixin(PolicyMixin):
    permission = Action.CHRONOLOGY_VIEW
    scoped = True
    case: Notification
    request: HttpRequest

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.case = get_in_scope_or_404(
            request.user, Action.CHRONOLOGY_VIEW, reference=kwargs["reference"]
        )

    def chosen(self) -> tuple[ChronologyFilterForm, ChronologyFilter]:
        agencies = agencies_with_entries(self.case)
        form = ChronologyFilterForm(self.request.GET or None, agencies=agencies)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            return form, ChronologyFilter(data["agency"], data["start"], data["end"])
        return form, ChronologyFilter()


class ChronologyView(ChronologyMixin, TemplateView):
    template_name = "involvement/chronology.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, chosen = self.chosen()
        chronology_read_record(
            notification=self.case, by=self.user, chosen=chosen, request=self.request
        )
        page = chronology_page(self.case, chosen, self.request.GET.get("after", ""))
        query = self.request.GET.copy()
        query.pop("after", None)
        # Decided from the case as it was read, where its columns settle it.
        answer_together(self.user, self.case, (Action.CHRONOLOGY_SHARE,))
        context.update(
            {
                "case": self.case,
                "form": form,
                "page": page,
                "query": query.urlencode(),
                "requests": requests_of_case(self.case),
                "go_ahead": latest_go_ahead(self.case),
                "may_share": may(self.user, Action.CHRONOLOGY_SHARE, self.case),
            }
        )
        return context


class ChronologyExportView(ChronologyMixin, PrepareView):
    """An export of the chronology, prepared by the worker (casereviews/prepared). Its
    download is audited with its filter."""

    def to_prepare(self, request: HttpRequest, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        _, chosen = self.chosen()
        return prepared.CHRONOLOGY, prepared.chronology_params(
            self.case, chosen, kwargs["file_type"]
        )
