from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.views.generic import TemplateView

from casereviews.accounts.forms import SignInForm
from casereviews.policy import PUBLIC
from casereviews.policy.views import PolicyMixin


class SignInView(PolicyMixin, auth_views.LoginView):
    permission = PUBLIC
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(PolicyMixin, auth_views.LogoutView):  # type: ignore[misc]
    permission = PUBLIC


class SignedOutView(PolicyMixin, TemplateView):
    permission = PUBLIC
    template_name = "accounts/signed_out.html"
