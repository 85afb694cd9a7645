"""What an imported case looks like afterwards: its deadlines counted from the sheet's
dates, the pages that show it saying it was imported, and the duplicate-child check."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.notifications.models import Child, Notification, Status
from casereviews.notifications.selectors import notification_possible_duplicates
from tests.factories import NotificationFactory
from tests.imports.sheets import action_row, case_row, csv_file

pytestmark = pytest.mark.django_db

URL = "/cases/import/"


def states(reference: str) -> dict[str, tuple[str, datetime.date | None]]:
    return {
        d.rule_code + (":action" if d.subject else ""): (
            d.state,
            d.ended_at.date() if d.ended_at else None,
        )
        for d in Deadline.objects.filter(notification__reference=reference)
    }


def test_deadlines_are_recomputed_and_past_ones_recorded_met_or_missed_by_the_sheets_dates(
    partners, business_manager, signed_in
) -> None:
    rows = [
        # Decided within the month of its notification: met on the day decided.
        case_row(
            "ON-TIME",
            notified="14/01/2019",
            decided="11/02/2019",
            stage="Closed",
            decision="No review",
        ),
        # Decided a month and a day after: missed.
        case_row(
            "LATE",
            notified="14/01/2019",
            decided="15/02/2019",
            stage="Closed",
            decision="No review",
        ),
        # Not yet decided: the month runs from the date notified, long past, so overdue.
        case_row("WAITING", notified="02/09/2019", stage="Under consideration"),
        # Withdrawn before a decision: the month no longer applies.
        case_row("GONE", notified="02/09/2019", stage="Withdrawn"),
        # A CPIR still in review: its completion target counts from the decision; an
        # open action's due date is its deadline, a completed one has none.
        case_row(
            "REVIEWING",
            notified="01/03/2019",
            decided="20/03/2019",
            stage="Review in progress",
            decision="CPIR",
            review_type="SILP",
            action=("Audit plans", "Thames Valley Police", "30/06/2030", "On track"),
        ),
        action_row("REVIEWING", ("Train staff", "Thames Valley Police", "30/06/2020", "Complete")),
    ]
    signed_in(business_manager).post(URL, {"file": csv_file(rows), "intent": "import"})

    decided_in = "scr_decision_within_one_month"
    assert states("ON-TIME") == {decided_in: ("met", datetime.date(2019, 2, 11))}
    assert states("LATE") == {decided_in: ("missed", datetime.date(2019, 2, 15))}
    assert states("WAITING") == {decided_in: ("open", None)}
    assert states("GONE")[decided_in][0] == "cancelled"
    assert states("REVIEWING") == {
        decided_in: ("met", datetime.date(2019, 3, 20)),
        "review_completed_within_six_months": ("open", None),
        "action_due:action": ("open", None),
    }
    waiting = Deadline.objects.get(notification__reference="WAITING")
    # Counted by the rule from the date notified (one calendar month, end of the day).
    assert timezone.localtime(waiting.due_at).date() == datetime.date(2019, 10, 2)
    assert waiting.due_at < timezone.now()  # overdue: the query every list of due asks
    reviewing = Deadline.objects.get(
        notification__reference="REVIEWING", rule_code="review_completed_within_six_months"
    )
    assert timezone.localtime(reviewing.due_at).date() == datetime.date(2019, 9, 20)
    action = Deadline.objects.get(notification__reference="REVIEWING", rule_code="action_due")
    assert timezone.localtime(action.due_at).date() == datetime.date(2030, 6, 30)
    assert Deadline.objects.filter(state=DeadlineState.OPEN, board=partners).count() == 3


def test_every_page_that_shows_an_imported_case_says_so(
    board, partners, business_manager, signed_in
) -> None:
    client = signed_in(business_manager)
    client.post(
        URL,
        {"file": csv_file([case_row("OLD-1", stage="Under consideration")]), "intent": "import"},
    )
    here = NotificationFactory.create(
        board=board, status=Status.SUBMITTED, reference="BF-2026-0001"
    )

    detail = client.get(reverse("notifications:detail", args=["OLD-1"])).content.decode()
    assert "This case was imported from the board&#x27;s own records" in detail or (
        "This case was imported from the board's own records" in detail
    )
    not_imported = client.get(reverse("notifications:detail", args=[here.reference]))
    assert "imported from the board" not in not_imported.content.decode()
    board_list = client.get(reverse("notifications:board")).content.decode()
    assert board_list.count(">Imported</strong>") == 1
    due = client.get(reverse("deadlines:due"), {"whose": "board"}).content.decode()
    assert "OLD-1" in due
    assert due.count(">Imported</strong>") == 1
    found = client.get(reverse("learning:search"), {"reference": "OLD-1"}).content.decode()
    assert "OLD-1" in found
    assert ">Imported</strong>" in found


def test_the_duplicate_child_check_sees_imported_children(
    board, partners, business_manager, signed_in
) -> None:
    signed_in(business_manager).post(
        URL,
        {
            "file": csv_file(
                [
                    case_row(
                        "OLD-7", child="Casey Jones", born="01/02/2015", stage="Under consideration"
                    )
                ]
            ),
            "intent": "import",
        },
    )
    new = NotificationFactory.create(board=board, status=Status.SUBMITTED)
    Child.objects.create(
        notification=new,
        full_name="  casey jones ",
        date_of_birth=datetime.date(2015, 2, 1),
        sex="female",
        child_protection_plan="unknown",
        looked_after="unknown",
        open_to_social_care="unknown",
    )
    assert list(notification_possible_duplicates(new)) == [
        Notification.objects.get(reference="OLD-7")
    ]


def test_the_actions_of_an_imported_review_say_the_case_was_imported(
    partners, business_manager, signed_in
) -> None:
    client = signed_in(business_manager)
    row = case_row(
        "OLD-2",
        decided="11/02/2019",
        stage="Review in progress",
        decision="CPIR",
        action=("Audit plans", "Thames Valley Police", "30/06/2030", "On track"),
    )
    client.post(URL, {"file": csv_file([row]), "intent": "import"})
    action = Notification.objects.get(reference="OLD-2").review_actions.get()

    listed = client.get(reverse("reviews:actions")).content.decode()
    assert listed.count(">Imported</strong>") == 1
    page = client.get(reverse("reviews:action", args=[action.pk])).content.decode()
    assert "app-imported" in page
