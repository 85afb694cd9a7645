"""The "Your API tokens" page: a token is shown once, stored only as a hash, and can be
revoked by its owner alone; each change is audited."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.request import Request

from casereviews.api.authentication import ApiTokenAuthentication
from casereviews.api.models import ApiToken
from casereviews.audit.models import AuditEvent
from tests.api.conftest import bearer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/account/api-tokens/"


def test_a_token_is_shown_once_and_only_its_hash_kept(signed_in, notifier) -> None:
    client = signed_in(notifier)
    response = client.post(URL, {"name": "Case system sync"})
    assert response.status_code == 200
    token = response.context["new_token"]
    assert token in response.content.decode()
    row = ApiToken.objects.get(user=notifier)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {row.name, row.prefix, row.token_hash}
    assert AuditEvent.objects.filter(action="api_token.create", actor=notifier).count() == 1
    again = client.get(URL)
    assert token not in again.content.decode()
    assert "Case system sync" in again.content.decode()


def test_a_token_needs_a_name(signed_in, notifier) -> None:
    response = signed_in(notifier).post(URL, {"name": ""})
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token(signed_in, notifier, token_for) -> None:
    token_for(notifier)
    row = ApiToken.objects.get(user=notifier)
    response = signed_in(notifier).post(f"{URL}{row.pk}/revoke")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_nobody_else_can_revoke_a_token(signed_in, notifier, token_for) -> None:
    token_for(notifier)
    row = ApiToken.objects.get(user=notifier)
    response = signed_in(UserFactory.create()).post(f"{URL}{row.pk}/revoke")
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


def test_the_page_needs_sign_in(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_a_token_records_when_it_was_last_used_at_most_once_a_minute(
    notifier, token_for, time_machine
) -> None:
    """Every call would otherwise write to the token's row; the page shows the day."""
    time_machine.move_to("2026-11-25 12:00:00+00:00", tick=False)
    token = token_for(notifier)
    url = reverse("api:notification", args=["XX-2026-0001"])
    client = Client()
    client.get(url, headers={"Authorization": f"Bearer {token}"})
    first = ApiToken.objects.get(user=notifier).last_used_at
    assert first == timezone.now()
    time_machine.move_to("2026-11-25 12:00:30+00:00", tick=False)
    client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert ApiToken.objects.get(user=notifier).last_used_at == first
    time_machine.move_to("2026-11-25 12:01:30+00:00", tick=False)
    client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert ApiToken.objects.get(user=notifier).last_used_at == timezone.now()


def test_a_token_brings_its_person_and_their_organisation_in_one_query(
    notifier, token_for, rf, django_assert_num_queries
) -> None:
    token = token_for(notifier)
    request = Request(rf.get("/api/v1/notifications", headers=bearer(token)))
    ApiTokenAuthentication().authenticate(request)  # writes when it was last used
    with django_assert_num_queries(1):
        found = ApiTokenAuthentication().authenticate(request)
        assert found is not None
        assert found[0].organisation.name == notifier.organisation.name
