"""The "add another" forms of the CRNF A: a child, a family member or significant other
(made from `crnf.description` in `forms.py`), and which child the criteria answers are
about."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from casereviews.frontend.forms import Form
from casereviews.notifications.forms import ChildForm, FamilyMemberForm

__all__ = ["ChildForm", "FamilyMemberForm", "SubjectChildForm"]


class SubjectChildForm(Form):
    subject_child = forms.TypedChoiceField(
        label="Which child died or was most seriously harmed?",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="The questions about the criteria for a review are about this child.",
        error_messages={"required": "Select the child who died or was most seriously harmed"},
    )

    def __init__(self, *args: Any, children: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["subject_child"]).choices = children
