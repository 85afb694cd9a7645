from __future__ import annotations

from typing import Any

from django import forms

from casereviews.assessments.models import VERIFICATION_OUTCOMES, Theme
from casereviews.frontend.forms import Form


class VerificationForm(Form):
    """The Business Manager's decision. Which fields must be filled in depends on the
    outcome and on the engine's recommendation, so the service decides and this form
    carries its messages to the fields."""

    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=[(o.value, o.label) for o in VERIFICATION_OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision"},
    )
    review_to_consider = forms.CharField(
        label="If the criteria are not met: the review or audit the board should consider",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "For example a single-agency review, or an audit of practice by one or more agencies"
        ),
    )
    message = forms.CharField(
        label="If you return it: what the notifier needs to tell you",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The notifier sees this message and can amend and resubmit the notification",
    )
    reason = forms.CharField(
        label="If your decision differs from the recommendation: why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ThemesForm(Form):
    themes = forms.ModelMultipleChoiceField(
        label="Themes of this case",
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Select all that apply. Earlier reviews of the board sharing a theme are shown below."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].label_from_instance = lambda theme: theme.name  # type: ignore[attr-defined]


class NotifiabilityForm(Form):
    """The Business Manager's judgement whether a partnership's incident is notifiable to
    the Child Safeguarding Practice Review Panel. Whether a reason is needed depends on the
    engine's answer, so the service decides and this form carries its message."""

    notifiable = forms.TypedChoiceField(
        label="Is the incident notifiable to the Child Safeguarding Practice Review Panel?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="A child has died or been seriously harmed, and abuse or neglect is known or "
        "suspected (Children Act 2004, section 16C(1)). If yes, the local authority must notify "
        "the Panel within 5 working days of becoming aware of the incident. If no, the "
        "safeguarding partners decide on another form of learning review or no review.",
        error_messages={"required": "Select yes if the incident is notifiable to the Panel"},
    )
    reason = forms.CharField(
        label="If your judgement differs from the criteria engine's answer: why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
