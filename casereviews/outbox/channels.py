"""The ways an e-mail leaves the service: SMTP (the default) or GOV.UK Notify, chosen by
`OUTBOX_CHANNEL` (docs/adr/0022-outbox-drained-continuously.md).

A channel is opened once for a whole run of the worker's delivery and sends the e-mails
of that run one by one over one connection, so a burst does not pay for a connection per
e-mail. A failure is a `DeliveryError`: `permanent` when the channel says this e-mail can
never be sent as it is (it is then not tried again), `channel_down` when no e-mail could
go now (the rest of the run waits for its next attempt instead of failing one by one).
"""

from __future__ import annotations

import contextlib
import smtplib
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend

from casereviews.outbox.models import OutboxEmail


class DeliveryError(Exception):
    def __init__(self, message: str, *, permanent: bool = False, channel_down: bool = False):
        super().__init__(message)
        self.permanent = permanent
        self.channel_down = channel_down


class Channel(Protocol):
    def send(self, email: OutboxEmail) -> None:
        """Hand one e-mail over, or raise `DeliveryError`."""

    def close(self) -> None: ...


# The server could not be reached or dropped us: no other e-mail would go either.
_UNREACHABLE = (ConnectionError, TimeoutError, smtplib.SMTPServerDisconnected)


class SmtpChannel:
    """The `default` mailer of `MAILERS` (Django's SMTP backend in production), its
    connection opened at the first e-mail and kept open for the rest."""

    def __init__(self) -> None:
        self._backend: BaseEmailBackend | None = None

    def send(self, email: OutboxEmail) -> None:
        message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to)
        try:
            if self._backend is None:
                backend = mailers.default
                backend.open()
                self._backend = backend
            self._backend.send_messages([message])
        except OSError as error:
            # SMTP errors are OSErrors; after one the session may be in any state, so
            # the next e-mail starts a fresh connection.
            self.close()
            raise DeliveryError(
                f"{type(error).__name__}: {error}", channel_down=isinstance(error, _UNREACHABLE)
            ) from error

    def close(self) -> None:
        if self._backend is not None:
            with contextlib.suppress(OSError):
                self._backend.close()
            self._backend = None
