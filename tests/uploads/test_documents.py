"""The document corpus (tests/uploads/corpus.py, built by the tests) through the one
check every document upload goes through, and that check on every upload surface of
the service, found by walking its forms (docs/adr/0020)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import get_resolver

from casereviews.notifications import attachments
from casereviews.notifications.document_fields import DocumentField
from casereviews.uploads import word
from casereviews.uploads.spreadsheets import SpreadsheetField
from tests.notifications import files
from tests.uploads.corpus import ACCEPTED, REFUSED


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_every_file_of_a_refused_class_is_refused_with_why(name: str) -> None:
    content, message = REFUSED[name]
    with pytest.raises(ValidationError) as refused:
        attachments.check_upload(files.upload(name, content))
    assert refused.value.messages == [message]


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_the_same_kinds_of_file_with_nothing_active_are_accepted(name: str) -> None:
    assert attachments.check_upload(files.upload(name, ACCEPTED[name]))


def _every_form() -> list[type[forms.Form]]:
    """Every form of the service that a page or the API uses: the URLconf imports every
    view, and so every form."""
    assert get_resolver().url_patterns
    found: list[type[forms.Form]] = []
    stack: list[type[forms.Form]] = [forms.Form, forms.ModelForm]  # type: ignore[list-item]
    while stack:
        form = stack.pop()
        stack.extend(form.__subclasses__())
        if form.__module__.startswith("casereviews."):
            found.append(form)
    return found


def _file_fields() -> dict[str, forms.Field]:
    return {
        f"{form.__module__}.{form.__qualname__}.{name}": field
        for form in _every_form()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.FileField)
    }


def test_every_file_field_of_the_service_is_a_checked_document_or_a_bounded_spreadsheet():
    fields = _file_fields()
    assert len(fields) >= 5  # the notification's, the review's three, the chronology's
    wrong = [
        name
        for name, field in fields.items()
        if not isinstance(field, DocumentField | SpreadsheetField)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "name",
    sorted(name for name, field in _file_fields().items() if isinstance(field, DocumentField)),
)
def test_every_document_upload_surface_refuses_the_corpus(name: str) -> None:
    """Each document field itself refuses every file of the corpus, whichever form it
    is on: the check cannot be forgotten by a form's own cleaning."""
    field = _file_fields()[name]
    for file_name in ("External OLE link (Follina).docx", "Embedded program.pdf"):
        content, message = REFUSED[file_name]
        with pytest.raises(ValidationError) as refused:
            field.clean(files.upload(file_name, content))
        assert refused.value.messages == [message]
    assert REFUSED["External OLE link (Follina).docx"][1] == word.WORD_LINKS
