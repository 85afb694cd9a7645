"""`POST /api/v1/notifications` and `GET /api/v1/notifications/{reference}`: the same
questions, checks, messages and permission policy as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from casereviews.api.notification_serializers import EXAMPLE
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.ages import ADULT_MESSAGE
from casereviews.notifications.models import Child, Notification, Status
from casereviews.outbox.models import OutboxEmail
from tests.api.conftest import bearer, body
from tests.factories import person
from tests.notifications.helpers import CHILD_NAME

# The answers' dates are judged against today: today is kept fixed.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_fixed_now")]
URL = "/api/v1/notifications"


def post(client: Client, token: str, data: dict[str, Any], **headers: str) -> Any:
    return client.post(
        URL, data, content_type="application/json", headers={**bearer(token), **headers}
    )


def test_a_notification_is_made_and_sent_in_one_request(
    client, board, notifier, business_manager, token_for
) -> None:
    """201 with the reference and its Location; the notification is submitted with its
    child, facts, timeline, audit and e-mails, exactly as through the pages."""
    response = post(client, token_for(notifier), body())
    assert response.status_code == 201, response.content
    notification = Notification.objects.get()
    assert response.json()["reference"] == notification.reference == "BF-2026-0001"
    assert response["Location"] == f"/api/v1/notifications/{notification.reference}"
    assert notification.status == Status.SUBMITTED
    assert notification.notifier_name == notifier.full_name
    assert notification.subject_child == Child.objects.get(full_name=CHILD_NAME)
    assert notification.criteria_facts["age_years"] == 11
    assert notification.criteria_facts["criminal_proceedings"] is True
    assert notification.family_members.count() == 1
    assert notification.submitted_on_time is True
    assert notification.timeline.filter(kind="notification.reference").exists()
    assert OutboxEmail.objects.count() == 2
    submitted = AuditEvent.objects.get(action="notification.submit")
    assert submitted.actor_id == notifier.pk


def test_the_same_idempotency_key_twice_makes_one_notification(
    client, board, notifier, business_manager, token_for
) -> None:
    """A retried POST returns the notification already made (200, same reference) and
    sends no second set of e-mails."""
    token = token_for(notifier)
    first = post(client, token, body(), **{"Idempotency-Key": "retry-1"})
    again = post(client, token, body(), **{"Idempotency-Key": "retry-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert again["Location"] == first["Location"]
    assert Notification.objects.count() == 1
    assert OutboxEmail.objects.count() == 2
    third = post(client, token, body(client_reference="TVP-9"))
    assert third.status_code == 201
    assert post(client, token, body(client_reference="TVP-9")).status_code == 200
    assert Notification.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            {"incident": {"date": "2026-12-01", "place": "Home", "with_whom": "Mother"}},
            "incident.date",
            "The date of the incident must be today or in the past",
        ),
        (
            {"children": [{**EXAMPLE["children"][0], "date_of_death": "2014-01-01"}]},
            "children[0].date_of_death",
            "The date of death must be the same as or after the date of birth",
        ),
        (
            {"children": [{**EXAMPLE["children"][0], "date_of_birth": "2008-01-01"}]},
            "children[0].date_of_birth",
            ADULT_MESSAGE,
        ),
        ({"what_happened": ""}, "what_happened", "Enter what happened"),
        (
            {"review_sought": None},
            "review_sought",
            "Select what you are asking us to consider",
        ),
        ({"children": []}, "children", "Add at least one child"),
        (
            {"criteria_facts": {**EXAMPLE["criteria_facts"], "abuse_or_neglect": None}},
            "criteria_facts.abuse_or_neglect",
            "Select whether abuse or neglect is known or suspected",
        ),
        (
            {"consultation": {"consulted_with": "none"}},
            "consultation.not_consulted_reason",
            "Enter why you have not consulted anyone",
        ),
    ],
)
def test_the_api_refuses_what_the_pages_refuse_with_the_same_words(
    client, board, notifier, business_manager, token_for, change, where, message
) -> None:
    """Each rule of the form, through the API: 400 problem details naming the answer,
    with the page's message; nothing is made and nothing is sent."""
    response = post(client, token_for(notifier), body(**change))
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert message in response.json()["errors"][where]
    assert not Notification.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_a_board_where_the_caller_may_not_notify_is_refused(
    client, board, other_board, notifier, token_for
) -> None:
    """403 problem details for a board where the caller holds no notifying role (or no
    such board); the refusal is audited and nothing is made."""
    token = token_for(notifier)
    for code in (other_board.code, "NOPE"):
        response = post(client, token, body(board=code))
        assert response.status_code == 403
        assert response.json()["detail"].startswith("You cannot notify this board")
    assert not Notification.objects.exists()
    assert AuditEvent.objects.filter(action="access.denied").count() == 2


def test_a_notification_is_read_by_who_may_see_it_and_every_read_is_audited(
    client, board, notifier, business_manager, token_for
) -> None:
    """The notifier and the Business Manager read it; each read is in the audit trail."""
    reference = post(client, token_for(notifier), body()).json()["reference"]
    for reader in (notifier, business_manager):
        response = client.get(f"{URL}/{reference}", headers=bearer(token_for(reader)))
        assert response.status_code == 200
        data = response.json()
        assert data["reference"] == reference
        assert data["children"][0]["full_name"] == CHILD_NAME
        assert data["criteria_facts"]["abuse_or_neglect"] == "suspected"
    reads = AuditEvent.objects.filter(action="notification.read")
    assert sorted(reads.values_list("actor_id", flat=True)) == sorted(
        [notifier.pk, business_manager.pk]
    )


def test_another_agencys_notifier_gets_not_found_as_for_a_missing_one(
    client, board, notifier, health, token_for
) -> None:
    """The answer for a notification they may not see is the very same as for one that
    does not exist; both refusals are audited; no read is recorded."""
    reference = post(client, token_for(notifier), body()).json()["reference"]
    theirs = token_for(person(board, Role.NOTIFIER, organisation=health))
    hidden = client.get(f"{URL}/{reference}", headers=bearer(theirs))
    missing = client.get(f"{URL}/BF-2026-9999", headers=bearer(theirs))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert not AuditEvent.objects.filter(action="notification.read").exists()
    assert AuditEvent.objects.filter(action="access.denied").count() == 2


def test_without_a_token_the_api_answers_401(client, board) -> None:
    assert client.get(f"{URL}/BF-2026-0001").status_code == 401
    assert client.post(URL, body(), content_type="application/json").status_code == 401
