"""No page costs more as the data grows: every list and detail page issues at most a
fixed number of queries, the same bound with 5 and with 50 rows behind it, and no list
reads OFFSET or COUNT(*) (docs/adr/0010-keyset-pagination.md). Runs on SQLite and on
PostgreSQL with the rest of the suite."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.api.services import api_token_create
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board, Organisation, OrganisationType, Role
from casereviews.deadlines import rules
from casereviews.deadlines.services import deadline_start
from casereviews.notifications.models import Child, Notification, Status
from casereviews.workflow.models import TimelineEntry
from tests.factories import NotificationFactory, UserFactory, person
from tests.helpers import sign_in
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    """These tests build many people; a slow password hash only slows them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    board: Board
    people: dict[Role, User]
    case: Notification
    administrator: User


@pytest.fixture
def world(board) -> World:
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    return World(board, people, case, UserFactory.create(is_administrator=True))


# Each page: who asks, and what to build first so that `rows` rows stand behind it.
Build = Callable[[World, int], tuple[User, str]]


def _cases(world: World, rows: int, **fields: object) -> None:
    for _ in range(rows):
        NotificationFactory.create(board=world.board, **fields)


def home_of(role: Role) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        _cases(world, rows, status=Status.SUBMITTED, notifier=world.people[Role.NOTIFIER])
        _cases(world, rows, status=Status.UNDER_CONSIDERATION)
        _cases(world, rows, status=Status.LISG_RECOMMENDED)
        return world.people[role], reverse("frontend:home")

    return build


def my_notifications(world: World, rows: int) -> tuple[User, str]:
    _cases(world, rows, notifier=world.people[Role.NOTIFIER])
    _cases(world, rows, notifier=world.people[Role.NOTIFIER], status=Status.DRAFT)
    return world.people[Role.NOTIFIER], reverse("notifications:mine")


def board_list(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        _cases(world, rows, status=Status.SUBMITTED)
        _cases(world, rows, status=Status.CLOSED)
        return world.people[Role.BUSINESS_MANAGER], reverse("notifications:board") + query

    return build


def case_page(world: World, rows: int) -> tuple[User, str]:
    for number in range(rows):
        Child.objects.create(
            notification=world.case,
            full_name=f"Child {number}",
            sex="unknown",
            child_protection_plan="unknown",
            looked_after="unknown",
            open_to_social_care="unknown",
        )
        TimelineEntry.objects.create(
            notification=world.case,
            at=timezone.now(),
            by=world.people[Role.BUSINESS_MANAGER],
            kind="note",
            text=f"Step {number}",
        )
        # Each agency's deadline names the agency on the page.
        deadline_start(
            notification=world.case,
            rule=rules.AGENCY_RETURN_DUE,
            started_at=timezone.now(),
            subject=f"agency {number}",
            responsible_organisation=Organisation.objects.create(
                name=f"Agency {number} of the cost test", type=OrganisationType.POLICE
            ),
        )
    return world.people[Role.BUSINESS_MANAGER], reverse(
        "notifications:detail", args=[world.case.reference]
    )


def due(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        start = timezone.now() - datetime.timedelta(days=10)
        for _ in range(rows):
            case = NotificationFactory.create(board=world.board, status=Status.SUBMITTED)
            deadline_start(notification=case, rule=rules.VERIFICATION_DUE, started_at=start)
        return world.people[Role.BUSINESS_MANAGER], reverse("deadlines:due") + query

    return build


def audit_search(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        for _ in range(rows):
            audit_record(
                action="notification.read", actor=world.people[Role.LISG_MEMBER], obj=world.case
            )
        return world.people[Role.BUSINESS_MANAGER], reverse("audit:search") + query

    return build


def who_has_seen(world: World, rows: int) -> tuple[User, str]:
    for _ in range(rows):
        reader = person(world.board, Role.LISG_MEMBER)
        audit_record(action="notification.read", actor=reader, obj=world.case)
    url = reverse("audit:who-has-seen") + f"?reference={world.case.reference}"
    return world.people[Role.BUSINESS_MANAGER], url


def sign_ins(world: World, rows: int) -> tuple[User, str]:
    for _ in range(rows):
        audit_record(action="auth.sign_in", actor=world.people[Role.NOTIFIER])
    return world.administrator, reverse("audit:without-board")


def people_list(world: World, rows: int) -> tuple[User, str]:
    for _ in range(rows):
        UserFactory.create()
    return world.administrator, reverse("administration:users")


def api_read(world: World, rows: int) -> tuple[User, str]:
    case_page(world, rows)
    return world.people[Role.BUSINESS_MANAGER], reverse(
        "api:notification", args=[world.case.reference]
    )


# The bound of each page: the most queries it may issue, whatever the rows behind it
# (as measured on PostgreSQL, which takes the audit chain's lock in one more query).
PAGES: dict[str, tuple[Build, int]] = {
    "home-notifier": (home_of(Role.NOTIFIER), 11),
    "home-agency-lead": (home_of(Role.AGENCY_LEAD), 13),
    "home-business-manager": (home_of(Role.BUSINESS_MANAGER), 13),
    "home-lisg-member": (home_of(Role.LISG_MEMBER), 11),
    "home-independent-chair": (home_of(Role.INDEPENDENT_CHAIR), 11),
    "my-notifications": (my_notifications, 11),
    "board-list": (board_list(""), 11),
    "board-list-filtered": (board_list("?status=submitted"), 11),
    "case-page": (case_page, 35),
    "due-mine": (due(""), 11),
    "due-board-overdue": (due("?whose=board&overdue=yes"), 11),
    "audit-search": (audit_search(""), 11),
    "audit-search-action": (audit_search("?action=notification.read"), 11),
    "who-has-seen": (who_has_seen, 12),
    "sign-ins": (sign_ins, 9),
    "people": (people_list, 9),
    "api-read": (api_read, 15),
}
# Pages that list rows of a table that grows: never OFFSET, never COUNT(*).
LISTS = set(PAGES) - {"case-page", "api-read"}
OFFSET = re.compile(r"\bOFFSET\b", re.IGNORECASE)
COUNT = re.compile(r"\bCOUNT\(\*\)", re.IGNORECASE)


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_costs_no_more_queries_with_more_rows(
    world, page, rows, django_assert_max_num_queries
) -> None:
    build, bound = PAGES[page]
    user, url = build(world, rows)
    if url.startswith("/api/"):
        token = api_token_create(user=user, name="Cost test")[1]
        client, headers = Client(), {"Authorization": f"Bearer {token}"}
    else:
        client, headers = sign_in(Client(), user), {}
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    if page in LISTS:
        sql = [query["sql"] for query in captured.captured_queries]
        assert not [s for s in sql if OFFSET.search(s)], "a list read with OFFSET"
        assert not [s for s in sql if COUNT.search(s)], "a list counted its rows"
