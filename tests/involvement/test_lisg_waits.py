"""The LISG does not recommend on nothing (Procedure A 4(i), (vi)): refused while an
asked agency has not answered, unless the Business Manager records why it should go
ahead; that reason is shown to the LISG and the Chair and audited. Reminders of a
return go to the agency's leads, the escalation to the Business Manager."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.jobs import sweep_deadlines
from casereviews.decisions.models import LisgRecommendation
from casereviews.involvement.models import LisgGoAhead
from casereviews.involvement.selectors import lisg_may_go_ahead
from casereviews.involvement.services.requests import (
    involvement_requests_send,
    lisg_go_ahead_record,
)
from casereviews.notifications.models import Status
from casereviews.outbox.jobs import deliver_outbox
from tests.helpers import sign_in
from tests.involvement.conftest import CHILD
from tests.lisg import before_the_lisg

pytestmark = pytest.mark.django_db

RECOMMENDATION = {
    "version": "1",
    "review_type": "scr",
    "methodology": "silp",
    "rationale": "Regulation 5(2) is met",
    "meeting_date_day": "2",
    "meeting_date_month": "11",
    "meeting_date_year": "2026",
    "meeting_held": "meeting",
}


def test_the_lisg_is_refused_until_the_business_manager_records_why_it_may_go_ahead(
    client, partners
):
    involvement_requests_send(
        notification=partners.case, organisations=[partners.police], by=partners.manager
    )
    url = reverse("decisions:lisg-recommendation", args=[partners.case.reference])
    before_the_lisg(partners.case, partners.people[Role.LISG_MEMBER], on=datetime.date(2026, 11, 2))
    lisg = sign_in(client, partners.people[Role.LISG_MEMBER])
    refused = lisg.post(url, RECOMMENDATION)
    assert "Every agency asked must answer" in refused.content.decode()
    assert not LisgRecommendation.objects.exists()
    client.logout()

    manager = sign_in(client, partners.manager)
    go_ahead = reverse("involvement:go-ahead", args=[partners.case.reference])
    empty = manager.post(go_ahead, {"reason": "  "})
    assert "Enter why the LISG should go ahead" in empty.content.decode()
    reason = "The police investigation has begun; their records come through the SIO"
    assert manager.post(go_ahead, {"reason": reason}).status_code == 302
    assert LisgGoAhead.objects.get().reason == reason
    assert AuditEvent.objects.filter(action="involvement.lisg_go_ahead").count() == 1
    client.logout()

    case_page = reverse("notifications:detail", args=[partners.case.reference])
    for role in (Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR):
        shown = sign_in(client, partners.people[role]).get(case_page).content.decode()
        assert "their records come through the SIO" in shown, role
        client.logout()
    notifier = sign_in(client, partners.people[Role.NOTIFIER]).get(case_page).content.decode()
    assert "their records come through the SIO" not in notifier
    client.logout()

    lisg = sign_in(client, partners.people[Role.LISG_MEMBER])
    assert lisg.post(url, RECOMMENDATION).status_code == 302
    partners.case.refresh_from_db()
    assert partners.case.status == Status.LISG_RECOMMENDED


def test_a_request_sent_after_the_reason_needs_a_new_one(partners):
    involvement_requests_send(
        notification=partners.case, organisations=[partners.police], by=partners.manager
    )
    lisg_go_ahead_record(notification=partners.case, reason="Police by phone", by=partners.manager)
    assert lisg_may_go_ahead(partners.case)
    involvement_requests_send(
        notification=partners.case, organisations=[partners.health], by=partners.manager
    )
    assert not lisg_may_go_ahead(partners.case)


def test_the_case_page_lists_the_agencies_yet_to_answer(client, partners):
    involvement_requests_send(
        notification=partners.case,
        organisations=[partners.police, partners.health],
        by=partners.manager,
    )
    page = sign_in(client, partners.manager).get(
        reverse("notifications:detail", args=[partners.case.reference])
    )
    text = page.content.decode()
    start = text.index("Agencies yet to answer")
    assert "Thames Valley Police" in text[start:]
    assert "Frimley Health NHS Foundation Trust" in text[start:]


def test_the_agency_is_reminded_and_then_the_business_manager_told(partners, mailbox):
    """Asked Monday 2 November 2026, due end of Monday 16 November: due soon to the
    police's leads from Thursday 12th, overdue on Tuesday 17th, escalated to the Business
    Manager once overdue a whole working day (Wednesday 18th)."""
    with time_machine.travel(datetime.datetime(2026, 11, 2, 10, tzinfo=LONDON), tick=False):
        involvement_requests_send(
            notification=partners.case, organisations=[partners.police], by=partners.manager
        )
    deliver_outbox()
    mailbox.messages.clear()
    for day in (12, 17, 18):
        moment = datetime.datetime(2026, 11, day, 10, tzinfo=LONDON)
        with time_machine.travel(moment, tick=False):
            assert sweep_deadlines() == 1
    deliver_outbox()
    to = [(message["To"], message["Subject"]) for message in mailbox.messages]
    assert sorted(to) == sorted(
        [
            (partners.police_lead.email, f"{partners.case.reference}: deadline is due soon"),
            (partners.police_lead.email, f"{partners.case.reference}: deadline is overdue"),
            (
                partners.manager.email,
                f"{partners.case.reference}: deadline is overdue and has been escalated to you",
            ),
        ]
    )
    for message in mailbox.messages:
        assert CHILD not in message.get_payload(decode=True).decode()
