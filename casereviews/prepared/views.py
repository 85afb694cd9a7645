"""A prepared file's page, and its download: for its reader only, anyone else is told
"not found". While the file is being prepared the page says so, with a link to check
again (no JavaScript needed; no automatic refresh, which would move the page under a
reader's feet: WCAG 2.2.1), and offers the file once it is ready."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import View

from casereviews.policy import SIGNED_IN
from casereviews.policy.views import PolicyMixin
from casereviews.prepared.kinds import kind_of
from casereviews.prepared.models import PreparedFile
from casereviews.prepared.services import HOLDER, prepared_key, prepared_redirect
from casereviews.storage import document_open


class PrepareView(View):
    """An export link's page: GET says what will be prepared and asks (it changes
    nothing); POST asks the worker and answers with the file's page. The view it is mixed
    into has checked the policy; `to_prepare` gives the kind and its parameters."""

    def to_prepare(self, request: HttpRequest, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        kind, params = self.to_prepare(request, **kwargs)
        waiting = PreparedFile.objects.filter(
            reader=request.user.pk,
            kind=kind,
            key=prepared_key(params),
            state__in=PreparedFile.IN_FLIGHT,
        ).first()
        title = kind_of(kind).title(params)
        return render(request, "prepared/ask.html", {"title": title, "waiting": waiting})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        kind, params = self.to_prepare(request, **kwargs)
        return prepared_redirect(kind=kind, params=params, by=request.user)  # type: ignore[arg-type]


class PreparedMixin(PolicyMixin):
    permission = SIGNED_IN
    prepared: PreparedFile

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        found = PreparedFile.objects.filter(pk=kwargs["pk"], reader=self.user).first()
        if found is None:
            raise Http404("Not found")
        self.prepared = found


class PreparedFileView(PreparedMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        prepared = self.prepared
        return render(
            request,
            "prepared/file.html",
            {
                "prepared": prepared,
                "title": kind_of(prepared.kind).title(prepared.params),
            },
        )


class PreparedDownloadView(PreparedMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        prepared = self.prepared
        if prepared.state != PreparedFile.State.READY:
            raise Http404("Not found")
        # Through the policy again: the reader may no longer see what the file holds.
        kind_of(prepared.kind).downloaded(request, prepared)
        try:
            handle = document_open(holder=HOLDER, name=prepared.stored_name)
        except FileNotFoundError as missing:
            raise Http404("Not found") from missing
        return FileResponse(
            handle,
            as_attachment=True,
            filename=prepared.filename,
            content_type=prepared.content_type,
        )
