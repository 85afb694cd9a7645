"""The CRNF A as sections of rows: one layout for "check your answers", the case page
and the PDF, so the three never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.notifications import forms as f
from casereviews.notifications.models import Child, Notification
from casereviews.notifications.pages import PAGES_BY_SLUG, PARALLEL_FACTS

NOT_GIVEN = "Not given"
_ANSWERS: dict[Any, str] = {True: "Yes", False: "No", None: "Not known"}


@dataclass
class Row:
    key: str
    value: str
    # A document's row links to its (audited) download.
    url: str = ""


@dataclass
class Section:
    title: str
    rows: list[Row]
    change_url: str = ""
    change_text: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)


def _label(form_class: type[Any], name: str, value: Any) -> str:
    if value is None:
        return "Not known"
    choices = dict(form_class.base_fields[name].choices)
    return str(choices.get(value, value))


def _fact(facts: dict[str, Any], name: str) -> str:
    return _ANSWERS[facts[name]] if name in facts else NOT_GIVEN


def _date(value: Any) -> str:
    return govuk_date(value) or NOT_GIVEN


def _page_url(notification: Notification, slug: str) -> str:
    url = reverse("notifications:draft-page", args=[notification.pk, slug])
    return f"{url}?change=1"


def _child_rows(child: Child, subject: bool) -> list[Row]:
    age = (
        f"{child.age_at_incident} at the time of the incident"
        if child.age_at_incident is not None
        else ""
    )
    return [
        Row("Name", child.full_name),
        Row("Other names", child.other_names or "None given"),
        Row("Date of birth", govuk_date(child.date_of_birth) or age or NOT_GIVEN),
        Row("Sex", child.get_sex_display()),
        Row("Ethnicity", child.ethnicity or NOT_GIVEN),
        Row("Address", child.address),
        Row("Local authority of residence", child.local_authority),
        Row("Child protection plan", child.get_child_protection_plan_display()),
        Row("Looked after", child.get_looked_after_display()),
        Row("Open to children's social care", child.get_open_to_social_care_display()),
        Row("Date of death", govuk_date(child.date_of_death) or "Not applicable"),
        Row(
            "Died or most seriously harmed",
            "Yes: the criteria answers are about this child" if subject else "No",
        ),
    ]


def crnf_sections(notification: Notification, *, change_links: bool = False) -> list[Section]:
    """Every answer of the notification, page by page."""
    n, facts = notification, notification.criteria_facts
    consulted = n.get_consulted_with_display() or NOT_GIVEN
    if n.consulted_at:
        at = timezone.localtime(n.consulted_at)
        consulted += f", on {govuk_date(at)} at {at:%H:%M}"
    sections = [
        Section(
            PAGES_BY_SLUG["review-sought"].title,
            [Row("Review sought", n.get_review_sought_display() or NOT_GIVEN)],
        ),
        Section(
            PAGES_BY_SLUG["your-details"].title,
            [
                Row("Name", n.notifier_name),
                Row("Job title", n.notifier_job_title),
                Row("Organisation", n.organisation.name),
                Row("Telephone", n.notifier_telephone or NOT_GIVEN),
                Row("E-mail", n.notifier.email),
            ],
        ),
        Section(
            PAGES_BY_SLUG["consultation"].title,
            [Row("Consulted", consulted)]
            + ([Row("Why not", n.not_consulted_reason)] if n.not_consulted_reason else []),
        ),
        Section(
            PAGES_BY_SLUG["incident"].title,
            [
                Row("Date of the incident", _date(n.incident_date)),
                Row("Where the child was", n.incident_place or NOT_GIVEN),
                Row("Who the child was with", n.incident_with_whom or NOT_GIVEN),
            ],
        ),
    ]
    children = list(n.children.all())
    if change_links:
        sections.append(
            Section(
                PAGES_BY_SLUG["children"].title,
                [Row("Children", f"{len(children)} added" if children else "None added")],
                reverse("notifications:children", args=[n.pk]),
                "the children",
            )
        )
    for number, child in enumerate(children, start=1):
        section = Section(f"Child {number}", _child_rows(child, child.pk == n.subject_child_id))
        if change_links:
            section.change_url = reverse("notifications:child", args=[n.pk, child.pk])
            section.change_text = f"child {number}"
        sections.append(section)
    died = facts.get("child_died") is True
    learning = facts.get("learning")
    sections += [
        Section(
            PAGES_BY_SLUG["what-happened"].title,
            [Row("What happened", n.what_happened or NOT_GIVEN)],
        ),
        Section(
            PAGES_BY_SLUG["harm"].title,
            [
                Row("Did the child die?", _fact(facts, "child_died")),
                Row("Seriously harmed", _fact(facts, "seriously_harmed")),
            ],
        ),
    ]
    if died:
        sections.append(
            Section(
                PAGES_BY_SLUG["death"].title,
                [
                    Row("Suspected suicide", _fact(facts, "suspected_suicide")),
                    Row(
                        "Where the child died",
                        _label(f.DeathForm, "death_setting", facts.get("death_setting"))
                        if "death_setting" in facts
                        else NOT_GIVEN,
                    ),
                ],
            )
        )
    sections += [
        Section(
            PAGES_BY_SLUG["abuse-or-neglect"].title,
            [
                Row(
                    "Abuse or neglect",
                    _label(f.AbuseForm, "abuse_or_neglect", facts.get("abuse_or_neglect"))
                    if "abuse_or_neglect" in facts
                    else NOT_GIVEN,
                )
            ],
        ),
        Section(
            PAGES_BY_SLUG["working-together"].title,
            [
                Row(
                    "Concern about how agencies worked together",
                    _label(
                        f.WorkingTogetherForm,
                        "inter_agency_concern",
                        facts.get("inter_agency_concern"),
                    )
                    if "inter_agency_concern" in facts
                    else NOT_GIVEN,
                ),
                Row(
                    "Requirements or standards not met",
                    _label(
                        f.WorkingTogetherForm, "standards_not_met", facts.get("standards_not_met")
                    )
                    if "standards_not_met" in facts
                    else NOT_GIVEN,
                ),
            ],
        ),
        Section(
            PAGES_BY_SLUG["learning"].title,
            [
                Row(
                    "Learning",
                    "; ".join(dict(f.LEARNING_CHOICES)[area] for area in learning)
                    if learning
                    else ("None identified yet" if learning == [] else NOT_GIVEN),
                ),
                Row("Good practice to share", _fact(facts, "good_practice")),
                Row(
                    "Similar issues reviewed before",
                    _fact(facts, "similar_issues_previously_reviewed"),
                ),
            ],
        ),
    ]
    members = list(n.family_members.all())
    sections.append(
        Section(
            PAGES_BY_SLUG["family"].title,
            [
                Row(
                    f"{member.full_name} ({member.relationship})",
                    ", ".join(
                        part
                        for part in (
                            f"born {govuk_date(member.date_of_birth)}"
                            if member.date_of_birth
                            else "",
                            member.address,
                        )
                        if part
                    )
                    or "No other details",
                )
                for member in members
            ]
            or [Row("Family members", "None given")],
        )
    )
    agencies = [agency.name for agency in n.agencies.all()]
    if n.other_agencies:
        agencies.append(n.other_agencies)
    processes = [
        label for key, label in f.PARALLEL_PROCESSES if key in PARALLEL_FACTS and facts.get(key)
    ]
    sections += [
        Section(
            PAGES_BY_SLUG["agencies"].title,
            [Row("Agencies", "\n".join(agencies) or NOT_GIVEN)],
        ),
        Section(
            PAGES_BY_SLUG["parallel-processes"].title,
            [
                Row(
                    "Processes",
                    "\n".join(processes)
                    or ("None known" if "parallel-processes" in n.answered_pages else NOT_GIVEN),
                ),
                Row("Details", n.parallel_process_details or "None given"),
            ],
        ),
    ]
    documents = list(n.attachments.all())
    sections.append(
        Section(
            PAGES_BY_SLUG["documents"].title,
            [
                Row(
                    row.original_name,
                    filesizeformat(row.size),
                    reverse("notifications:attachment", args=[row.pk]),
                )
                for row in documents
            ]
            or [Row("Documents", "None uploaded")],
        )
    )
    if change_links:
        slugs = {page.title: page.slug for page in PAGES_BY_SLUG.values()}
        for section in sections:
            if section.title in slugs:
                section.change_url = _page_url(n, slugs[section.title])
                section.change_text = section.title.lower()
    return sections
