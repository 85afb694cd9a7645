from __future__ import annotations

from typing import Any

from django import forms

from casereviews.accounts.models import User
from casereviews.administration.services import ADMINISTRATORS_HOLD_NO_ROLE, ALREADY_HELD
from casereviews.boards.contacts import business_managers_active
from casereviews.boards.models import (
    Board,
    BoardFramework,
    BusinessManagerDeputy,
    Organisation,
    RoleGrant,
)
from casereviews.frameworks.vocabulary import FRAMEWORK_CHOICES
from casereviews.frontend.forms import DateField, Form, ModelForm


class BoardForm(ModelForm[Board]):
    class Meta:
        model = Board
        fields = (
            "name",
            "code",
            "secure_email",
            "partners",
            "agency_return_days_before_meeting",
        )
        widgets = {"partners": forms.CheckboxSelectMultiple}
        error_messages = {
            "name": {
                "required": "Enter the board's name",
                "unique": "A board with this name already exists",
            },
            "code": {
                "required": "Enter the board's short code, like BF",
                "unique": "Another board uses this code",
            },
        }


class OrganisationForm(ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ("name", "type", "secure_email")
        widgets = {"type": forms.RadioSelect}
        error_messages = {
            "name": {
                "required": "Enter the organisation's name",
                "unique": "An organisation with this name already exists",
            },
            "type": {"required": "Select the type of organisation"},
        }


class UserForm(ModelForm[User]):
    class Meta:
        model = User
        fields = (
            "full_name",
            "email",
            "organisation",
            "job_title",
            "is_administrator",
            "is_active",
        )
        labels = {
            "full_name": "Full name",
            "email": "Email address",
            "is_administrator": "Administrator (manages people and boards; cannot open cases)",
            "is_active": "Can sign in",
        }
        error_messages = {
            "full_name": {"required": "Enter the person's full name"},
            "email": {
                "required": "Enter the person's email address",
                "unique": "Someone already uses this email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
            "organisation": {"required": "Select the person's organisation"},
        }

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean_is_administrator(self) -> bool:
        administrator = bool(self.cleaned_data["is_administrator"])
        if administrator and self.instance.pk and self.instance.role_grants.exists():
            raise forms.ValidationError(ADMINISTRATORS_HOLD_NO_ROLE)
        return administrator


class RoleGrantForm(ModelForm[RoleGrant]):
    class Meta:
        model = RoleGrant
        fields = ("board", "role")
        widgets = {"role": forms.RadioSelect}
        error_messages = {
            "board": {"required": "Select the board"},
            "role": {"required": "Select the role"},
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        board = self.fields["board"]
        assert isinstance(board, forms.ModelChoiceField)
        board.empty_label = "Choose a board"
        board.label = "Which board?"
        self.fields["role"].label = "Which role?"

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if self.user.is_administrator:
            raise forms.ValidationError(ADMINISTRATORS_HOLD_NO_ROLE)
        if RoleGrant.objects.filter(
            user=self.user, board=cleaned.get("board"), role=cleaned.get("role")
        ).exists():
            raise forms.ValidationError(ALREADY_HELD)
        return cleaned


class DeputyForm(Form):
    """Name a deputy for the board's Business Manager, by their e-mail address."""

    email = forms.EmailField(
        label="The deputy's e-mail address",
        help_text="The person must already use the service. While a Business Manager is "
        "absent, what is sent to the Business Manager goes to the deputy as well.",
        error_messages={
            "required": "Enter the deputy's e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
    )

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.board = board

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError("Nobody uses the service with this e-mail address")
        if BusinessManagerDeputy.objects.filter(board=self.board, person=person).exists():
            raise forms.ValidationError(f"{person.full_name} is already a deputy of this board")
        return person


class AbsenceForm(Form):
    """Mark one of the board's Business Managers absent between two dates."""

    person = forms.ModelChoiceField(
        label="Which Business Manager is absent?",
        queryset=User.objects.none(),
        empty_label="Choose a Business Manager",
        error_messages={"required": "Select the Business Manager who is absent"},
    )
    starts_on = DateField(
        label="First day of absence",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the first day of absence"},
    )
    ends_on = DateField(
        label="Last day of absence",
        help_text="For example, 3 4 2026",
        error_messages={"required": "Enter the last day of absence"},
    )

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = business_managers_active(board).order_by("full_name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day of absence must be on or after the first day")
        return cleaned


class BoardFrameworkForm(ModelForm[BoardFramework]):
    """A framework the board runs new cases under from a date (a board becoming a
    safeguarding partnership). Cases already submitted keep theirs."""

    class Meta:
        model = BoardFramework
        fields = ("framework", "effective_from")
        widgets = {"framework": forms.RadioSelect}
        labels = {"effective_from": "From which date (cases submitted on or after it)"}
        error_messages = {
            "framework": {"required": "Select the framework"},
            "effective_from": {
                "required": "Enter the date the framework takes effect",
                "invalid": "Enter the date as a real date, like 2027-01-04",
            },
        }

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.board = board

    def clean_effective_from(self) -> Any:
        day = self.cleaned_data["effective_from"]
        if BoardFramework.objects.filter(board=self.instance.board, effective_from=day).exists():
            raise forms.ValidationError("The board already changes framework on this date")
        return day


class FrameworkMoveForm(Form):
    """Move one submitted case, named by its reference, to another framework."""

    reference = forms.CharField(
        label="Case reference",
        max_length=20,
        help_text="Like BF-2026-0007",
        error_messages={"required": "Enter the case's reference"},
    )
    framework = forms.ChoiceField(
        label="Move it to",
        choices=FRAMEWORK_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the framework to move the case to"},
    )
    reason = forms.CharField(
        label="Why is the case moving?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for the move"},
    )
