"""Filling in the CRNF A through its pages, as a notifier's browser would."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse

from casereviews.notifications.models import Notification

CHILD_NAME = "Kacey Hollins"
CHILD_DOB = datetime.date(2015, 4, 9)
INCIDENT = datetime.date(2026, 11, 20)


def date_parts(name: str, value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def page(notification: Notification, slug: str) -> str:
    return reverse("notifications:draft-page", args=[notification.pk, slug])


def child_answers(**changes: Any) -> dict[str, str]:
    answers: dict[str, Any] = {
        "full_name": CHILD_NAME,
        "other_names": "",
        "date_of_birth": CHILD_DOB,
        "age_at_incident": "",
        "sex": "female",
        "ethnicity": "White British",
        "address": "12 Larch Avenue, Bracknell RG12 1AA",
        "local_authority": "Bracknell Forest",
        "child_protection_plan": "before",
        "looked_after": "never",
        "open_to_social_care": "yes",
        "date_of_death": None,
    }
    answers.update(changes)
    data: dict[str, str] = {}
    for name, value in answers.items():
        if name in {"date_of_birth", "date_of_death"}:
            data.update(date_parts(name, value))
        else:
            data[name] = value
    return data


PAGE_ANSWERS: dict[str, dict[str, Any]] = {
    "your-details": {
        "notifier_name": "Priya Shah",
        "notifier_job_title": "Detective Sergeant",
        "notifier_telephone": "01344 000000",
    },
    "what-happened": {"what_happened": "Admitted to hospital with injuries."},
    "harm": {"child_died": "no", "seriously_harmed": "yes"},
    "abuse-or-neglect": {"abuse_or_neglect": "suspected"},
    "working-together": {"inter_agency_concern": "unclear", "standards_not_met": "yes"},
    "learning": {
        "learning": ["working_together"],
        "good_practice": "no",
        "similar_issues_previously_reviewed": "unknown",
    },
    "parallel-processes": {"processes": ["criminal_proceedings"], "parallel_process_details": ""},
}


def start(client: Client, review_sought: str = "inter_agency_cpir") -> Notification:
    response = client.post(reverse("notifications:start"), {"review_sought": review_sought})
    assert response.status_code == 302, response.content
    return Notification.objects.latest("pk")


def fill_in(
    client: Client,
    *,
    review_sought: str = "inter_agency_cpir",
    consulted_at: datetime.datetime | None = None,
    child: dict[str, str] | None = None,
    agency_ids: list[int] | None = None,
) -> Notification:
    """Answer every page; returns the draft, ready to be sent."""
    notification = start(client, review_sought)
    posts: list[tuple[str, dict[str, Any]]] = [
        (page(notification, "your-details"), PAGE_ANSWERS["your-details"]),
    ]
    when = consulted_at or datetime.datetime(2026, 11, 25, 9, 30)
    posts.append(
        (
            page(notification, "consultation"),
            {
                "consulted_with": "agency_lead",
                "not_consulted_reason": "",
                **date_parts("consultation_date", when.date()),
                "consultation_time": f"{when:%H:%M}",
            },
        )
    )
    posts.append(
        (
            page(notification, "incident"),
            {
                **date_parts("incident_date", INCIDENT),
                "incident_place": "At home",
                "incident_with_whom": "Her mother's partner",
            },
        )
    )
    posts.append(
        (reverse("notifications:children-add", args=[notification.pk]), child or child_answers())
    )
    posts.append((reverse("notifications:children", args=[notification.pk]), {}))
    for slug in ("what-happened", "harm", "abuse-or-neglect", "working-together", "learning"):
        posts.append((page(notification, slug), PAGE_ANSWERS[slug]))
    posts.append((reverse("notifications:family", args=[notification.pk]), {}))
    posts.append(
        (
            page(notification, "agencies"),
            {"agencies": agency_ids or [], "other_agencies": "" if agency_ids else "GP surgery"},
        )
    )
    posts.append((page(notification, "parallel-processes"), PAGE_ANSWERS["parallel-processes"]))
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.content.decode()[:3000])
    notification.refresh_from_db()
    return notification


def send(client: Client, notification: Notification, version: int | None = None) -> Any:
    return client.post(
        reverse("submission:check", args=[notification.pk]),
        {"version": notification.version if version is None else version},
    )
