"""GOV.UK Notify as the outbox's delivery channel (`OUTBOX_CHANNEL=notify`).

Notify sends from a template of the service's own: it must have the subject `((subject))`
and the body `((body))`, and the personalisation fills exactly those two with the
e-mail's subject and body — which carry a reference and a link, never a child's identity
(DESIGN.md section 6), as over SMTP. The Notify reference is the outbox row's number,
nothing personal, as Notify's documentation asks.

Notify's answers (its API documentation, "Error codes"): 400 refuses this e-mail for good
(an address it will not send to, a template that does not fit), so it is not tried again;
403 (the key or the clock), 429 (rate or daily limit) and 5xx mean nothing can go now,
so the e-mail and the rest of the run wait for their next attempt.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from casereviews.outbox.channels import DeliveryError
from casereviews.outbox.models import OutboxEmail


class NotifyChannel:
    def __init__(self) -> None:
        # One client, one HTTP session: its connection is kept for the whole run.
        self._client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10
        )

    def send(self, email: OutboxEmail) -> None:
        for address in email.to:
            try:
                self._client.send_email_notification(
                    email_address=address,
                    template_id=settings.NOTIFY_TEMPLATE_ID,
                    personalisation=notify_personalisation(email),
                    reference=f"outbox-{email.pk}",
                )
            except APIError as error:
                raise _delivery_error(error) from error

    def close(self) -> None:
        self._client.request_session.close()


def notify_personalisation(email: OutboxEmail) -> dict[str, str]:
    """What fills the Notify template: the subject and the body, nothing else."""
    return {"subject": email.subject, "body": email.body}


def _delivery_error(error: APIError) -> DeliveryError:
    status = error.status_code
    message = f"GOV.UK Notify answered {status}: {_first_message(error.message)}"
    if status == 400:
        return DeliveryError(message, permanent=True)
    return DeliveryError(message, channel_down=status in {403, 429} or status >= 500)


def _first_message(message: Any) -> str:
    # Notify answers {"status_code": …, "errors": [{"error": …, "message": …}, …]}.
    if isinstance(message, list) and message and isinstance(message[0], dict):
        first = message[0]
        return f"{first.get('error', '')} {first.get('message', '')}".strip()
    return str(message)
