"""The one form field for a document upload, wherever a document is uploaded (a
notification's documents, a review's documents, an action's evidence): it runs
`attachments.check_upload` itself, so no form can take a document without the check
(docs/adr/0020). The file it gives back carries the checked content type, not the one
the browser claimed."""

from __future__ import annotations

from typing import Any

from django import forms

from casereviews.notifications import attachments


class DocumentField(forms.FileField):
    """A PDF, .docx, JPG or PNG that is what its name says and runs, fetches, opens and
    carries nothing (`attachments.check_upload`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": attachments.ACCEPT_ATTRIBUTE})
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            upload.content_type = attachments.check_upload(upload)
        return upload
