"""One refusal and one permission check for every service.

A service refuses with `Refused(message, *, code, field=None)`: `message` in the words
the person reads, `code` from its app's `Code` enum (or the kit's `Code` for what every
app shares), and `field` the form field the refusal belongs to, when it belongs to one.
A page puts it there with `at_field` (the step page does it for you); the API answers
with the message. `require` is the one "refuse unless the policy allows", called inside
the service's transaction."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Model

from casereviews.policy import Action, may

if TYPE_CHECKING:
    from django import forms

    from casereviews.accounts.models import User
    from casereviews.boards.models import Board


class Code(StrEnum):
    """The refusals every app shares; an app's own are in its `codes.py`."""

    REFUSED = "refused"
    NOT_PERMITTED = "not_permitted"
    WRONG_STATE = "wrong_state"
    REASON_REQUIRED = "reason_required"
    CHANGED = "changed"


class Refused(Exception):
    """The step may not be taken as asked; `message` says why, in the person's words."""

    def __init__(self, message: str, *, code: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


NOT_PERMITTED = "You cannot do this to this case"


def require(
    user: User,
    action: Action,
    obj: Model | None = None,
    *,
    board: Board | None = None,
    message: str = NOT_PERMITTED,
) -> None:
    """Refuse (`Code.NOT_PERMITTED`) unless the policy lets `user` do `action` to `obj`
    (or in `board`). Call it inside the service's transaction, before anything is read
    for the change."""
    if not may(user, action, obj, board=board):
        raise Refused(message, code=Code.NOT_PERMITTED)


def at_field(form: forms.Form, refused: Refused) -> None:
    """Put the refusal on the form: at its field when the form has that field, otherwise
    at the top of the page. Nothing the person typed is lost."""
    field = refused.field if refused.field in form.fields else None
    form.add_error(field, refused.message)
