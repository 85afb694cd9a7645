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


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Which role?",
        choices=[("", "- Select an option -"), ("notifier", "Notifier"), ("chair", "Chair")],
        widget=forms.RadioSelect,
    )


def test_radios_never_offer_or_choose_a_blank_option_and_the_summary_links_the_first() -> None:
    """Django gives a model field's radios a blank "- Select an option -" choice, checked
    on a new form; GOV.UK radios start with nothing chosen."""
    page = render(RoleForm(), "role")
    assert "Select an option" not in page
    assert re.findall(r'value="(\w*)"', page) == ["notifier", "chair"]
    assert " checked" not in page
    refused = RoleForm(data={})
    summary = Template("{% govuk_error_summary form %}").render(Context({"form": refused}))
    first_radio = re.findall(r'id="(id_role_\d)"', render(refused, "role"))[0]
    assert f'href="#{first_radio}"' in summary
