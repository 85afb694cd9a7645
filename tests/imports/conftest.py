from __future__ import annotations

import pytest

from casereviews.boards.models import Board


@pytest.fixture
def partners(board: Board, police, health) -> Board:
    """The board with its two partner agencies, whose names the sheets use."""
    board.partners.add(police, health)
    return board
