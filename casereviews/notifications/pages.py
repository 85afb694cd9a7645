"""The pages of the CRNF A, in order, and how each page's answers map onto the
notification and its criteria facts (DESIGN.md section 4, by their exact names)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import timezone

from casereviews.notifications import forms as f
from casereviews.notifications.ages import age_on
from casereviews.notifications.models import Notification


def _always(notification: Notification) -> bool:
    return True


def _child_died(notification: Notification) -> bool:
    return notification.criteria_facts.get("child_died") is True


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    form_class: type[forms.Form] | None = None
    applies: Callable[[Notification], bool] = field(default=_always)
    # An optional page is offered in turn but need not be answered before sending.
    optional: bool = False


PAGES: tuple[Page, ...] = (
    Page("review-sought", "What you are asking the board to consider", f.ReviewSoughtForm),
    Page("your-details", "Your details", f.NotifierForm),
    Page("consultation", "Consultation before notifying", f.ConsultationForm),
    Page("incident", "The incident", f.IncidentForm),
    Page("children", "The child or children"),
    Page("what-happened", "What happened", f.WhatHappenedForm),
    Page("harm", "Harm to the child", f.HarmForm),
    Page("death", "The child's death", f.DeathForm, _child_died),
    Page("abuse-or-neglect", "Abuse or neglect", f.AbuseForm),
    Page("working-together", "How agencies worked together", f.WorkingTogetherForm),
    Page("learning", "Learning and good practice", f.LearningForm),
    Page("family", "Family members and significant others"),
    Page("agencies", "Agencies involved", f.AgenciesForm),
    Page("parallel-processes", "Other processes under way", f.ParallelProcessesForm),
    Page("documents", "Upload documents", optional=True),
)
PAGES_BY_SLUG = {page.slug: page for page in PAGES}

# Page fields stored as they are on the notification.
_PLAIN_FIELDS = {
    "review-sought": ("review_sought",),
    "your-details": ("notifier_name", "notifier_job_title", "notifier_telephone"),
    "incident": ("incident_date", "incident_place", "incident_with_whom"),
    "what-happened": ("what_happened",),
}
# Page fields stored in `criteria_facts`: yes/no(/not known) answers become booleans.
_BOOLEAN_FACTS = {
    "harm": ("child_died", "seriously_harmed"),
    "death": ("suspected_suicide",),
    "learning": ("good_practice", "similar_issues_previously_reviewed"),
}
_ENUM_FACTS = {
    "death": ("death_setting",),
    "abuse-or-neglect": ("abuse_or_neglect",),
    "working-together": ("inter_agency_concern", "standards_not_met"),
}
PARALLEL_FACTS = tuple(key for key, _ in f.PARALLEL_PROCESSES if key != "none")


def _as_answer(value: Any) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


def _as_fact(answer: str) -> bool | None:
    return {"yes": True, "no": False}.get(answer)


def initial(notification: Notification, slug: str) -> dict[str, Any]:
    """What a page shows before anything is typed: the answers saved so far."""
    facts = notification.criteria_facts
    data: dict[str, Any] = {
        name: getattr(notification, name) for name in _PLAIN_FIELDS.get(slug, ())
    }
    for name in _BOOLEAN_FACTS.get(slug, ()):
        if name in facts:
            data[name] = _as_answer(facts[name])
    for name in _ENUM_FACTS.get(slug, ()):
        if name in facts:
            data[name] = facts[name] if facts[name] is not None else "unknown"
    if slug == "consultation":
        data["consulted_with"] = notification.consulted_with
        data["not_consulted_reason"] = notification.not_consulted_reason
        if notification.consulted_at:
            local = timezone.localtime(notification.consulted_at)
            data["consultation_date"] = local.date()
            data["consultation_time"] = f"{local:%H:%M}"
    elif slug == "learning" and "learning" in facts:
        data["learning"] = facts["learning"] or ["none"]
    elif slug == "agencies" and notification.pk:
        data["agencies"] = list(notification.agencies.all())
        data["other_agencies"] = notification.other_agencies
    elif slug == "parallel-processes" and slug in notification.answered_pages:
        data["processes"] = [name for name in PARALLEL_FACTS if facts.get(name)] or ["none"]
        data["parallel_process_details"] = notification.parallel_process_details
    return data


def apply(notification: Notification, slug: str, data: dict[str, Any]) -> None:
    """Copy a valid page's answers onto the notification (saved by the service)."""
    facts = dict(notification.criteria_facts)
    for name in _PLAIN_FIELDS.get(slug, ()):
        setattr(notification, name, data[name])
    for name in _BOOLEAN_FACTS.get(slug, ()):
        facts[name] = _as_fact(data[name])
    for name in _ENUM_FACTS.get(slug, ()):
        facts[name] = data[name]
    if slug == "consultation":
        notification.consulted_with = data["consulted_with"]
        notification.not_consulted_reason = (
            data["not_consulted_reason"] if data["consulted_with"] == "none" else ""
        )
        notification.consulted_at = data.get("consulted_at")
    elif slug == "harm" and facts["child_died"] is False:
        # A child who did not die did not die by suicide or in a listed setting.
        facts["suspected_suicide"] = False
        facts["death_setting"] = "none"
        notification.answered_pages = [p for p in notification.answered_pages if p != "death"]
    elif slug == "harm" and "death" not in notification.answered_pages:
        # Now the child died: the death page is asked afresh, never assumed.
        facts.pop("suspected_suicide", None)
        facts.pop("death_setting", None)
    elif slug == "learning":
        facts["learning"] = [area for area in data["learning"] if area != "none"]
    elif slug == "agencies":
        notification.agencies.set(data["agencies"])
        notification.other_agencies = data["other_agencies"]
    elif slug == "parallel-processes":
        for name in PARALLEL_FACTS:
            facts[name] = name in data["processes"]
        notification.parallel_process_details = data["parallel_process_details"]
    notification.criteria_facts = facts


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
        elif page.slug not in notification.answered_pages:
            missing.append(page)
    return missing


def next_page(notification: Notification, slug: str) -> Page | None:
    """The page after `slug` that applies to this notification, or None for the end."""
    slugs = [page.slug for page in PAGES]
    for page in PAGES[slugs.index(slug) + 1 :]:
        if page.applies(notification):
            return page
    return None
