"""The "Upload documents" page of the draft, and the one way to read a document back:
a permission-checked, audited download."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views.generic import View

from casereviews.audit.services import audit_record
from casereviews.frontend.forms import Form
from casereviews.notifications import attachments, services
from casereviews.notifications.document_fields import DocumentField
from casereviews.notifications.form_views import DraftMixin
from casereviews.notifications.models import Attachment
from casereviews.policy import Action, scope
from casereviews.policy.views import PolicyMixin


class AttachmentForm(Form):
    file = DocumentField(
        label="Upload a file",
        error_messages={
            "required": "Select a file to upload",
            "empty": attachments.EMPTY,
            "invalid": "Select a file to upload",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The limits are settings, so the hint is written when the page is.
        self.fields["file"].help_text = attachments.limits_hint()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.cleaned_data["content_type"] = upload.content_type
        return upload


def download_url(attachment: Attachment) -> str:
    return reverse("notifications:attachment", args=[attachment.pk])


class DocumentsView(DraftMixin, View):
    """Documents added so far, with remove links; upload another, or go on."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(AttachmentForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        uploading = "upload" in request.POST
        # "Save and continue" with a file chosen uploads it first: a chosen file is never
        # silently dropped, and a file refused keeps the person on the page with why.
        if uploading or request.FILES.get("file"):
            form = AttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                return self._render(form)
            try:
                attachments.attachment_add(
                    notification=self.notification,
                    upload=form.cleaned_data["file"],
                    content_type=form.cleaned_data["content_type"],
                    by=self.user,
                    request=request,
                )
            except ValidationError as refused:
                form.add_error("file", refused)
                return self._render(form)
            if uploading:
                return redirect("notifications:documents", self.notification.pk)
        services.notification_mark_page_answered(
            notification=self.notification, slug="documents", by=self.user, request=request
        )
        return redirect(self.after("documents"))

    def _render(self, form: AttachmentForm) -> HttpResponse:
        pk = self.notification.pk
        items = [
            {
                "name": row.original_name,
                "detail": filesizeformat(row.size),
                "download_url": download_url(row),
                "remove_url": reverse("notifications:attachment-remove", args=[pk, row.pk]),
            }
            for row in self.notification.attachments.all()
        ]
        return render(
            self.request,
            "notifications/form/documents.html",
            {
                "notification": self.notification,
                "title": "Upload documents",
                "form": form,
                "items": items,
                "back_url": self.before("documents"),
            },
        )


class AttachmentRemoveView(DraftMixin, View):
    """Remove a document from the draft, after asking."""

    def get(self, request: HttpRequest, pk: int, row_id: int) -> HttpResponse:
        row = self._row(row_id)
        return render(
            request,
            "notifications/form/remove.html",
            {
                "notification": self.notification,
                "row": {"full_name": row.original_name},
                "noun": "document",
                "back_url": reverse("notifications:documents", args=[pk]),
            },
        )

    def post(self, request: HttpRequest, pk: int, row_id: int) -> HttpResponse:
        attachments.attachment_remove(
            notification=self.notification,
            attachment=self._row(row_id),
            by=self.user,
            request=request,
        )
        return redirect("notifications:documents", pk)

    def _row(self, row_id: int) -> Attachment:
        found = self.notification.attachments.filter(pk=row_id).first()
        if found is None:
            raise Http404("Not found")
        return found


class AttachmentDownloadView(PolicyMixin, View):
    """A document, to whoever may see its notification (its author while a draft).
    Sent as a download, never shown inline, and every download is audited."""

    permission = Action.NOTIFICATION_VIEW
    scoped = True

    def get(self, request: HttpRequest, attachment_id: int) -> FileResponse:
        visible = scope(request.user, Action.NOTIFICATION_VIEW)
        attachment = (
            Attachment.objects.filter(pk=attachment_id, notification__in=visible)
            .select_related("notification")
            .first()
        )
        if attachment is None:
            raise Http404("Not found")
        try:
            handle = attachments.attachment_open(attachment)
        except FileNotFoundError:
            raise Http404("Not found") from None
        notification = attachment.notification
        audit_record(
            request=request,
            action="notification.attachment_download",
            obj=notification,
            detail={"case": notification.reference, "attachment": attachment.pk}
            if notification.reference
            else {"attachment": attachment.pk},
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
