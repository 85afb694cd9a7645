"""An asked agency answers (Procedure A 4(i)): on a page that shows only what it needs to
search its records; "no involvement" with the records searched, or a summary and a
skeleton chronology; saved until sent; a correction is a new version."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.deadlines.calendar import LONDON, end_of_day
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.decisions.models import InvolvementRequest
from casereviews.decisions.services import lisg_recommendation_record
from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.involvement.models import ChronologyEntry, InvolvementReturn
from casereviews.involvement.services.meetings import lisg_meeting_assign
from casereviews.involvement.services.requests import (
    involvement_requests_send,
    lisg_go_ahead_record,
)
from casereviews.outbox.models import OutboxEmail
from casereviews.workflow.models import TimelineEntry
from tests.helpers import sign_in
from tests.involvement.conftest import CHILD, NARRATIVE, PARENT
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db


def london(year: int, month: int, day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=LONDON)


def ask_all(partners) -> dict[str, InvolvementRequest]:
    sent = involvement_requests_send(
        notification=partners.case,
        organisations=[partners.police, partners.health, partners.school],
        by=partners.manager,
    )
    return {r.organisation.name.split()[0].lower(): r for r in sent}


def entry(day: str, what: str, source: str = "Case note") -> dict[str, str]:
    year, month, date = day.split("-")
    return {
        "date_day": date,
        "date_month": month,
        "date_year": year,
        "time": "",
        "what_happened": what,
        "who_involved": "Police officer",
        "source": source,
    }


def answer_involved(client, request: InvolvementRequest, summary: str, *entries) -> None:
    url = reverse("involvement:request", args=[request.pk])
    assert client.post(url, {"involvement": "involved", "summary": summary}).status_code == 302
    for data in entries:
        add = reverse("involvement:entry-add", args=[request.pk])
        assert client.post(add, data).status_code == 302
    assert client.post(reverse("involvement:send", args=[request.pk])).status_code == 302


def test_the_agency_sees_only_what_it_needs_to_search_its_records(client, partners):
    """Names, dates of birth, addresses and the incident date; never the notifier's
    narrative, the criteria or another agency's answer."""
    asked = ask_all(partners)
    health = sign_in(client, partners.health_lead)
    answer_involved(
        health, asked["frimley"], "Health visiting since birth", entry("2026-01-05", "Seen")
    )
    client.logout()
    page = sign_in(client, partners.police_lead).get(
        reverse("involvement:request", args=[asked["thames"].pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    for needed in (CHILD, PARENT, "4 Larch Avenue", "9 April 2025", "2 November 2026"):
        assert needed in text
    for hidden in (NARRATIVE, "Health visiting since birth", "suspected", "Frimley"):
        assert hidden not in text
    assert AuditEvent.objects.filter(action="involvement_request.read").count() == 1


def test_agency_a_gets_not_found_for_agency_bs_request_and_its_pages(client, partners):
    asked = ask_all(partners)
    police = sign_in(client, partners.police_lead)
    theirs = asked["frimley"].pk
    for name, kwargs in (
        ("involvement:request", {"pk": theirs}),
        ("involvement:send", {"pk": theirs}),
        ("involvement:entry-add", {"pk": theirs}),
        ("involvement:upload", {"pk": theirs}),
        ("involvement:correct", {"pk": theirs}),
        ("involvement:template", {"pk": theirs, "file_type": "csv"}),
    ):
        assert police.get(reverse(name, kwargs=kwargs)).status_code == 404, name
    answer = police.post(
        reverse("involvement:request", args=[theirs]), {"involvement": "not_involved"}
    )
    assert answer.status_code == 404
    assert not InvolvementReturn.objects.exists()
    missing = police.get(reverse("involvement:request", args=[theirs + 100]))
    assert missing.status_code == 404
    assert AuditEvent.objects.filter(action="access.denied").count() >= 8


def test_no_involvement_needs_the_records_searched_then_meets_the_deadline(client, partners):
    with time_machine.travel(london(2026, 11, 2, 10), tick=False):
        asked = ask_all(partners)
    school = sign_in(client, partners.school_lead)
    url = reverse("involvement:request", args=[asked["crown"].pk])
    with time_machine.travel(london(2026, 11, 4, 10), tick=False):
        school.post(url, {"involvement": "not_involved"})
        refused = school.post(reverse("involvement:send", args=[asked["crown"].pk]))
        assert "Enter which records you searched" in refused.content.decode()
        assert Deadline.objects.get(subject=f"involvement-request:{asked['crown'].pk}").state == (
            DeadlineState.OPEN
        )
        school.post(
            url,
            {
                "involvement": "not_involved",
                "records_searched": "Searched pupil records system 04/11/2026",
            },
        )
        assert school.post(reverse("involvement:send", args=[asked["crown"].pk])).status_code == 302
    request = InvolvementRequest.objects.get(pk=asked["crown"].pk)
    assert request.status == "answered"
    deadline = Deadline.objects.get(subject=f"involvement-request:{request.pk}")
    assert deadline.state == DeadlineState.MET
    sent = InvolvementReturn.objects.get(request=request)
    assert (sent.state, sent.version, sent.involvement) == ("submitted", 1, "not_involved")
    timeline = TimelineEntry.objects.get(kind="involvement_return.submitted")
    assert timeline.text == "Crown Wood Primary School answered the request for information"
    assert AuditEvent.objects.filter(action="involvement_return.submitted").count() == 1
    # The Business Managers are told; the e-mail names the agency, not the child.
    told = OutboxEmail.objects.get(key__startswith=f"involvement-return:{request.pk}:v1")
    assert CHILD not in told.body


def test_an_involved_answer_needs_a_summary_and_a_chronology(client, partners):
    asked = ask_all(partners)
    police = sign_in(client, partners.police_lead)
    url = reverse("involvement:request", args=[asked["thames"].pk])
    police.post(url, {"involvement": "involved"})
    refused = police.post(reverse("involvement:send", args=[asked["thames"].pk]))
    text = refused.content.decode()
    assert "Enter a summary of the information your agency holds" in text
    assert "Add at least one chronology entry" in text
    assert InvolvementReturn.objects.get().state == "draft"


def test_a_bad_entry_is_refused_at_its_field_and_nothing_typed_is_lost(client, partners):
    asked = ask_all(partners)
    police = sign_in(client, partners.police_lead)
    add = reverse("involvement:entry-add", args=[asked["thames"].pk])
    data = entry("2026-01-05", "Domestic abuse call-out attended")
    data["time"] = "25:99"
    data["source"] = ""
    response = police.post(add, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "must be like 14:30" in text
    assert "Enter the source record" in text
    assert "Domestic abuse call-out attended" in text
    assert not ChronologyEntry.objects.exists()


def test_a_corrected_return_keeps_its_earlier_version(client, partners):
    asked = ask_all(partners)
    police = sign_in(client, partners.police_lead)
    request = asked["thames"]
    answer_involved(police, request, "One call-out", entry("2026-01-05", "Call-out attended"))
    refused = police.post(
        reverse("involvement:request", args=[request.pk]),
        {"involvement": "involved", "summary": "Changed silently"},
    )
    assert "start a correction" in refused.content.decode()
    assert (
        police.post(
            reverse("involvement:correct", args=[request.pk]),
            {"reason": "A second call-out was found"},
        ).status_code
        == 302
    )
    police.post(
        reverse("involvement:request", args=[request.pk]),
        {"involvement": "involved", "summary": "Two call-outs"},
    )
    police.post(
        reverse("involvement:entry-add", args=[request.pk]),
        entry("2026-02-11", "Second call-out attended"),
    )
    assert police.post(reverse("involvement:send", args=[request.pk])).status_code == 302
    first, second = InvolvementReturn.objects.filter(request=request).order_by("version")
    assert (first.state, first.summary, first.entries.count()) == ("superseded", "One call-out", 1)
    assert (second.state, second.summary, second.entries.count()) == (
        "submitted",
        "Two call-outs",
        2,
    )
    assert second.correction_reason == "A second call-out was found"
    # The board reads only the corrected version's entries.
    assert set(
        ChronologyEntry.objects.filter(current=True).values_list("involvement_return", flat=True)
    ) == {second.pk}
    page = police.get(reverse("involvement:request", args=[request.pk])).content.decode()
    assert "version 1" in page
    assert "Replaced by a correction" in page
    assert "One call-out" in page


def test_returns_are_due_before_the_lisg_meeting_and_cancelled_by_its_recommendation(partners):
    """Asked on Monday 2 November 2026 with no meeting: due after 10 working days
    (Monday 16 November). The case is then put to the meeting of Thursday 26 November:
    due 5 working days before it, Thursday 19 November. The LISG's recommendation
    cancels what is still awaited; an answer already sent stays met."""
    with time_machine.travel(london(2026, 11, 2, 10), tick=False):
        asked = ask_all(partners)
    police = asked["thames"]
    assert police.due_at == end_of_day(datetime.date(2026, 11, 16))
    with time_machine.travel(london(2026, 11, 3, 10), tick=False):
        lisg_meeting_assign(
            notification=partners.case,
            meeting_date=datetime.date(2026, 11, 26),
            by=partners.manager,
        )
    police.refresh_from_db()
    assert police.due_at == end_of_day(datetime.date(2026, 11, 19))
    subject = f"involvement-request:{police.pk}"
    states = dict(Deadline.objects.filter(subject=subject).values_list("rule_code", "state"))
    assert states == {"agency_return_due": "cancelled", "agency_return_before_meeting": "open"}
    InvolvementRequest.objects.filter(notification=partners.case).exclude(pk=police.pk).update(
        status="answered"
    )
    lisg_go_ahead_record(
        notification=partners.case,
        reason="Police answer by phone at the meeting",
        by=partners.manager,
    )
    member = partners.people[Role.LISG_MEMBER]
    meeting = before_the_lisg(partners.case, member, on=datetime.date(2026, 11, 26))
    lisg_recommendation_record(
        notification=partners.case,
        by=member,
        expected_version=partners.case.version,
        review_type="scr",
        methodology="silp",
        rationale="Regulation 5(2) is met",
        meeting=meeting,
    )
    deadline = Deadline.objects.get(subject=subject, rule_code="agency_return_before_meeting")
    assert deadline.state == DeadlineState.CANCELLED


def test_the_agency_lead_sees_the_request_on_their_home_page(client, partners):
    asked = ask_all(partners)
    home = sign_in(client, partners.police_lead).get(reverse("frontend:home")).content.decode()
    assert reverse("involvement:request", args=[asked["thames"].pk]) in home
    assert reverse("involvement:request", args=[asked["frimley"].pk]) not in home
    # The case by its reference, when the answer is due, and that it is still to answer.
    row = home.split(reverse("involvement:request", args=[asked["thames"].pk]))[1]
    row = row.split("</tr>")[0]
    reference = asked["thames"].notification.reference
    assert reference is not None
    assert reference in row
    assert govuk_date(asked["thames"].due_at) in row
    assert "To answer" in row
