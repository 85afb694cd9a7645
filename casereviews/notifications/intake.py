"""A whole CRNF A in one go (the API): each part is checked by the very form its page
uses, so the API and the pages refuse the same answers with the same messages, then
saved and sent through the same services.

`answers` is the API's JSON, already typed (dates as `datetime.date`); see
`casereviews.api.notifications` for its shape."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from casereviews.accounts.models import User
from casereviews.boards.models import Board
from casereviews.notifications import pages, services
from casereviews.notifications.forms import ReviewSoughtForm
from casereviews.notifications.models import Notification
from casereviews.notifications.row_forms import ChildForm, FamilyMemberForm
from casereviews.notifications.submission import notification_submit


class AnswersRefused(Exception):
    """Some answers are refused: `errors` maps where (like `children[0].date_of_birth`)
    to the messages the page would show."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def _date(name: str, value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def _answer(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


def _yes_no(value: Any) -> str:
    """A yes/no question: not answering it is not an answer."""
    return "yes" if value is True else "no" if value is False else ""


def _blank(value: Any) -> Any:
    return "" if value is None else value


def page_data(answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The POST data each question page would have received."""
    notifier = answers.get("notifier") or {}
    consultation = answers.get("consultation") or {}
    incident = answers.get("incident") or {}
    facts = answers.get("criteria_facts") or {}
    learning = facts.get("learning")
    processes = answers.get("parallel_processes") or []
    data: dict[str, dict[str, Any]] = {
        "review-sought": {"review_sought": _blank(answers.get("review_sought"))},
        "your-details": {
            "notifier_name": _blank(notifier.get("name")),
            "notifier_job_title": _blank(notifier.get("job_title")),
            "notifier_telephone": _blank(notifier.get("telephone")),
        },
        "consultation": {
            "consulted_with": _blank(consultation.get("consulted_with")),
            "not_consulted_reason": _blank(consultation.get("not_consulted_reason")),
            **_date("consultation_date", consultation.get("date")),
            "consultation_time": _blank(consultation.get("time")),
        },
        "incident": {
            **_date("incident_date", incident.get("date")),
            "incident_place": _blank(incident.get("place")),
            "incident_with_whom": _blank(incident.get("with_whom")),
        },
        "what-happened": {"what_happened": _blank(answers.get("what_happened"))},
        "harm": {
            "child_died": _yes_no(facts.get("child_died")),
            "seriously_harmed": _answer(facts.get("seriously_harmed"))
            if "seriously_harmed" in facts
            else "",
        },
        "death": {
            "suspected_suicide": _answer(facts.get("suspected_suicide"))
            if "suspected_suicide" in facts
            else "",
            "death_setting": _blank(facts.get("death_setting")),
        },
        "abuse-or-neglect": {"abuse_or_neglect": _blank(facts.get("abuse_or_neglect"))},
        "working-together": {
            "inter_agency_concern": _blank(facts.get("inter_agency_concern")),
            "standards_not_met": _blank(facts.get("standards_not_met")),
        },
        "learning": {
            "learning": (learning or ["none"]) if learning is not None else [],
            "good_practice": _yes_no(facts.get("good_practice")),
            "similar_issues_previously_reviewed": _answer(
                facts.get("similar_issues_previously_reviewed")
            )
            if "similar_issues_previously_reviewed" in facts
            else "",
        },
        "agencies": {
            "agencies": [str(pk) for pk in answers.get("agencies") or []],
            "other_agencies": _blank(answers.get("other_agencies")),
        },
        "parallel-processes": {
            "processes": list(processes) or ["none"],
            "parallel_process_details": _blank(answers.get("parallel_process_details")),
        },
    }
    return data


def _child_data(child: dict[str, Any]) -> dict[str, Any]:
    return {
        **{
            name: _blank(child.get(name))
            for name in (
                "full_name",
                "other_names",
                "age_at_incident",
                "sex",
                "ethnicity",
                "address",
                "local_authority",
                "child_protection_plan",
                "looked_after",
                "open_to_social_care",
            )
        },
        **_date("date_of_birth", child.get("date_of_birth")),
        **_date("date_of_death", child.get("date_of_death")),
    }


def _member_data(member: dict[str, Any]) -> dict[str, Any]:
    return {
        "full_name": _blank(member.get("full_name")),
        "relationship": _blank(member.get("relationship")),
        "address": _blank(member.get("address")),
        **_date("date_of_birth", member.get("date_of_birth")),
    }


def _collect(errors: dict[str, list[str]], where: str, form: forms.Form) -> dict[str, Any]:
    if form.is_valid():
        return form.cleaned_data
    for field, messages in form.errors.items():
        errors[f"{where}.{field}" if field != "__all__" else where] = [str(m) for m in messages]
    return {}


# Form fields named by the API differently: where the API reports an error.
_API_NAMES = {
    "review-sought": "",
    "your-details": "notifier",
    "consultation": "consultation",
    "incident": "incident",
    "what-happened": "",
    "harm": "criteria_facts",
    "death": "criteria_facts",
    "abuse-or-neglect": "criteria_facts",
    "working-together": "criteria_facts",
    "learning": "criteria_facts",
    "agencies": "",
    "parallel-processes": "",
}


def _validate(
    answers: dict[str, Any], board: Board
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    errors: dict[str, list[str]] = {}
    children_in = answers.get("children") or []
    if not children_in:
        errors["children"] = ["Add at least one child"]
    data = page_data(answers)
    incident_form = pages.PAGES_BY_SLUG["incident"].form_class
    assert incident_form is not None
    cleaned: dict[str, dict[str, Any]] = {}
    # The children are judged against the incident date (18 or over), and it against them.
    first_look = incident_form(data["incident"])
    first_look.is_valid()
    incident_date = first_look.cleaned_data.get("incident_date")
    children = [
        _collect(errors, f"children[{i}]", ChildForm(_child_data(c), incident_date=incident_date))
        for i, c in enumerate(children_in)
    ]
    died = (answers.get("criteria_facts") or {}).get("child_died") is True
    for slug, where in _API_NAMES.items():
        if slug == "death" and not died:
            continue
        page = pages.PAGES_BY_SLUG.get(slug)
        form_class = page.form_class if page else ReviewSoughtForm
        assert form_class is not None
        kwargs: dict[str, Any] = {}
        if slug == "incident":
            kwargs["birth_dates"] = [c["date_of_birth"] for c in children if c.get("date_of_birth")]
        elif slug == "agencies":
            kwargs["partners"] = board.partners.all()
        form = form_class(data[slug], **kwargs)
        if form.is_valid():
            cleaned[slug] = form.cleaned_data
        else:
            for field, messages in form.errors.items():
                name = {
                    "notifier_name": "name",
                    "notifier_job_title": "job_title",
                    "notifier_telephone": "telephone",
                    "consultation_date": "date",
                    "consultation_time": "time",
                    "incident_date": "date",
                    "incident_place": "place",
                    "incident_with_whom": "with_whom",
                    "processes": "parallel_processes",
                }.get(field, field)
                errors[f"{where}.{name}" if where else name] = [str(m) for m in messages]
    members = [
        _collect(errors, f"family_members[{i}]", FamilyMemberForm(_member_data(m)))
        for i, m in enumerate(answers.get("family_members") or [])
    ]
    if errors:
        raise AnswersRefused(errors)
    return cleaned, children, members


def notification_create_and_submit(
    *,
    board: Board,
    by: User,
    answers: dict[str, Any],
    client_reference: str = "",
    request: HttpRequest | None = None,
) -> tuple[Notification, bool]:
    """Make and send a notification from a whole CRNF A. Returns it and whether it is
    new: a `client_reference` already used by this person returns the notification it
    made, so a retried request never makes a second one.

    Raises `AnswersRefused` with every refused answer."""
    if client_reference:
        earlier = Notification.objects.filter(notifier=by, client_reference=client_reference)
        if earlier.exists():
            return earlier.get(), False
    cleaned, children, members = _validate(answers, board)
    try:
        with transaction.atomic():
            notification = services.notification_start(
                board=board,
                by=by,
                review_sought=cleaned["review-sought"]["review_sought"],
                request=request,
            )
            notification.client_reference = client_reference
            notification.save(update_fields=["client_reference"])
            saved = [
                services.child_save(notification=notification, answers=c, by=by, request=request)
                for c in children
            ]
            subject = next(
                (
                    row
                    for row, given in zip(saved, answers["children"], strict=True)
                    if given.get("subject")
                ),
                saved[0],
            )
            services.notification_choose_subject_child(
                notification=notification, child=subject, by=by, request=request
            )
            for member in members:
                services.family_member_save(
                    notification=notification, answers=member, by=by, request=request
                )
            services.notification_mark_page_answered(
                notification=notification, slug="family", by=by, request=request
            )
            for slug, page_answers in cleaned.items():
                if slug != "review-sought":
                    services.notification_answer(
                        notification=notification,
                        slug=slug,
                        answers=page_answers,
                        by=by,
                        request=request,
                    )
            notification = Notification.objects.get(pk=notification.pk)
            sent = notification_submit(
                notification=notification,
                by=by,
                expected_version=notification.version,
                request=request,
            )
    except IntegrityError:
        # The same client reference sent twice at once: the other request made it.
        if client_reference:
            return Notification.objects.get(notifier=by, client_reference=client_reference), False
        raise
    return sent, True
