"""Form fields render as the GOV.UK component a person expects."""

from __future__ import annotations

import re

from django import forms
from django.template import Context, Template


class LearningForm(forms.Form):
    learning = forms.MultipleChoiceField(
        label="What could be learned?",
        choices=[("single_agency", "Single agency"), ("working_together", "Working together")],
        widget=forms.CheckboxSelectMultiple,
    )
    review = forms.ChoiceField(
        label="Which review?", choices=[("scr", "SCR"), ("cpir", "CPIR")], widget=forms.RadioSelect
    )


def render(form: forms.Form, field: str) -> str:
    return Template("{% govuk_field form." + field + " %}").render(Context({"form": form}))


def test_a_select_all_that_apply_question_renders_checkboxes_keeping_every_choice() -> None:
    form = LearningForm(data={"learning": ["single_agency", "working_together"]})
    page = render(form, "learning")
    assert 'class="govuk-checkboxes"' in page
    assert re.findall(r'type="(\w+)"', page) == ["checkbox", "checkbox"]
    assert page.count(" checked") == 2


def test_a_choose_one_question_renders_radios() -> None:
    page = render(LearningForm(data={"review": "cpir"}), "review")
    assert 'class="govuk-radios"' in page
    assert re.findall(r'type="(\w+)"', page) == ["radio", "radio"]
    assert page.count(" checked") == 1
