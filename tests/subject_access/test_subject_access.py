"""Subject access requests (docs/adr/0035): the data protection officer finds everything
about a named person across the board's cases, audited without the name; exports it;
records what was released and redacted; and the one-month deadline of UK GDPR
Article 12(3), with its extension, is kept."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.subject_access import deadline, services
from casereviews.subject_access.models import SubjectAccessRelease, SubjectAccessRequest
from casereviews.subject_access.search import person_search
from tests.factories import person
from tests.retention.cases import NAME, finished_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(board):
    return person(board, Role.DATA_PROTECTION_OFFICER, full_name="Dee Okafor")


def received(client, day: datetime.date, name: str = NAME):
    return client.post(
        reverse("subject_access:requests"),
        {
            "full_name": name,
            "received_on_day": str(day.day),
            "received_on_month": str(day.month),
            "received_on_year": str(day.year),
        },
    )


@pytest.mark.parametrize(
    ("received_on", "due"),
    [
        # The same date of the next month (the ICO's example: 3 September → 3 October).
        (datetime.date(2026, 9, 3), datetime.date(2026, 10, 5)),  # 3 October is a Saturday
        (datetime.date(2026, 9, 21), datetime.date(2026, 10, 21)),
        # No 31 September: the last day of the month.
        (datetime.date(2026, 8, 31), datetime.date(2026, 9, 30)),
        # 25 and 26 December are bank holidays, 27 and 28 the weekend... the next working day.
        (datetime.date(2026, 11, 25), datetime.date(2026, 12, 29)),
    ],
)
def test_the_answer_is_due_a_calendar_month_after_receipt(received_on, due) -> None:
    assert deadline.due_on(received_on) == due


def test_an_extension_adds_two_months_and_only_within_the_first(board, officer) -> None:
    sar = services.sar_create(
        board=board, full_name=NAME, received_on=datetime.date(2026, 9, 21), by=officer
    )

    with pytest.raises(services.TooLate):
        services.sar_extend(
            sar=sar, reason="Many cases", by=officer, today=datetime.date(2026, 10, 22)
        )
    services.sar_extend(sar=sar, reason="Many cases", by=officer, today=datetime.date(2026, 10, 20))

    sar.refresh_from_db()
    assert sar.extended_on == datetime.date(2026, 10, 20)
    assert deadline.due_on(sar.received_on, extended=True) == datetime.date(2026, 12, 21)


def test_the_officer_finds_the_child_across_the_boards_cases_and_the_search_is_audited(
    board, other_board, officer, signed_in
) -> None:
    first = finished_case(board, years_ago=1)
    second = finished_case(board, years_ago=2)
    elsewhere = finished_case(other_board, years_ago=1)
    client = signed_in(officer)

    made = received(client, timezone.localdate())
    sar = SubjectAccessRequest.objects.get()
    assert made.status_code == 302
    page = client.get(reverse("subject_access:detail", args=[sar.pk])).content.decode()

    assert f"{first.reference}: Child" in page
    assert f"{second.reference}: Child" in page
    assert "9 March 2014" in page  # the child's date of birth, from the child's row
    assert "4 Acacia Road, Bracknell" in page
    assert str(elsewhere.reference) not in page
    searched = AuditEvent.objects.get(action="subject_access.searched")
    assert searched.detail["cases"] == sorted([str(first.reference), str(second.reference)])
    assert searched.detail["name"] == services.name_fingerprint(NAME.upper())
    # The name is never in the audit trail.
    assert not [e for e in AuditEvent.objects.all() if "thornbury" in str(e.detail).lower()]


def test_the_exports_hold_the_persons_records_and_are_audited(board, officer, signed_in) -> None:
    case = finished_case(board, years_ago=1)
    client = signed_in(officer)
    received(client, timezone.localdate())
    sar = SubjectAccessRequest.objects.get()

    as_json = client.get(reverse("subject_access:export", args=[sar.pk, "json"]))
    records = json.loads(as_json.content)["records"]
    child = next(r for r in records if r["record"] == "Child")
    assert (child["case"], child["fields"]["Full name"]) == (case.reference, NAME)
    assert child["fields"]["Date of birth"] == "9 March 2014"
    as_csv = client.get(reverse("subject_access:export", args=[sar.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert [case.reference, "Child", "Full name", NAME] in rows
    as_pdf = client.get(reverse("subject_access:export", args=[sar.pk, "pdf"]))
    assert as_pdf.content.startswith(b"%PDF")
    assert as_pdf["Content-Disposition"] == f'attachment; filename="subject-access-{sar.pk}.pdf"'
    assert [
        e.action for e in AuditEvent.objects.filter(action__startswith="subject_access.exp")
    ] == [
        "subject_access.exported.json",
        "subject_access.exported.csv",
        "subject_access.exported.pdf",
    ]


def test_what_was_released_and_redacted_is_recorded(board, officer, signed_in) -> None:
    finished_case(board, years_ago=1)
    client = signed_in(officer)
    received(client, timezone.localdate())
    sar = SubjectAccessRequest.objects.get()
    found = person_search(board, NAME)
    child = next(item.key for item in found if item.what == "Child")

    missing = client.post(reverse("subject_access:detail", args=[sar.pk]), {"redactions": "x"})
    assert "Select what was released" in missing.content.decode()
    client.post(
        reverse("subject_access:detail", args=[sar.pk]),
        {
            "items": [child],
            "redactions": "The mother's address (third-party data)",
            "released_on_day": "1",
            "released_on_month": "10",
            "released_on_year": "2026",
        },
    )

    release = SubjectAccessRelease.objects.get()
    assert (release.items, release.redactions, release.released_by) == (
        [child],
        "The mother's address (third-party data)",
        officer,
    )
    assert AuditEvent.objects.filter(action="subject_access.released").exists()


def test_only_the_data_protection_officer_may_search(board, business_manager, signed_in) -> None:
    assert signed_in(business_manager).get(reverse("subject_access:requests")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.sar_create(
            board=board, full_name=NAME, received_on=timezone.localdate(), by=business_manager
        )
    assert not SubjectAccessRequest.objects.exists()
