from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    """These tests build many people; a slow password hash only slows them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
