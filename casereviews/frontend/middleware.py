"""Request-wide concerns of the page frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse

from casereviews.policy import board_roles, boards_for
from casereviews.policy.requests import AuthenticatedRequest

BOARD_SESSION_KEY = "current_board_id"


class CurrentBoardMiddleware:
    """Sets `request.board`: the board the person is working in, chosen with the switcher
    (and `request.boards`, every board they hold a role in).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        board, boards = None, []
        if request.user.is_authenticated:
            roles = board_roles(request.user)
            if roles:
                chosen = request.session.get(BOARD_SESSION_KEY)
                board_id = chosen if chosen in roles else min(roles)
                # Every board of the person, read once: the frame's switcher lists them.
                boards = list(boards_for(request.user))
                board = next((each for each in boards if each.pk == board_id), None)
        typed = cast(AuthenticatedRequest, request)
        typed.board, typed.boards = board, boards
        return self.get_response(request)


class NoStoreMiddleware:
    """No signed-in page is kept by a browser or proxy cache (shared computers)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
