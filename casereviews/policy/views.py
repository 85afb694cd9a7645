"""The one way a view states who may use it."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views import View

from casereviews.accounts.models import User
from casereviews.audit.services import audit_access_denied
from casereviews.boards.models import Board
from casereviews.policy.core import PUBLIC, Action, _Open, may
from casereviews.policy.requests import AuthenticatedRequest


class PolicyMixin(View):
    """Every view of the service inherits this and names its `permission`.

    - `PUBLIC`: anyone, signed in or not (sign-in, accessibility statement…).
    - `SIGNED_IN`: anyone signed in (with their second factor).
    - an `Action`: board-level actions are checked here against the current board;
      with `scoped = True` the view fetches its object through
      `policy.get_in_scope_or_404`, which answers "not found" when it may not be seen.
    """

    permission: ClassVar[Action | _Open]
    scoped: ClassVar[bool] = False

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        if not isinstance(getattr(cls, "permission", None), Action | _Open):
            raise ImproperlyConfigured(f"{cls.__name__} must name its permission")
        view: Any = super().as_view(**initkwargs)
        view.permission = cls.permission
        view.scoped = cls.scoped
        if cls.permission == PUBLIC:
            view.login_required = False
        return view

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Every refusal of a signed-in person is audited, here where the policy refuses:
        # the board-level check, and the view's own "not found" (`get_in_scope_or_404`).
        try:
            board = self.board
            if not self.scoped and not may(request.user, self.permission, board=board):
                raise PermissionDenied
            early = self.load(cast(AuthenticatedRequest, request), *args, **kwargs)
            if early is not None:
                return early
            return super().dispatch(request, *args, **kwargs)
        except (PermissionDenied, Http404) as refusal:
            if request.user.is_authenticated:
                status = 403 if isinstance(refusal, PermissionDenied) else 404
                audit_access_denied(request=request, permission=self.permission, status=status)
            raise

    def load(
        self, request: AuthenticatedRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase | None:
        """Fetch what the URL names, through the policy, before the handler runs; may
        answer early (a redirect). Its "not found" is audited like any refusal."""
        return None

    @property
    def authenticated(self) -> AuthenticatedRequest:
        """The request, typed as past the sign-in gate (a public view reads the person
        only after checking `request.user.is_authenticated`)."""
        return cast(AuthenticatedRequest, self.request)

    @property
    def user(self) -> User:
        """The signed-in person (every non-public view is behind the sign-in gate)."""
        return self.authenticated.user

    @property
    def board(self) -> Board | None:
        """The board the person is working in."""
        board: Board | None = getattr(self.request, "board", None)
        return board
