"""The Business Manager searches and exports their board's audit trail and sees who has
seen a case; an administrator sees only the events of no board; nobody else sees any."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from tests.documents import attachment_of
from tests.factories import NotificationFactory, person
from tests.prepared_files.helpers import fetch_prepared

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(board):
    return NotificationFactory.create(board=board)


def read_case(client, case) -> None:
    assert client.get(reverse("notifications:detail", args=[case.reference])).status_code == 200


def test_the_business_manager_searches_the_events_of_a_case(
    board, business_manager, case, signed_in
):
    other_case = NotificationFactory.create(board=board)
    client = signed_in(business_manager)
    read_case(client, case)
    read_case(client, other_case)
    response = client.get(reverse("audit:search"), {"reference": case.reference.lower()})
    assert response.status_code == 200
    events = list(response.context["events"])
    assert [(e.action, e.object_id) for e in events] == [("notification.read", str(case.pk))]
    page = response.content.decode()
    assert "Read the case" in page
    assert business_manager.email in page


def date_query(name: str, day: datetime.date) -> dict[str, int]:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_search_by_person_action_and_dates(board, business_manager, case, signed_in):
    chair = person(board, Role.INDEPENDENT_CHAIR)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)):
        read_case(signed_in(chair), case)
    with time_machine.travel(datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.UTC)):
        read_case(signed_in(chair), case)
        read_case(signed_in(business_manager), case)
    client = signed_in(business_manager)
    search = reverse("audit:search")
    by_person = client.get(
        search,
        {
            "email": chair.email.upper(),
            "action": "notification.read",
            **date_query("date_from", datetime.date(2026, 3, 1)),
        },
    )
    assert [e.actor for e in by_person.context["events"]] == [chair, chair]
    first_week = {
        **date_query("date_from", datetime.date(2026, 3, 1)),
        **date_query("date_to", datetime.date(2026, 3, 7)),
    }
    in_first_week = client.get(search, first_week)
    assert [(e.actor, e.at.day) for e in in_first_week.context["events"]] == [(chair, 2)]
    from_the_ninth = client.get(search, date_query("date_from", datetime.date(2026, 3, 9)))
    assert {e.actor for e in from_the_ninth.context["events"]} == {chair, business_manager}


def test_a_search_without_dates_covers_the_last_month(board, business_manager, case, signed_in):
    """The search reads a bounded period of the trail: with no dates, the last 31 days,
    and the page says which."""
    chair = person(board, Role.INDEPENDENT_CHAIR)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)):
        read_case(signed_in(chair), case)
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, tzinfo=datetime.UTC)):
        read_case(signed_in(chair), case)
        response = signed_in(business_manager).get(
            reverse("audit:search"), {"action": "notification.read"}
        )
    assert [e.at.date() for e in response.context["events"]] == [datetime.date(2026, 4, 10)]
    assert "Events from 11 March 2026 to 10 April 2026." in response.content.decode()


def test_a_mistake_in_the_search_is_shown_at_the_field(board, business_manager, signed_in):
    response = signed_in(business_manager).get(
        reverse("audit:search"),
        {
            "reference": "XX-1999-0001",
            "date_from_day": "31",
            "date_from_month": "2",
            "date_from_year": "2026",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is no case of this board with this reference" in page
    assert "The date must be a real date" in page
    assert "govuk-error-summary" in page
    assert list(response.context["events"]) == []


def test_a_mistake_keeps_what_was_chosen_as_the_action(board, business_manager, signed_in):
    """Nothing entered is lost: the action chosen stays chosen beside the mistake, and
    only it."""
    response = signed_in(business_manager).get(
        reverse("audit:search"),
        {
            "action": "notification.read",
            "date_from_day": "31",
            "date_from_month": "2",
            "date_from_year": "2026",
        },
    )
    page = response.content.decode()
    assert "The date must be a real date" in page
    assert page.count(" selected>") == 1
    assert '<option value="notification.read" selected>Read the case</option>' in page


def test_the_business_manager_sees_no_event_of_another_board(
    board, other_board, business_manager, signed_in
):
    elsewhere = NotificationFactory.create(board=other_board)
    read_case(signed_in(person(other_board, Role.BUSINESS_MANAGER)), elsewhere)
    client = signed_in(business_manager)
    response = client.get(reverse("audit:search"))
    assert list(response.context["events"]) == []
    searched = client.get(reverse("audit:search"), {"reference": elsewhere.reference})
    assert "There is no case of this board with this reference" in searched.content.decode()


def test_who_has_seen_this_case(board, business_manager, case, signed_in):
    """Reading the case page, downloading its PDF and downloading one of its documents
    all count as having seen the case."""
    chair = person(board, Role.INDEPENDENT_CHAIR, email="chair@board.example.org")
    read_case(signed_in(chair), case)
    read_case(signed_in(chair), case)
    manager = signed_in(business_manager)
    pdf = fetch_prepared(manager, reverse("notifications:pdf", args=[case.reference]))
    assert pdf.status_code == 200
    document = attachment_of(case)
    download = manager.get(reverse("notifications:attachment", args=[document.pk]))
    assert download.status_code == 200
    response = manager.get(reverse("audit:who-has-seen"), {"reference": case.reference})
    readers = {r["actor_email"]: r["reads"] for r in response.context["readers"]}
    assert readers == {"chair@board.example.org": 2, business_manager.email: 2}
    assert "chair@board.example.org" in response.content.decode()


def test_the_export_is_a_csv_of_the_search_and_is_itself_audited(
    board, business_manager, case, signed_in
):
    client = signed_in(business_manager)
    read_case(client, case)
    response = client.get(reverse("audit:export"), {"reference": case.reference})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="audit-trail-BF.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Event", "Time (UK)", "Person"]
    assert [row[5] for row in rows[1:]] == ["Read the case"]
    assert rows[0][7] == "Framework of the case"
    assert [row[7] for row in rows[1:]] == ["LSCB (2015)"]
    export = AuditEvent.objects.get(action="audit.export")
    assert (export.actor, export.board) == (business_manager, board)
    assert export.detail == {"search": {"reference": case.reference}, "events": 1}


def test_the_export_cannot_carry_a_spreadsheet_formula(board, business_manager, signed_in):
    for label in ('=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)"):
        audit_record(action=label, actor=business_manager, board=board)
    response = signed_in(business_manager).get(reverse("audit:export"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    actions = {row[5] for row in rows[1:]}
    assert actions == {'\'=HYPERLINK("http://x")', "'+1", "'-1+2", "'@SUM(A1)"}


@pytest.mark.parametrize(
    "role", [Role.NOTIFIER, Role.AGENCY_LEAD, Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR]
)
def test_only_the_business_manager_opens_the_audit_trail(board, role, signed_in):
    client = signed_in(person(board, role))
    for name in ("audit:search", "audit:export", "audit:who-has-seen"):
        assert client.get(reverse(name)).status_code == 403
    assert not AuditEvent.objects.filter(action="audit.export").exists()
    assert AuditEvent.objects.filter(action="access.denied").count() == 3


def test_an_administrator_sees_events_of_no_board_but_no_case_event(
    board, administrator, business_manager, case, signed_in
):
    read_case(signed_in(business_manager), case)
    audit_record(action="auth.sign_in", actor=business_manager)
    client = signed_in(administrator)
    response = client.get(reverse("audit:without-board"))
    assert [e.action for e in response.context["events"]] == ["auth.sign_in"]
    assert case.reference not in response.content.decode()
    assert client.get(reverse("audit:search")).status_code == 403


def test_the_navigation_offers_the_audit_trail_to_the_business_manager_only(
    board, business_manager, notifier, signed_in
):
    assert "Audit trail" in signed_in(business_manager).get("/").content.decode()
    assert "Audit trail" not in signed_in(notifier).get("/").content.decode()


def test_an_end_date_before_the_start_date_is_shown_at_the_field(
    board, business_manager, signed_in
):
    query = {
        **date_query("date_from", datetime.date(2026, 3, 9)),
        **date_query("date_to", datetime.date(2026, 3, 2)),
    }
    client = signed_in(business_manager)
    response = client.get(reverse("audit:search"), query)
    assert "The end date must be the same as or after the start date" in response.content.decode()
    # The export of a search with a mistake goes back to the search, and exports nothing.
    export = client.get(reverse("audit:export"), query)
    assert export.status_code == 302
    assert export["Location"].startswith(reverse("audit:search") + "?")
    assert not AuditEvent.objects.filter(action="audit.export").exists()


def test_an_administrator_searches_events_of_no_board_by_person(administrator, signed_in, board):
    first, second = person(board, Role.NOTIFIER), person(board, Role.NOTIFIER)
    audit_record(action="auth.sign_in", actor=first)
    audit_record(action="auth.sign_in", actor=second)
    response = signed_in(administrator).get(reverse("audit:without-board"), {"email": second.email})
    assert [event.actor for event in response.context["events"]] == [second]
    assert "Signed in" in response.content.decode()


def test_a_refusal_of_a_case_belongs_to_the_cases_board_alone(
    board, other_board, administrator, business_manager, case, signed_in
):
    """Someone who may not see a case and asks for it (an administrator, who holds no
    board's role; a Business Manager of another board) is recorded in the trail of the
    case's board, where its Business Manager sees who tried; neither the administrators'
    page of events of no board nor the other board's trail names the case."""
    outsider = person(other_board, Role.BUSINESS_MANAGER)
    for asking in (administrator, outsider):
        response = signed_in(asking).get(reverse("notifications:detail", args=[case.reference]))
        assert response.status_code == 404
    refusals = AuditEvent.objects.filter(action="access.denied")
    assert {(event.actor, event.board) for event in refusals} == {
        (administrator, board),
        (outsider, board),
    }
    sign_ins = signed_in(administrator).get(reverse("audit:without-board")).content.decode()
    assert case.reference not in sign_ins
    other_trail = signed_in(outsider).get(reverse("audit:search")).content.decode()
    assert case.reference not in other_trail
    own_trail = signed_in(business_manager).get(
        reverse("audit:search"), {"reference": case.reference}
    )
    assert {event.actor for event in own_trail.context["events"]} >= {administrator, outsider}


def test_the_administrators_page_names_no_case_even_in_an_earlier_refusal(
    administrator, board, case, signed_in
):
    """A refusal recorded before refusals were given to the case's board, with no board,
    is listed without its case's reference, in its subject or its page's address."""
    audit_record(
        action="access.denied",
        actor=administrator,
        outcome="denied",
        detail={"path": f"/notifications/{case.reference}", "case": case.reference, "status": 404},
    )
    page = signed_in(administrator).get(reverse("audit:without-board")).content.decode()
    assert case.reference not in page
    assert "/notifications/(a case reference)" in page
