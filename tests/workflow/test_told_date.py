"""The day Ofsted or the National Panel was told of the Independent Chair's decision
(C 1(iii)) cannot be before that decision, nor in the future: a mistyped date is refused
at the field, with what was entered kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from casereviews.boards.models import Role
from casereviews.decisions.models import ExternalNotification
from casereviews.decisions.services import external_notification_record
from casereviews.notifications.models import Status
from casereviews.workflow.services import TransitionRefused
from tests.factories import NotificationFactory, decided
from tests.helpers import sign_in
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

DECIDED = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)


def _decided_case(board, people):
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.CPIR_COMMISSIONED
    )
    decided(case, people, "cpir", rationale="Learning about working together", decided_at=DECIDED)
    return case


def _post(client: Client, case, day: str, month: str, year: str):
    return client.post(
        reverse("decisions:external-notification", args=[case.reference]),
        {
            "version": str(case.version),
            "body": "national_panel",
            "told_on_day": day,
            "told_on_month": month,
            "told_on_year": year,
            "how": "Panel notification form",
        },
    )


@time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=UTC), tick=False)
def test_a_told_date_before_the_decision_is_refused_at_the_field(board) -> None:
    people = staff(board)
    case = _decided_case(board, people)
    client = Client()
    sign_in(client, people[Role.BUSINESS_MANAGER])

    refused = _post(client, case, "1", "1", "2020")

    assert refused.status_code == 200
    page = refused.content.decode()
    message = (
        "The date they were told must be on or after 10 March 2026, when the Independent "
        "Chair decided"
    )
    assert f'<a href="#id_told_on_day">{message}</a>' in page  # the error summary
    assert f"</span> {message}</p>" in page  # and at the field
    assert 'value="2020"' in page  # what was typed is kept
    assert "<title>Error: " in page
    assert not ExternalNotification.objects.exists()

    future = _post(client, case, "21", "3", "2026")
    assert "The date must be today or in the past" in future.content.decode()
    assert not ExternalNotification.objects.exists()

    accepted = _post(client, case, "10", "3", "2026")
    assert accepted.status_code == 302
    told = ExternalNotification.objects.get()
    assert (told.body, told.told_at.date().isoformat()) == ("national_panel", "2026-03-10")


@time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=UTC), tick=False)
def test_the_service_refuses_an_impossible_told_date_whoever_calls_it(board) -> None:
    people = staff(board)
    case = _decided_case(board, people)
    for told_at in (datetime(2020, 1, 1, tzinfo=UTC), datetime(2026, 3, 21, 9, 0, tzinfo=UTC)):
        with pytest.raises(TransitionRefused) as refused:
            external_notification_record(
                notification=case,
                by=people[Role.BUSINESS_MANAGER],
                body="ofsted",
                told_at=told_at,
                how="Ofsted online form",
            )
        assert refused.value.code == "told_on_not_possible"
        assert "10 March 2026" in refused.value.message
    assert not ExternalNotification.objects.exists()
