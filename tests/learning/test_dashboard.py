"""The figures page: for the Business Manager, the Chair and the LISG, of the boards where
they hold such a role; each chart drawn by the service beside its table."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from tests.factories import NotificationFactory, person

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
    NotificationFactory.create(board=other_board, status=Status.SUBMITTED)
    response = signed_in(person(board, role)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert "Bar chart: Notifications by stage" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    # The other board's case is not counted.
    assert _table_row(html, "stages-table", "Submitted") == ["2"]
    assert _table_row(html, "stages-table", "Under consideration") == ["1"]
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
    assert html.count("Nothing to show for this period.") == 5


def test_a_year_without_cases_says_so(board, business_manager, signed_in):
    year = timezone.localdate().year - 3
    html = signed_in(business_manager).get(URL + f"?year={year}").content.decode()
    assert html.count("Nothing to show for this period.") == 5
    assert f"{board.name}, {year}" in html
