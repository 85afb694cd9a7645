"""Helpers the tests share."""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from django.db import connection
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.accounts.models import User
from casereviews.outbox.jobs import deliver_outbox


def current_code(device: TOTPDevice) -> str:
    """The code the person's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Mailbox:
    """What a real SMTP server on this machine received (the `mailbox` fixture)."""

    messages: list[Message] = field(default_factory=list)
    # The client's address and port of each message's connection.
    peers: list[tuple[str, int]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        self.peers.append(tuple(session.peer))
        return "250 OK"


# The `signed_in` fixture: signs a person in on the test's client and returns it.
SignIn = Callable[[User], Client]


def body_of(message: Message) -> str:
    """A sent e-mail's text (the service sends one plain-text part)."""
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def delivered_once(mailbox: Mailbox, *secrets: str) -> list[Message]:
    """Deliver the outbox to the real SMTP server and return what it received; a second
    run sends nothing more (exactly once). No subject or body carries any of `secrets`
    (a child's identity, which never leaves the service)."""
    before = len(mailbox.messages)
    deliver_outbox()
    sent = mailbox.messages[before:]
    deliver_outbox()
    assert len(mailbox.messages) == before + len(sent)
    for message in sent:
        text = message["Subject"] + body_of(message)
        for secret in secrets:
            assert secret not in text
    return list(sent)


def streamed(response: Any) -> bytes:
    """The whole content of a streamed download (a stored document, an export)."""
    return b"".join(response.streaming_content)


def sign_in(client: Client, user: User) -> Client:
    """Sign a person in on this client with every factor the service asks for."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app")
    client.force_login(user)
    # What django_otp.login does after a correct code: the session is verified.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@contextmanager
def audit_store_refusing() -> Iterator[None]:
    """The database refuses every new audit event while the block runs, as a full disk or
    a lost privilege would: a real failure inside the database, not a mock of our code."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_auditevent "
                "FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END"
            )
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER test_refuse_audit ON audit_auditevent")
            cursor.execute("DROP FUNCTION test_refuse_audit()")
        else:
            cursor.execute("DROP TRIGGER test_refuse_audit")


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together, each on its own database connection;
    each result or exception, in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
