"""The agency's pages: the request, with only what is needed to search the agency's
records, and its answer (Procedure A 4(i))."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.services import audit_record
from casereviews.frameworks.vocabulary import vocabulary
from casereviews.involvement import files
from casereviews.involvement.codes import Code
from casereviews.involvement.forms import AnswerForm, CorrectionForm, EntryForm, UploadForm
from casereviews.involvement.models import ChronologyEntry
from casereviews.involvement.selectors import draft_of, return_versions
from casereviews.involvement.services.returns import (
    ReturnIncomplete,
    chronology_entry_remove,
    chronology_entry_save,
    chronology_import,
    involvement_return_correct,
    involvement_return_save,
    involvement_return_submit,
)
from casereviews.involvement.views.base import RequestPage
from casereviews.kit.refusal import Refused
from casereviews.workflow.services import TransitionRefused

SEND = "send"


class RequestView(RequestPage):
    """The request and the answer being written. Shows the child's and family's names,
    dates of birth and addresses and the incident date: never the notifier's narrative,
    the criteria, another agency's answer or the board's deliberations."""

    form_class = AnswerForm
    template_name = "involvement/request.html"
    title = "Request for information"
    submit_text = "Save and come back later"

    def form_kwargs(self) -> dict[str, Any]:
        draft = draft_of(self.involvement_request)
        if draft is None or self.request.method == "POST":
            return {}
        return {
            "initial": {
                "involvement": draft.involvement,
                "records_searched": draft.records_searched,
                "summary": draft.summary,
            }
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        audit_record(
            request=request,
            action="involvement_request.read",
            obj=self.involvement_request.notification,
            detail={"involvement_request": self.involvement_request.pk},
        )
        return super().get(request, *args, **kwargs)

    def context(self) -> dict[str, Any]:
        case = self.involvement_request.notification
        versions = return_versions(self.involvement_request)
        draft = next((v for v in versions if v.state == "draft"), None)
        return {
            **super().context(),
            "children": case.children.all(),
            "family": case.family_members.all(),
            "versions": versions,
            "draft": draft,
            "entries": draft.entries.order_by("date", "sort_time", "id") if draft else [],
            "answered": any(v.state != "draft" for v in versions),
        }

    def perform(self, form: AnswerForm) -> str:
        data = form.cleaned_data
        involvement_return_save(
            involvement_request=self.involvement_request,
            by=self.user,
            involvement=data["involvement"],
            records_searched=data["records_searched"],
            summary=data["summary"],
            request=self.request,
        )
        if self.request.POST.get("then") == SEND:
            self.next_url = reverse("involvement:send", args=[self.involvement_request.pk])
            return ""
        return "Your answer is saved. It has not been sent yet."

    def done_url(self) -> str:
        return getattr(self, "next_url", "") or self.back_url()


class SendView(RequestPage):
    """Check and send: the answer goes to the board and meets the deadline."""

    form_class = CorrectionForm  # unused fields; the page posts no fields
    template_name = "involvement/send.html"
    title = "Check and send your answer"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(CorrectionForm())

    def context(self) -> dict[str, Any]:
        draft = draft_of(self.involvement_request)
        return {
            **super().context(),
            "draft": draft,
            "entries": draft.entries.order_by("date", "sort_time", "id") if draft else [],
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CorrectionForm()
        try:
            involvement_return_submit(
                involvement_request=self.involvement_request, by=self.user, request=request
            )
        except ReturnIncomplete as incomplete:
            form = CorrectionForm(data={"reason": "-"})
            form.is_valid()
            for _, message in incomplete.problems:
                form.add_error(None, message)
            return self.page(form)
        except TransitionRefused as refused:
            if refused.code == "not_permitted":
                raise Http404("Not found") from refused
            form = CorrectionForm(data={"reason": "-"})
            form.is_valid()
            form.add_error(None, refused.message)
            return self.page(form)
        board = vocabulary(self.involvement_request.notification.framework).board
        messages.success(request, f"Your answer has been sent to the {board}")
        return HttpResponseRedirect(self.back_url())


class EntryView(RequestPage):
    """Add an entry to the skeleton chronology (add another), or change one."""

    form_class = EntryForm
    template_name = "involvement/form.html"
    submit_text = "Save the entry"

    @property
    def title(self) -> str:  # type: ignore[override]
        return "Change the entry" if self.kwargs.get("entry_id") else "Add a chronology entry"

    def entry(self) -> ChronologyEntry | None:
        entry_id = self.kwargs.get("entry_id")
        if entry_id is None:
            return None
        draft = draft_of(self.involvement_request)
        entry = draft.entries.filter(pk=entry_id).first() if draft else None
        if entry is None:
            raise Http404("Not found")
        return entry

    def form_kwargs(self) -> dict[str, Any]:
        entry = self.entry()
        if entry is None or self.request.method == "POST":
            return {}
        return {
            "initial": {
                "date": entry.date,
                "time": f"{entry.time:%H:%M}" if entry.time else "",
                "approximate": entry.approximate,
                "what_happened": entry.what_happened,
                "who_involved": entry.who_involved,
                "source": entry.source,
            }
        }

    def context(self) -> dict[str, Any]:
        return {**super().context(), "offer_another": self.kwargs.get("entry_id") is None}

    def perform(self, form: EntryForm) -> str:
        chronology_entry_save(
            involvement_request=self.involvement_request,
            by=self.user,
            data=form.entry(),
            entry_id=self.kwargs.get("entry_id"),
            request=self.request,
        )
        if self.request.POST.get("then") == "another":
            self.next_url = reverse("involvement:entry-add", args=[self.involvement_request.pk])
            return "The entry is saved: add another"
        return "The entry is saved"

    def done_url(self) -> str:
        return getattr(self, "next_url", "") or self.back_url()


class EntryRemoveView(RequestPage):
    form_class = CorrectionForm
    template_name = "involvement/entry_remove.html"
    title = "Remove this entry?"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        draft = draft_of(self.involvement_request)
        if draft is None or not draft.entries.filter(pk=kwargs["entry_id"]).exists():
            raise Http404("Not found")
        return self.page(CorrectionForm())

    def context(self) -> dict[str, Any]:
        draft = draft_of(self.involvement_request)
        entry = draft.entries.filter(pk=self.kwargs["entry_id"]).first() if draft else None
        return {**super().context(), "entry": entry}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            chronology_entry_remove(
                involvement_request=self.involvement_request,
                by=self.user,
                entry_id=kwargs["entry_id"],
                request=request,
            )
        except TransitionRefused as refused:
            raise Http404("Not found") from refused
        messages.success(request, "The entry is removed")
        return HttpResponseRedirect(self.back_url())


class UploadView(RequestPage):
    form_class = UploadForm
    template_name = "involvement/upload.html"
    title = "Upload your chronology"
    multipart = True

    def context(self) -> dict[str, Any]:
        return {**super().context(), "problems": getattr(self, "problems", [])}

    def perform(self, form: UploadForm) -> str:
        upload = form.cleaned_data["file"]
        try:
            entries, problems = files.read_upload(
                upload.name, upload, size=upload.size, today=timezone.localdate()
            )
        except files.FileRefused as refused:
            raise Refused(str(refused), code=Code.FILE_REFUSED, field="file") from refused
        if problems:
            self.problems = problems
            count = len(problems)
            raise Refused(
                f"{count} {'row has' if count == 1 else 'rows have'} a problem: nothing was "
                "imported. Correct the rows listed and upload the file again",
                code=Code.ROWS,
                field="file",
            )
        imported = chronology_import(
            involvement_request=self.involvement_request,
            by=self.user,
            entries=entries,
            file_name=upload.name,
            request=self.request,
        )
        return f"{imported} {'entry' if imported == 1 else 'entries'} imported from {upload.name}"


class TemplateDownloadView(RequestPage):
    form_class = UploadForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if kwargs["file_type"] == "xlsx":
            response = HttpResponse(files.template_xlsx(), content_type=files.XLSX_TYPE)
        else:
            response = HttpResponse(files.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="chronology-template.{kwargs["file_type"]}"'
        )
        return response


class CorrectView(RequestPage):
    form_class = CorrectionForm
    title = "Correct your answer"
    submit_text = "Start the correction"

    def context(self) -> dict[str, Any]:
        return {
            **super().context(),
            "intro": (
                "Your answer as sent stays with the "
                f"{vocabulary(self.involvement_request.notification.framework).board}, marked "
                "as replaced once you send the correction."
            ),
        }

    def perform(self, form: CorrectionForm) -> str:
        draft = involvement_return_correct(
            involvement_request=self.involvement_request,
            by=self.user,
            reason=form.cleaned_data["reason"],
            request=self.request,
        )
        return f"Correct your answer below, then send version {draft.version}"
