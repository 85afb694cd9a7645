"""A whole CRNF A in one go (the API): each page's answers are checked by the very form
the page uses, so the API and the pages refuse the same answers with the same messages,
then kept and sent.

`answers` is the API's JSON, already typed (dates as `datetime.date`). Where each answer
is in it, and how it converts, is the question's own entry in
`casereviews.notifications.crnf.description`: nothing here names a question."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError
from django.http import HttpRequest
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.audit.services import audited_transaction
from casereviews.boards.models import Board
from casereviews.frameworks.vocabulary import Framework
from casereviews.notifications import services
from casereviews.notifications.crnf.description import (
    CHILD_QUESTIONS,
    FAMILY_QUESTIONS,
    MAX_AGENCIES,
    MAX_CHILDREN,
    MAX_FAMILY_MEMBERS,
    PAGES,
    RowLimit,
    questions_on,
)
from casereviews.notifications.crnf.model import UNSET, Kind, Question
from casereviews.notifications.forms import (
    PAGE_FORMS,
    ChildForm,
    CrnfForm,
    FamilyMemberForm,
    FormContext,
)
from casereviews.notifications.models import Notification
from casereviews.submission.services import notification_submit


class AnswersRefused(Exception):
    """Some answers are refused: `errors` maps where (like `children[0].date_of_birth`)
    to the messages the page would show."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def api_value(answers: dict[str, Any], q: Question) -> Any:
    """The answer to `q` in the API JSON, or UNSET when it is left out."""
    value: Any = answers
    for part in q.api_parts:
        if not isinstance(value, dict) or part not in value:
            return UNSET
        value = value[part]
    return value


def _form_data(answers: dict[str, Any], questions: tuple[Question, ...]) -> dict[str, Any]:
    return {q.name: q.form_from_api(api_value(answers, q)) for q in questions}


def _collect(
    errors: dict[str, list[str]],
    form: CrnfForm,
    where: str = "",
) -> dict[str, Any]:
    if form.is_valid():
        return form.cleaned_data
    paths = {q.name: q.api for q in form.questions}
    for name, messages in form.errors.items():
        path = paths.get(name, where)
        if where and name in paths:
            path = f"{where}.{path}"
        errors[path or "answers"] = [str(m) for m in messages]
    return {}


def _rows(
    errors: dict[str, list[str]],
    given: list[dict[str, Any]],
    api: str,
    limit: RowLimit,
    make: Any,
) -> list[dict[str, Any]]:
    if len(given) > limit():
        # Refused before any row is judged: the cost of a refusal does not grow with it.
        errors[api] = [limit.message]
        return []
    return [_collect(errors, make(row), f"{api}[{i}]") for i, row in enumerate(given)]


def _validate(
    answers: dict[str, Any], board: Board, framework: Framework
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    errors: dict[str, list[str]] = {}
    children_in = answers.get("children") or []
    if not children_in:
        errors["children"] = ["Add at least one child"]
    # The children are judged against the incident date (18 or over), and it against them.
    first_look = PAGE_FORMS["incident"](_form_data(answers, questions_on("incident")))
    first_look.is_valid()
    incident_date = first_look.cleaned_data.get("incident_date")
    children = _rows(
        errors,
        children_in,
        "children",
        MAX_CHILDREN,
        lambda row: ChildForm(
            _form_data(row, CHILD_QUESTIONS), context=FormContext(incident_date=incident_date)
        ),
    )
    members = _rows(
        errors,
        answers.get("family_members") or [],
        "family_members",
        MAX_FAMILY_MEMBERS,
        lambda row: FamilyMemberForm(_form_data(row, FAMILY_QUESTIONS)),
    )
    context = FormContext(
        partners=board.partners.all(),
        birth_dates=[c["date_of_birth"] for c in children if c.get("date_of_birth")],
        # Sent at once, the notification follows the framework the board has in force today.
        framework=framework,
    )
    died = (answers.get("criteria_facts") or {}).get("child_died") is True
    cleaned: dict[str, dict[str, Any]] = {}
    for page in PAGES:
        questions = questions_on(page.slug)
        if not questions or (page.slug == "death" and not died):
            continue
        data = _form_data(answers, questions)
        unknown = [
            q.name
            for q in questions
            if q.api_omitted_is_unknown and api_value(answers, q) in (UNSET, None)
        ]
        too_many = [
            q.api
            for q in questions
            if q.kind is Kind.AGENCIES and len(data[q.name]) > MAX_AGENCIES()
        ]
        if too_many:
            errors[too_many[0]] = [MAX_AGENCIES.message]
            continue
        form = PAGE_FORMS[page.slug](data, context=context)
        for name in unknown:
            form.fields[name].required = False
        page_answers = _collect(errors, form)
        for name in unknown:
            # Left out is not known, not "none known".
            page_answers.pop(name, None)
        cleaned[page.slug] = page_answers
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

    The draft is made without auditing each step: the audit trail records what the
    request did, one event, the submission (`notification.submit`).

    Raises `AnswersRefused` with every refused answer."""
    if client_reference:
        earlier = Notification.objects.filter(notifier=by, client_reference=client_reference)
        if earlier.exists():
            return earlier.get(), False
    # Read once: the answers are judged by it, and the draft and its submission keep it.
    framework = board.framework_on(timezone.localdate())
    cleaned, children, members = _validate(answers, board, framework)
    try:
        with audited_transaction():
            notification = services.draft_create(
                board=board,
                by=by,
                review_sought=cleaned["review-sought"]["review_sought"],
                client_reference=client_reference,
                framework=framework,
            )
            saved = services.rows_create(
                notification=notification, children=children, members=members
            )
            subject = next(
                (
                    row
                    for row, given in zip(saved, answers["children"], strict=True)
                    if given.get("subject")
                ),
                saved[0],
            )
            # Every page applied to the one instance, then its row written once.
            services.subject_child_apply(notification=notification, child=subject, save=False)
            services.page_apply(notification=notification, slug="family", answers={}, save=False)
            for slug, page_answers in cleaned.items():
                if slug != "review-sought":
                    services.page_apply(
                        notification=notification, slug=slug, answers=page_answers, save=False
                    )
            notification.save()
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
