"""The audit trail pages: the Business Manager searches their board's events; an
administrator sees the events that belong to no board (sign-ins), never case content."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import ListView, TemplateView, View

from casereviews.audit.exports import events_as_csv
from casereviews.audit.forms import AuditSearchForm, CaseReferenceForm, EmailSearchForm
from casereviews.audit.models import AuditEvent
from casereviews.audit.selectors import (
    NEWEST_FIRST,
    audit_events_of_board,
    events_without_board,
    search_period,
    who_has_seen,
)
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.frontend.keyset import AFTER, BEFORE, keyset_page
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin

# What the event tables show (audit/event_table.html), and the key of their order.
EVENT_COLUMNS = (
    "at",
    "sequence",
    "actor_email",
    "actor_organisation",
    "action",
    "object_label",
    "outcome",
    "detail",  # a refusal's subject is the case and page it names (`audit.actions.event_subject`)
)


def _searched(request: HttpRequest) -> bool:
    return any(key not in (AFTER, BEFORE) for key in request.GET)


class BoardAuditMixin(PolicyMixin):
    permission = Action.AUDIT_VIEW

    @property
    def current_board(self) -> Board:
        # The policy has checked AUDIT_VIEW in the current board, so there is one.
        assert self.board is not None
        return self.board

    def search_form(self) -> AuditSearchForm:
        request: HttpRequest = self.request
        data = request.GET if _searched(request) else None
        return AuditSearchForm(data, board=self.current_board)

    def searched_events(self, form: AuditSearchForm) -> QuerySet[AuditEvent]:
        if form.is_bound and not form.is_valid():
            return AuditEvent.objects.none()
        filters = form.filters() if form.is_bound else {}
        return audit_events_of_board(board=self.current_board, **filters)


class AuditSearchView(BoardAuditMixin, ListView[AuditEvent]):
    """Search the events of the current board."""

    template_name = "audit/search.html"
    context_object_name = "events"

    def get_queryset(self) -> QuerySet[AuditEvent]:
        self.form = self.search_form()
        return self.searched_events(self.form).only(*EVENT_COLUMNS)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = keyset_page(
            cast("QuerySet[AuditEvent]", self.object_list),
            ordering=NEWEST_FIRST,
            request=self.request,
        )
        context = super().get_context_data(object_list=page.rows, page=page, **kwargs)
        context["form"] = self.form
        valid = not self.form.is_bound or self.form.is_valid()
        context["can_export"] = valid
        if valid:
            data = self.form.cleaned_data if self.form.is_bound else {}
            start, end = search_period(data.get("date_from"), data.get("date_to"))
            context["period"] = (start, end - datetime.timedelta(days=1))
        return context


class AuditExportView(BoardAuditMixin, View):
    """The search as a CSV file. The export is itself an audited event."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = self.search_form()
        if form.is_bound and not form.is_valid():
            # Back to the search page, which shows what to correct.
            return HttpResponseRedirect(f"{reverse('audit:search')}?{request.GET.urlencode()}")
        events = list(self.searched_events(form))
        search = {key: value for key, value in request.GET.items() if key not in (AFTER, BEFORE)}
        audit_record(
            request=request,
            action="audit.export",
            board=self.current_board,
            detail={"search": search, "events": len(events)},
        )
        response = HttpResponse(events_as_csv(events), content_type="text/csv; charset=utf-8")
        name = f"audit-trail-{self.current_board.code}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class WhoHasSeenView(BoardAuditMixin, TemplateView):
    """Who has seen this case? Everyone who read the case page or its documents."""

    template_name = "audit/who_has_seen.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        data = self.request.GET if "reference" in self.request.GET else None
        form = CaseReferenceForm(data, board=self.current_board)
        context["form"] = form
        if form.is_bound and form.is_valid():
            case = form.cleaned_data["reference"]
            context["case"] = case
            context["readers"] = who_has_seen(case=case)
        return context


class EventsWithoutBoardView(PolicyMixin, ListView[AuditEvent]):
    """For administrators: sign-ins and other events of no board. No case content."""

    permission = Action.ADMINISTER
    template_name = "audit/without_board.html"
    context_object_name = "events"

    def get_queryset(self) -> QuerySet[AuditEvent]:
        self.form = EmailSearchForm(self.request.GET if _searched(self.request) else None)
        if self.form.is_bound and not self.form.is_valid():
            return AuditEvent.objects.none()
        email = self.form.cleaned_data.get("email", "") if self.form.is_bound else ""
        return events_without_board(email=email).only(*EVENT_COLUMNS)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = keyset_page(
            cast("QuerySet[AuditEvent]", self.object_list),
            ordering=NEWEST_FIRST,
            request=self.request,
        )
        context = super().get_context_data(object_list=page.rows, page=page, **kwargs)
        return {**context, "form": self.form}
