"""A board names deputies for its Business Manager and marks the Business Manager absent
(the procedure's footnote names a second contact "where the LSCB Business Manager is
unavailable"). While absent, what goes to the Business Manager goes to the deputies as
well; with nobody to reach, the administrators are told, and warned on their pages: no
notification is sent into the void. E-mails go through the real SMTP test server."""

from __future__ import annotations

import datetime
from email.message import Message

import pytest
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import BusinessManagerAbsence, BusinessManagerDeputy, Role
from casereviews.notifications.emails import notification_submitted_emails
from casereviews.outbox.jobs import deliver_outbox
from tests.factories import BoardFactory, NotificationFactory, UserFactory, person
from tests.helpers import Mailbox

pytestmark = pytest.mark.django_db


def _sent_to_about(mailbox: Mailbox, reference: str) -> list[str]:
    """Deliver; a second run sends nothing more. Who was told of the new notification."""
    deliver_outbox()
    sent: list[Message] = list(mailbox.messages)
    deliver_outbox()
    assert mailbox.messages == sent
    return sorted(m["To"] for m in sent if m["Subject"] == f"Case notification {reference}: new")


def _submitted(board):
    case = NotificationFactory.create(board=board)
    notification_submitted_emails(notification=case, duplicates=[], resubmitted=False)
    return case


def test_the_deputy_is_told_as_well_while_the_business_manager_is_absent(
    board, mailbox: Mailbox
) -> None:
    manager = person(board, Role.BUSINESS_MANAGER, email="bm@bracknell.example")
    deputy = UserFactory.create(email="deputy@bracknell.example")
    BusinessManagerDeputy.objects.create(board=board, person=deputy, named_at=timezone.now())
    today = timezone.localdate()
    BusinessManagerAbsence.objects.create(
        board=board,
        person=manager,
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=6),
        recorded_at=timezone.now(),
    )
    case = _submitted(board)
    assert _sent_to_about(mailbox, case.reference) == [
        "bm@bracknell.example",
        "deputy@bracknell.example",
    ]


def test_the_deputy_is_not_told_once_the_business_manager_is_back(board, mailbox: Mailbox) -> None:
    manager = person(board, Role.BUSINESS_MANAGER, email="bm@bracknell.example")
    deputy = UserFactory.create(email="deputy@bracknell.example")
    BusinessManagerDeputy.objects.create(board=board, person=deputy, named_at=timezone.now())
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    BusinessManagerAbsence.objects.create(
        board=board,
        person=manager,
        starts_on=last_week - datetime.timedelta(days=3),
        ends_on=last_week,
        recorded_at=timezone.now(),
    )
    case = _submitted(board)
    assert _sent_to_about(mailbox, case.reference) == ["bm@bracknell.example"]


def test_with_nobody_to_reach_the_administrators_are_told_and_warned(
    board, mailbox: Mailbox, signed_in
) -> None:
    administrator = UserFactory.create(is_administrator=True, email="admin@service.example")
    # The board's only Business Manager has left (their account is closed).
    person(board, Role.BUSINESS_MANAGER, email="gone@bracknell.example", is_active=False)
    case = _submitted(board)
    assert _sent_to_about(mailbox, case.reference) == ["admin@service.example"]

    staffed = BoardFactory.create(name="Staffed Board", code="SB")
    person(staffed, Role.BUSINESS_MANAGER)
    client = signed_in(administrator)
    for page in ("administration:index", "administration:boards"):
        text = client.get(reverse(page)).content.decode()
        warning = text[text.index('id="no-business-manager"') :]
        assert "no active Business Manager" in warning
        assert board.name in warning
        assert "Staffed Board" not in warning[: warning.index("</div>")]


def test_an_administrator_names_a_deputy_and_records_an_absence(board, signed_in) -> None:
    administrator = UserFactory.create(is_administrator=True)
    manager = person(board, Role.BUSINESS_MANAGER, full_name="Beatrice Manager")
    deputy = UserFactory.create(full_name="Dev Deputy", email="dev@bracknell.example")
    client = signed_in(administrator)

    url = reverse("administration:deputy-create", args=[board.pk])
    unknown = client.post(url, {"email": "nobody@bracknell.example"})
    assert "Nobody uses the service with this e-mail address" in unknown.content.decode()
    assert 'value="nobody@bracknell.example"' in unknown.content.decode()
    assert client.post(url, {"email": "DEV@bracknell.example"}).status_code == 302
    assert BusinessManagerDeputy.objects.get(board=board).person == deputy

    url = reverse("administration:absence-create", args=[board.pk])
    answers = {
        "person": str(manager.pk),
        "starts_on_day": "10",
        "starts_on_month": "8",
        "starts_on_year": "2026",
        "ends_on_day": "3",
        "ends_on_month": "8",
        "ends_on_year": "2026",
    }
    backwards = client.post(url, answers).content.decode()
    assert "The last day of absence must be on or after the first day" in backwards
    assert 'href="#id_ends_on' in backwards
    assert not BusinessManagerAbsence.objects.exists()
    assert client.post(url, {**answers, "ends_on_day": "21"}).status_code == 302
    absence = BusinessManagerAbsence.objects.get()
    assert (absence.starts_on, absence.ends_on) == (
        datetime.date(2026, 8, 10),
        datetime.date(2026, 8, 21),
    )
    cover = client.get(reverse("administration:board-cover", args=[board.pk])).content.decode()
    assert "Dev Deputy" in cover
    assert "Beatrice Manager" in cover
    assert "21 August 2026" in cover
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "board.bm_deputy_named",
        "board.bm_absence_recorded",
    }
