"""A draft is kept, resumed from "Your notifications" and deleted only by its author."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.notifications.models import Child, Notification
from tests.notifications.helpers import fill_in, page, send, start

pytestmark = pytest.mark.django_db


def _statuses(html: str) -> dict[str, str]:
    """The task list: each section's name and its status."""
    found = re.findall(
        r'govuk-task-list__link" href="[^"]*"[^>]*>([^<]+)</a>.*?'
        r'govuk-task-list__status"[^>]*>(?:<strong[^>]*>)?([^<]+)<',
        html,
        re.S,
    )
    return dict(found)


def test_a_draft_is_resumed_from_a_task_list_of_its_sections(signed_in, notifier) -> None:
    """The GOV.UK task list: every section with its status, and "Continue" to the first
    section not yet answered."""
    client = signed_in(notifier)
    notification = start(client)
    client.post(
        page(notification, "your-details"),
        {
            "notifier_name": "Priya Shah",
            "notifier_job_title": "DS",
            "notifier_telephone": "01344 000000",
        },
    )
    mine = client.get(reverse("notifications:mine")).content.decode()
    resume = reverse("notifications:resume", args=[notification.pk])
    assert "Draft started 25 November 2026" in mine
    assert resume in mine
    html = client.get(resume).content.decode()
    statuses = _statuses(html)
    assert statuses["What you are asking us to consider"] == "Completed"
    assert statuses["Your details"] == "Completed"
    assert statuses["Consultation before notifying"] == "Not yet started"
    assert statuses["Upload documents"] == "Not yet started"
    assert "The child&#x27;s death" not in statuses  # asked only if the child died
    assert len(statuses) == 14
    assert "You have completed 2 of 13 sections." in html
    assert f'href="{page(notification, "consultation")}" role="button"' in html
    html = client.get(page(notification, "your-details")).content.decode()
    assert 'value="DS"' in html


def test_a_finished_draft_leads_to_check_your_answers(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = fill_in(client)
    html = client.get(reverse("notifications:resume", args=[notification.pk])).content.decode()
    assert "You have completed every section." in html
    assert set(_statuses(html).values()) == {"Completed", "Not yet started"}  # documents
    check = reverse("submission:check", args=[notification.pk])
    assert f'href="{check}" role="button"' in html


def test_deleting_a_draft_asks_first_then_removes_it_and_its_children(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = fill_in(client)
    url = reverse("notifications:delete", args=[notification.pk])
    assert (
        "Are you sure you want to delete this draft notification?"
        in client.get(url).content.decode()
    )
    assert Notification.objects.filter(pk=notification.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("notifications:mine")
    assert (
        "Your draft notification has been deleted"
        in client.get(response["Location"]).content.decode()
    )
    assert not Notification.objects.exists()
    assert not Child.objects.exists()
    assert AuditEvent.objects.filter(action="notification.draft_delete", actor=notifier).exists()


def test_a_sent_notification_cannot_be_deleted(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = fill_in(client)
    send(client, notification)
    response = client.post(reverse("notifications:delete", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:detail", args=["BF-2026-0001"])
    assert Notification.objects.filter(pk=notification.pk, reference="BF-2026-0001").exists()


def test_no_url_of_the_form_names_the_child(signed_in, notifier) -> None:
    """Every address the form leads to uses ids, never the child's name."""
    client = signed_in(notifier)
    notification = fill_in(client)
    visited = [
        reverse("submission:check", args=[notification.pk]),
        reverse("notifications:children", args=[notification.pk]),
        reverse("notifications:mine"),
    ]
    for url in visited:
        html = client.get(url).content.decode()

        for href in re.findall(r'href="([^"]*)"', html):
            assert "kacey" not in href.lower()
            assert "hollins" not in href.lower()
