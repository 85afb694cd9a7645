from __future__ import annotations

from collections.abc import Callable

import pytest

from casereviews.accounts.models import User
from casereviews.api.services import api_token_create


@pytest.fixture
def token_for() -> Callable[[User], str]:
    """Make an API token for a person and return the token itself."""

    def make(user: User) -> str:
        return api_token_create(user=user, name="Test program")[1]

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
