"""What waits for a person on their home page beyond their cases' next steps (a
communication to approve or agree, a LISG meeting and its pack, an agency's review
actions): each app registers, from its `ready()`, the lists it owns, for the role whose
work they are, so the home page in this low app reads nothing of the apps above it
(docs/adr/0029-nobody-silently-left-out.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casereviews.boards.models import Board, Role
from casereviews.policy import board_roles

if TYPE_CHECKING:
    from casereviews.accounts.models import User

# The most a home page list shows; each links to the full list where one exists.
LIST_LENGTH = 20


@dataclass(frozen=True)
class WaitingList:
    role: Role
    title: str
    order: int
    # The person's waiting items in the board, at most LIST_LENGTH, each read through the
    # policy's scope for the action the person would take.
    read: Callable[[User, Board], list[Any]]


_LISTS: list[WaitingList] = []


def register_waiting(
    role: Role, title: str, *, order: int, read: Callable[[User, Board], list[Any]]
) -> None:
    _LISTS.append(WaitingList(role, title, order, read))
    _LISTS.sort(key=lambda w: w.order)


def waiting_lists(user: User, board: Board | None) -> list[tuple[str, list[Any]]]:
    """Each registered list of a role the person holds in the board, with its items."""
    if board is None:
        return []
    roles = board_roles(user).get(board.pk, frozenset())
    return [(w.title, w.read(user, board)) for w in _LISTS if w.role in roles]


# Work shown on the home page in a table of its own (an agency's requests for
# information): whether any waits, so the page says "nothing is waiting" only when true.
_SHOWN_APART: list[Callable[[User, Board | None], bool]] = []


def register_shown_apart(anything_waiting: Callable[[User, Board | None], bool]) -> None:
    _SHOWN_APART.append(anything_waiting)


def anything_shown_apart(user: User, board: Board | None) -> bool:
    return any(waiting(user, board) for waiting in _SHOWN_APART)
