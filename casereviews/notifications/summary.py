"""The CRNF A as sections of rows: one layout for "check your answers", the case page
and the PDF, so the three never disagree. Each row is a question of
`crnf.description`, with its summary label and its answer in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from casereviews.notifications.crnf.description import (
    CHILD_QUESTIONS,
    FAMILY_QUESTIONS,
    PAGES,
    questions_on,
)
from casereviews.notifications.crnf.model import NOT_GIVEN, NOT_KNOWN, UNSET, Question
from casereviews.notifications.models import Child, FamilyMember, Notification


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


def _page_url(notification: Notification, slug: str) -> str:
    url = reverse("notifications:draft-page", args=[notification.pk, slug])
    return f"{url}?change=1"


def answer_text(q: Question, record: object, answered: bool = True) -> str:
    """The answer to `q` as a summary shows it. A question left out by the API where
    that means "not known" reads so once its page is answered."""
    value = q.place.get(record)
    if value is UNSET and q.api_omitted_is_unknown and answered:
        return NOT_KNOWN
    return q.shown_text(value)


def rows_for(questions: tuple[Question, ...], record: object, answered: bool = True) -> list[Row]:
    return [Row(q.summary, answer_text(q, record, answered)) for q in questions if q.shown(record)]


def _child_section(number: int, child: Child, subject: bool) -> Section:
    rows = rows_for(CHILD_QUESTIONS, child)
    rows.append(
        Row(
            "Died or most seriously harmed",
            "Yes: the criteria answers are about this child" if subject else "No",
        )
    )
    return Section(f"Child {number}", rows)


def _member_row(member: FamilyMember) -> Row:
    details = [
        f"{row.key}: {row.value}"
        for row in rows_for(FAMILY_QUESTIONS, member)
        if row.value != NOT_GIVEN and row.key != "Name"
    ]
    return Row(member.full_name, "\n".join(details) or "No other details")


def crnf_sections(notification: Notification, *, change_links: bool = False) -> list[Section]:
    """Every answer of the notification, page by page."""
    n = notification
    sections: list[Section] = []
    for page in PAGES:
        if not page.applies(n):
            continue
        change_url = _page_url(n, page.slug) if change_links else ""
        if page.slug == "children":
            children = list(n.children.all())
            if change_links:
                sections.append(
                    Section(
                        page.title,
                        [Row("Children", f"{len(children)} added" if children else "None added")],
                        reverse("notifications:children", args=[n.pk]),
                        "the children",
                    )
                )
            for number, child in enumerate(children, start=1):
                section = _child_section(number, child, child.pk == n.subject_child_id)
                if change_links:
                    section.change_url = reverse("notifications:child", args=[n.pk, child.pk])
                    section.change_text = f"child {number}"
                sections.append(section)
            continue
        if page.slug == "family":
            rows = [_member_row(m) for m in n.family_members.all()]
            sections.append(
                Section(
                    page.title,
                    rows or [Row("Family members", "None given")],
                    change_url,
                    page.title.lower(),
                )
            )
            continue
        if page.slug == "documents":
            rows = [
                Row(
                    a.original_name,
                    filesizeformat(a.size),
                    reverse("notifications:attachment", args=[a.pk]),
                )
                for a in n.attachments.all()
            ]
            sections.append(
                Section(
                    page.title,
                    rows or [Row("Documents", "None uploaded")],
                    change_url,
                    page.title.lower(),
                )
            )
            continue
        rows = rows_for(questions_on(page.slug), n, page.slug in n.answered_pages)
        if page.slug == "your-details":
            rows[2:2] = [Row("Organisation", n.organisation.name)]
            rows.append(Row("E-mail", n.notifier.email))
        sections.append(Section(page.title, rows, change_url, page.title.lower()))
    return sections
