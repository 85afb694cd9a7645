"""Helpers for signing in through the real pages."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.accounts.models import User
from casereviews.audit.models import AuditEvent
from tests.factories import PASSWORD
from tests.helpers import current_code

SIGN_IN = "/account/sign-in"
CODE = "/account/sign-in/code"


def give_password(client: Client, email_address: str, password: str = PASSWORD) -> Any:
    return client.post(SIGN_IN, {"username": email_address, "password": password})


def sign_in_fully(client: Client, user: User, device: TOTPDevice) -> Any:
    """Password, then the current code: the way a person signs in."""
    response = give_password(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == CODE
    return client.post(CODE, {"code": current_code(device)})


def actions(**filters: Any) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))
