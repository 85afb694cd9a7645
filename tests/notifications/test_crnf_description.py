"""Every question of the CRNF A's one description (`crnf.description`) is saved, shown on
check your answers, on the case page and in the PDF, and accepted and returned by the
API — and through the pages too. The tests walk the description: a question added there
is checked here without a line changed."""

from __future__ import annotations

import copy
import datetime
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from casereviews.api.services import api_token_create
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, BoardFramework
from casereviews.notifications.crnf.description import (
    CHILD_QUESTIONS,
    FAMILY_QUESTIONS,
    PAGES,
    QUESTIONS,
    questions_on,
)
from casereviews.notifications.crnf.model import NOT_GIVEN, UNSET, Kind, Question
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.summary import answer_text
from tests.factories import OrganisationFactory, moved
from tests.notifications.helpers import date_parts, page, start
from tests.prepared_files.helpers import fetch_prepared

pytestmark = pytest.mark.django_db


def _example(q: Question) -> Any:
    return None if q.example is UNSET else q.example


def _put(data: dict[str, Any], parts: list[str], value: Any) -> None:
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


# Some answers exclude others (a reason for not consulting, or the time of the
# consultation), so the description is walked in two notifications; together they must
# show every question.
VARIANTS: list[dict[str, Any]] = [
    {},
    {
        "consulted_with": "none",
        "not_consulted_reason": "Out of hours: no lead officer was on call",
        "child_died": False,
        "processes": UNSET,  # left out of the API: not known
    },
    # Once the board is a safeguarding partnership (Working Together 2023), the form also
    # asks when the local authority became aware of the incident.
    {"framework": "wt-2023", "review_sought": "serious_incident"},
]


def _board_follows(board: Board, variant: dict[str, Any]) -> None:
    if variant.get("framework") and not board.frameworks.exists():
        BoardFramework.objects.create(
            board=board,
            framework=variant["framework"],
            effective_from=timezone.localdate() - datetime.timedelta(days=1),
        )


def _answers(variant: dict[str, Any], agency: int) -> dict[str, Any]:
    values = {q.name: _example(q) for q in QUESTIONS}
    values.update(child_died=True, agencies=[agency])
    values.update(variant)
    return values


def _children() -> list[dict[str, Any]]:
    """Two children: one with a date of birth, one known only by age (the form keeps one
    or the other)."""
    first = {q.name: _example(q) for q in CHILD_QUESTIONS}
    first.update(age_at_incident=None, date_of_death=datetime.date(2026, 11, 21))
    second = {**first, "full_name": "Jayden Hollins", "date_of_birth": None}
    second.update(age_at_incident=9, date_of_death=None)
    return [first, second]


def _member() -> dict[str, Any]:
    return {q.name: _example(q) for q in FAMILY_QUESTIONS}


