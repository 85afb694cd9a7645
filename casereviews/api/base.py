"""The base of every API view."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from casereviews.audit.services import audit_access_denied
from casereviews.policy import Permission


class PolicyAPIView(APIView):
    """Every API view inherits this and names its `permission`, like a page
    (`casereviews.policy.views.PolicyMixin`); `PolicyPermission` checks it."""

    permission: ClassVar[Permission]
    scoped: ClassVar[bool] = False

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        if not isinstance(getattr(cls, "permission", None), str):
            raise ImproperlyConfigured(f"{cls.__name__} must name its permission")
        view: Any = super().as_view(**initkwargs)
        view.permission = cls.permission
        view.scoped = cls.scoped
        # The API signs people in by token, not by the session the sign-in gate checks.
        return login_not_required(view)

    def handle_exception(self, exc: Exception) -> Response:
        # Refusals are audited as the pages' are (`PolicyMixin.dispatch`): a signed-in
        # person refused (403) or told "not found" (404).
        status = {Http404: 404, exceptions.NotFound: 404}.get(type(exc))
        if isinstance(exc, PermissionDenied | exceptions.PermissionDenied):
            status = 403
        user = getattr(self.request, "user", None)
        if status and user is not None and user.is_authenticated:
            audit_access_denied(
                request=self.request._request, permission=self.permission, status=status
            )
        return super().handle_exception(exc)
