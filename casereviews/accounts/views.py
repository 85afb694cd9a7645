"""Signing in (password, then a second factor), enrolment, signing out."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.auth import views as auth_views
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import FormView, TemplateView, View

from casereviews.accounts import services
from casereviews.accounts.addresses import client_address
from casereviews.accounts.forms import RecoveryCodeForm, SecondFactorForm, SignInForm
from casereviews.accounts.middleware import second_factor_url
from casereviews.accounts.throttling import LOCKED_MESSAGE, sign_in_locked
from casereviews.policy import PUBLIC, SIGNED_IN
from casereviews.policy.views import PolicyMixin

NEXT_SESSION_KEY = "sign_in_next"
RECOVERY_CODES_SESSION_KEY = "recovery_codes_to_show"


class SignInView(PolicyMixin, auth_views.LoginView):
    """Step one: e-mail address and password. The same answer for any wrong pair,
    whether or not the address belongs to anyone."""

    permission = PUBLIC
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = request.POST.get("username", "").strip().lower()
        if email and sign_in_locked(email=email, ip_address=client_address(request)):
            services.sign_in_throttled(request=request, email=email, stage="password")
            form = self.get_form()
            form.is_bound = False  # show the page again without checking the password
            return self.render_to_response(
                self.get_context_data(form=form, locked_message=LOCKED_MESSAGE)
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        next_url = self.get_success_url()
        services.sign_in_password_accepted(request=self.request, user=form.get_user())
        self.request.session[NEXT_SESSION_KEY] = next_url
        return HttpResponseRedirect(second_factor_url(self.authenticated))

    def form_invalid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        if form.has_error("__all__", "invalid_login") or form.has_error("__all__", "inactive"):
            services.sign_in_password_failed(
                request=self.request, email=str(form.cleaned_data.get("username", ""))
            )
        return super().form_invalid(form)


class SecondFactorStepMixin(PolicyMixin):
    """Pages for a person who has given their password but not yet their second factor."""

    permission = SIGNED_IN

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and services.is_verified(request.user):
            return HttpResponseRedirect(reverse("frontend:home"))
        return super().dispatch(request, *args, **kwargs)

    def signed_in(self) -> HttpResponse:
        return HttpResponseRedirect(
            self.request.session.pop(NEXT_SESSION_KEY, None) or reverse("frontend:home")
        )

    def refuse(self, form: Form, message: str) -> HttpResponse:
        form.add_error("code", message)
        return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]


class SecondFactorView(SecondFactorStepMixin, FormView[SecondFactorForm]):
    """Step two: a code from the authenticator app."""

    form_class = SecondFactorForm
    template_name = "accounts/second_factor.html"
    recovery = False
    wrong_code = (
        "The code is not correct or has already been used. Enter the code shown in your app now"
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if (
            request.user.is_authenticated
            and not services.is_verified(request.user)
            and services.totp_device(self.user) is None
        ):
            return HttpResponseRedirect(reverse("accounts:enrol"))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Form) -> HttpResponse:
        if sign_in_locked(email=self.user.email, ip_address=client_address(self.request)):
            services.sign_in_throttled(
                request=self.request, email=self.user.email, stage="second_factor"
            )
            return self.refuse(form, LOCKED_MESSAGE)
        if not services.sign_in_second_factor_verify(
            request=self.request,
            user=self.user,
            code=form.cleaned_data["code"],
            recovery=self.recovery,
        ):
            return self.refuse(form, self.wrong_code)
        return self.signed_in()


class RecoveryCodeView(SecondFactorView):
    """Step two without the app: one of the single-use recovery codes."""

    form_class = RecoveryCodeForm  # type: ignore[assignment]
    template_name = "accounts/recovery_code.html"
    recovery = True
    wrong_code = "The recovery code is not correct or has already been used"


def _qr_code_svg(url: str) -> str:
    """The QR code as inline SVG: no request to another site, no inline style."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code" class="app-qr-code" ', 1)


class EnrolView(SecondFactorStepMixin, FormView[SecondFactorForm]):
    """First sign-in: set up an authenticator app, then confirm it with a code."""

    form_class = SecondFactorForm
    template_name = "accounts/enrol.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Someone who already has an app must use it: enrolment never replaces it.
        if request.user.is_authenticated and services.totp_device(self.user) is not None:
            return HttpResponseRedirect(reverse("accounts:second-factor"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        device = services.totp_enrolment_device(user=self.user)
        secret = base64.b32encode(device.bin_key).decode()
        return super().get_context_data(
            qr_code=mark_safe(_qr_code_svg(device.config_url)),  # noqa: S308 - made by qrcode from our own URL
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **kwargs,
        )

    def form_valid(self, form: Form) -> HttpResponse:
        if sign_in_locked(email=self.user.email, ip_address=client_address(self.request)):
            services.sign_in_throttled(
                request=self.request, email=self.user.email, stage="enrolment"
            )
            return self.refuse(form, LOCKED_MESSAGE)
        codes = services.totp_enrolment_confirm(
            request=self.request, user=self.user, code=form.cleaned_data["code"]
        )
        if codes is None:
            return self.refuse(
                form, "The code is not correct. Enter the code shown in your app now"
            )
        self.request.session[RECOVERY_CODES_SESSION_KEY] = codes
        return HttpResponseRedirect(reverse("accounts:recovery-codes"))


class RecoveryCodesView(PolicyMixin, View):
    """The recovery codes, shown once, straight after enrolment."""

    permission = SIGNED_IN

    def get(self, request: HttpRequest) -> HttpResponse:
        codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
        if not codes:
            return HttpResponseRedirect(reverse("frontend:home"))
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": request.session.pop(NEXT_SESSION_KEY, None)},
        )


class SignOutView(PolicyMixin, View):
    """Signing out ends every session the person has, on any computer."""

    permission = PUBLIC
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        services.sign_out(request=request)
        return HttpResponseRedirect(reverse("accounts:signed-out"))


class SignedOutView(PolicyMixin, TemplateView):
    permission = PUBLIC
    template_name = "accounts/signed_out.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        reason = self.request.GET.get("reason")
        return super().get_context_data(
            reason=reason if reason in {"idle", "limit"} else None, **kwargs
        )
