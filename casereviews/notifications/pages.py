"""The pages of the CRNF A in order (`crnf.description`), and how a page's answers are
shown and kept: read from each question's stored place, never named here."""

from __future__ import annotations

import datetime
from typing import Any

from casereviews.notifications.ages import age_on
from casereviews.notifications.crnf.description import (
    PAGES,
    PAGES_BY_SLUG,
    PARALLEL_FACTS,
    questions_on,
)
from casereviews.notifications.crnf.model import UNSET, Page
from casereviews.notifications.models import Notification

__all__ = [
    "PAGES",
    "PAGES_BY_SLUG",
    "PARALLEL_FACTS",
    "Page",
    "apply",
    "birth_dates",
    "initial",
    "missing_pages",
    "next_page",
    "subject_age",
]


def initial(notification: Notification, slug: str) -> dict[str, Any]:
    """What a page shows before anything is typed: the answers saved so far."""
    data: dict[str, Any] = {}
    for q in questions_on(slug):
        value = q.place.get(notification)
        if value is not UNSET:
            data[q.name] = q.form_from_stored(value)
    return data


def apply(notification: Notification, slug: str, cleaned: dict[str, Any]) -> None:
    """Copy a valid page's answers onto the notification (saved by the service). An
    answer missing from `cleaned` (the API left it out) is kept as never given."""
    for q in questions_on(slug):
        q.place.set(notification, q.stored_from_form(cleaned.get(q.name, UNSET)), cleaned)
    page = PAGES_BY_SLUG[slug]
    if page.after_save is not None:
        page.after_save(notification, cleaned)


def subject_age(notification: Notification) -> int | None:
    """The subject child's age at the incident, from their date of birth or given age."""
    child = notification.subject_child
    if child is None:
        return None
    age: int | None
    if child.date_of_birth and notification.incident_date:
        age = age_on(child.date_of_birth, notification.incident_date)
    else:
        age = child.age_at_incident
    return age if age is not None and 0 <= age <= 17 else None


def birth_dates(notification: Notification) -> list[datetime.date]:
    return [c.date_of_birth for c in notification.children.all() if c.date_of_birth]


def missing_pages(notification: Notification) -> list[Page]:
    """The pages still to answer before the notification can be sent."""
    missing = []
    for page in PAGES:
        if not page.applies(notification) or page.optional:
            continue
        if page.slug == "children":
            if notification.subject_child_id is None:
                missing.append(page)
        elif page.slug not in notification.answered_pages or not page.still_answered(notification):
            missing.append(page)
    return missing


def next_page(notification: Notification, slug: str) -> Page | None:
    """The page after `slug` that applies to this notification, or None for the end."""
    slugs = [page.slug for page in PAGES]
    for page in PAGES[slugs.index(slug) + 1 :]:
        if page.applies(notification):
            return page
    return None
