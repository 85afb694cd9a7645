"""The request a view of the service is given, typed: what the middleware adds to
Django's `HttpRequest`, so that views read `request.user` and `request.board` with
their types rather than casts and suppressed errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from casereviews.accounts.models import User
    from casereviews.boards.models import Board


class AuthenticatedRequest(HttpRequest):
    """A request past the sign-in gate (`LoginRequiredMiddleware` and the second factor):
    `user` is a person of the service. `board` is the board they are working in and
    `boards` every board they hold a role in (`CurrentBoardMiddleware`); `board` is None
    for a person who holds no role in any board. A public view (`permission = PUBLIC`)
    may be reached by no one signed in: it checks `request.user.is_authenticated`
    before reading anything else of the person.

    Never instantiated: the middleware sets these attributes on Django's request, and
    the views name this type in their signatures (`casereviews.policy.views`).
    """

    user: User
    board: Board | None
    boards: list[Board]
    request_id: str
