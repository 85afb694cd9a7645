"""The steps that do not move a case (asking an agency, recording who was told) check
the permission through the policy, inside their transaction: refused, they write
nothing; permitted, they write the record, the timeline entry, the audit event and the
deadline together."""

from __future__ import annotations

import pytest
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.deadlines.models import Deadline
from casereviews.decisions.models import ExternalNotification, InvolvementRequest
from casereviews.decisions.services import (
    external_notification_record,
    involvement_request_send,
)
from casereviews.notifications.models import Status
from casereviews.workflow.models import TimelineEntry
from casereviews.workflow.services import TransitionRefused
from tests.factories import NotificationFactory, OrganisationFactory, person

pytestmark = pytest.mark.django_db


def _nothing_written(case) -> None:
    assert not InvolvementRequest.objects.filter(notification=case).exists()
    assert not ExternalNotification.objects.filter(notification=case).exists()
    assert not TimelineEntry.objects.filter(notification=case).exists()
    assert not Deadline.objects.filter(notification=case).exists()
    assert not AuditEvent.objects.filter(action__in=_ACTIONS).exists()


_ACTIONS = ("involvement_request.send", "external_notification.record")


@pytest.mark.parametrize("role", [r for r in Role if r != Role.BUSINESS_MANAGER])
def test_only_the_business_manager_of_the_board_asks_an_agency(board, other_board, role):
    case = NotificationFactory.create(board=board, status=Status.UNDER_CONSIDERATION)
    agency = OrganisationFactory.create(name="Thames Valley Police")
    for someone in (person(board, role), person(other_board, Role.BUSINESS_MANAGER)):
        with pytest.raises(TransitionRefused) as refused:
            involvement_request_send(notification=case, organisation=agency, by=someone)
        assert refused.value.code == "not_permitted"
    _nothing_written(case)

    manager = person(board, Role.BUSINESS_MANAGER)
    request = involvement_request_send(notification=case, organisation=agency, by=manager)
    assert request.requested_by == manager
    assert TimelineEntry.objects.filter(notification=case, kind="involvement_request.sent").count()
    assert Deadline.objects.filter(notification=case, subject=f"involvement-request:{request.pk}")
    assert AuditEvent.objects.filter(action="involvement_request.send", actor=manager).count() == 1


def test_who_was_told_is_recorded_by_the_business_manager_only_after_a_decision(board, other_board):
    case = NotificationFactory.create(board=board, status=Status.LISG_RECOMMENDED)
    manager = person(board, Role.BUSINESS_MANAGER)
    with pytest.raises(TransitionRefused) as refused:
        external_notification_record(
            notification=case, by=manager, body="ofsted", told_at=timezone.now(), how="E-mail"
        )
    assert refused.value.code == "wrong_state"

    case.status = Status.NO_REVIEW
    case.save()
    for someone in (
        person(board, Role.INDEPENDENT_CHAIR),
        person(other_board, Role.BUSINESS_MANAGER),
    ):
        with pytest.raises(TransitionRefused) as refused:
            external_notification_record(
                notification=case, by=someone, body="ofsted", told_at=timezone.now(), how="E-mail"
            )
        assert refused.value.code == "not_permitted"
    _nothing_written(case)

    external_notification_record(
        notification=case, by=manager, body="ofsted", told_at=timezone.now(), how="E-mail"
    )
    assert ExternalNotification.objects.filter(notification=case, recorded_by=manager).count() == 1
    assert AuditEvent.objects.filter(action="external_notification.record").count() == 1
