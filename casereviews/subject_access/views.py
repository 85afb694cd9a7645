"""The data protection officer's pages: the board's subject access requests, one
request with everything found about its person, its exports, its extension and the
record of what was released. Every search and export is audited."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import View

from casereviews.frontend.text import export_cell
from casereviews.policy import Action, get_in_scope_or_404
from casereviews.policy.views import PolicyMixin
from casereviews.subject_access import deadline, services
from casereviews.subject_access.forms import ExtendForm, ReleaseForm, RequestForm
from casereviews.subject_access.models import SubjectAccessRequest
from casereviews.subject_access.search import Found, person_search

EXPORTS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


def _due(sar: SubjectAccessRequest) -> dict[str, Any]:
    return {
        "due_on": deadline.due_on(sar.received_on, extended=sar.extended_on is not None),
        "first_month_ends": deadline.due_on(sar.received_on),
    }


class RequestsView(PolicyMixin, View):
    permission = Action.SUBJECT_ACCESS

    def get(self, request: HttpRequest) -> HttpResponse:
        requests = SubjectAccessRequest.objects.filter(board=self.board)
        rows = [{"sar": sar, **_due(sar)} for sar in requests[:200]]
        return self.show(RequestForm(), rows)

    def show(self, form: RequestForm, rows: list[dict[str, Any]]) -> HttpResponse:
        return render(self.request, "subject_access/requests.html", {"form": form, "rows": rows})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RequestForm(request.POST)
        if not form.is_valid():
            return self.show(form, [])
        assert self.board is not None
        sar = services.sar_create(
            board=self.board, by=self.user, request=request, **form.cleaned_data
        )
        return redirect("subject_access:detail", pk=sar.pk)


class RequestMixin(PolicyMixin):
    """One request, fetched through the policy: another board's is "not found"."""

    permission = Action.SUBJECT_ACCESS
    scoped = True
    sar: SubjectAccessRequest

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase | None:
        self.sar = get_in_scope_or_404(request.user, Action.SUBJECT_ACCESS, pk=kwargs["pk"])
        return None


def _choices(found: list[Found]) -> list[tuple[str, str]]:
    return [
        (item.key, f"{item.case + ': ' if item.case else ''}{item.what} (number {item.number})")
        for item in found
    ]


class RequestView(RequestMixin, View):
    def show(self, form: ReleaseForm | None = None) -> HttpResponse:
        found = services.sar_search(sar=self.sar, by=self.user, request=self.request)
        if form is None:
            form = ReleaseForm(choices=_choices(found))
        else:
            form.offer(_choices(found))
        return render(
            self.request,
            "subject_access/request.html",
            {
                "sar": self.sar,
                "found": found,
                "form": form,
                "releases": self.sar.releases.select_related("released_by"),
                "may_extend": self.sar.extended_on is None
                and timezone.localdate() <= deadline.due_on(self.sar.received_on),
                **_due(self.sar),
            },
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.show()

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        found = person_search(self.sar.board, self.sar.full_name)
        form = ReleaseForm(request.POST, choices=_choices(found))
        if not form.is_valid():
            return self.show(form)
        services.sar_release_record(
            sar=self.sar, by=self.user, request=request, **form.cleaned_data
        )
        messages.success(request, "What was released is recorded")
        return redirect("subject_access:detail", pk=self.sar.pk)


class ExtendView(RequestMixin, View):
    def show(self, form: ExtendForm) -> HttpResponse:
        return render(
            self.request,
            "subject_access/extend.html",
            {"form": form, "sar": self.sar, **_due(self.sar)},
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.show(ExtendForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = ExtendForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        try:
            services.sar_extend(
                sar=self.sar, reason=form.cleaned_data["reason"], by=self.user, request=request
            )
        except services.TooLate:
            form.add_error(
                "reason",
                "The first month has passed: an extension must be decided and told to the "
                "person within one month of receiving the request",
            )
            return self.show(form)
        messages.success(request, "The request is extended by two months")
        return redirect("subject_access:detail", pk=self.sar.pk)


def as_json(sar: SubjectAccessRequest, found: list[Found]) -> bytes:
    data = {
        "request": sar.pk,
        "received_on": sar.received_on.isoformat(),
        "records": [
            {"case": item.case, "record": item.what, "fields": dict(item.fields)} for item in found
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def as_csv(found: list[Found]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Case", "Record", "Field", "Value"])
    for item in found:
        for field, value in item.fields:
            writer.writerow([export_cell(v) for v in (item.case, item.what, field, value)])
    return out.getvalue().encode()


class ExportView(RequestMixin, View):
    """Everything found, as a file to review before release. Every export is audited."""

    def get(self, request: HttpRequest, pk: int, file_type: str) -> HttpResponse:
        if file_type not in EXPORTS:
            raise Http404("Not found")
        found = services.sar_search(sar=self.sar, by=self.user, request=request, export=file_type)
        if file_type == "json":
            content = as_json(self.sar, found)
        elif file_type == "csv":
            content = as_csv(found)
        else:
            html = render_to_string(
                "subject_access/export_pdf.html", {"sar": self.sar, "found": found}
            )
            import weasyprint  # heavy: loaded only when a PDF is asked for

            content = weasyprint.HTML(string=html).write_pdf() or b""
        response = HttpResponse(content, content_type=EXPORTS[file_type])
        name = f"subject-access-{self.sar.pk}.{file_type}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
