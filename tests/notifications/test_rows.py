"""The "add another" pages: children and family members, their rules (a child's age
at the incident, dates of birth and death), and URLs that name no one."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from casereviews.notifications.models import Child, FamilyMember, Notification
from tests.notifications.helpers import (
    CHILD_NAME,
    INCIDENT,
    child_answers,
    date_parts,
    page,
    start,
)

pytestmark = pytest.mark.django_db


def _with_incident(client, notifier) -> Notification:
    notification = start(client)
    client.post(
        page(notification, "incident"),
        {
            **date_parts("incident_date", INCIDENT),
            "incident_place": "Home",
            "incident_with_whom": "Mother",
        },
    )
    return notification


def test_a_date_of_death_before_the_date_of_birth_is_refused(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = _with_incident(client, notifier)
    response = client.post(
        reverse("notifications:children-add", args=[notification.pk]),
        child_answers(date_of_death=datetime.date(2014, 1, 1)),
    )
    html = response.content.decode()
    assert "The date of death must be the same as or after the date of birth" in html
    assert CHILD_NAME in html  # what was typed is kept
    assert not Child.objects.exists()


def test_a_child_aged_18_or_over_at_the_incident_is_refused_suggesting_a_sar(
    signed_in, notifier
) -> None:
    client = signed_in(notifier)
    notification = _with_incident(client, notifier)
    url = reverse("notifications:children-add", args=[notification.pk])
    response = client.post(url, child_answers(date_of_birth=datetime.date(2008, 11, 20)))
    assert "consider a Safeguarding Adults Review" in response.content.decode()
    response = client.post(url, child_answers(date_of_birth=None, age_at_incident="18"))
    assert "consider a Safeguarding Adults Review" in response.content.decode()
    assert not Child.objects.exists()
    # The day before their 18th birthday they were still a child.
    response = client.post(url, child_answers(date_of_birth=datetime.date(2008, 11, 21)))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.criteria_facts["age_years"] == 17


def test_moving_the_incident_date_cannot_make_a_child_an_adult(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = _with_incident(client, notifier)
    client.post(
        reverse("notifications:children-add", args=[notification.pk]),
        child_answers(date_of_birth=datetime.date(2009, 1, 1)),
    )
    response = client.post(
        page(notification, "incident"),
        {
            **date_parts("incident_date", datetime.date(2027, 1, 2)),
            "incident_place": "Home",
            "incident_with_whom": "Mother",
        },
    )
    assert "must be today or in the past" in response.content.decode()
    response = client.post(
        page(notification, "incident"),
        {
            **date_parts("incident_date", datetime.date(2026, 11, 2)),
            "incident_place": "Home",
            "incident_with_whom": "Mother",
        },
    )
    assert response.status_code == 302
    response = client.post(
        page(notification, "incident"),
        {
            **date_parts("incident_date", datetime.date(2025, 1, 2)),
            "incident_place": "Home",
            "incident_with_whom": "Mother",
        },
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.criteria_facts["age_years"] == 16


def test_a_child_needs_a_date_of_birth_or_an_age(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = _with_incident(client, notifier)
    response = client.post(
        reverse("notifications:children-add", args=[notification.pk]),
        child_answers(date_of_birth=None, sex=""),
    )
    html = response.content.decode()
    assert "Enter the child&#x27;s date of birth, or their age if not known" in html
    assert "Select the child&#x27;s sex" in html


def _hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|action)="([^"]*)"', html)


def test_add_another_child_choose_the_subject_and_remove_with_a_confirmation(
    signed_in, notifier
) -> None:
    """Two children in the summary list, with change and remove links that name them by
    id only; the criteria answers are about the child chosen."""
    client = signed_in(notifier)
    notification = _with_incident(client, notifier)
    add = reverse("notifications:children-add", args=[notification.pk])
    client.post(add, child_answers())
    client.post(
        add, child_answers(full_name="Rory Hollins", date_of_birth=datetime.date(2020, 2, 2))
    )
    summary = reverse("notifications:children", args=[notification.pk])
    html = client.get(summary).content.decode()
    assert CHILD_NAME in html
    assert "Rory Hollins" in html
    assert "Which child died or was most seriously harmed?" in html
    for href in _hrefs(html):
        assert "Hollins" not in href
        assert "Kacey" not in href
    rory = Child.objects.get(full_name="Rory Hollins")
    response = client.post(summary, {})
    assert "Select the child who died or was most seriously harmed" in response.content.decode()
    response = client.post(summary, {"subject_child": rory.pk})
    assert response["Location"] == page(notification, "what-happened")
    notification.refresh_from_db()
    assert (notification.subject_child, notification.criteria_facts["age_years"]) == (rory, 6)

    remove = reverse("notifications:child-remove", args=[notification.pk, rory.pk])
    assert "Are you sure you want to remove Rory Hollins?" in client.get(remove).content.decode()
    client.post(remove)
    notification.refresh_from_db()
    assert list(notification.children.values_list("full_name", flat=True)) == [CHILD_NAME]
    assert notification.subject_child is not None
    assert notification.subject_child.full_name == CHILD_NAME
    assert notification.criteria_facts["age_years"] == 11


def test_changing_a_child_keeps_the_row_and_its_id(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = _with_incident(client, notifier)
    client.post(reverse("notifications:children-add", args=[notification.pk]), child_answers())
    child = Child.objects.get()
    url = reverse("notifications:child", args=[notification.pk, child.pk])
    assert 'value="Kacey Hollins"' in client.get(url).content.decode()
    client.post(url, child_answers(other_names="Kacey Smith"))
    child.refresh_from_db()
    assert child.other_names == "Kacey Smith"
    assert Child.objects.count() == 1


def test_sending_needs_at_least_one_child(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(reverse("notifications:children", args=[notification.pk]), {})
    assert "Add at least one child" in response.content.decode()


def test_family_members_are_added_changed_and_removed(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = start(client)
    add = reverse("notifications:family-add", args=[notification.pk])
    response = client.post(add, {"full_name": "", "relationship": "Mother"})
    assert "Enter the person&#x27;s full name" in response.content.decode()
    assert 'value="Mother"' in response.content.decode()
    client.post(
        add,
        {
            "full_name": "Dana Hollins",
            "relationship": "Mother",
            **date_parts("date_of_birth", datetime.date(1990, 3, 3)),
        },
    )
    member = FamilyMember.objects.get()
    assert (member.full_name, member.date_of_birth) == ("Dana Hollins", datetime.date(1990, 3, 3))
    client.post(
        reverse("notifications:family-member", args=[notification.pk, member.pk]),
        {"full_name": "Dana Hollins", "relationship": "Mother", "address": "12 Larch Avenue"},
    )
    member.refresh_from_db()
    assert member.address == "12 Larch Avenue"
    client.post(reverse("notifications:family-member-remove", args=[notification.pk, member.pk]))
    assert not FamilyMember.objects.exists()
    response = client.post(reverse("notifications:family", args=[notification.pk]))
    assert response["Location"] == page(notification, "agencies")
