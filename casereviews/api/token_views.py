"""The "Your API tokens" page: make a token (shown once) and revoke tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import FormView, View

from casereviews.api.forms import ApiTokenForm
from casereviews.api.models import ApiToken
from casereviews.api.services import api_token_create, api_token_revoke
from casereviews.policy import SIGNED_IN
from casereviews.policy.views import PolicyMixin


class ApiTokensView(PolicyMixin, FormView[ApiTokenForm]):
    permission = SIGNED_IN
    template_name = "api/tokens.html"
    form_class = ApiTokenForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["tokens"] = ApiToken.objects.filter(user=self.user)
        return context

    def form_valid(self, form: ApiTokenForm) -> HttpResponse:
        row, token = api_token_create(
            user=self.user, name=form.cleaned_data["name"], request=self.request
        )
        # Rendered, not redirected: the token is shown this once and kept nowhere.
        return self.render_to_response(
            self.get_context_data(form=ApiTokenForm(), new_token=token, new_row=row)
        )


class ApiTokenRevokeView(PolicyMixin, View):
    permission = SIGNED_IN
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        # Another person's token answers "not found", like one that does not exist.
        token = get_object_or_404(ApiToken, pk=pk, user=self.user)
        api_token_revoke(token=token, by=self.user, request=request)
        messages.success(request, f"Token “{token.name}” revoked")
        return HttpResponseRedirect(reverse("api-tokens:list"))
