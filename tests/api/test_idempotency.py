"""An `Idempotency-Key` (or `client_reference`) sent again with a different request is
refused with 422, instead of answering with the first notification and dropping the new
content; the same request again still gets the first answer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from casereviews.api.models import IdempotencyKey
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.outbox.models import OutboxEmail
from tests.api.conftest import bearer, body
from tests.factories import person

# The answers' dates are judged against today: today is kept fixed.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_fixed_now")]
URL = "/api/v1/notifications"
REUSED = (
    "This Idempotency-Key (or client_reference) was already used for a different request. "
    "Send the same request again to get what it made, or use a new key"
)


def post(client: Client, token: str, data: dict[str, Any] | str, key: str = "") -> Any:
    headers = {**bearer(token), **({"Idempotency-Key": key} if key else {})}
    raw = data if isinstance(data, str) else json.dumps(data)
    return client.post(URL, raw, content_type="application/json", headers=headers)


def test_the_same_key_with_a_different_body_is_refused_and_nothing_changes(
    client, board, notifier, business_manager, token_for
) -> None:
    token = token_for(notifier)
    first = post(client, token, body(what_happened="The first account."), key="retry-1")
    assert first.status_code == 201, first.content
    events, emails = AuditEvent.objects.count(), OutboxEmail.objects.count()

    second = post(client, token, body(what_happened="A different account."), key="retry-1")
    assert second.status_code == 422
    assert second["Content-Type"] == "application/problem+json"
    assert second.json() == {
        "type": "about:blank",
        "title": "Idempotency-Key already used",
        "status": 422,
        "detail": REUSED,
    }
    notification = Notification.objects.get()
    assert notification.what_happened == "The first account."
    assert (AuditEvent.objects.count(), OutboxEmail.objects.count()) == (events, emails)


def test_the_same_request_again_gets_the_first_answer_however_its_json_is_laid_out(
    client, board, notifier, business_manager, token_for
) -> None:
    token = token_for(notifier)
    data = body()
    first = post(client, token, data, key="retry-2")
    reordered = json.dumps(dict(reversed(list(data.items()))), indent=2)
    again = post(client, token, reordered, key="retry-2")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reference"] == first.json()["reference"]
    assert Notification.objects.count() == 1


def test_a_client_reference_sent_again_with_a_different_body_is_refused(
    client, board, notifier, business_manager, token_for
) -> None:
    token = token_for(notifier)
    assert post(client, token, body(client_reference="TVP-9")).status_code == 201
    changed = body(client_reference="TVP-9", what_happened="Something else entirely.")
    response = post(client, token, changed)
    assert (response.status_code, response.json()["detail"]) == (422, REUSED)
    assert Notification.objects.count() == 1


def test_a_key_whose_request_was_refused_may_be_used_for_the_corrected_request(
    client, board, notifier, business_manager, token_for
) -> None:
    token = token_for(notifier)
    wrong = body(incident={"date": "2026-12-01", "place": "Home", "with_whom": "Mother"})
    assert post(client, token, wrong, key="retry-3").status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert post(client, token, body(), key="retry-3").status_code == 201
    assert IdempotencyKey.objects.get().key == "retry-3"


def test_keys_belong_to_the_person_who_sent_them(
    client, board, notifier, business_manager, token_for, police
) -> None:
    """Another person's request with the same key is theirs, not a reuse."""
    colleague = person(board, Role.NOTIFIER, organisation=police, full_name="Tom Reid")
    assert post(client, token_for(notifier), body(), key="shared").status_code == 201
    other = post(client, token_for(colleague), body(what_happened="Theirs."), key="shared")
    assert other.status_code == 201
    assert Notification.objects.count() == 2
