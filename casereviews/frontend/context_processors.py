from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from casereviews.accounts.services import is_verified
from casereviews.frontend.navigation import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    """What the page frame needs: service name, board, navigation and board switcher."""
    context: dict[str, object] = {"service_name": settings.SERVICE_NAME}
    user = getattr(request, "user", None)
    # Someone who has given only their password sees none of the service's frame.
    if user is not None and user.is_authenticated and is_verified(user):
        context["current_board"] = getattr(request, "board", None)
        context["navigation"] = navigation_for(request)
        boards = getattr(request, "boards", [])
        context["switchable_boards"] = boards if len(boards) > 1 else []
    return context
