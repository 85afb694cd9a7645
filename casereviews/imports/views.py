"""The import page: the template to download, then one upload that is checked whole (the
dry run) and imported only when every row is good (docs/adr/0033)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from casereviews.imports import sheet
from casereviews.imports.columns import ACTION_STATES, COLUMNS, DECISIONS, REVIEW_TYPES, STAGES
from casereviews.imports.forms import ImportForm
from casereviews.imports.services import cases_import
from casereviews.involvement.files import XLSX_TYPE
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class ImportView(PolicyMixin, View):
    permission = Action.CASES_IMPORT
    template_name = "imports/import.html"

    def show(self, form: ImportForm, **context: Any) -> HttpResponse:
        context.update(
            {
                "form": form,
                "columns": [heading for _, heading in COLUMNS],
                "stages": sorted(STAGES),
                "decisions": sorted(DECISIONS),
                "review_types": sorted(REVIEW_TYPES),
                "action_states": sorted(ACTION_STATES),
            }
        )
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.show(ImportForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        assert self.board is not None  # the policy checked the role in it
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(form)
        upload = form.cleaned_data["file"]
        try:
            rows = sheet.read_sheet(upload.name, upload, size=upload.size)
            run = sheet.dry_run(self.board, rows, today=timezone.localdate())
        except sheet.SheetRefused as refused:
            form.add_error("file", str(refused))
            return self.show(form)
        if run.problems:
            count = len({problem.row for problem in run.problems})
            form.add_error(
                "file",
                f"{_plural(count, 'row has a problem', 'rows have a problem')}: nothing was "
                "imported. Correct the rows listed and upload the file again",
            )
            return self.show(form, problems=run.problems)
        upload.seek(0)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        if request.POST.get("intent") == "check":
            return self.show(ImportForm(), checked=run, file_name=upload.name)
        done = cases_import(
            board=self.board,
            run=run,
            by=self.user,
            file_name=upload.name,
            sha256=digest.hexdigest(),
            request=request,
        )
        messages.success(
            request,
            f"{_plural(done.created, 'case', 'cases')} imported; "
            f"{_plural(done.unchanged, 'case was', 'cases were')} already imported and "
            "left unchanged",
        )
        return HttpResponseRedirect(reverse("imports:import"))


class TemplateView(PolicyMixin, View):
    permission = Action.CASES_IMPORT

    def get(self, request: HttpRequest, file_type: str) -> HttpResponse:
        if file_type == "xlsx":
            response = HttpResponse(sheet.template_xlsx(), content_type=XLSX_TYPE)
        elif file_type == "csv":
            response = HttpResponse(sheet.template_csv(), content_type="text/csv; charset=utf-8")
        else:
            raise Http404("Not found")
        response["Content-Disposition"] = f'attachment; filename="cases-template.{file_type}"'
        return response
