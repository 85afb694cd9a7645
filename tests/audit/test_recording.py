"""Every action and every refusal leaves its event; an action whose event cannot be
written does not happen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent, Outcome
from casereviews.boards.models import Organisation, Role
from tests.factories import NotificationFactory, person
from tests.helpers import audit_store_refusing

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit_store_fails():
    """The database refuses every new audit event (`tests.helpers.audit_store_refusing`)."""
    with audit_store_refusing():
        yield


def test_adding_an_organisation_fails_when_its_audit_event_cannot_be_written(
    administrator, audit_store_fails, signed_in
):
    client = signed_in(administrator)
    client.raise_request_exception = False  # answer with the error page, as in service
    before = Organisation.objects.count()
    response = client.post(
        reverse("administration:organisation-create"),
        {"name": "Bracknell Forest Council", "type": "childrens_social_care"},
    )
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert Organisation.objects.count() == before
    assert not Organisation.objects.filter(name="Bracknell Forest Council").exists()
    assert not AuditEvent.objects.exists()


def test_adding_an_organisation_writes_it_and_its_event_together(administrator, signed_in):
    response = signed_in(administrator).post(
        reverse("administration:organisation-create"),
        {"name": "Bracknell Forest Council", "type": "childrens_social_care"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Bracknell Forest Council")
    event = AuditEvent.objects.get(action="organisation.create")
    assert (event.actor, event.object_id) == (administrator, str(organisation.pk))


def test_a_case_is_not_shown_when_its_read_cannot_be_audited(
    board, business_manager, audit_store_fails, signed_in
):
    case = NotificationFactory.create(board=board)
    client = signed_in(business_manager)
    client.raise_request_exception = False
    response = client.get(reverse("notifications:detail", args=[case.reference]))
    assert response.status_code == 500
    assert str(case.reference) not in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_every_case_read_writes_exactly_one_event(board, business_manager, signed_in):
    case = NotificationFactory.create(board=board)
    client = signed_in(business_manager)
    client.get(reverse("notifications:detail", args=[case.reference]))
    client.get(reverse("notifications:detail", args=[case.reference]))
    reads = AuditEvent.objects.filter(action="notification.read", object_id=str(case.pk))
    assert reads.count() == 2
    assert all(event.request_id for event in reads)
    assert reads[0].request_id != reads[1].request_id


def test_a_refused_board_page_is_audited_as_denied(board, signed_in):
    notifier = person(board, Role.NOTIFIER)
    response = signed_in(notifier).get(reverse("notifications:board"))
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert (event.actor, event.outcome, event.board) == (notifier, Outcome.DENIED, board)
    assert event.detail == {
        "path": reverse("notifications:board"),
        "permission": "notification_list_board",
        "status": 403,
    }


def test_a_case_out_of_scope_is_audited_as_denied(board, other_board, signed_in):
    elsewhere = NotificationFactory.create(board=other_board)
    manager = person(board, Role.BUSINESS_MANAGER)
    response = signed_in(manager).get(reverse("notifications:detail", args=[elsewhere.reference]))
    assert response.status_code == 404
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.outcome) == ("access.denied", manager, "denied")
    assert event.detail["status"] == 404
    assert not AuditEvent.objects.filter(action="notification.read").exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_audited(board, client):
    response = client.get(reverse("notifications:board"))
    assert response.status_code == 302
    assert not AuditEvent.objects.exists()
