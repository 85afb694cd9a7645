from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from casereviews.frontend.forms import Form
from casereviews.uploads import spreadsheets


class ImportForm(Form):
    file = spreadsheets.SpreadsheetField(
        label="Upload the board's cases",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": "Select a CSV or Excel file"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The bounds are settings, so the hint is written when the page is.
        self.fields["file"].help_text = spreadsheets.bounds_hint(settings.IMPORT_ROWS)
