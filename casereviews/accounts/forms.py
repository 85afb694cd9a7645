from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

from casereviews.accounts.models import User
from casereviews.frontend.forms import CleanTextMixin, Form


class SignInForm(CleanTextMixin, AuthenticationForm):
    """E-mail address and password. The same message whatever was wrong."""

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "Enter a correct email address and password",
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class SecondFactorForm(Form):
    """The 6-digit code from the person's authenticator app."""

    code = forms.CharField(
        label="Enter the 6-digit code from your authenticator app",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).replace(" ", "")
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError("Enter the code as 6 numbers, like 123456")
        return code


class RecoveryCodeForm(Form):
    """One of the recovery codes the person was given when they set up their app."""

    code = forms.CharField(
        label="Enter one of your recovery codes",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter one of your recovery codes"},
    )


class PasswordResetRequestForm(Form):
    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class NewPasswordForm(CleanTextMixin, SetPasswordForm[User]):
    """A new password: at least 12 characters and not a common one; nothing else required."""

    error_messages = {
        "password_mismatch": "The passwords do not match. Enter the same password twice"
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = "New password"
        first.help_text = (
            "Use at least 12 characters. Three or four unrelated words make a password "
            "that is strong and easy to remember."
        )
        first.error_messages["required"] = "Enter a new password"
        second.label = "Confirm new password"
        second.help_text = ""
        second.error_messages["required"] = "Enter the new password again"
