from __future__ import annotations

from django import forms

from casereviews.frontend.forms import Form


class ApiTokenForm(Form):
    name = forms.CharField(
        label="Name of the new token",
        max_length=100,
        help_text=(
            "So you can tell your tokens apart, for example the name of the program that uses it"
        ),
        error_messages={"required": "Enter a name for the token"},
    )
