"""The case page reads the case with what it holds, so a section whose records the case
does not hold shows none without asking its table (`casereviews.notifications.holdings`);
a case that holds them shows them."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.communications.models import Communication
from casereviews.notifications.holdings import holds, register_holding, with_holdings
from casereviews.notifications.models import Notification
from tests.factories import NotificationFactory, person
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

# Each kind of record the case page asks about together, and the table it lives in.
TABLES = {
    "possible_duplicates": "notifications_notification_possible_duplicates",
    "escalations": "decisions_chairdecision",
    "single_agency_reviews": "single_agency_singleagencyreview",
    "communications": "communications_communication",
    "lisg_meeting": "involvement_lisgmeetingcase",
    "go_ahead": "involvement_lisggoahead",
    "disclosure_decisions": "involvement_disclosuredecision",
}


def _tables_read_on_their_own(queries: list[dict[str, str]]) -> set[str]:
    """The tables a query reads FROM at its top level (not inside an EXISTS)."""
    read = set()
    for query in queries:
        outer = query["sql"].split("EXISTS")[0]
        read.update(re.findall(r'(?:FROM|JOIN) "(\w+)"', outer))
    return read


def test_a_case_read_with_its_holdings_says_which_kinds_it_holds(board) -> None:
    case = NotificationFactory.create(board=board)
    other = NotificationFactory.create(board=board)
    case.possible_duplicates.add(other)
    read = with_holdings(Notification.objects.all()).get(pk=case.pk)
    assert holds(read, "possible_duplicates")
    assert not holds(read, "communications")
    # The questions are built once and kept: each case read later is still asked about
    # itself, in one query or many.
    alone = NotificationFactory.create(board=board)
    both = {found.pk: found for found in with_holdings(Notification.objects.all())}
    assert holds(both[case.pk], "possible_duplicates")
    assert not holds(both[alone.pk], "possible_duplicates")
    again = with_holdings(Notification.objects.all()).get(pk=alone.pk)
    assert not holds(again, "possible_duplicates")
    # Read any other way, a case may hold anything: its sections ask.
    assert holds(Notification.objects.get(pk=case.pk), "communications")


def test_a_kind_is_registered_once_and_asked_about_by_its_registered_name() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register_holding("communications", lambda case: Communication.objects.none())
    with pytest.raises(ValueError, match="not registered"):
        holds(Notification(), "communication")


def test_the_case_page_asks_no_table_whose_records_the_case_does_not_hold(board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    client = sign_in(Client(), manager)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("notifications:detail", args=[case.reference]))
    assert response.status_code == 200
    assert not _tables_read_on_their_own(queries.captured_queries) & set(TABLES.values())


def test_the_case_page_shows_what_the_case_holds(board) -> None:
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    other = NotificationFactory.create(board=board)
    case.possible_duplicates.add(other)
    Communication.objects.create(
        notification=case,
        audience="press",
        message="Statement",
        channel="press_statement",
        deliverer=manager,
        drafted_by=manager,
        drafted_at=timezone.now(),
    )
    page = sign_in(Client(), manager).get(reverse("notifications:detail", args=[case.reference]))
    text = page.content.decode()
    assert "Possible duplicate of" in text
    assert str(other.reference) in text
    assert "See the communications log" in text
    assert "No communication is recorded" not in text