def _api_body(values: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {"board": "BF"}
    for q in QUESTIONS:
        if values[q.name] is not UNSET:
            _put(body, q.api_parts, _json(values[q.name]))
    body["children"] = [{k: _json(v) for k, v in c.items()} for c in _children()]
    body["family_members"] = [{k: _json(v) for k, v in _member().items()}]
    return body


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _shows(q: Question, record: Any, html: str, pdf: str, where: str) -> None:
    """The question's summary label and answer are on the page and in the PDF."""
    value = answer_text(q, record)
    assert value != NOT_GIVEN, (where, q.name)
    for text in (q.summary, *value.split("\n")):
        assert escape(text) in html, (where, q.name, text)
        assert _flat(text) in pdf, ("PDF", q.name, text)


def _pdf_text(client: Client, reference: str) -> str:
    response = fetch_prepared(client, reverse("notifications:pdf", args=[reference]))
    reader = PdfReader(io.BytesIO(response.content))
    return _flat("\n".join(p.extract_text() for p in reader.pages))


def test_every_question_is_accepted_saved_shown_and_returned_by_the_api(
    client, signed_in, notifier, business_manager, board: Board
) -> None:
    """Each question, sent through the API at its path, is kept in its place, comes back
    at the same path typed as sent, and is on check your answers, the case page and the
    PDF with its summary label. One audit event is written per submission."""
    agency = OrganisationFactory.create(name="Bracknell Forest Children's Social Care")
    board.partners.add(agency)
    token = api_token_create(user=notifier, name="Case system")[1]
    covered: set[str] = set()
    for number, variant in enumerate(VARIANTS, start=1):
        _board_follows(board, variant)
        values = _answers(variant, agency.pk)
        before = AuditEvent.objects.count()
        response = client.post(
            "/api/v1/notifications",
            _api_body(values),
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 201, response.content
        reference = response.json()["reference"]
        assert AuditEvent.objects.count() == before + 1
        assert AuditEvent.objects.latest("pk").action == "notification.submit"
        notification = Notification.objects.get(reference=reference)
        returned = client.get(
            f"/api/v1/notifications/{reference}", headers={"Authorization": f"Bearer {token}"}
        ).json()

        # Returned for information, the draft's check your answers page is the notifier's.
        moved(notification, "return_for_information", business_manager, reason="Tell us more")
        mine = signed_in(notifier)
        check = mine.get(reverse("submission:check", args=[notification.pk])).content.decode()
        case = mine.get(reverse("notifications:detail", args=[reference])).content.decode()
        pdf = _pdf_text(mine, reference)

        for q in QUESTIONS:
            if not q.shown(notification):
                continue
            covered.add(q.name)
            sent = values[q.name]
            expected = None if sent is UNSET else sent
            assert q.api_from_stored(q.place.get(notification)) == expected, q.name
            got: Any = returned
            for part in q.api_parts:
                got = got[part]
            assert got == _json(expected), q.name
            for html, where in ((check, "check your answers"), (case, "case page")):
                _shows(q, notification, html, pdf, where)
        children = list(notification.children.all())
        for given, child, out in zip(_children(), children, returned["children"], strict=True):
            for q in CHILD_QUESTIONS:
                assert q.place.get(child) == given[q.name], q.name
                assert out[q.api] == _json(given[q.name]), q.name
                if q.shown(child):
                    covered.add(f"child.{q.name}")
                    for html in (check, case):
                        _shows(q, child, html, pdf, f"child {q.name}")
        member = notification.family_members.get()
        for q in FAMILY_QUESTIONS:
            covered.add(f"family.{q.name}")
            assert q.place.get(member) == _member()[q.name], q.name
            assert returned["family_members"][0][q.api] == _json(_member()[q.name])
            assert escape(q.shown_text(q.place.get(member))) in case, q.name
        notification.refresh_from_db()
        assert notification.status == Status.RETURNED_FOR_INFORMATION, number
        client.logout()

    every = {q.name for q in QUESTIONS}
    every |= {f"child.{q.name}" for q in CHILD_QUESTIONS}
    every |= {f"family.{q.name}" for q in FAMILY_QUESTIONS}
    assert covered == every


def _post_data(q: Question, value: Any) -> dict[str, Any]:
    form_value = q.form_from_api(value)
    if q.kind is Kind.DATE:
        return date_parts(q.name, form_value or None)
    return {q.name: "" if form_value is None else form_value}


def test_every_question_is_asked_on_its_page_and_saved_from_it(
    signed_in, notifier, board: Board
) -> None:
    """Each question page shows its questions, and posting the description's examples
    keeps each answer in its stored place, as the API would."""
    agency = OrganisationFactory.create(name="Thames Valley Police")
    board.partners.add(agency)
    client = signed_in(notifier)
    for variant in VARIANTS:
        _board_follows(board, variant)
        values = _answers(variant, agency.pk)
        if values["processes"] is UNSET:
            values["processes"] = []  # the page insists on an answer
        notification = start(client, values["review_sought"])
        for each in PAGES:
            questions = questions_on(each.slug)
            if not questions or each.slug == "review-sought":
                continue
            notification.refresh_from_db()
            if not each.applies(notification):
                continue
            html = client.get(page(notification, each.slug)).content.decode()
            data: dict[str, Any] = {}
            for q in questions:
                if q.name == "local_authority_aware_on" and not q.shown(notification):
                    # The 2015 procedure counts nothing from the local authority's
                    # awareness: its form never asks it.
                    assert escape(q.label) not in html, q.name
                    continue
                assert escape(q.label) in html, q.name
                data.update(_post_data(q, values[q.name]))
            response = client.post(page(notification, each.slug), data)
            assert response.status_code == 302, (each.slug, response.content.decode()[:2000])
        notification.refresh_from_db()
        for q in QUESTIONS:
            if q.shown(notification):
                assert q.api_from_stored(q.place.get(notification)) == values[q.name], q.name


def test_a_question_the_api_leaves_out_as_unknown_is_unknown_not_none(
    client, notifier, business_manager, board: Board
) -> None:
    """`parallel_processes` left out: the facts are unknown (not "none known"), the API
    gives null and the case page says "Not known"."""
    token = api_token_create(user=notifier, name="Case system")[1]
    values = _answers({"processes": UNSET}, 0)
    values["agencies"] = []
    body = _api_body(values)
    response = client.post(
        "/api/v1/notifications",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.content
    notification = Notification.objects.get()
    for name in ("criminal_proceedings", "coroner_inquest", "domestic_homicide"):
        assert name not in notification.criteria_facts
    reference = notification.reference
    returned = client.get(
        f"/api/v1/notifications/{reference}", headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert returned["parallel_processes"] is None
    body_none = copy.deepcopy(body)
    body_none["parallel_processes"] = []
    second = client.post(
        "/api/v1/notifications",
        body_none,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    known = Notification.objects.get(reference=second.json()["reference"])
    assert known.criteria_facts["criminal_proceedings"] is False
    assert answer_text(QUESTIONS[[q.name for q in QUESTIONS].index("processes")], known) == (
        "None known"
    )
    assert answer_text(QUESTIONS[[q.name for q in QUESTIONS].index("processes")], notification) == (
        "Not known"
    )
