"""The base of every API view."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured
from rest_framework.views import APIView

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
        view = super().as_view(**initkwargs)
        view.permission = cls.permission  # type: ignore[attr-defined]
        view.scoped = cls.scoped  # type: ignore[attr-defined]
        # The API signs people in by token, not by the session the sign-in gate checks.
        return login_not_required(view)
