"""Pages for setting a password from an e-mailed link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from casereviews.accounts.forms import NewPasswordForm, PasswordResetRequestForm
from casereviews.accounts.password_reset import password_reset_complete, password_reset_request
from casereviews.policy import PUBLIC
from casereviews.policy.views import PolicyMixin


class PasswordResetRequestView(PolicyMixin, FormView[PasswordResetRequestForm]):
    """ "Forgotten your password?" The same answer whether or not the address is known."""

    permission = PUBLIC
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_request.html"

    def form_valid(self, form: PasswordResetRequestForm) -> HttpResponse:
        password_reset_request(request=self.request, email=form.cleaned_data["email"])
        return HttpResponseRedirect(reverse("accounts:password-reset-sent"))


class PasswordResetSentView(PolicyMixin, TemplateView):
    permission = PUBLIC
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(PolicyMixin, auth_views.PasswordResetConfirmView):
    """Set a new password. This does not sign the person in: they must then sign in with
    the new password and their second factor."""

    permission = PUBLIC
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    post_reset_login = False
    # Django's view keeps the person the link is for here, not the signed-in user.
    user: Any = None

    def form_valid(self, form: NewPasswordForm) -> HttpResponse:  # type: ignore[override]
        password_reset_complete(
            request=self.request,
            user=self.user,
            password=form.cleaned_data["new_password1"],
        )
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(
            self.request,
            "Your password has been set. Sign in with your new password and your authenticator app",
        )
        return HttpResponseRedirect(reverse("accounts:sign-in"))
