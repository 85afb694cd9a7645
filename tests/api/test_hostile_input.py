"""Input that once made the API answer 500 (issue 13 item 4): a body nested 50,000 deep,
a body over the size limit, and a notification naming thousands of children. Each is
now a clear 4xx problem document, and nothing is made."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client

from casereviews.audit.models import AuditEvent
from casereviews.notifications.crnf.description import (
    MAX_AGENCIES,
    MAX_CHILDREN,
    MAX_FAMILY_MEMBERS,
)
from casereviews.notifications.models import Child, Notification
from tests.api.conftest import bearer, body

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_fixed_now")]
URL = "/api/v1/notifications"


def _raw(client: Client, token: str, data: bytes) -> Any:
    return client.generic("POST", URL, data, content_type="application/json", headers=bearer(token))


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    document: dict[str, Any] = response.json()
    assert document["status"] == status
    assert "Traceback" not in response.content.decode()
    return document


def test_json_nested_50000_deep_is_a_400_problem(client, board, notifier, token_for) -> None:
    token = token_for(notifier)
    for nested in (b"[" * 50_000 + b"]" * 50_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000):
        document = _problem(_raw(client, token, nested), 400)
        assert document["detail"] == "The JSON is nested too deeply to read"
    assert not Notification.objects.exists()


def test_a_body_over_the_size_limit_is_a_413_problem(
    client, board, notifier, token_for, settings
) -> None:
    """The limit is Django's DATA_UPLOAD_MAX_MEMORY_SIZE, said in the answer."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    big = body(what_happened="x" * 200_000)
    response = client.post(
        URL, big, content_type="application/json", headers=bearer(token_for(notifier))
    )
    document = _problem(response, 413)
    assert document["title"] == "Content too large"
    assert document["detail"] == "The request body must be 97 KB or smaller"
    assert not Notification.objects.exists()


def test_other_unreadable_bodies_are_400_problems(client, board, notifier, token_for) -> None:
    token = token_for(notifier)
    for raw in (b"{", b"\xff\xfe{}", b'{"board": NaN}', b"[1, 2]", b'{"a": ' + b"9" * 5000 + b"}"):
        _problem(_raw(client, token, raw), 400)
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("field", "item", "limit", "message"),
    [
        ("children", "child", MAX_CHILDREN(), f"You can add up to {MAX_CHILDREN()} children"),
        (
            "family_members",
            {"full_name": "Dawn Hollins", "relationship": "Mother"},
            MAX_FAMILY_MEMBERS(),
            f"You can add up to {MAX_FAMILY_MEMBERS()} family members",
        ),
        ("agencies", 1, MAX_AGENCIES(), f"You can name up to {MAX_AGENCIES()} agencies"),
    ],
)
def test_thousands_of_rows_are_refused_with_the_limit(
    client, board, notifier, token_for, field, item, limit, message
) -> None:
    """2,000 children (or family members, or agencies) answer 400 naming the limit, at
    the answer's path; nothing is made and nothing done is audited."""
    data = body()
    row = copy.deepcopy(data["children"][0]) if item == "child" else item
    data[field] = [copy.deepcopy(row) for _ in range(2_000)]
    token = token_for(notifier)
    document = _problem(
        client.post(URL, data, content_type="application/json", headers=bearer(token)),
        400,
    )
    assert any(m.startswith(message) for m in document["errors"][field]), document
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="notification.").exists()
    # At the limit, rows are accepted.
    data[field] = data[field][:limit] if field != "agencies" else []
    if field == "children":
        for number, child in enumerate(data["children"]):
            child["full_name"] = f"Child {number}"
    accepted = client.post(URL, data, content_type="application/json", headers=bearer(token))
    assert accepted.status_code == 201, accepted.content[:2000]
    if field == "children":
        assert Child.objects.count() == MAX_CHILDREN()


def test_the_api_reads_the_limits_setting_at_each_request(
    client, board, notifier, token_for, settings
) -> None:
    settings.CRNF_LIMITS = {"family_members": 1}
    data = body()
    data["family_members"] = data["family_members"] * 2
    response = client.post(
        URL, data, content_type="application/json", headers=bearer(token_for(notifier))
    )
    document = _problem(response, 400)
    assert document["errors"]["family_members"] == [
        "You can add up to 1 family members or significant others to one notification"
    ]
