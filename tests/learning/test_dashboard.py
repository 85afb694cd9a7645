"""The figures page: for the Business Manager, the Chair and the LISG, of the boards where
they hold such a role; each chart drawn by the service beside its table."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.deadlines.calendar import LONDON
from casereviews.learning.models import FiguresSnapshot
from casereviews.notifications.models import Status
from casereviews.reviews.models import Recommendation, Review
from tests.factories import (
    ChairDecisionFactory,
    NotificationFactory,
    OrganisationFactory,
    ReviewActionFactory,
    person,
)

pytestmark = pytest.mark.django_db
URL = "/figures/"


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _table_row(html: str, table: str, label: str) -> list[str]:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    row = body.split(f">{label}</th>", 1)[1].split("</tr>", 1)[0]
    return re.findall(r">([^<]*)</td>", row)


@pytest.mark.parametrize("role", [Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER])
def test_the_figures_show_as_a_chart_beside_a_table(board, other_board, role, signed_in):
    for status in (Status.SUBMITTED, Status.SUBMITTED, Status.UNDER_CONSIDERATION):
        NotificationFactory.create(board=board, status=status)
    NotificationFactory.create(board=board, status=Status.SUBMITTED, framework="wt-2023")
    NotificationFactory.create(board=board, status=Status.RAPID_REVIEW, framework="wt-2023")
    NotificationFactory.create(board=other_board, status=Status.SUBMITTED)
    response = signed_in(person(board, role)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert "Bar chart: Notifications by stage" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    # The other board's case is not counted.
    # In all, then under the 2015 procedure and under the partnership's framework.
    assert _table_row(html, "stages-table", "Submitted") == ["3", "2", "1"]
    assert _table_row(html, "stages-table", "Under consideration") == ["1", "1", "0"]
    assert _table_row(html, "stages-table", "Rapid review") == ["1", "0", "1"]
    assert reverse("learning:dashboard") in html  # in the navigation


@pytest.mark.parametrize("role", [Role.NOTIFIER, Role.AGENCY_LEAD])
def test_other_roles_are_refused_the_figures(board, role, signed_in):
    assert signed_in(person(board, role)).get(URL).status_code == 403


def test_only_boards_where_the_person_holds_the_role_can_be_chosen(
    board, other_board, business_manager, signed_in
):
    NotificationFactory.create(board=other_board, status=Status.SUBMITTED)
    html = signed_in(business_manager).get(URL + f"?board={other_board.pk}").content.decode()
    # Their own board's figures, where nothing was notified; never the other board's.
    assert other_board.name not in html
    assert f"{board.name}, {timezone.localdate().year}" in html
    assert html.count("Nothing to show for this period.") == 6


def test_a_year_without_cases_says_so(board, business_manager, signed_in):
    year = timezone.localdate().year - 3
    html = signed_in(business_manager).get(URL + f"?year={year}").content.decode()
    assert html.count("Nothing to show for this period.") == 6
    assert f"{board.name}, {year}" in html


def test_the_actions_of_reviews_show_by_agency_and_status(board, business_manager, signed_in):
    case = NotificationFactory.create(board=board, status=Status.ACTIONS_MONITORED)
    review = Review.objects.create(
        notification=case, kind="scr", created_by=business_manager, created_at=timezone.now()
    )
    recommendation = Recommendation.objects.create(review=review, number=1, text="Share")
    police = OrganisationFactory.create(name="Thames Valley Police")
    health = OrganisationFactory.create(name="Berkshire Healthcare NHS Foundation Trust")
    today = timezone.localdate()
    for agency, status in ((police, "overdue"), (police, "complete"), (health, "on_track")):
        ReviewActionFactory.create(
            recommendation=recommendation,
            board=board,
            notification=case,
            description="Train the officers",
            owner_agency=agency,
            due_on=today,
            status=status,
        )
    html = signed_in(business_manager).get(URL).content.decode()
    assert "Bar chart: Actions of reviews by status and agency" in html
    # Due in the year, then not started, on track, at risk, overdue, complete, sustained.
    assert _table_row(html, "actions-table", "Thames Valley Police") == [
        "2", "0", "0", "0", "1", "1", "0"
    ]  # fmt: skip
    assert _table_row(html, "actions-table", "Berkshire Healthcare NHS Foundation Trust") == [
        "1", "0", "1", "0", "0", "0", "0"
    ]  # fmt: skip


# A morning in British Summer Time: the page gives London's time, not UTC's.
COUNTED = datetime.datetime(2026, 6, 15, 9, 5, tzinfo=LONDON)


def _decide(case, chair, decision: str = "no_review") -> None:
    ChairDecisionFactory.create(
        notification=case, decision=decision, rationale="Reasons", decided_by=chair
    )


def test_within_the_interval_the_page_shows_the_figures_as_counted_and_says_when(
    board, business_manager, signed_in
):
    chair = person(board, Role.INDEPENDENT_CHAIR)
    with time_machine.travel(COUNTED, tick=False):
        _decide(NotificationFactory.create(board=board, status=Status.NO_REVIEW), chair)
        client = signed_in(business_manager)
        first = client.get(URL).content.decode()
    with time_machine.travel(COUNTED + datetime.timedelta(minutes=9), tick=False):
        NotificationFactory.create(board=board, status=Status.SUBMITTED)
        _decide(NotificationFactory.create(board=board, status=Status.NO_REVIEW), chair)
        again = signed_in(business_manager).get(URL).content.decode()
    for html in (first, again):
        assert (
            "Counted at 9:05am on 15 June 2026. The figures are counted again every 10 minutes."
            in html
        )
        assert _table_row(html, "stages-table", "Submitted") == ["0", "0", "0"]
        assert _table_row(html, "decisions-table", "No review") == ["1", "0", "0", "1"]


def test_after_the_interval_the_page_counts_again(board, business_manager, signed_in):
    chair = person(board, Role.INDEPENDENT_CHAIR)
    with time_machine.travel(COUNTED, tick=False):
        assert "Nothing to show" in signed_in(business_manager).get(URL).content.decode()
        NotificationFactory.create(board=board, status=Status.SUBMITTED)
        _decide(NotificationFactory.create(board=board, status=Status.NO_REVIEW), chair)
    with time_machine.travel(COUNTED + datetime.timedelta(minutes=10, seconds=1), tick=False):
        html = signed_in(business_manager).get(URL).content.decode()
    assert "Counted at 9:15am on 15 June 2026." in html
    assert _table_row(html, "stages-table", "Submitted") == ["1", "1", "0"]
    assert _table_row(html, "decisions-table", "No review") == ["1", "0", "0", "1"]
    # One row for the board and the year, written again in place.
    assert FiguresSnapshot.objects.filter(year=2026).count() == 1


def test_the_interval_is_the_boards_setting(board, business_manager, signed_in, settings):
    settings.FIGURES_REFRESH = datetime.timedelta(hours=1)
    with time_machine.travel(COUNTED, tick=False):
        signed_in(business_manager).get(URL)
        NotificationFactory.create(board=board, status=Status.SUBMITTED)
    with time_machine.travel(COUNTED + datetime.timedelta(minutes=59), tick=False):
        html = signed_in(business_manager).get(URL).content.decode()
    assert "Counted at 9:05am on 15 June 2026. The figures are counted again every hour." in html
    assert html.count("Nothing to show for this period.") == 6


def test_one_boards_counted_figures_never_show_to_another_boards_reader(
    board, other_board, business_manager, signed_in
):
    with time_machine.travel(COUNTED, tick=False):
        for _ in range(3):
            NotificationFactory.create(board=other_board, status=Status.SUBMITTED)
        signed_in(person(other_board, Role.BUSINESS_MANAGER)).get(URL)
        assert FiguresSnapshot.objects.filter(boards=str(other_board.pk)).exists()
        NotificationFactory.create(board=board, status=Status.SUBMITTED)
        html = signed_in(business_manager).get(URL + f"?board={other_board.pk}").content.decode()
    assert f"{board.name}, 2026" in html
    assert _table_row(html, "stages-table", "Submitted") == ["1", "1", "0"]


def test_a_person_of_two_boards_reads_each_boards_own_figures(board, other_board, signed_in):
    both = person(board, Role.LISG_MEMBER)
    both.role_grants.create(board=other_board, role=Role.LISG_MEMBER)
    NotificationFactory.create(board=board, status=Status.SUBMITTED)
    for _ in range(2):
        NotificationFactory.create(board=other_board, status=Status.SUBMITTED)
    client = signed_in(both)
    mine = client.get(URL + f"?board={board.pk}").content.decode()
    theirs = client.get(URL + f"?board={other_board.pk}").content.decode()
    assert _table_row(mine, "stages-table", "Submitted") == ["1", "1", "0"]
    assert _table_row(theirs, "stages-table", "Submitted") == ["2", "2", "0"]
    assert FiguresSnapshot.objects.count() == 2


def test_the_annual_report_is_counted_afresh(board, business_manager, signed_in):
    with time_machine.travel(COUNTED, tick=False):
        client = signed_in(business_manager)
        client.get(URL)
        NotificationFactory.create(board=board, status=Status.SUBMITTED)
        html = client.get(reverse("learning:annual-report")).content.decode()
    assert _table_row(html, "stages-table", "Submitted") == ["1", "1", "0"]


def test_figures_stored_in_an_older_shape_are_counted_again(board, business_manager, signed_in):
    """A release that changes how figures are stored does not show the old row."""
    NotificationFactory.create(board=board, status=Status.SUBMITTED)
    FiguresSnapshot.objects.create(
        boards=str(board.pk),
        year=timezone.localdate().year,
        counted_at=timezone.now(),
        figures={"shape": 0, "figures": []},
    )
    html = signed_in(business_manager).get(URL).content.decode()
    assert _table_row(html, "stages-table", "Submitted") == ["1", "1", "0"]
