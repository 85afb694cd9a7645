"""The API asks the same permission policy as the pages (`casereviews.policy`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.permissions import BasePermission

from casereviews.policy import may

if TYPE_CHECKING:
    from rest_framework.request import Request


class PolicyPermission(BasePermission):
    """Reads the view's declared `permission`, as `PolicyMixin` does for pages.

    Board-level actions are asked without a board (the API has no board switcher): the
    person must hold the action in at least one board. A scoped view fetches its object
    through `policy.get_in_scope_or_404`, so a case that may not be seen is "not found".
    A view that names no permission is refused.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        permission = getattr(view, "permission", None)
        if permission is None:
            return False
        if getattr(view, "scoped", False):
            return bool(request.user and request.user.is_authenticated and request.user.is_active)
        return may(request.user, permission)
