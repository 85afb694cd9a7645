from __future__ import annotations

from typing import Any

import pytest

from casereviews.accounts.models import User
from casereviews.boards.models import Board
from casereviews.notifications.models import Notification, Status
from casereviews.workflow.services import notification_transition
from tests.factories import NotificationFactory

SCR_MANDATORY = {"abuse_or_neglect": "suspected", "child_died": True, "age_years": 1}
CPIR = {
    "abuse_or_neglect": "not_suspected",
    "child_died": False,
    "seriously_harmed": False,
    "standards_not_met": "yes",
    "learning": ["working_together"],
}
NO_REVIEW = {
    "abuse_or_neglect": "not_suspected",
    "child_died": False,
    "seriously_harmed": False,
    "standards_not_met": "no",
    "learning": [],
}


def submit(board: Board, notifier: User, facts: dict[str, Any]) -> Notification:
    """A notification written by `notifier` and submitted through the workflow."""
    draft = NotificationFactory.create(
        board=board, notifier=notifier, status=Status.DRAFT, criteria_facts=facts
    )
    done = notification_transition(
        notification=draft, name="submit", by=notifier, expected_version=1
    )
    done.reference = f"{board.code}-2026-{done.pk:04d}"
    done.save(update_fields=["reference"])
    return done


@pytest.fixture
def submitted(board: Board, notifier: User) -> Notification:
    return submit(board, notifier, SCR_MANDATORY)
