from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from casereviews.accounts.models import User
from casereviews.api.notification_serializers import EXAMPLE
from casereviews.api.services import api_token_create
from tests.notifications.helpers import CHILD_NAME


@pytest.fixture
def token_for() -> Callable[[User], str]:
    """Make an API token for a person and return the token itself."""

    def make(user: User) -> str:
        return api_token_create(user=user, name="Test program")[1]

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def a_fixed_now(time_machine) -> None:
    """Today kept fixed, for answers whose dates are judged against it."""
    time_machine.move_to("2026-11-25 12:00:00+00:00", tick=False)


def body(**changes: Any) -> dict[str, Any]:
    """The OpenAPI document's example CRNF A, naming `CHILD_NAME`, with `changes`."""
    data = copy.deepcopy(EXAMPLE)
    data["client_reference"] = ""
    data["children"][0]["full_name"] = CHILD_NAME
    data.update(changes)
    return data
