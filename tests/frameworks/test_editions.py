"""Issue 27 §6: a safeguarding partnership's period before 15 December 2023 ran Working
Together 2018; a case keeps the edition in force when it was first notified, as it keeps its
framework, and the case page names it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Board, Role
from casereviews.frameworks.vocabulary import edition_label
from casereviews.notifications.models import Status
from tests.factories import NotificationFactory
from tests.workflow.procedure import staff

WT = "wt-2023"


@pytest.mark.parametrize(
    ("notified_on", "edition"),
    [
        (datetime.date(2021, 3, 9), "Working Together 2018"),
        (datetime.date(2023, 12, 14), "Working Together 2018"),
        (datetime.date(2023, 12, 15), "Working Together 2023"),
        (datetime.date(2024, 6, 3), "Working Together 2023"),
        (None, "Working Together 2023"),
    ],
)
def test_the_edition_is_the_one_in_force_on_the_day_the_case_was_notified(
    notified_on: datetime.date | None, edition: str
) -> None:
    assert edition_label(WT, notified_on).startswith(f"{edition}: safeguarding partnership")


def test_the_2015_procedure_keeps_its_one_name() -> None:
    assert edition_label("bf-lscb-2015", datetime.date(2016, 1, 4)).startswith(
        "Working Together 2015"
    )


@pytest.mark.django_db
def test_a_2021_case_is_labelled_working_together_2018_and_a_2024_case_2023(
    board: Board, signed_in
) -> None:
    people = staff(board)
    client = signed_in(people[Role.BUSINESS_MANAGER])
    for year, edition in ((2021, "Working Together 2018"), (2024, "Working Together 2023")):
        case = NotificationFactory.create(
            board=board,
            notifier=people[Role.NOTIFIER],
            framework=WT,
            status=Status.SUBMITTED,
            reference=f"BF-{year}-0001",
            submitted_at=timezone.make_aware(datetime.datetime(year, 5, 4, 10)),
        )
        page = client.get(reverse("notifications:detail", args=[case.reference])).content.decode()
        shown = re.search(r'id="case-framework">([^<]*)<', page)
        assert shown is not None
        assert shown.group(1).startswith(edition), shown.group(1)
