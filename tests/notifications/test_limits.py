"""The limits of a notification (issue 13 item 4): at most MAX_CHILDREN children and
MAX_FAMILY_MEMBERS family members on the pages as in the API, said on the page; and a
duplicate check whose cost does not grow with the children named."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereviews.notifications.crnf.description import MAX_CHILDREN, MAX_FAMILY_MEMBERS
from casereviews.notifications.models import Child, FamilyMember, Notification, Status
from casereviews.notifications.selectors import notification_possible_duplicates
from tests.factories import ChildFactory, NotificationFactory
from tests.notifications.helpers import CHILD_DOB, CHILD_NAME, child_answers, start

pytestmark = pytest.mark.django_db


def _child(notification: Notification, name: str, born: datetime.date) -> Child:
    return ChildFactory.create(
        notification=notification,
        full_name=name,
        date_of_birth=born,
        child_protection_plan="never",
        looked_after="never",
        address="",
    )


def test_the_children_page_stops_at_the_limit_and_says_so(signed_in, notifier) -> None:
    """At the limit the 'Add another' button gives way to the limit in words; a child
    posted anyway is refused with the message, and what was typed is kept."""
    client = signed_in(notifier)
    notification = start(client)
    for number in range(MAX_CHILDREN()):
        _child(notification, f"Child {number}", CHILD_DOB)
    html = client.get(reverse("notifications:children", args=[notification.pk])).content.decode()
    assert f"You can add up to {MAX_CHILDREN()} children to one notification" in html
    assert "Add another child" not in html
    response = client.post(
        reverse("notifications:children-add", args=[notification.pk]),
        child_answers(full_name="One Too Many"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f"You can add up to {MAX_CHILDREN()} children to one notification" in html
    assert 'value="One Too Many"' in html
    assert notification.children.count() == MAX_CHILDREN()


def test_the_family_page_stops_at_the_limit(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = start(client)
    for number in range(MAX_FAMILY_MEMBERS()):
        FamilyMember.objects.create(
            notification=notification, full_name=f"Person {number}", relationship="Aunt"
        )
    response = client.post(
        reverse("notifications:family-add", args=[notification.pk]),
        {"full_name": "Someone Else", "relationship": "Uncle"},
    )
    assert f"You can add up to {MAX_FAMILY_MEMBERS()} family members" in response.content.decode()
    assert notification.family_members.count() == MAX_FAMILY_MEMBERS()


def test_the_duplicate_check_is_one_query_of_fixed_size_however_many_children(board) -> None:
    """One child or the limit of them: the same single query, and still found by name
    (case and spaces aside) and date of birth."""
    earlier = NotificationFactory.create(board=board, status=Status.SUBMITTED, reference="BF-1")
    _child(earlier, CHILD_NAME, CHILD_DOB)
    sql = []
    for count in (1, MAX_CHILDREN()):
        later = NotificationFactory.create(board=board, status=Status.DRAFT)
        _child(later, f"  {CHILD_NAME.upper()} ", CHILD_DOB)
        for number in range(count - 1):
            _child(later, f"Child {number}", datetime.date(2016, 1, 1))
        with CaptureQueriesContext(connection) as queries:
            found = list(notification_possible_duplicates(later))
        assert [n.reference for n in found] == ["BF-1"]
        assert len(queries.captured_queries) == 1
        sql.append(queries.captured_queries[0]["sql"].replace(str(later.pk), "N"))
    assert len(sql[0]) == len(sql[1])


def test_a_different_date_of_birth_is_not_a_duplicate(board) -> None:
    earlier = NotificationFactory.create(board=board, status=Status.SUBMITTED, reference="BF-1")
    _child(earlier, CHILD_NAME, CHILD_DOB)
    later = NotificationFactory.create(board=board, status=Status.DRAFT)
    _child(later, CHILD_NAME, datetime.date(2015, 4, 10))
    _child(later, "Someone Else", CHILD_DOB)
    assert list(notification_possible_duplicates(later)) == []


def test_the_limits_are_a_setting(signed_in, notifier, settings) -> None:
    """A local standard, so configurable: with CRNF_LIMITS {"children": 2} the page
    refuses a third child and says the new figure."""
    settings.CRNF_LIMITS = {"children": 2}
    client = signed_in(notifier)
    notification = start(client)
    for number in range(2):
        _child(notification, f"Child {number}", CHILD_DOB)
    response = client.post(
        reverse("notifications:children-add", args=[notification.pk]), child_answers()
    )
    assert "You can add up to 2 children to one notification" in response.content.decode()
    assert notification.children.count() == 2
