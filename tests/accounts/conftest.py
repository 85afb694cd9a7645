"""Helpers for signing in through the real pages, and a real SMTP server."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.accounts.models import User
from casereviews.audit.models import AuditEvent
from tests.factories import PASSWORD

SIGN_IN = "/account/sign-in"
CODE = "/account/sign-in/code"


def current_code(device: TOTPDevice) -> str:
    """The code the person's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


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


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server on this machine; the service sends to it over SMTP."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    try:
        yield box
    finally:
        controller.stop()
