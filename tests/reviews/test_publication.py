"""Publishing an SCR report, and the learning of a CPIR disseminated instead (Procedure
A 1: "a clear requirement for all SCRs to be published in full"; issue 11: a CPIR or
audit "is not forced through publication")."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.boards.models import Role
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.deadlines.services import review_completion_rule
from casereviews.involvement.models import ParallelProcess
from casereviews.notifications.models import Status
from casereviews.reviews.models import Publication
from tests.factories import moved
from tests.helpers import sign_in
from tests.notifications.helpers import date_parts
from tests.reviews.helpers import commissioned
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_the_planned_date_cannot_precede_the_pre_publication_deadline(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REPORT)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    planned = reverse("reviews:planned-date", args=[case.reference])
    copy_on = TODAY - datetime.timedelta(days=2)
    bm.post(
        reverse("reviews:copy-sent", args=[case.reference]),
        {**date_parts("ofsted_copy_sent_on", copy_on), **date_parts("panel_copy_sent_on", copy_on)},
    )
    too_soon = copy_on + datetime.timedelta(days=6)
    html = bm.post(planned, date_parts("planned_on", too_soon)).content.decode()
    earliest = copy_on + datetime.timedelta(days=7)
    assert f"The planned date must be on or after {earliest:%-d %B %Y}" in html
    assert Publication.objects.get().planned_on is None

    bm.post(planned, date_parts("planned_on", earliest))
    assert Publication.objects.get().planned_on == earliest


def test_a_copy_still_to_send_is_a_deadline_a_week_before_the_planned_date(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REPORT)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    planned_on = TODAY + datetime.timedelta(days=30)
    bm.post(
        reverse("reviews:planned-date", args=[case.reference]), date_parts("planned_on", planned_on)
    )
    deadline = Deadline.objects.get(notification=case, rule_code="pre_publication_copy")
    assert timezone.localtime(deadline.due_at).date() == planned_on - datetime.timedelta(days=7)
    bm.post(
        reverse("reviews:copy-sent", args=[case.reference]),
        {**date_parts("ofsted_copy_sent_on", TODAY), **date_parts("panel_copy_sent_on", TODAY)},
    )
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MET


def test_parallel_processes_affecting_publication_are_acknowledged_first(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REPORT)
    ParallelProcess.objects.create(
        notification=case,
        kind="criminal_proceedings",
        status="under_way",
        affects_publication=True,
        updated_by=people[Role.BUSINESS_MANAGER],
        updated_at=timezone.now(),
    )
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    url = reverse("reviews:planned-date", args=[case.reference])
    assert "Criminal proceedings: under way" in bm.get(url).content.decode()
    day = TODAY + datetime.timedelta(days=30)
    html = bm.post(url, date_parts("planned_on", day)).content.decode()
    assert "Confirm that you have considered the parallel processes" in html
    bm.post(url, {**date_parts("planned_on", day), "acknowledged": "on"})
    publication = Publication.objects.get()
    assert publication.planned_on == day
    assert publication.parallel_processes_acknowledged == "Criminal proceedings (under way)"


def test_an_scr_is_published_in_full_and_kept_published_for_twelve_months(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REPORT)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    copy_on = TODAY - datetime.timedelta(days=10)
    published_on = TODAY - datetime.timedelta(days=1)
    record = reverse("reviews:publication-record", args=[case.reference])
    full = {
        "version": str(case.version),
        "form": "full",
        "web_address": "https://lscb.example.org/scr",
        **date_parts("published_on", published_on),
    }
    html = bm.post(record, full).content.decode()
    assert "The report cannot be published before" in html  # no copy sent yet
    bm.post(
        reverse("reviews:sign-off", args=[case.reference]), date_parts("signed_off_on", copy_on)
    )
    bm.post(
        reverse("reviews:copy-sent", args=[case.reference]),
        {**date_parts("ofsted_copy_sent_on", copy_on), **date_parts("panel_copy_sent_on", copy_on)},
    )
    response = bm.post(record, full, follow=True)
    assert f"The publication of the report of {case.reference} is recorded" in (
        response.content.decode()
    )
    case.refresh_from_db()
    assert case.status == Status.PUBLISHED
    publication = Publication.objects.get()
    assert publication.kept_published_until == published_on.replace(year=published_on.year + 1)


def test_a_summary_needs_a_reason_the_chair_agreed(board) -> None:
    people = staff(board)
    case = commissioned(board, people, status=Status.REPORT)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    html = bm.post(
        reverse("reviews:publication-record", args=[case.reference]),
        {"version": str(case.version), "form": "summary", "reason": "To protect a sibling"},
    ).content.decode()
    assert "and when the Independent Chair agreed it" in html
    assert "To protect a sibling" in html
    case.refresh_from_db()
    assert case.status == Status.REPORT


def test_a_cpir_ends_with_learning_disseminated_and_is_never_published(board) -> None:
    people = staff(board)
    case = commissioned(board, people, kind="cpir", status=Status.REPORT)
    bm = sign_in(Client(), people[Role.BUSINESS_MANAGER])
    page = bm.get(reverse("notifications:detail", args=[case.reference])).content.decode()
    assert "Record that the learning was disseminated" in page
    # Publishing is refused with the reason, and the publication page refuses a CPIR.
    publish = reverse("reviews:publication-record", args=[case.reference])
    html = bm.post(
        publish,
        {"version": str(case.version), "form": "full", "web_address": "https://x.example.org"},
    ).content.decode()
    assert "Only an SCR report is published" in html
    response = bm.post(
        reverse("reviews:learning", args=[case.reference]),
        {
            "version": str(case.version),
            "how": "A seven-minute briefing",
            "to_whom": "Every partner agency's safeguarding lead",
            **date_parts("on", TODAY),
        },
        follow=True,
    )
    assert "The dissemination of the learning" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.LEARNING_DISSEMINATED
    moved(case, "monitor_actions", people[Role.BUSINESS_MANAGER])
    assert case.status == Status.ACTIONS_MONITORED


def test_the_completion_target_is_configured_per_type_of_review(settings) -> None:
    settings.REVIEW_COMPLETION_MONTHS = {"cpir": 3}
    started = datetime.datetime(2026, 1, 15, 10, tzinfo=datetime.UTC)
    assert timezone.localtime(review_completion_rule("cpir").due(started)).date() == (
        datetime.date(2026, 4, 15)
    )
    # SCRs keep six months by default.
    assert timezone.localtime(review_completion_rule("scr").due(started)).date() == (
        datetime.date(2026, 7, 15)
    )
